import { readFile } from 'node:fs/promises';
import { readDocument } from '../../extractors/index.js';
import { ReadError } from '../../extractors/errors.js';
import { assembleReport } from './assemble.js';
import { reportSchema, type Report } from '../core/model/report.js';
import { bothLanguages } from '../core/i18n/lang.js';

/**
 * One file in, one audited report out. Never throws for a bad file: whatever goes wrong becomes the report's
 * status and reason, so a batch always accounts for every file it was given.
 */

export interface ExtractOptions {
  /** The name the report is filed under (cells.csv `file`); defaults to the path given. */
  name?: string;
}

export async function extractReport(path: string, options: ExtractOptions = {}): Promise<Report> {
  const name = options.name ?? path;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return failedReport(name, null, 'failed', `cannot open the file: ${(error as Error).message}`);
  }
  return extractFromBytes(bytes, name, path);
}

/** `path`, when given, is where the file is on disk: a web page's pictures are looked up beside it. */
export async function extractFromBytes(bytes: Uint8Array, name: string, path?: string): Promise<Report> {
  let read: Awaited<ReturnType<typeof readDocument>>;
  try {
    read = await readDocument(bytes, { name, ...(path !== undefined ? { path } : {}) });
  } catch (error) {
    if (error instanceof ReadError) {
      return failedReport(
        name,
        null,
        error.code === 'needs_ocr' ? 'needs_ocr' : 'failed',
        `${error.code}: ${error.message}`,
      );
    }
    // The reader's own failure (an exception it did not foresee, on bytes it could not make sense of): the user gets a
    // reason in words; the exception's text, which says nothing about the file, goes to the messages for a bug report.
    const report = failedReport(name, null, 'failed', READER_ERROR);
    return {
      ...report,
      messages: [
        {
          level: 'error',
          code: 'reader_exception',
          message: String((error as Error).stack ?? error)
            .split('\n')
            .slice(0, 3)
            .join(' | '),
        },
      ],
    };
  }
  const report = assembleReport(read.value, {
    file: name,
    reader: read.usedOcr ? `${read.reader}+ocr` : read.reader,
    ...(read.encoding ? { encoding: read.encoding } : {}),
    ...(read.value.pageCount !== undefined ? { pages: read.value.pageCount } : {}),
    messages: read.messages,
  });
  return reportSchema.parse(report);
}

const READER_ERROR = `corrupt: ${bothLanguages({
  zh: '读取器无法解析此文件，文件可能已损坏',
  en: 'the reader could not make sense of the file; it may be damaged',
})}`;

export function failedReport(file: string, reader: string | null, status: Report['status'], reason: string): Report {
  return {
    file,
    status,
    reason,
    reader,
    formatVersion: null,
    title: null,
    agency: null,
    year: null,
    sections: [],
    tables: [],
    cells: [],
    findings: [],
    messages: [],
  };
}
