import type { OcrReading } from '../../src/core/model/document.js';
import { similarity, squash } from '../../src/core/text/normalize.js';
import { isNumberLike } from '../../src/core/text/numbers.js';
import { joinCellLines } from './glyphs.js';
import type { PageCell, PageItem, PageTable } from './page-items.js';

/**
 * A ruled table that ends a page and a ruled table that starts the next page, with the same column layout, are one
 * table printed across pages (page numbers in between are already gone), whether the pages are digital or scanned.
 * The continuation's repeated header rows, if any, are dropped; the column grids are unified so every cell keeps
 * its place.
 */

const X_TOLERANCE = 4;

interface StitchedTable {
  pages: number[];
  structure: PageTable['structure'];
  cells: PageCell[];
}

export type StitchedItem = Exclude<PageItem, PageTable> | ({ kind: 'table' } & StitchedTable);

export function stitchPages(pages: PageItem[][]): StitchedItem[] {
  const out: StitchedItem[] = [];
  let open: { table: StitchedTable & { kind: 'table' }; xs: number[]; rows: number } | undefined;
  // A table without rulings that ends its page, whose last row the next page's first table may continue.
  let endsPage: StitchedTable | undefined;
  pages.forEach((items, p) => {
    const firstTable = items.findIndex((item) => item.kind === 'table');
    items.forEach((item, i) => {
      if (item.kind !== 'table') {
        out.push(item);
        open = undefined;
        return;
      }
      if (item.continued) {
        const previous = i === firstTable && p > 0 ? endsPage : undefined;
        if (previous) continueLastRow(previous, item.continued);
        else
          item = {
            ...item,
            cells: [
              ...item.continued.map((c) => ({ ...c, row: 0 })),
              ...item.cells.map((c) => ({ ...c, row: c.row + 1 })),
            ],
            rows: item.rows + 1,
          };
      }
      const toOpen = open ? alignment(open.table.structure, open.xs, item) : same;
      const continues =
        i === 0 &&
        p > 0 &&
        open &&
        continuable(open.table.structure, item.structure) &&
        sameColumns(open.xs, item.xs.map(toOpen));
      if (continues && open) {
        appendTable(open, item, toOpen);
      } else {
        const table = { kind: 'table' as const, pages: [item.page], structure: item.structure, cells: [...item.cells] };
        out.push(table);
        open = { table, xs: item.xs, rows: item.rows };
      }
      // Only a table that ends its page can continue on the next one.
      // Stryker disable next-line ConditionalExpression: equivalent, whatever follows on the same page replaces or closes the open table anyway
      if (i !== items.length - 1) open = undefined;
      endsPage =
        i === items.length - 1 && item.structure === 'text-aligned'
          ? (out[out.length - 1] as StitchedTable)
          : undefined;
    });
    if (items.length === 0 || items[items.length - 1]!.kind !== 'table') endsPage = undefined;
  });
  return out;
}

/**
 * Label lines at the top of a page that continue the last row of a table without rulings on the page before: each
 * joins that row's label cell in its column (a new cell where the row had none there).
 */
function continueLastRow(table: StitchedTable, continued: PageCell[]): void {
  const lastRow = Math.max(...table.cells.map((c) => c.row));
  for (const piece of continued) {
    const cell = table.cells.find((c) => c.row === lastRow && Math.abs(c.x0 - piece.x0) <= X_TOLERANCE);
    if (cell) {
      cell.text = joinCellLines([cell.text, piece.text]);
      continue;
    }
    // No cell of that row in this column (a group label begun rows above): a cell of its own if its slot is free,
    // else the text joins the label cell left of it.
    const row = table.cells.filter((c) => c.row === lastRow).sort((a, b) => a.x0 - b.x0);
    const right = row.find((c) => c.x0 > piece.x0);
    const col = right ? right.col - 1 : Math.max(-1, ...row.map((c) => c.col)) + 1;
    const left = [...row].reverse().find((c) => c.x0 < piece.x0);
    if (col >= 0 && !row.some((c) => c.col === col)) table.cells.push({ ...piece, row: lastRow, col });
    else if (left) left.text = joinCellLines([left.text, piece.text]);
  }
  table.cells.sort((a, b) => a.row - b.row || a.col - b.col);
}

/** Ruled tables continue on the next page, whether the pages are digital or scanned (a scanned page among digital ones). */
function continuable(open: StitchedTable['structure'], next: PageTable['structure']): boolean {
  return RULED.has(open) && RULED.has(next);
}

/** How alike a scanned page's first row and the table's first row must read to be the same header repeated. */
const SCANNED_HEADER_SIMILARITY = 0.8;
const RULED = new Set<PageTable['structure']>(['ruled', 'ocr']);
const same = (x: number) => x;

/**
 * A continuation's x positions in the open table's frame. Digital pages print a table's columns exactly in place; a
 * scanned sheet lies a little to one side or the other on the scanner, so a table on a scanned page is compared by
 * its columns' positions from its left edge (the same checks then apply: both edges, and the same columns).
 */
function alignment(open: StitchedTable['structure'], xs: number[], next: PageTable): (x: number) => number {
  if (open !== 'ocr' && next.structure !== 'ocr') return same;
  const shift = (next.xs[0] ?? 0) - (xs[0] ?? 0);
  return (x) => x - shift;
}

/** The continuation has the same columns, or a subset of them (a merged header may hide some boundaries). */
function sameColumns(a: number[], b: number[]): boolean {
  const near = (x: number, list: number[]) => list.some((y) => Math.abs(x - y) <= X_TOLERANCE);
  const first = a[0]!;
  const last = a[a.length - 1]!;
  return (
    Math.abs(first - b[0]!) <= X_TOLERANCE &&
    Math.abs(last - b[b.length - 1]!) <= X_TOLERANCE &&
    (b.every((x) => near(x, a)) || a.every((x) => near(x, b)))
  );
}

/**
 * `toOpen`: the continuation's x positions in the open table's frame. Cells are placed on the unified grid by their
 * own table's column boundaries (a scanned cell's box is its outline on the tilted scan; its grid slot is exact).
 */
function appendTable(
  open: { table: StitchedTable; xs: number[]; rows: number },
  next: PageTable,
  toOpen: (x: number) => number,
): void {
  const repeated = repeatedHeaderRows(
    open.table.cells,
    next.cells,
    open.table.structure === 'ocr' || next.structure === 'ocr',
  );
  const nextXs = next.xs.map(toOpen);
  const xs = unify(open.xs, nextXs);
  const column = (x: number) => xs.findIndex((v) => Math.abs(v - x) <= X_TOLERANCE);
  const place = (cell: PageCell, own: number[] | undefined, rowOffset: number, frame = same): PageCell => {
    const col = column(own?.[cell.col] ?? frame(cell.x0));
    return {
      ...cell,
      row: cell.row + rowOffset,
      col,
      colSpan: Math.max(1, column(own?.[cell.col + cell.colSpan] ?? frame(cell.x1)) - col),
    };
  };
  // Each grid once per page, not once per cell: a table continued over 200 pages holds thousands of cells.
  const openGrid = gridOf(open.xs, open.table.cells);
  open.table.cells = open.table.cells.map((c) => place(c, openGrid, 0));
  const nextGrid = gridOf(nextXs, next.cells);
  const continuation = next.cells.filter((c) => c.row >= repeated).map((c) => place(c, nextGrid, -repeated, toOpen));
  const lastRow = open.rows - 1;
  const split = isSplitRow(open.table.cells, lastRow, continuation);
  // A row broken by the page joins its first half: rows of the continuation move up by one.
  const offset = split ? lastRow : open.rows;
  for (const cell of continuation.map((c) => ({ ...c, row: c.row + offset }))) {
    const first =
      split && cell.row === lastRow
        ? open.table.cells.find((c) => c.col === cell.col && c.row + c.rowSpan - 1 === lastRow)
        : undefined;
    if (first) {
      // Only a half with writing has a reading that matters (an empty half read from a scan vouches for nothing).
      const ocr = joinReadings(first.text.trim() ? first.ocr : undefined, cell.text.trim() ? cell.ocr : undefined);
      first.text = joinCellLines([first.text, cell.text].filter(Boolean));
      if (ocr) first.ocr = ocr;
      first.rowSpan += cell.rowSpan - 1;
      first.y1 = Math.max(first.y1, cell.y1);
    } else open.table.cells.push(cell);
  }
  open.table.pages.push(next.page);
  // Part of the table was read from a scanned page.
  if (next.structure === 'ocr') open.table.structure = 'ocr';
  open.xs = xs;
  open.rows = offset + next.rows - repeated;
}

/** The boundaries, when they are those of the cells' grid columns (a lattice's); else cells are placed by their own x. */
function gridOf(xs: number[], cells: PageCell[]): number[] | undefined {
  const columns = cells.reduce((most, c) => Math.max(most, c.col + c.colSpan), 0);
  return xs.length === columns + 1 ? xs : undefined;
}

const ROW_START =
  /^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|\d+[.．、]|第[一二三四五六七八九十]+条)/;

/**
 * The continuation starts with the rest of a row the page break cut in two: its first cells open no new row (no
 * outline number) but continue a label, and the numbers are printed in one half only — the numbers above with the
 * rest of the label below, or the start of the label above over empty cells with the numbers below. (A header row
 * above a data row is not a split: its other cells hold column headings, not nothing.)
 */
function isSplitRow(cells: PageCell[], lastRow: number, continuation: PageCell[]): boolean {
  const below = continuation.filter((c) => c.row === 0);
  const above = cells.filter((c) => c.row <= lastRow && c.row + c.rowSpan - 1 >= lastRow);
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, with no cell below none is a label; the last row above always has cells
  if (below.length === 0 || above.length === 0) return false;
  if (below.some((c) => ROW_START.test(squash(c.text)))) return false;
  // Both halves are cut from the same row: every cell below sits exactly under a cell above.
  const over = (c: PageCell) => above.find((a) => a.col === c.col && a.colSpan === c.colSpan);
  if (!below.every(over)) return false;
  const kind = (c: PageCell) => (c.text.trim() === '' ? 'empty' : isNumberLike(c.text) ? 'number' : 'label');
  const has = (row: PageCell[], k: string) => row.some((c) => kind(c) === k);
  if (!has(below, 'label')) return false;
  // Words under the values of the row above open a row of their own (a header repeated on the next page in other
  // words than on the first). Only cells right of the row's last label are its values: a label cell that OCR read as
  // a digit is still a label column, and a split row whose rest is not stitched loses its numbers to a row of blanks.
  const lastLabelCol = Math.max(-1, ...above.filter((c) => kind(c) === 'label').map((c) => c.col));
  if (below.some((c) => kind(c) === 'label' && over(c)!.col > lastLabelCol)) return false;
  const numbersAbove = has(above, 'number') && !has(below, 'number');
  const numbersBelow =
    has(below, 'number') &&
    !has(above, 'number') &&
    has(above, 'empty') &&
    above.filter((c) => kind(c) === 'label').length === 1;
  return numbersAbove || numbersBelow;
}

/** A cell whose halves were read from two scanned pages is as sure as its less sure half. */
function joinReadings(a: OcrReading | undefined, b: OcrReading | undefined): OcrReading | undefined {
  if (!a || !b) return a ?? b;
  return { ...a, confidence: Math.min(a.confidence, b.confidence), confirmed: a.confirmed && b.confirmed };
}

function unify(a: number[], b: number[]): number[] {
  const all = [...a, ...b].sort((x, y) => x - y);
  const out: number[] = [];
  for (const x of all) if (out.length === 0 || x - out[out.length - 1]! > X_TOLERANCE) out.push(x);
  return out;
}

/**
 * How many of the continuation's first rows repeat the table's first rows (a repeated header). Read by OCR, a
 * repeated header is rarely read twice the same (勾稽 / 勾移): there the rows need only have the same cells and
 * nearly the same words.
 */
function repeatedHeaderRows(first: PageCell[], next: PageCell[], scanned: boolean): number {
  const row = (cells: PageCell[], r: number) => cells.filter((c) => c.row === r).map((c) => squash(c.text));
  const repeats = (a: string[], b: string[]) => {
    const [ta, tb] = [a.join('|'), b.join('|')];
    if (!ta) return false;
    // OCR may read a heading's strokes as a digit (总计 → 2); a data row is told from a header by its words all the same.
    if (scanned) return a.length === b.length && similarity(ta, tb) >= SCANNED_HEADER_SIMILARITY;
    return ta === tb && !/\d/.test(ta);
  };
  let n = 0;
  while (n < 6 && repeats(row(first, n), row(next, n))) n++;
  return n;
}
