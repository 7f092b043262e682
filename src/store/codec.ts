import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { formatNumber } from '../core/text/numbers.js';
import type { Box, OcrReading } from '../core/model/document.js';
import type { Cell, Report } from '../core/model/report.js';

/**
 * How a report is kept in the store without keeping anything twice, in two Brotli-compressed JSON documents:
 *
 * - its cells, column by column: the template key and the printed label as ids into the store's dictionaries, the
 *   value, the printed text only where it is not simply the value, the kind as a number, the page, the position in
 *   the document as one number, the box in tenths of a point (as cells.csv prints it);
 * - the rest: title, section texts, table summaries, findings, messages.
 *
 * Measured on mixed reports, ~1 KB and ~1.5 KB a report. A row per cell (SQLite's own record and b-tree overhead,
 * ~30 bytes a cell) took 6.4 KB, more than the rest of the store together.
 */

const KINDS = ['number', 'placeholder', 'empty', 'unreadable', 'ocr'] as const satisfies readonly Cell['kind'][];

/** A report's cells as the store keeps them: one array per property, cell i at index i of each. */
interface StoredCells {
  /** Ids into `cell_keys` (table, row, column). */
  key: number[];
  value: (number | null)[];
  /** Null when the printed text is what the value and kind imply (`defaultRaw`). */
  raw: (string | null)[];
  /** Index into KINDS. */
  kind: number[];
  /** Ids into `labels`. */
  label: number[];
  page: (number | null)[];
  /** Table, row and column in the document as one number, or text beyond its range (`packSource`). */
  source: (number | string)[];
  /** x0 y0 x1 y1 in tenths of a point, rounded as cells.csv prints them; null without a box. */
  box: ([number, number, number, number] | null)[];
  /** What few cells have: a printed note, an OCR reading, a printed unit (legacy tables). */
  extra: (Extra | null)[];
}

function extraOf(cell: Cell): Extra {
  const { note, unit, source } = cell;
  return {
    ...(note !== undefined ? { note } : {}),
    ...(source.ocr ? { ocr: source.ocr } : {}),
    ...(unit !== undefined ? { unit } : {}),
  };
}

interface Extra {
  note?: string;
  ocr?: OcrReading;
  unit?: string;
}

export interface CellKey {
  table: Cell['table'];
  row: string;
  column: string;
}

/** The text a cell of this kind and value is printed as, when nothing else was printed. */
function defaultRaw(kind: Cell['kind'], value: number | null): string | undefined {
  if (kind === 'empty') return '';
  // A whole number prints as itself (formatNumber's rounding is for fractions; this runs for every cell exported).
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, a printed text unlike the default is stored as it is; a number or OCR cell always has a value
  if ((kind === 'number' || kind === 'ocr') && value !== null)
    return Number.isInteger(value) ? String(value) : formatNumber(value);
  return undefined;
}

/** A box coordinate in tenths of a point, exactly as `toFixed(1)` prints it in cells.csv. */
function tenths(value: number): number {
  return Math.round(Number(value.toFixed(1)) * 10);
}

const ROWS = 1024;
const COLUMNS = 64;

/** Table, row and column in the document as one number, (table × 1024 + row) × 64 + column, or text beyond that. */
function packSource(table: number, row: number, col: number): number | string {
  return row < ROWS && col < COLUMNS ? (table * ROWS + row) * COLUMNS + col : `${table} ${row} ${col}`;
}

function unpackSource(source: number | string): [number, number, number] {
  if (typeof source === 'string') return source.split(' ').map(Number) as [number, number, number];
  return [Math.floor(source / COLUMNS / ROWS), Math.floor(source / COLUMNS) % ROWS, source % COLUMNS];
}

/** Quality 5: within 2% of Brotli's smallest output on reports, at a fraction of the time. */
// Stryker disable next-line ObjectLiteral: equivalent, the quality changes only the size and the time
const compress = (value: unknown) =>
  brotliCompressSync(JSON.stringify(value), { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
const decompress = <T>(bytes: Uint8Array) => JSON.parse(brotliDecompressSync(bytes).toString('utf8')) as T;

export function packCells(cells: Cell[], keyId: (cell: Cell) => number, labelId: (label: string) => number): Buffer {
  const stored: StoredCells = {
    key: [],
    value: [],
    raw: [],
    kind: [],
    label: [],
    page: [],
    source: [],
    box: [],
    extra: [],
  };
  for (const cell of cells) {
    const { source } = cell;
    stored.key.push(keyId(cell));
    stored.value.push(cell.value);
    stored.raw.push(cell.raw === defaultRaw(cell.kind, cell.value) ? null : cell.raw);
    stored.kind.push(KINDS.indexOf(cell.kind));
    stored.label.push(labelId(source.label));
    stored.page.push(source.page ?? null);
    stored.source.push(packSource(source.table, source.row, source.col));
    stored.box.push(source.box ? (source.box.map(tenths) as [number, number, number, number]) : null);
    // Stryker disable next-line ConditionalExpression: equivalent, an absent note or reading and an empty object give the same cell back
    stored.extra.push(cell.note !== undefined || source.ocr || cell.unit !== undefined ? extraOf(cell) : null);
  }
  return compress(stored);
}

/**
 * The cells' keys and values (what the rules across files compare), without the cells left unread: an OCR reading
 * not confirmed says nothing of what the copy prints, and compared it would pass for a copy printing another number.
 */
export function unpackValues(packed: Uint8Array): { key: number[]; value: (number | null)[] } {
  const stored = decompress<StoredCells>(packed);
  const unreadable = KINDS.indexOf('unreadable');
  const read = stored.key.flatMap((_, i) => (stored.kind[i] === unreadable ? [] : [i]));
  return { key: read.map((i) => stored.key[i]!), value: read.map((i) => stored.value[i]!) };
}

export function unpackCells(packed: Uint8Array, key: (id: number) => CellKey, label: (id: number) => string): Cell[] {
  const stored = decompress<StoredCells>(packed);
  return stored.key.map((keyId, i) => {
    const kind = KINDS[stored.kind[i]!]!;
    const value = stored.value[i]!;
    const [table, row, col] = unpackSource(stored.source[i]!);
    const page = stored.page[i];
    const box = stored.box[i];
    const extra = stored.extra[i];
    // Properties in the order of the model's schema, as a freshly read cell has them (assigned, not spread: this
    // runs for every cell of every export).
    const source = { table, row, col } as Cell['source'];
    // Stryker disable next-line ConditionalExpression: equivalent, JSON gives null, never undefined, for a missing page
    if (page !== null && page !== undefined) source.page = page;
    if (box) source.box = box.map((v) => v / 10) as Box;
    source.label = label(stored.label[i]!);
    if (extra?.ocr) source.ocr = extra.ocr;
    const { table: t, row: r, column } = key(keyId);
    const cell = { table: t, row: r, column, value, raw: stored.raw[i] ?? defaultRaw(kind, value) ?? '', kind } as Cell;
    if (extra?.note !== undefined) cell.note = extra.note;
    if (extra?.unit !== undefined) cell.unit = extra.unit;
    cell.source = source;
    return cell;
  });
}

/** What the store keeps of a report besides its cells and the columns it is searched by. */
type DocumentPart = Pick<Report, 'title' | 'encoding' | 'pages' | 'sections' | 'tables' | 'findings' | 'messages'>;

export function packDocument(report: Report): Buffer {
  const part: DocumentPart = {
    title: report.title,
    // Stryker disable next-line ConditionalExpression: equivalent, JSON drops an undefined property
    ...(report.encoding !== undefined ? { encoding: report.encoding } : {}),
    // Stryker disable next-line ConditionalExpression: equivalent, JSON drops an undefined property
    ...(report.pages !== undefined ? { pages: report.pages } : {}),
    sections: report.sections,
    tables: report.tables,
    findings: report.findings,
    messages: report.messages,
  };
  return compress(part);
}

export interface ReportColumns {
  status: Report['status'];
  reason: string | null;
  reader: string | null;
  formatVersion: Report['formatVersion'];
  agency: string | null;
  year: number | null;
}

/** A whole report again, in the property order `extractFromBytes` gives it. */
export function unpackReport(file: string, columns: ReportColumns, document: Uint8Array, cells: Cell[]): Report {
  const part = decompress<DocumentPart>(document);
  return {
    file,
    status: columns.status,
    ...(columns.reason !== null ? { reason: columns.reason } : {}),
    reader: columns.reader,
    // Stryker disable next-line ConditionalExpression: equivalent, every exporter writes an undefined encoding as none
    ...(part.encoding !== undefined ? { encoding: part.encoding } : {}),
    ...(part.pages !== undefined ? { pages: part.pages } : {}),
    formatVersion: columns.formatVersion,
    title: part.title,
    agency: columns.agency,
    year: columns.year,
    sections: part.sections,
    tables: part.tables,
    cells,
    findings: part.findings,
    messages: part.messages,
  };
}
