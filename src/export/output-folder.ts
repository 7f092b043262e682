import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * The output folder, checked before any file is read: a run that cannot write its results should say so at once,
 * in one line a person can act on (which path, and why), not after an hour of reading or with a stack trace.
 */

export class OutputError extends Error {}

/** Create the folder (and its parents) and make sure a file can be written in it. */
export async function prepareOutputFolder(folder: string, what = 'output folder'): Promise<void> {
  try {
    await makeFolder(folder);
  } catch (error) {
    throw new OutputError(`cannot create the ${what} ${folder}: ${await reason(error, folder)}`);
  }
  const probe = join(folder, `.xxgk-write-test-${process.pid}`);
  try {
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    throw new OutputError(`cannot write in the ${what} ${folder}: ${await reason(error, folder)}`);
  }
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir retries forever where the system refuses a folder with
 * ENOENT although its parent exists (under /proc, some network file systems); here the refusal is reported.
 */
async function makeFolder(folder: string): Promise<void> {
  const missing: string[] = [];
  for (let path = resolve(folder); ; path = dirname(path)) {
    const info = await stat(path).catch((error: NodeJS.ErrnoException) =>
      error.code === 'ENOENT' ? undefined : Promise.reject(error),
    );
    if (info?.isDirectory()) break;
    if (info) throw Object.assign(new Error(`not a folder: ${path}`), { code: 'ENOTDIR', path });
    missing.unshift(path);
    if (path === dirname(path)) break;
  }
  for (const path of missing) {
    await mkdir(path).catch((error: NodeJS.ErrnoException) =>
      error.code === 'EEXIST' ? undefined : Promise.reject(error),
    );
  }
}

/** A file-system error met while writing outputs, as one line naming the path and why; undefined for other errors. */
export async function describeWriteError(error: unknown): Promise<string | undefined> {
  if (error instanceof OutputError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const path = (error as NodeJS.ErrnoException | undefined)?.path;
  if (!code || !path || !(code in REASONS || code === 'EEXIST' || code === 'ENOTDIR')) return undefined;
  return `cannot write ${path}: ${await reason(error, path)}`;
}

/** Chinese first, the English beside it (a catalogue can take both). */
const REASONS: Record<string, string> = {
  EACCES: '没有写入权限（permission denied）',
  EPERM: '没有写入权限（permission denied）',
  EROFS: '文件系统只读（the file system is read-only）',
  ENOSPC: '磁盘已满（the disk is full）',
  EDQUOT: '磁盘配额已用完（the disk quota is used up）',
  EIO: '磁盘读写出错（an input/output error）',
  /** SQLite's SQLITE_READONLY (bulk/disk-error.ts): the file, its folder or its file system. */
  READONLY: '文件只读，无法写入（the file is read-only）',
  EISDIR: '有文件夹挡在那里（a folder is in the way）',
  ENAMETOOLONG: '路径太长（the path is too long）',
  ENOENT: '没有这个文件或文件夹（no such file or folder）',
};

async function reason(error: unknown, path: string): Promise<string> {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'EEXIST' || code === 'ENOTDIR') {
    const file = await fileInTheWay(path);
    return file ? `a file is in the way (${file})` : 'a file is in the way';
  }
  return REASONS[code] ?? (error as Error).message;
}

/** The first part of the path, from the root down, that exists and is not a folder. */
async function fileInTheWay(path: string): Promise<string | undefined> {
  const parts: string[] = [];
  for (let p = resolve(path); p !== dirname(p); p = dirname(p)) parts.unshift(p);
  for (const part of parts) {
    const info = await stat(part).catch(() => undefined);
    if (!info) return undefined;
    if (!info.isDirectory()) return part;
  }
  return undefined;
}
