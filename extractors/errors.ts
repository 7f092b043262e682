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
