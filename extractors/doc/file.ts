import * as CFB from 'cfb';
import { detailOf, ReadError } from '../errors.js';

/**
 * The Word 97–2003 file: a compound file (OLE2, read with the `cfb` package) holding the WordDocument stream, which
 * starts with the File Information Block ([MS-DOC] Fib), and a table stream (`0Table` or `1Table`, as the FIB
 * says) holding the piece table and the property indexes.
 */

export interface WordFile {
  word: Buffer;
  table: Buffer;
  /** The Data stream: paragraph properties too large for their page live there (sprmPHugePapx). */
  data: Buffer;
  fib: Fib;
}

/** A range of bytes in the table stream (an fc/lcb pair of the FIB). */
export interface Extent {
  fc: number;
  lcb: number;
}

interface Fib {
  /** Fast-saved: the piece table may hold several pieces, and piece modifiers apply properties. */
  complex: boolean;
  /** Character counts of the stories, in the order they follow one another in the text ([MS-DOC] "Retrieving Text"). */
  ccpText: number;
  ccpFtn: number;
  ccpHdd: number;
  ccpMcr: number;
  ccpAtn: number;
  ccpEdn: number;
  ccpTxbx: number;
  clx: Extent;
  papx: Extent;
  chpx: Extent;
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const WORD_MAGIC = 0xa5ec;
/** nFib of Word 97; Word 6.0 and 95 files (nFib 101–105) lay the FIB out differently. */
const NFIB_WORD97 = 0xc0;

const FLAG_COMPLEX = 0x0004;
const FLAG_ENCRYPTED = 0x0100;
const FLAG_TABLE_1 = 0x0200;

export function openWordFile(bytes: Uint8Array): WordFile {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buffer.subarray(0, 8).equals(OLE_MAGIC)) throw notOle(buffer);
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(buffer, { type: 'buffer' });
  } catch (error) {
    throw new ReadError('corrupt', `the Word 97–2003 file's container could not be read${detailOf(error)}`);
  }
  const stream = (name: string): Buffer | undefined => {
    const entry = CFB.find(container, name);
    return entry?.content ? Buffer.from(entry.content as Uint8Array) : undefined;
  };
  if (stream('EncryptedPackage'))
    throw new ReadError('encrypted', 'the Word document is password-protected (encrypted OOXML package)');
  const word = stream('WordDocument');
  if (!word)
    throw new ReadError('unsupported', `not a Word 97–2003 document: the file holds ${describeOle(container)}`);
  if (word.length < 0x200 || word.readUInt16LE(0) !== WORD_MAGIC)
    throw new ReadError('corrupt', 'the WordDocument stream does not start with a Word file information block');
  const flags = word.readUInt16LE(0x0a);
  if (flags & FLAG_ENCRYPTED) throw new ReadError('encrypted', 'the Word 97–2003 document is password-protected');
  const nFib = word.readUInt16LE(0x02);
  if (nFib < NFIB_WORD97)
    throw new ReadError(
      'unsupported',
      `a Word 6.0/95 document (file format ${nFib}); only Word 97–2003 documents are read`,
    );
  const tableName = flags & FLAG_TABLE_1 ? '1Table' : '0Table';
  const table = stream(tableName);
  if (!table) throw new ReadError('corrupt', `the Word 97–2003 document has no ${tableName} stream`);
  return { word, table, data: stream('Data') ?? Buffer.alloc(0), fib: readFib(word, flags) };
}

/** [MS-DOC] Fib: FibBase (32 bytes), then three arrays each preceded by its length: 16-bit, 32-bit, fc/lcb pairs. */
function readFib(word: Buffer, flags: number): Fib {
  const csw = word.readUInt16LE(32);
  const longs = 34 + csw * 2 + 2;
  const cslw = word.readUInt16LE(longs - 2);
  const pairsCount = word.readUInt16LE(longs + cslw * 4);
  const pairs = longs + cslw * 4 + 2;
  if (cslw < 11 || pairsCount < 34 || pairs + pairsCount * 8 > word.length)
    throw new ReadError('corrupt', 'the Word file information block is truncated');
  const long = (i: number) => word.readInt32LE(longs + i * 4);
  const pair = (i: number): Extent => ({
    fc: word.readUInt32LE(pairs + i * 8),
    lcb: word.readUInt32LE(pairs + i * 8 + 4),
  });
  return {
    complex: (flags & FLAG_COMPLEX) !== 0,
    ccpText: long(3),
    ccpFtn: long(4),
    ccpHdd: long(5),
    ccpMcr: long(6),
    ccpAtn: long(7),
    ccpEdn: long(8),
    ccpTxbx: long(9),
    chpx: pair(12),
    papx: pair(13),
    clx: pair(33),
  };
}

function notOle(buffer: Buffer): ReadError {
  const head = buffer.subarray(0, 16).toString('latin1');
  if (head.startsWith('{\\rtf'))
    return new ReadError('unsupported', 'the file is in Rich Text Format (RTF), not a Word 97–2003 document');
  return new ReadError('corrupt', 'not a Word 97–2003 document (no compound-file header)');
}

function describeOle(container: CFB.CFB$Container): string {
  const names = new Set(container.FileIndex.map((entry) => entry.name));
  if (names.has('Workbook') || names.has('Book')) return 'an Excel workbook';
  if (names.has('PowerPoint Document')) return 'a PowerPoint presentation';
  return 'no WordDocument stream';
}
