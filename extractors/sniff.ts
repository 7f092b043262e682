import * as CFB from 'cfb';
import yauzl from 'yauzl';
import { sniffPicture } from './ocr/picture.js';
import type { ReaderName } from './reader.js';
import { unzipBounded } from './zip.js';

/**
 * What a file is, by its bytes: a zip container by the entries it lists (read from the central directory only, so
 * a zip bomb costs nothing here), an OLE compound file by its streams, RTF and MIME by their first bytes. The name is
 * never consulted: a spreadsheet named .doc is a spreadsheet.
 */

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The entry list is read only up to this many names: Office files hold tens, archives of reports a few hundred. */
const MAX_LISTED = 5000;

export async function sniffBytes(bytes: Uint8Array): Promise<ReaderName | undefined> {
  const head = Buffer.from(bytes.subarray(0, 1024));
  const latin = head.toString('latin1');
  if (latin.startsWith('%PDF-') || latin.includes('%PDF-')) return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return sniffZip(bytes);
  if (head.subarray(0, 8).equals(OLE_MAGIC)) return sniffOle(bytes);
  if (latin.startsWith('{\\rtf')) return 'rtf';
  // RAR and 7z: the archive reader refuses them, saying to unpack them.
  if (latin.startsWith('Rar!\x1a\x07') || latin.startsWith('7z\xbc\xaf\x27\x1c')) return 'zip';
  if (sniffPicture(bytes)) return 'ocr';
  if (isMime(latin)) return 'mht';
  if (/<(?:!doctype html|html|head|body|meta|table|div|p)[\s>]/.test(latin.toLowerCase())) return 'html';
  return undefined;
}

/** A single-file web page: MIME headers (MIME-Version, a multipart/related Content-Type) before any markup. */
function isMime(latin: string): boolean {
  const headers = latin.split(/\r?\n\r?\n/, 1)[0] ?? '';
  return /^mime-version:\s*1\.0/im.test(headers) && /^content-type:\s*multipart\//im.test(headers);
}

async function sniffZip(bytes: Uint8Array): Promise<ReaderName> {
  const names = await zipEntryNames(bytes);
  if (!names) return 'docx'; // unreadable directory: the Word reader says what is wrong with it, as before
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (names.some((n) => n.toLowerCase() === 'ofd.xml')) return 'ofd';
  if (names.includes('mimetype')) {
    const mime = await zipMimetype(bytes);
    if (mime === 'application/vnd.oasis.opendocument.text') return 'odt';
    if (mime === 'application/vnd.oasis.opendocument.spreadsheet') return 'ods';
  }
  return 'zip';
}

async function zipMimetype(bytes: Uint8Array): Promise<string | undefined> {
  try {
    const { files } = await unzipBounded(bytes, (name) => name === 'mimetype');
    return files.get('mimetype')?.toString('latin1').trim();
  } catch {
    return undefined;
  }
}

/** The names in a zip's central directory, or undefined when it cannot be read or lists too many. */
async function zipEntryNames(bytes: Uint8Array): Promise<string[] | undefined> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes), { lazyEntries: true, strictFileNames: false });
  } catch {
    return undefined;
  }
  if (zip.entryCount > MAX_LISTED) return [];
  return new Promise((resolve) => {
    const names: string[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      names.push(entry.fileName);
      zip.readEntry();
    });
    zip.on('end', () => resolve(names));
    zip.on('error', () => resolve(undefined));
    zip.readEntry();
  });
}

/** Word (and WPS 文字) by its WordDocument stream, Excel (and WPS 表格 .et) by Workbook/Book; anything else to `doc`,
 * whose reader names what the compound file holds instead. */
function sniffOle(bytes: Uint8Array): ReaderName {
  let names: Set<string>;
  try {
    const container = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' });
    names = new Set(container.FileIndex.map((entry) => entry.name));
  } catch {
    return 'doc';
  }
  if (names.has('WordDocument')) return 'doc';
  if (names.has('Workbook') || names.has('Book')) return 'xls';
  return 'doc';
}
