import { extname } from 'node:path';
import { ReadError } from './errors.js';
import { readDoc } from './doc/index.js';
import { readDocx } from './docx.js';
import { readHtml } from './html.js';
import { readImage } from './image.js';
import { sniffPicture } from './ocr/picture.js';
import { readPdf } from './pdf/index.js';
import type { ReadContext, ReaderName, ReaderOutput } from './reader.js';
import { readText } from './text.js';
import { readRtf } from './rtf/index.js';
import { readMht } from './mht/index.js';
import { readOfd } from './ofd/index.js';
import { unzipBounded } from './zip.js';

/**
 * Picks the reader by what the bytes are (magic numbers, markup), with the file name only as a hint; a file whose
 * name says one format and whose bytes say another is read by its bytes, with a warning.
 */

export interface ReadResult extends ReaderOutput {
  reader: ReaderName;
}

const EXTENSION_FORMAT: Record<string, ReaderName> = {
  '.html': 'html', '.htm': 'html', '.shtml': 'html', '.xhtml': 'html', '.mht': 'mht', '.mhtml': 'mht',
  '.txt': 'text', '.md': 'text', '.text': 'text', '.csv': 'text',
  '.pdf': 'pdf', '.docx': 'docx', '.doc': 'doc', '.wps': 'doc', '.rtf': 'rtf', '.ofd': 'ofd',
  '.png': 'ocr', '.jpg': 'ocr', '.jpeg': 'ocr', '.tif': 'ocr', '.tiff': 'ocr', '.gif': 'ocr', '.bmp': 'ocr', '.webp': 'ocr',
};

export async function readDocument(bytes: Uint8Array, context: ReadContext): Promise<ReadResult> {
  const fileName = context.name;
  if (bytes.length === 0) throw new ReadError('empty', 'the file is empty (0 bytes)');
  const byName = EXTENSION_FORMAT[extname(fileName).toLowerCase()];
  const byBytes = await sniffZip(bytes, sniff(bytes));
  const reader = byBytes ?? byName ?? 'text';
  const output = await READERS[reader](bytes, context);
  if (byName && byName !== reader && !(byName === 'text' && reader === 'html')) {
    output.warnings.unshift(`the file is named ${extname(fileName)} but holds ${describe(reader)}; read as ${describe(reader)}`);
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
  rtf: readRtf,
  mht: readMht,
  ofd: readOfd,
};

function sniff(bytes: Uint8Array): ReaderName | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024));
  if (head.subarray(0, 5).toString('latin1') === '{\\rtf') return 'rtf';
  if (isMime(head.toString('latin1'))) return 'mht';
  if (head.subarray(0, 5).toString('latin1') === '%PDF-' || head.toString('latin1').includes('%PDF-')) return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return 'docx';
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'doc';
  if (sniffPicture(bytes)) return 'ocr';
  const text = head.toString('latin1').toLowerCase();
  if (/<(?:!doctype html|html|head|body|meta|table|div|p)[\s>]/.test(text)) return 'html';
  return undefined;
}

/** A zip whose entries hold OFD.xml is an OFD document (looked into only through the bounded unzip). */
async function sniffZip(bytes: Uint8Array, sniffed: ReaderName | undefined): Promise<ReaderName | undefined> {
  if (sniffed !== 'docx') return sniffed;
  let ofd = false;
  await unzipBounded(bytes, (name) => {
    ofd ||= name.replace(/^\/+/, '') === 'OFD.xml';
    return false;
  }).catch(() => undefined);
  return ofd ? 'ofd' : sniffed;
}

/** MIME headers at the top of the file (a single-file web page): no web page or text starts with them. */
function isMime(head: string): boolean {
  return /^(?:[\x21-\x39\x3b-\x7e]+:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*)*?mime-version:/i.test(head)
    && /content-type:\s*multipart\/related/i.test(head);
}

function describe(reader: ReaderName): string {
  return { html: 'a web page', text: 'plain text', pdf: 'a PDF', docx: 'a Word document', doc: 'a Word 97–2003 document', ocr: 'a picture', rtf: 'an RTF document', mht: 'a single-file web page', ofd: 'an OFD document' }[reader];
}
