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
