import WordExtractor from 'word-extractor';
import { isLabelLike } from '../src/text/numbers.js';
import { ReadError } from './errors.js';
import type { ReaderOutput } from './reader.js';
import { textToDocument } from './text.js';

/**
 * Word 97–2003 (.doc) reader: word-extractor gives the body text, in which a table is a stream of cells each ended
 * by a tab (Word's cell mark) and each row by one more tab (the row mark), often with no line break between rows.
 * Rows are recovered from that stream — a row starts at a label that follows a number or an empty cell — and the
 * result goes through the text path.
 */

/** An OLE file holding this stream is an encrypted (password-protected) Office document. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

export async function readDoc(bytes: Uint8Array): Promise<ReaderOutput> {
  const buffer = Buffer.from(bytes);
  if (buffer.includes(ENCRYPTED_PACKAGE)) throw new ReadError('encrypted', 'the Word document is password-protected (encrypted OOXML package)');
  if (hasEncryptedWordStream(buffer)) throw new ReadError('encrypted', 'the Word 97–2003 document is password-protected');
  let body: string;
  try {
    body = (await new WordExtractor().extract(buffer)).getBody();
  } catch (error) {
    const message = (error as Error).message;
    if (/encrypt|password/i.test(message)) throw new ReadError('encrypted', 'the document is password-protected');
    throw new ReadError('corrupt', `the Word 97–2003 document could not be read (${message})`);
  }
  if (body.trim() === '') throw new ReadError('corrupt', 'the Word 97–2003 document holds no text');
  return { document: textToDocument(tableRowsFromCellStream(body)), warnings: [] };
}

/**
 * The WordDocument stream starts with the File Information Block: magic 0xA5EC, then at offset 0x0A the flags whose
 * bit 0x0100 is fEncrypted. The stream starts on a 512-byte sector boundary of the compound file.
 */
function hasEncryptedWordStream(buffer: Buffer): boolean {
  for (let offset = 512; offset + 12 <= buffer.length; offset += 512) {
    if (buffer[offset] === 0xec && buffer[offset + 1] === 0xa5) return (buffer.readUInt16LE(offset + 10) & 0x0100) !== 0;
  }
  return false;
}

/** Re-cut tab-separated cell streams into one line per table row. */
export function tableRowsFromCellStream(body: string): string {
  return body
    .split('\n')
    .map((line) => (line.split('\t').length > 2 ? splitRows(line.split('\t')).map((row) => row.join('\t')).join('\n') : line))
    .join('\n');
}

function splitRows(cells: string[]): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let previousIsLabel = false;
  for (const raw of cells) {
    const cell = raw.trim();
    const label = isLabelLike(cell);
    if (label && !previousIsLabel && row.length > 0) {
      rows.push(row);
      row = [];
    }
    row.push(cell);
    previousIsLabel = label;
  }
  if (row.length > 0) rows.push(row);
  // The row mark leaves one empty cell at the end of each row: drop it, keep real empty cells before it.
  return rows.map((r) => (r.length > 1 && r[r.length - 1] === '' ? r.slice(0, -1) : r));
}
