import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { formatNumber } from '../export/csv.js';
import type { Box, OcrReading } from '../model/document.js';
import type { Cell, Report } from '../model/report.js';

/**
 * How a report is kept in the store without keeping anything twice: each cell as one row of small numbers (its
 * template key and printed label as ids into shared dictionaries; the printed text only where it is not simply the
 * value; the box in tenths of a point, packed), and the rest of the report — title, section texts, table summaries,
 * findings, messages — as one Brotli-compressed JSON document.
 */

const KINDS = ['number', 'placeholder', 'empty', 'unreadable', 'ocr'] as const satisfies readonly Cell['kind'][];

/** A cell as the store keeps it; `keyId` and `labelId` point into the `cell_keys` and `labels` dictionaries. */
export interface StoredCell {
  keyId: number;
  value: number | null;
  /** Null when the printed text is what the value and kind imply (`defaultRaw`). */
  raw: string | null;
  kind: number;
  labelId: number;
  page: number | null;
  /** Table, row and column in the document as one integer, or text beyond its range (`packSource`). */
  source: number | string;
  /** The box in tenths of a point, rounded as cells.csv prints it (`packBox`). */
  box: Uint8Array | string | null;
  /** What few cells have: a printed note, an OCR reading (JSON). */
  extra: string | null;
}

/** The text a cell of this kind and value is printed as, when nothing else was printed. */
function defaultRaw(kind: Cell['kind'], value: number | null): string | undefined {
  if (kind === 'empty') return '';
  if ((kind === 'number' || kind === 'ocr') && value !== null) return formatNumber(value);
  return undefined;
}

/** A box coordinate in tenths of a point, exactly as `toFixed(1)` prints it in cells.csv. */
function tenths(value: number): number {
  return Math.round(Number(value.toFixed(1)) * 10);
}

const INT16 = 32767;

/**
 * The box as four 16-bit integers (tenths of a point: up to 3,276 points, larger than A0) in 8 bytes, or as text
 * for a box beyond that.
 */
function packBox(box: Box): Uint8Array | string {
  const t = box.map(tenths);
  if (t.some((v) => Math.abs(v) > INT16)) return t.join(' ');
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  t.forEach((v, i) => view.setInt16(i * 2, v, true));
  return bytes;
}

function unpackBox(packed: Uint8Array | string): Box {
  if (typeof packed === 'string') return packed.split(' ').map((v) => Number(v) / 10) as Box;
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  return [0, 1, 2, 3].map((i) => view.getInt16(i * 2, true) / 10) as Box;
}

const ROWS = 1024;
const COLUMNS = 64;

/**
 * Table, row and column in the document as one integer, (table × 1024 + row) × 64 + column — 3 bytes for the usual
 * report table — or as text for a table with more rows or columns than that.
 */
function packSource(table: number, row: number, col: number): number | string {
  return row < ROWS && col < COLUMNS && table < 2 ** 30 ? (table * ROWS + row) * COLUMNS + col : `${table} ${row} ${col}`;
}

function unpackSource(source: number | string): [number, number, number] {
  if (typeof source === 'string') return source.split(' ').map(Number) as [number, number, number];
  return [Math.floor(source / COLUMNS / ROWS), Math.floor(source / COLUMNS) % ROWS, source % COLUMNS];
}

interface Extra {
  note?: string;
  ocr?: OcrReading;
}

export function packCell(cell: Cell, keyId: number, labelId: number): StoredCell {
  const extra: Extra = { ...(cell.note !== undefined ? { note: cell.note } : {}), ...(cell.source.ocr ? { ocr: cell.source.ocr } : {}) };
  return {
    keyId,
    value: cell.value,
    raw: cell.raw === defaultRaw(cell.kind, cell.value) ? null : cell.raw,
    kind: KINDS.indexOf(cell.kind),
    labelId,
    page: cell.source.page ?? null,
    source: packSource(cell.source.table, cell.source.row, cell.source.col),
    box: cell.source.box ? packBox(cell.source.box) : null,
    extra: extra.note !== undefined || extra.ocr ? JSON.stringify(extra) : null,
  };
}

export interface CellKey {
  table: Cell['table'];
  row: string;
  column: string;
}

export function unpackCell(stored: StoredCell, key: CellKey, label: string): Cell {
  const kind = KINDS[stored.kind]!;
  const [table, row, col] = unpackSource(stored.source);
  const extra = stored.extra === null ? {} : (JSON.parse(stored.extra) as Extra);
  // Properties in the order of the model's schema, as a freshly read cell has them.
  const source: Cell['source'] = {
    table,
    row,
    col,
    ...(stored.page !== null ? { page: stored.page } : {}),
    ...(stored.box !== null ? { box: unpackBox(stored.box) } : {}),
    label,
    ...(extra.ocr ? { ocr: extra.ocr } : {}),
  };
  return {
    table: key.table,
    row: key.row,
    column: key.column,
    value: stored.value,
    raw: stored.raw ?? defaultRaw(kind, stored.value) ?? '',
    kind,
    ...(extra.note !== undefined ? { note: extra.note } : {}),
    source,
  };
}

/** What the store keeps of a report besides its cells and the columns it is searched by. */
type DocumentPart = Pick<Report, 'title' | 'encoding' | 'pages' | 'sections' | 'tables' | 'findings' | 'messages'>;

export function packDocument(report: Report): Buffer {
  const part: DocumentPart = {
    title: report.title,
    ...(report.encoding !== undefined ? { encoding: report.encoding } : {}),
    ...(report.pages !== undefined ? { pages: report.pages } : {}),
    sections: report.sections,
    tables: report.tables,
    findings: report.findings,
    messages: report.messages,
  };
  // Quality 5: within 2% of the smallest Brotli output on reports, at a fraction of the time.
  return brotliCompressSync(JSON.stringify(part), { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
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
  const part = JSON.parse(brotliDecompressSync(document).toString('utf8')) as DocumentPart;
  return {
    file,
    status: columns.status,
    ...(columns.reason !== null ? { reason: columns.reason } : {}),
    reader: columns.reader,
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
