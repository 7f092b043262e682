import { ReadError } from '../errors.js';
import type { Extent } from './file.js';
import { SPRM } from './sprm.js';

/**
 * The piece table ([MS-DOC] Clx, PlcPcd, Pcd): the document's text is a sequence of pieces,
 * each a run of character positions (CPs) stored at a file offset (FC) of the WordDocument stream, as 8-bit
 * ("compressed", Windows-1252) or 16-bit (UTF-16LE) characters. Each piece may carry a property modifier (Prm)
 * that applies properties to all its text; fast-saved files use it.
 */

export interface Piece {
  cpStart: number;
  cpEnd: number;
  /** Byte offset of the piece's first character in the WordDocument stream. */
  fc: number;
  /** 1 byte per character (Windows-1252), else 2 (UTF-16LE). */
  compressed: boolean;
  /** The piece's property modifiers, as a grpprl (empty when it has none). */
  grpprl: Buffer;
}

const EMPTY = Buffer.alloc(0);

export function readPieces(table: Buffer, clx: Extent): Piece[] {
  const end = clx.fc + clx.lcb;
  if (clx.lcb === 0 || end > table.length)
    throw new ReadError('corrupt', 'the Word document has no readable piece table');
  const grpprls: Buffer[] = [];
  let at = clx.fc;
  while (at < end && table[at] === 0x01) {
    // Prc: the grpprls that piece modifiers refer to by index.
    const cb = table.readInt16LE(at + 1);
    if (cb < 0 || at + 3 + cb > end) break;
    grpprls.push(table.subarray(at + 3, at + 3 + cb));
    at += 3 + cb;
  }
  if (table[at] !== 0x02 || at + 5 > end)
    throw new ReadError('corrupt', 'the Word document has no readable piece table');
  const lcb = table.readUInt32LE(at + 1);
  const plc = at + 5;
  const count = (lcb - 4) / 12;
  if (!Number.isInteger(count) || count < 1 || plc + lcb > end)
    throw new ReadError('corrupt', 'the Word piece table is malformed');
  const pieces: Piece[] = [];
  for (let i = 0; i < count; i++) {
    const pcd = plc + (count + 1) * 4 + i * 8;
    const fcCompressed = table.readUInt32LE(pcd + 2);
    const compressed = (fcCompressed & 0x40000000) !== 0;
    const fc = fcCompressed & 0x3fffffff;
    pieces.push({
      cpStart: table.readUInt32LE(plc + i * 4),
      cpEnd: table.readUInt32LE(plc + (i + 1) * 4),
      fc: compressed ? fc / 2 : fc,
      compressed,
      grpprl: pieceModifiers(table.readUInt16LE(pcd + 6), grpprls),
    });
  }
  return pieces;
}

/**
 * Prm ([MS-DOC] Prm, 2.9.215 Prm0): either an index into the Prc grpprls (fComplex), or one modifier from a fixed table with a
 * one-byte operand (Prm0). Of that table only the modifiers the reader acts on are kept.
 */
function pieceModifiers(prm: number, grpprls: Buffer[]): Buffer {
  if (prm & 1) return grpprls[prm >> 1] ?? EMPTY;
  const sprm = PRM0_SPRMS[(prm >> 1) & 0x7f];
  if (sprm === undefined) return EMPTY;
  const operand = prm >> 8;
  return Buffer.from([sprm & 0xff, sprm >> 8, operand]);
}

const PRM0_SPRMS: Record<number, number> = {
  24: SPRM.PFInTable,
  25: SPRM.PFTtp,
  65: SPRM.CFRMarkDel,
  85: SPRM.CFBold,
};

const WINDOWS_1252 = new TextDecoder('windows-1252');

/** The text of a piece between two CPs of it. */
export function pieceText(word: Buffer, piece: Piece, cpFrom: number, cpTo: number): string {
  const width = piece.compressed ? 1 : 2;
  const start = piece.fc + (cpFrom - piece.cpStart) * width;
  const end = piece.fc + (cpTo - piece.cpStart) * width;
  if (end > word.length) throw new ReadError('corrupt', 'the Word piece table points past the end of the text');
  return piece.compressed ? WINDOWS_1252.decode(word.subarray(start, end)) : word.toString('utf16le', start, end);
}
