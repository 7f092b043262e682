import type { Stats } from 'node:fs';
import { inWords } from '../core/text/words.js';

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
  return `unreadable: ${inWords({ zh: `不是普通文件（${kind.zh}），未读取`, en: `not a regular file (${kind.en}), not read` })}`;
}
