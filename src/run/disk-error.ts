/**
 * The store's SQLite errors that mean the disk refused a write (full, read-only, no permission, an I/O error), as
 * the file-system error they stand for, with the store's path: the command line then says which file could not be
 * written and why in one line, as for any output (`export/output-folder.ts`), instead of an uncaught SqliteError and
 * its stack. Every file recorded before it stays recorded (one transaction per file): a rerun with room goes on.
 */
const SQLITE_CODES: [RegExp, string][] = [
  [/^SQLITE_FULL/, 'ENOSPC'],
  [/^SQLITE_READONLY/, 'READONLY'],
  [/^SQLITE_CANTOPEN|^SQLITE_PERM|^SQLITE_AUTH/, 'EACCES'],
  [/^SQLITE_IOERR/, 'EIO'],
];

export function asDiskError(error: unknown, dbPath: string): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  const errno = SQLITE_CODES.find(([pattern]) => pattern.test(code))?.[1];
  return errno ? Object.assign(new Error((error as Error).message), { code: errno, path: dbPath }) : error;
}
