import { ReadError } from '../errors.js';
import type { Extent } from './file.js';

/**
 * Direct paragraph and character properties ([MS-DOC] PlcBtePapx, PlcBteChpx, PapxFkp, ChpxFkp, PapxInFkp): a bin
 * table in the table stream lists 512-byte pages of the WordDocument stream, each mapping runs of file offsets (FCs)
 * to a grpprl. Paragraph runs also give the paragraph's style (istd).
 */

export interface PropertyRun {
  fcStart: number;
  fcEnd: number;
  /** The run's grpprl, as offsets in the WordDocument stream (start = end when the run has no properties). */
  start: number;
  end: number;
  /** Paragraph runs: the style index. */
  istd: number;
}

const PAGE = 512;

/** Paragraph runs, in file order. */
export function readParagraphRuns(word: Buffer, table: Buffer, extent: Extent): PropertyRun[] {
  return readRuns(word, table, extent, paragraphRuns);
}

/** Character runs, in file order. */
export function readCharacterRuns(word: Buffer, table: Buffer, extent: Extent): PropertyRun[] {
  return readRuns(word, table, extent, characterRuns);
}

type PageReader = (word: Buffer, page: number, runs: PropertyRun[]) => void;

function readRuns(word: Buffer, table: Buffer, extent: Extent, readPage: PageReader): PropertyRun[] {
  const count = (extent.lcb - 4) / 8;
  if (extent.lcb === 0) return [];
  if (!Number.isInteger(count) || extent.fc + extent.lcb > table.length)
    throw new ReadError('corrupt', 'the Word property index is malformed');
  const runs: PropertyRun[] = [];
  for (let i = 0; i < count; i++) {
    const pn = table.readUInt32LE(extent.fc + (count + 1) * 4 + i * 4) & 0x3fffff;
    const page = pn * PAGE;
    if (page + PAGE > word.length)
      throw new ReadError('corrupt', 'the Word property index points past the end of the document');
    readPage(word, page, runs);
  }
  return runs;
}

/** PapxFkp: crun FCs + 1, then crun 13-byte BxPap entries whose first byte is the PAPX's offset in words. */
function paragraphRuns(word: Buffer, page: number, runs: PropertyRun[]): void {
  const crun = word[page + PAGE - 1]!;
  if ((crun + 1) * 4 + crun * 13 > PAGE - 1) throw damagedPage();
  for (let i = 0; i < crun; i++) {
    const fcStart = word.readUInt32LE(page + i * 4);
    const fcEnd = word.readUInt32LE(page + (i + 1) * 4);
    const offset = word[page + (crun + 1) * 4 + i * 13]! * 2;
    if (offset === 0) {
      runs.push({ fcStart, fcEnd, start: 0, end: 0, istd: 0 });
      continue;
    }
    // PapxInFkp: a size in words (cb; 0 means the next byte holds it, counting whole words), then istd and grpprl.
    let at = page + offset;
    let size = word[at]! * 2 - 1;
    at += 1;
    if (size < 0) {
      size = word[at]! * 2;
      at += 1;
    }
    const end = Math.min(at + size, page + PAGE - 1);
    runs.push({
      fcStart,
      fcEnd,
      start: at + 2,
      end: Math.max(at + 2, end),
      istd: size >= 2 ? word.readUInt16LE(at) : 0,
    });
  }
}

/** ChpxFkp: crun FCs + 1, then crun bytes giving each CHPX's offset in words; a CHPX is a size byte and a grpprl. */
function characterRuns(word: Buffer, page: number, runs: PropertyRun[]): void {
  const crun = word[page + PAGE - 1]!;
  if ((crun + 1) * 4 + crun > PAGE - 1) throw damagedPage();
  for (let i = 0; i < crun; i++) {
    const fcStart = word.readUInt32LE(page + i * 4);
    const fcEnd = word.readUInt32LE(page + (i + 1) * 4);
    const offset = word[page + (crun + 1) * 4 + i]! * 2;
    const at = page + offset;
    const end = offset === 0 ? at : Math.min(at + 1 + word[at]!, page + PAGE - 1);
    runs.push({ fcStart, fcEnd, start: offset === 0 ? at : at + 1, end, istd: 0 });
  }
}

function damagedPage(): ReadError {
  return new ReadError('corrupt', "a page of the Word document's formatting is damaged");
}

/** The run holding a file offset (runs sorted by fcStart), or undefined. */
export function runAt(runs: PropertyRun[], fc: number): PropertyRun | undefined {
  let low = 0;
  let high = runs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const run = runs[mid]!;
    if (fc < run.fcStart) high = mid - 1;
    else if (fc >= run.fcEnd) low = mid + 1;
    else return run;
  }
  return undefined;
}
