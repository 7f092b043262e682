import { ReadError } from '../errors.js';
import type { Piece } from './pieces.js';
import { pieceText } from './pieces.js';
import { runAt, type PropertyRun } from './properties.js';
import { rowDefinition, type RowDefinition } from './rows.js';
import { forEachPrl, SPRM, type Grpprl } from './sprm.js';

/**
 * A story (the main text, or the text boxes) as a sequence of paragraphs, each knowing its table depth and whether
 * its mark ends a paragraph, a table cell or a table row ([MS-DOC] 2.4.3 Overview of Tables): at depth 1 cells and
 * rows end with U+0007, the row end carrying sprmPFTtp; deeper, they end with a paragraph mark carrying
 * sprmPFInnerTableCell or sprmPFInnerTtp. A row end mark carries the row's definition.
 *
 * The text is what Word shows: field codes dropped and field results kept (fields are U+0013 code U+0014 result
 * U+0015), deleted revisions dropped, pictures and other anchors (control characters) dropped.
 */

export interface Paragraph {
  /** The visible text; line breaks inside the paragraph are "\n". */
  text: string;
  /** A heading style (Heading 1–9), or every character bold. */
  emphasis: boolean;
  /** Table depth: 0 outside tables. */
  depth: number;
  mark: 'paragraph' | 'cell' | 'row';
  /** Row end marks: the row's definition. */
  row?: RowDefinition;
}

export interface DocumentParts {
  word: Buffer;
  data: Buffer;
  pieces: Piece[];
  paragraphRuns: PropertyRun[];
  characterRuns: PropertyRun[];
}

const DELETED = 1;
const BOLD = 2;
const SPECIAL = 4;

const CELL_MARK = 0x07;
const PARAGRAPH_MARK = 0x0d;
const FIELD_BEGIN = 0x13;
const FIELD_SEPARATOR = 0x14;
const FIELD_END = 0x15;
/** Word nests tables far less deep; a deeper table depth is a damaged (or hostile) file. */
const MAX_TABLE_DEPTH = 64;

/** The paragraphs of the text between two character positions. */
export function readStory(parts: DocumentParts, cpStart: number, cpEnd: number): Paragraph[] {
  const reader = new StoryReader(parts);
  for (const piece of parts.pieces) {
    const from = Math.max(cpStart, piece.cpStart);
    const to = Math.min(cpEnd, piece.cpEnd);
    if (from < to) reader.readPiece(piece, from, to);
  }
  reader.finish();
  return reader.paragraphs;
}

class StoryReader {
  readonly paragraphs: Paragraph[] = [];
  private text = '';
  private visibleChars = 0;
  private boldChars = 0;
  /** Open fields, innermost last: false while in the field code, true once in its result. */
  private fields: boolean[] = [];
  private hiddenFields = 0;
  /** By the offset of a run's properties: many runs share one set (every table cell, say). */
  private readonly characterFlags = new Map<number, number>();
  private readonly paragraphCache = new Map<number, ParagraphProperties>();

  constructor(private readonly parts: DocumentParts) {}

  readPiece(piece: Piece, from: number, to: number): void {
    const text = pieceText(this.parts.word, piece, from, to);
    const width = piece.compressed ? 1 : 2;
    const pieceFlags = characterFlags(piece.grpprl, 0, piece.grpprl.length, 0);
    let run: PropertyRun | undefined;
    for (let i = 0; i < text.length; i++) {
      const fc = piece.fc + (from + i - piece.cpStart) * width;
      if (!run || fc < run.fcStart || fc >= run.fcEnd) run = runAt(this.parts.characterRuns, fc);
      const flags = this.flagsOf(run, piece, pieceFlags);
      const code = text.charCodeAt(i);
      if (code === PARAGRAPH_MARK || code === CELL_MARK) this.endParagraph(code, piece, fc);
      else this.addChar(code, text[i]!, flags);
    }
  }

  finish(): void {
    if (this.text.trim() !== '') this.push({ mark: 'paragraph', depth: 0 });
  }

  private flagsOf(run: PropertyRun | undefined, piece: Piece, pieceFlags: number): number {
    if (!run) return pieceFlags;
    let flags = this.characterFlags.get(run.start);
    if (flags === undefined) {
      flags = characterFlags(this.parts.word, run.start, run.end, 0);
      this.characterFlags.set(run.start, flags);
    }
    return piece.grpprl.length > 0 ? characterFlags(piece.grpprl, 0, piece.grpprl.length, flags) : flags;
  }

  private addChar(code: number, char: string, flags: number): void {
    if (code === FIELD_BEGIN) {
      this.fields.push(false);
      this.hiddenFields++;
      return;
    }
    if (code === FIELD_SEPARATOR) {
      if (this.fields.length > 0 && !this.fields[this.fields.length - 1]) {
        this.fields[this.fields.length - 1] = true;
        this.hiddenFields--;
      }
      return;
    }
    if (code === FIELD_END) {
      if (this.fields.length > 0 && !this.fields.pop()) this.hiddenFields--;
      return;
    }
    if (this.hiddenFields > 0 || flags & DELETED) return;
    const shown = shownText(code, char, (flags & SPECIAL) !== 0);
    if (shown === '') return;
    this.text += shown;
    if (shown.trim() !== '') {
      this.visibleChars++;
      if (flags & BOLD) this.boldChars++;
    }
  }

  private endParagraph(code: number, piece: Piece, fc: number): void {
    const run = runAt(this.parts.paragraphRuns, fc);
    const properties = this.paragraphProperties(run, piece);
    const table = properties.table;
    const depth = table.itap ?? (table.inTable ? 1 : 0);
    if (depth > MAX_TABLE_DEPTH)
      throw new ReadError('corrupt', `a paragraph of the Word document claims a table nesting depth of ${depth}`);
    let mark: Paragraph['mark'] = 'paragraph';
    if (depth === 1 && code === CELL_MARK) mark = table.ttp ? 'row' : 'cell';
    else if (depth > 1 && code === PARAGRAPH_MARK)
      mark = table.innerTtp ? 'row' : table.innerCell ? 'cell' : 'paragraph';
    // Fields do not reach across table cells: one left open (a damaged file) must not hide the cells after it.
    if (mark !== 'paragraph') {
      this.fields = [];
      this.hiddenFields = 0;
    }
    const istd = run?.istd ?? 0;
    if (mark === 'row') properties.row ??= rowDefinition(properties.grpprls);
    this.push({ mark, depth, ...(mark === 'row' ? { row: properties.row! } : {}) }, istd >= 1 && istd <= 9);
  }

  /** The paragraph's direct properties: its run's (shared by many paragraphs), then its piece's. */
  private paragraphProperties(run: PropertyRun | undefined, piece: Piece): ParagraphProperties {
    const own = piece.grpprl.length > 0 ? [{ buffer: piece.grpprl, start: 0, end: piece.grpprl.length }] : [];
    if (!run) return { grpprls: own, table: tableProperties(own) };
    let cached = this.paragraphCache.get(run.start);
    if (!cached) {
      const grpprls = paragraphGrpprls(this.parts, run);
      cached = { grpprls, table: tableProperties(grpprls) };
      this.paragraphCache.set(run.start, cached);
    }
    if (own.length === 0) return cached;
    const grpprls = [...cached.grpprls, ...own];
    return { grpprls, table: tableProperties(grpprls) };
  }

  private push(paragraph: Omit<Paragraph, 'text' | 'emphasis'>, heading = false): void {
    const emphasis = heading || (this.visibleChars > 0 && this.boldChars === this.visibleChars);
    this.paragraphs.push({ text: this.text, emphasis, ...paragraph });
    this.text = '';
    this.visibleChars = 0;
    this.boldChars = 0;
  }
}

interface ParagraphProperties {
  grpprls: Grpprl[];
  table: TableProperties;
  /** Row end marks: the row's definition, read once. */
  row?: RowDefinition;
}

interface TableProperties {
  inTable: boolean;
  ttp: boolean;
  itap?: number;
  innerCell: boolean;
  innerTtp: boolean;
}

function tableProperties(grpprls: Grpprl[]): TableProperties {
  const properties: TableProperties = { inTable: false, ttp: false, innerCell: false, innerTtp: false };
  let dtap = 0;
  for (const { buffer, start, end } of grpprls) {
    forEachPrl(buffer, start, end, (sprm, at) => {
      if (sprm === SPRM.PFInTable) properties.inTable = buffer[at] !== 0;
      else if (sprm === SPRM.PFTtp) properties.ttp = buffer[at] !== 0;
      else if (sprm === SPRM.PItap) properties.itap = buffer.readInt32LE(at);
      else if (sprm === SPRM.PDtap) dtap += buffer.readInt32LE(at);
      else if (sprm === SPRM.PFInnerTableCell) properties.innerCell = buffer[at] !== 0;
      else if (sprm === SPRM.PFInnerTtp) properties.innerTtp = buffer[at] !== 0;
    });
  }
  if (dtap !== 0) properties.itap = Math.max(0, (properties.itap ?? (properties.inTable ? 1 : 0)) + dtap);
  return properties;
}

/**
 * A paragraph run's properties, with those kept in the Data stream (sprmPHugePapx: a PrcData, a 16-bit size and a
 * grpprl — Word puts there the definitions of rows with many cells) read in their place.
 */
function paragraphGrpprls(parts: DocumentParts, run: PropertyRun): Grpprl[] {
  const grpprls: Grpprl[] = [];
  let start = run.start;
  forEachPrl(parts.word, run.start, run.end, (sprm, at, size) => {
    if (sprm !== SPRM.PHugePapx && sprm !== SPRM.PHugePapx97) return;
    grpprls.push({ buffer: parts.word, start, end: at - 2 });
    start = at + size;
    const offset = parts.word.readUInt32LE(at);
    if (offset + 2 > parts.data.length) return;
    const length = parts.data.readInt16LE(offset);
    grpprls.push({
      buffer: parts.data,
      start: offset + 2,
      end: Math.min(parts.data.length, offset + 2 + Math.max(0, length)),
    });
  });
  grpprls.push({ buffer: parts.word, start, end: run.end });
  return grpprls;
}

/** Deleted, bold and special-character flags a grpprl sets, on top of `flags`. */
function characterFlags(buffer: Buffer, start: number, end: number, flags: number): number {
  forEachPrl(buffer, start, end, (sprm, at) => {
    const value = buffer[at]!;
    if (sprm === SPRM.CFRMarkDel) flags = value ? flags | DELETED : flags & ~DELETED;
    // 0 off, 1 on; 0x80 "as the style" and 0x81 "opposite of the style" (styles are not read: body text is not bold).
    else if (sprm === SPRM.CFBold) flags = value === 1 || value === 0x81 ? flags | BOLD : flags & ~BOLD;
    else if (sprm === SPRM.CFSpec) flags = value ? flags | SPECIAL : flags & ~SPECIAL;
  });
  return flags;
}

/**
 * What a character shows: tabs and non-breaking spaces are spaces, line and page breaks end a line, the
 * non-breaking hyphen is a hyphen; anchors of pictures, notes and drawings (control characters, and special
 * characters such as symbols from a symbol font) show nothing that can be read as text.
 */
function shownText(code: number, char: string, special: boolean): string {
  if (code >= 0x20) return special && code === 0x28 ? '' : code === 0xa0 ? ' ' : char;
  if (code === 0x09) return ' ';
  if (code === 0x0b || code === 0x0c) return '\n';
  if (code === 0x1e) return '-';
  return '';
}
