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
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
    if (info?.isDirectory()) break;
    if (info) throw Object.assign(new Error(`not a folder: ${path}`), { code: 'ENOTDIR', path });
    missing.unshift(path);
    if (path === dirname(path)) break;
  }
  for (const path of missing) {
    await mkdir(path).catch((error: NodeJS.ErrnoException) => (error.code === 'EEXIST' ? undefined : Promise.reject(error)));
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

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EISDIR: 'a folder is in the way',
  ENAMETOOLONG: 'the path is too long',
  ENOENT: 'no such file or folder',
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
