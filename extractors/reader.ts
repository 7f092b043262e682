import type { DocumentModel } from '../src/model/document.js';
import type { Message } from '../src/model/messages.js';

/** What every reader returns: the document model, plus what it noticed on the way. */
export interface ReaderOutput {
  document: DocumentModel;
  /** Character encoding the text was decoded from (web pages and text copies). */
  encoding?: string;
  /** What the reader noticed: plain text (reported under the code `read`), or a message with its own code. */
  warnings: (string | Message)[];
}

export type ReaderName = 'html' | 'text' | 'docx' | 'doc' | 'pdf';
