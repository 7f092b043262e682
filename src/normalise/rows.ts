import type { Cell } from '../core/model/report.js';
import type { RegionCell, RegionRow } from '../locate/tables.js';
import { isLabelLike, parseNumber, type ParseOptions } from '../core/text/numbers.js';
import { isTotalCell, type TableKey } from '../core/template/template.js';
import { bothLanguages } from '../core/i18n/lang.js';

/**
 * Row-level helpers shared by the three table normalisers: splitting a row into its label cells and its value
 * cells, assigning value cells to column keys, and turning a printed cell into a model cell.
 */

export interface AnalysedRow {
  row: RegionRow;
  /** Cells holding words, left of the values (row-spanning group labels from above included). */
  labels: RegionCell[];
  /** Cells right of the last label, printed in this row: numbers, placeholders or nothing. */
  values: RegionCell[];
}

export function analyseRow(row: RegionRow): AnalysedRow {
  let lastLabel = -1;
  row.cells.forEach((cell, i) => {
    if (isLabelLike(cell.text)) lastLabel = i;
  });
  return {
    row,
    // Stryker disable next-line MethodExpression: equivalent, no cell after the last label is label-like
    labels: row.cells.slice(0, lastLabel + 1).filter((c) => isLabelLike(c.text)),
    values: row.cells.slice(lastLabel + 1).filter((c) => c.isOrigin),
  };
}

/** Grid positions can be trusted (markup, ruled lines, text alignment), unlike cells split by separators in a copy. */
export function hasReliableGrid(row: AnalysedRow): boolean {
  return row.row.structure !== 'text-separated' && row.row.structure !== 'text-spaced';
}

export function hasNumbers(row: AnalysedRow): boolean {
  return row.values.some((c) => c.text.trim() !== '');
}

/** A header cell matched to a column key, with the grid slots it covers. */
export interface HeaderColumn {
  key: string;
  col: number;
  colSpan: number;
  text: string;
  /** The table block the heading is printed in: grid slots mean nothing in another block (a split table's second part has a grid of its own). */
  table?: number;
  /** Not a heading: where the table's rows printed whole put this column's values (completeRowSlots). */
  fromRows?: true;
}

export interface Assignment {
  assigned: { key: string; cell: RegionCell }[];
  problem?: string;
  /** The problem changes no value read (empty cells at the row's ends dropped): a note (`info`), not a warning. */
  minor?: true;
}

/**
 * Which value cell is which column. The count of printed values is the most reliable evidence (copies shift cells
 * left or right but keep their order); the header's grid slots decide when the count differs.
 */
export function assignColumns(row: AnalysedRow, expected: string[], headerColumns: HeaderColumn[]): Assignment {
  const values = row.values;
  // Bytes the decoder could not read (extractors/decode.ts) may have eaten a cell boundary: its cells may be shifted.
  if (row.row.cells.some((cell) => cell.text.includes(DAMAGED))) return { assigned: [], problem: DAMAGED_ROW };
  // Header slots place values only where grid positions mean something: in a table read with its grid, under
  // headings printed in that same table.
  const header = hasReliableGrid(row)
    ? headerColumns.filter((h) => h.table === undefined || h.table === row.row.table)
    : [];
  // Stryker disable next-line MethodExpression: equivalent, every caller hands in no more cells than columns
  const zip = (cells: RegionCell[]) => cells.slice(0, expected.length).map((cell, i) => ({ key: expected[i]!, cell }));
  if (values.length === expected.length) return { assigned: zip(values) };
  // A copy without a grid can lose a blank cell anywhere: numbers split by spaces keep no trace of one, and copies
  // split by tabs or pipes made by other tools drop some (a PDF converted to markdown printing `| 规章 | 22 | 235 |`
  // under four headings). Which cells are missing is unknown, so the row is not read rather than read shifted.
  // Stryker disable next-line EqualityOperator: equivalent, as many values as columns returned above
  if (!hasReliableGrid(row) && values.length < expected.length) {
    const how = row.row.structure === 'text-spaced' ? 'numbers' : 'cells';
    const where = row.row.structure === 'text-spaced' ? 'text split by spaces' : 'a copy split by tabs or pipes';
    return {
      assigned: [],
      problem: `${values.length} ${how} for ${expected.length} columns; in ${where} the blank cells cannot be located, so the row is not read`,
    };
  }
  // An empty cell under no column heading (the sub-label column of a row without a sub-label) is not a value.
  const underHeadings = values.filter((cell) => cell.text.trim() !== '' || header.some((h) => overlap(cell, h) > 0));
  if (header.length > 0 && underHeadings.length === expected.length) return { assigned: zip(underHeadings) };
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, no heading places no value
  if (header.length > 0) {
    const bySlot = assignBySlot(values, header);
    // Stryker disable next-line MethodExpression: equivalent, one block's columns come all from its header or all from its rows
    const by = header.every((h) => h.fromRows) ? 'the columns the rows printed whole use' : "the header's columns";
    if (bySlot.length > 0)
      return { assigned: bySlot, problem: `${values.length} values for ${expected.length} columns; placed by ${by}` };
  }
  // A row with empty cells at both ends, more than the columns, and no heading placing them (the second part of a
  // split table; a copy, whose tables often carry an empty column at the end and an empty field where a label spans
  // two columns): which of them are blank values and which padding cannot be told.
  if (ambiguousTrim(values, expected.length)) {
    return {
      assigned: [],
      problem: `${values.length} cells for ${expected.length} columns, empty cells at both ends: which are blank values cannot be told, so the row is not read`,
    };
  }
  const trimmed = trimEmpty(values, expected.length);
  if (trimmed.length === expected.length)
    return {
      assigned: zip(trimmed),
      problem: `${values.length} cells for ${expected.length} columns; empty cells at the ends dropped`,
      minor: true,
    };
  // Stryker disable next-line EqualityOperator: equivalent, as many values as columns returned above
  if (trimmed.length < expected.length) {
    // Cells side by side from the first value on, as markup or rulings show them: what is missing is at the end. A
    // table without rulings leaves no cell where a blank is, so a short row there may lack any of its values.
    if (row.row.structure !== 'text-aligned' && sideBySide(trimmed)) {
      return {
        assigned: zip(trimmed),
        problem: `only ${trimmed.length} of ${expected.length} values printed; the rest are missing`,
      };
    }
    return {
      assigned: [],
      problem: `only ${trimmed.length} of ${expected.length} values printed, and which columns they stand in cannot be told; the row is not read`,
    };
  }
  return { assigned: [], problem: `${trimmed.length} values for ${expected.length} columns; row not read` };
}

/** Single-column cells, each in the column after the one before. */
function sideBySide(cells: RegionCell[]): boolean {
  return cells.every((cell, i) => cell.colSpan === 1 && (i === 0 || cell.col === cells[i - 1]!.col + 1));
}

/**
 * Where the rows printed whole put their values, as columns for the rows that are not, table block by table block:
 * a table without rulings leaves no cell where a blank is, but its rows printed whole show which column is where.
 * A block whose whole rows disagree gives none.
 */
export function completeRowSlots(rows: AnalysedRow[], expected: string[]): HeaderColumn[] {
  const whole = new Map<number, AnalysedRow>();
  const disagreeing = new Set<number>();
  // Stryker disable next-line StringLiteral: equivalent, columns rise along a row, so the positions read the same unseparated
  const positions = (row: AnalysedRow) => row.values.map((cell) => `${cell.col}+${cell.colSpan}`).join(' ');
  for (const row of rows) {
    if (
      !hasReliableGrid(row) ||
      row.values.length !== expected.length ||
      row.values.some((cell) => cell.text.trim() === '')
    )
      continue;
    const first = whole.get(row.row.table);
    if (!first) whole.set(row.row.table, row);
    else if (positions(first) !== positions(row)) disagreeing.add(row.row.table);
  }
  return [...whole]
    .filter(([table]) => !disagreeing.has(table))
    .flatMap(([table, row]) =>
      row.values.map(
        (cell, i): HeaderColumn => ({
          key: expected[i]!,
          col: cell.col,
          colSpan: cell.colSpan,
          text: cell.text,
          table,
          fromRows: true,
        }),
      ),
    );
}

/** The header's columns, and for table blocks the header does not cover, the columns their whole rows show. */
export function columnsOf(header: HeaderColumn[], rows: AnalysedRow[], expected: string[]): HeaderColumn[] {
  const covered = new Set(header.map((h) => h.table));
  if (covered.has(undefined)) return header;
  return [...header, ...completeRowSlots(rows, expected).filter((slot) => !covered.has(slot.table))];
}

function assignBySlot(values: RegionCell[], header: HeaderColumn[]): { key: string; cell: RegionCell }[] {
  const used = new Set<string>();
  const assigned: { key: string; cell: RegionCell }[] = [];
  for (const cell of values) {
    let best: HeaderColumn | undefined;
    let bestOverlap = 0;
    for (const column of header) {
      const shared = overlap(cell, column);
      if (shared > bestOverlap) [best, bestOverlap] = [column, shared];
    }
    if (best && !used.has(best.key)) {
      used.add(best.key);
      assigned.push({ key: best.key, cell });
    }
  }
  return assigned;
}

/** Grid columns two cells share. */
function overlap(a: { col: number; colSpan: number }, b: { col: number; colSpan: number }): number {
  return Math.min(a.col + a.colSpan, b.col + b.colSpan) - Math.max(a.col, b.col);
}

/** More cells than wanted, and the extra ones could be dropped from the start or from the end. */
function ambiguousTrim(values: RegionCell[], want: number): boolean {
  const excess = values.length - want;
  // Stryker disable next-line EqualityOperator: equivalent, a row with as many values as columns never comes here
  if (excess <= 0) return false;
  const isEmpty = (cell: RegionCell) => cell.text.trim() === '';
  let leading = 0;
  while (leading < values.length && isEmpty(values[leading]!)) leading++;
  let trailing = 0;
  while (trailing < values.length - leading && isEmpty(values[values.length - 1 - trailing]!)) trailing++;
  return leading > 0 && trailing > 0 && leading + trailing > excess;
}

function trimEmpty(values: RegionCell[], want: number): RegionCell[] {
  const cells = [...values];
  while (cells.length > want && cells[0]!.text.trim() === '') cells.shift();
  while (cells.length > want && cells[cells.length - 1]!.text.trim() === '') cells.pop();
  return cells;
}

/** The replacement character a decoder puts where bytes could not be read. */
const DAMAGED = '\ufffd';
const DAMAGED_ROW = bothLanguages({
  zh: '此行含有无法解码的字节，单元格可能错位，未读取',
  en: 'the row holds bytes that could not be decoded; its cells may be shifted, so it is not read',
});

export interface CellContext {
  table: TableKey;
  row: string;
  column: string;
  label: string;
  /** How the number is read: the column's unit (万元) and the unit its header states. */
  units?: Pick<ParseOptions, 'tenThousandYuan' | 'headerUnit'>;
}

/**
 * A printed cell as a model cell, applying the empty-cell policy (docs/spec/template.md). A reading from a picture that OCR
 * could not confirm is never a number: it is unreadable, whatever it looks like (docs/spec/template.md "Numbers read from pictures").
 */
export function toCell(printed: RegionCell, context: CellContext): Cell {
  const unconfirmed = printed.ocr !== undefined && !printed.ocr.confirmed;
  const parsed = unconfirmed
    ? { kind: 'unreadable' as const, value: null, note: 'OCR reading not confirmed' }
    : printed.text.includes(DAMAGED)
      ? {
          kind: 'unreadable' as const,
          value: null,
          note: bothLanguages({ zh: '含有无法解码的字节', en: 'holds bytes that could not be decoded' }),
        }
      : parseNumber(printed.text, context.units);
  let value = parsed.value;
  if (parsed.kind === 'empty') value = isTotalCell(context.table, context.row, context.column) ? null : 0;
  const kind = printed.ocr && parsed.kind === 'number' ? 'ocr' : parsed.kind;
  return {
    table: context.table,
    row: context.row,
    column: context.column,
    value,
    raw: printed.text,
    kind,
    ...(parsed.note ? { note: parsed.note } : {}),
    source: {
      table: printed.table,
      row: printed.row,
      col: printed.col,
      ...(printed.page ? { page: printed.page } : {}),
      ...(printed.box ? { box: printed.box } : {}),
      label: context.label,
      ...(printed.ocr ? { ocr: printed.ocr } : {}),
    },
  };
}
