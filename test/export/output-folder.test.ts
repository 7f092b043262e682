import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWriteError, OutputError, prepareOutputFolder } from '../../src/export/output-folder.js';

/** The output folder checked before anything is read, and write errors told in one line (the command line's: test/cli/output-errors.test.ts). */

const temp = () => mkdtempSync(join(tmpdir(), 'xxgk-folder-'));
const errno = (code: string, path?: string) =>
  Object.assign(new Error(`${code}: system message`), { code, ...(path ? { path } : {}) });

describe('preparing the output folder', () => {
  it('creates it with its missing parents, and leaves nothing of its write test behind', async () => {
    const folder = join(temp(), 'a', 'b', 'out');
    await prepareOutputFolder(folder);
    expect(readdirSync(folder)).toEqual([]);
    await prepareOutputFolder(folder);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('names the file in the way, whether it is the folder itself or one of its parents, and what the folder is for', async () => {
    const dir = temp();
    const file = join(dir, 'out');
    writeFileSync(file, 'not a folder');
    await expect(prepareOutputFolder(file)).rejects.toThrow(
      new OutputError(`cannot create the output folder ${file}: a file is in the way (${file})`),
    );
    await expect(prepareOutputFolder(join(file, 'sub', 'deeper'), 'database folder')).rejects.toThrow(
      new OutputError(
        `cannot create the database folder ${join(file, 'sub', 'deeper')}: a file is in the way (${file})`,
      ),
    );
    expect(existsSync(join(dir, 'sub'))).toBe(false);
  });

  it.skipIf(!existsSync('/proc/self'))(
    'says why the system refused a folder, instead of retrying for ever',
    async () => {
      await expect(prepareOutputFolder('/proc/xxgk-out')).rejects.toThrow(
        new OutputError(
          'cannot create the output folder /proc/xxgk-out: 没有这个文件或文件夹（no such file or folder）',
        ),
      );
    },
  );
});

describe('write errors, in one line', () => {
  it('names the path and the reason a person can act on', async () => {
    expect(await describeWriteError(errno('EACCES', '/data/out/cells.csv'))).toBe(
      'cannot write /data/out/cells.csv: 没有写入权限（permission denied）',
    );
    expect(await describeWriteError(errno('EPERM', '/x'))).toBe('cannot write /x: 没有写入权限（permission denied）');
    expect(await describeWriteError(errno('EROFS', '/x'))).toBe(
      'cannot write /x: 文件系统只读（the file system is read-only）',
    );
    expect(await describeWriteError(errno('ENOSPC', '/x'))).toBe('cannot write /x: 磁盘已满（the disk is full）');
    expect(await describeWriteError(errno('EDQUOT', '/x'))).toBe(
      'cannot write /x: 磁盘配额已用完（the disk quota is used up）',
    );
    expect(await describeWriteError(errno('EISDIR', '/x'))).toBe(
      'cannot write /x: 有文件夹挡在那里（a folder is in the way）',
    );
    expect(await describeWriteError(errno('ENAMETOOLONG', '/x'))).toBe(
      'cannot write /x: 路径太长（the path is too long）',
    );
    expect(await describeWriteError(errno('ENOENT', '/x'))).toBe(
      'cannot write /x: 没有这个文件或文件夹（no such file or folder）',
    );
  });

  it('names the file in the way for EEXIST and ENOTDIR, when there is one', async () => {
    const file = join(temp(), 'view');
    writeFileSync(file, '');
    expect(await describeWriteError(errno('ENOTDIR', join(file, 'list.js')))).toBe(
      `cannot write ${join(file, 'list.js')}: a file is in the way (${file})`,
    );
    expect(await describeWriteError(errno('EEXIST', join(temp(), 'gone', 'x')))).toMatch(/: a file is in the way$/);
  });

  it('passes an output error on as it is, and leaves other errors to be reported as errors', async () => {
    expect(await describeWriteError(new OutputError('cannot write in the output folder /x: permission denied'))).toBe(
      'cannot write in the output folder /x: permission denied',
    );
    expect(await describeWriteError(errno('EIO', '/x'))).toBe('cannot write /x: 磁盘读写出错（an input/output error）');
    expect(await describeWriteError(errno('EACCES'))).toBeUndefined();
    expect(await describeWriteError(new Error('a bug'))).toBeUndefined();
    expect(await describeWriteError(undefined)).toBeUndefined();
  });
});
