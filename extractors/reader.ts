import type { DocumentModel } from '../src/core/model/document.js';
import type { Result } from '../src/core/model/result.js';

/** What a reader knows of the file besides its bytes. */
export interface ReadContext {
  /** The name the report is filed under (the path relative to the folder given). */
  name: string;
  /** Where the file is on disk, when it is a file: pictures a web page links to are found beside it. */
  path?: string;
}

/**
 * What every reader returns: a `Result` whose value is the document model, with the typed messages it noticed on the
 * way (a reader's own notes under the code `read`, or a code of their own).
 */
export interface ReaderOutput extends Result<DocumentModel> {
  /** Character encoding the text was decoded from (web pages and text copies). */
  encoding?: string;
  /** Some of the document was read from pictures by OCR (the report's reader becomes e.g. `pdf+ocr`). */
  usedOcr?: boolean;
}

/**
 * `ocr`: a picture file (PNG, JPEG, TIFF, …) read by OCR. `xls` also stands for WPS 表格 (.et), `doc` for WPS 文字;
 * `zip`: an archive whose entries are read as files of their own.
 */
export type ReaderName =
  | 'html'
  | 'text'
  | 'docx'
  | 'doc'
  | 'pdf'
  | 'ocr'
  | 'xlsx'
  | 'xls'
  | 'ods'
  | 'odt'
  | 'rtf'
  | 'mht'
  | 'ofd'
  | 'zip';
