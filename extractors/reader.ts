import type { DocumentModel } from '../src/model/document.js';
import type { Message } from '../src/model/messages.js';

/** What a reader knows of the file besides its bytes. */
export interface ReadContext {
  /** The name the report is filed under (the path relative to the folder given). */
  name: string;
  /** Where the file is on disk, when it is a file: pictures a web page links to are found beside it. */
  path?: string;
}

/** What every reader returns: the document model, plus what it noticed on the way. */
export interface ReaderOutput {
  document: DocumentModel;
  /** Character encoding the text was decoded from (web pages and text copies). */
  encoding?: string;
  /** What the reader noticed: plain text (reported under the code `read`), or a message with its own code. */
  warnings: (string | Message)[];
  /** Some of the document was read from pictures by OCR (the report's reader becomes e.g. `pdf+ocr`). */
  usedOcr?: boolean;
}

/** `ocr`: a picture file (PNG, JPEG, TIFF, …) read by OCR. */
export type ReaderName = 'html' | 'text' | 'docx' | 'doc' | 'pdf' | 'ocr' | 'rtf' | 'mht' | 'ofd';
