import { warning } from '../src/core/model/messages.js';
import { extname } from 'node:path';
import { ReadError } from './errors.js';
import { readDoc } from './doc/index.js';
import { readDocx } from './docx.js';
import { readHtml } from './html.js';
import { readImage } from './image.js';
import { readArchive } from './archive/reader.js';
import { readOdt } from './odt/index.js';
import { readPdf } from './pdf/index.js';
import type { ReadContext, ReaderName, ReaderOutput } from './reader.js';
import { readSheet } from './sheet/index.js';
import { sniffBytes } from './sniff.js';
import { readText } from './text.js';
import { readRtf } from './rtf/index.js';
import { readMht } from './mht/index.js';
import { readOfd } from './ofd/index.js';

/**
 * Picks the reader by what the bytes are (magic numbers, markup), with the file name only as a hint; a file whose
 * name says one format and whose bytes say another is read by its bytes, with a warning.
 */

export interface ReadResult extends ReaderOutput {
  reader: ReaderName;
}

const EXTENSION_FORMAT: Record<string, ReaderName> = {
  '.html': 'html',
  '.htm': 'html',
  '.shtml': 'html',
  '.xhtml': 'html',
  '.mht': 'mht',
  '.mhtml': 'mht',
  '.xlsx': 'xlsx',
  '.xlsm': 'xlsx',
  '.xls': 'xls',
  '.et': 'xls',
  '.ods': 'ods',
  '.odt': 'odt',
  '.rtf': 'rtf',
  '.ofd': 'ofd',
  '.zip': 'zip',
  '.rar': 'zip',
  '.7z': 'zip',
  '.txt': 'text',
  '.md': 'text',
  '.text': 'text',
  '.csv': 'text',
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.doc': 'doc',
  '.wps': 'doc',
  '.png': 'ocr',
  '.jpg': 'ocr',
  '.jpeg': 'ocr',
  '.tif': 'ocr',
  '.tiff': 'ocr',
  '.gif': 'ocr',
  '.bmp': 'ocr',
  '.webp': 'ocr',
};

export async function readDocument(bytes: Uint8Array, context: ReadContext): Promise<ReadResult> {
  const fileName = context.name;
  if (bytes.length === 0) throw new ReadError('empty', 'the file is empty (0 bytes)');
  const byName = EXTENSION_FORMAT[extname(fileName).toLowerCase()];
  const byBytes = await sniffBytes(bytes);
  const reader = byBytes ?? byName ?? 'text';
  const output = await READERS[reader](bytes, context);
  if (byName && byName !== reader && !(byName === 'text' && reader === 'html')) {
    output.messages.unshift(
      warning(
        'read',
        `the file is named ${extname(fileName)} but holds ${describe(reader)}; read as ${describe(reader)}`,
      ),
    );
  }
  return { ...output, reader };
}

const READERS: Record<ReaderName, (bytes: Uint8Array, context: ReadContext) => Promise<ReaderOutput> | ReaderOutput> = {
  html: readHtml,
  text: readText,
  pdf: readPdf,
  docx: readDocx,
  doc: readDoc,
  ocr: readImage,
  xlsx: readSheet,
  xls: readSheet,
  ods: readSheet,
  odt: readOdt,
  zip: readArchive,
  rtf: readRtf,
  ofd: readOfd,
  mht: readMht,
};

function describe(reader: ReaderName): string {
  return DESCRIPTIONS[reader];
}

const DESCRIPTIONS: Record<ReaderName, string> = {
  html: 'a web page',
  text: 'plain text',
  pdf: 'a PDF',
  docx: 'a Word document',
  doc: 'a Word 97–2003 document',
  ocr: 'a picture',
  xlsx: 'an Excel workbook',
  xls: 'an Excel 97–2003 (or WPS) workbook',
  ods: 'an OpenDocument spreadsheet',
  odt: 'an OpenDocument text',
  rtf: 'a Rich Text Format document',
  mht: 'a single-file web page',
  ofd: 'an OFD document',
  zip: 'an archive',
};
