import type { Stats } from 'node:fs';
import { bothLanguages } from '../core/i18n/lang.js';

/**
 * Only regular files are read: opening a named pipe waits for a writer for ever (past `--timeout`, which starts only
 * once the bytes are read), and a socket or a device is no document. Such an input is given its row at once.
 */
export function notRegularReason(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  const kind = info.isFIFO()
    ? { zh: '命名管道', en: 'a named pipe' }
    : info.isSocket()
      ? { zh: '套接字', en: 'a socket' }
      : info.isCharacterDevice() || info.isBlockDevice()
        ? { zh: '设备', en: 'a device' }
        : { zh: '文件夹', en: 'a folder' };
  return `unreadable: ${bothLanguages({ zh: `不是普通文件（${kind.zh}），未读取`, en: `not a regular file (${kind.en}), not read` })}`;
}

/** Why a file could not be opened, in words (not Node's `EACCES: permission denied, open '…'`). */
const OPEN_ERRORS: Record<string, { zh: string; en: string }> = {
  EACCES: { zh: '没有读取权限', en: 'permission denied' },
  EPERM: { zh: '没有读取权限', en: 'permission denied' },
  ENOENT: { zh: '文件不存在（可能是失效的链接）', en: 'the file does not exist (a broken link?)' },
  ELOOP: { zh: '链接循环', en: 'its links loop' },
  EISDIR: { zh: '这是一个文件夹', en: 'it is a folder' },
  EIO: { zh: '磁盘读取出错', en: 'an input/output error' },
};

export function unopenedReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const why = OPEN_ERRORS[code] ?? { zh: `系统错误 ${code || '未知'}`, en: `system error ${code || 'unknown'}` };
  return `unreadable: ${bothLanguages({ zh: `无法打开文件：${why.zh}`, en: `cannot open the file: ${why.en}` })}`;
}
