/**
 * Why a file could not be read. `code` is stable (tests and reports.csv rely on it); `message` says what was
 * wrong in words a user can act on.
 */
export type ReadErrorCode =
  | 'empty'
  | 'binary'
  | 'unsupported'
  | 'corrupt'
  | 'encrypted'
  | 'truncated'
  | 'too_large'
  | 'needs_ocr'
  /** A picture with nothing on it to read (blank or nearly blank). */
  | 'blank'
  /** A picture that cannot be read: too small, tilted too far, a photograph, a table without ruling lines. */
  | 'unreadable'
  | 'timeout';

export class ReadError extends Error {
  constructor(
    readonly code: ReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

/** Errors of the JavaScript engine itself: a reader's own failure on strange bytes, never words for a user. */
const ENGINE_ERRORS = [TypeError, ReferenceError, RangeError, SyntaxError, EvalError, URIError];

/**
 * A library's reason for refusing a file, as ` (its first line)` to follow a reason in words, or nothing when it is
 * not the library's word but the engine's (`Cannot read properties of undefined (reading 'L')`, `Maximum call stack
 * size exceeded`): those say nothing about the file. One line, at most 160 characters (xmldom's run to many lines).
 */
export function detailOf(error: unknown): string {
  if (!(error instanceof Error) || ENGINE_ERRORS.some((kind) => error instanceof kind)) return '';
  const line = error.message.split(/\r?\n/)[0]!.replace(/\s+/g, ' ').trim();
  if (!line) return '';
  return ` (${line.length > 160 ? `${line.slice(0, 159)}…` : line})`;
}
