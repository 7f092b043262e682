import type { DocumentModel } from '../src/model/document.js';

/** What every reader returns: the document model, plus what it noticed on the way. */
export interface ReaderOutput {
  document: DocumentModel;
  /** Character encoding the text was decoded from (web pages and text copies). */
  encoding?: string;
  warnings: string[];
}

export type ReaderName = 'html' | 'text' | 'docx' | 'doc' | 'pdf';
