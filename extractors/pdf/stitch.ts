import { squash } from '../../src/text/normalize.js';
import { isNumberLike } from '../../src/text/numbers.js';
import { joinCellLines } from './glyphs.js';
import type { PageCell, PageItem, PageTable } from './layout.js';

/**
 * A ruled table that ends a page and a ruled table that starts the next page, with the same column layout, are one
 * table printed across pages (page numbers in between are already gone). The continuation's repeated header rows,
 * if any, are dropped; the column grids are unified so every cell keeps its place.
 */

const X_TOLERANCE = 4;

export interface StitchedTable {
  pages: number[];
  structure: PageTable['structure'];
  cells: PageCell[];
}

export type StitchedItem = Exclude<PageItem, PageTable> | ({ kind: 'table' } & StitchedTable);

export function stitchPages(pages: PageItem[][]): StitchedItem[] {
  const out: StitchedItem[] = [];
  let open: { table: StitchedTable & { kind: 'table' }; xs: number[]; rows: number } | undefined;
  pages.forEach((items, p) => {
    items.forEach((item, i) => {
      if (item.kind !== 'table') {
        out.push(item);
        open = undefined;
        return;
      }
      const continues = i === 0 && p > 0 && open && item.structure === 'ruled' && sameColumns(open.xs, item.xs);
      if (continues && open) {
        appendTable(open, item);
      } else {
        const table = { kind: 'table' as const, pages: [item.page], structure: item.structure, cells: [...item.cells] };
        out.push(table);
        open = { table, xs: item.xs, rows: item.rows };
      }
      // Only a table that ends its page can continue on the next one.
      // Stryker disable next-line ConditionalExpression: equivalent, whatever follows on the same page replaces or closes the open table anyway
      if (i !== items.length - 1) open = undefined;
    });
  });
  return out;
}

/** The continuation has the same columns, or a subset of them (a merged header may hide some boundaries). */
function sameColumns(a: number[], b: number[]): boolean {
  const near = (x: number, list: number[]) => list.some((y) => Math.abs(x - y) <= X_TOLERANCE);
  const first = a[0]!;
  const last = a[a.length - 1]!;
  return Math.abs(first - b[0]!) <= X_TOLERANCE && Math.abs(last - b[b.length - 1]!) <= X_TOLERANCE && (b.every((x) => near(x, a)) || a.every((x) => near(x, b)));
}

function appendTable(open: { table: StitchedTable; xs: number[]; rows: number }, next: PageTable): void {
  const repeated = repeatedHeaderRows(open.table.cells, next.cells);
  const xs = unify(open.xs, next.xs);
  const column = (x: number) => xs.findIndex((v) => Math.abs(v - x) <= X_TOLERANCE);
  const place = (cell: PageCell, rowOffset: number): PageCell => {
    const col = column(cell.x0);
    return { ...cell, row: cell.row + rowOffset, col, colSpan: Math.max(1, column(cell.x1) - col) };
  };
  open.table.cells = open.table.cells.map((c) => place(c, 0));
  const continuation = next.cells.filter((c) => c.row >= repeated).map((c) => ({ ...c, row: c.row - repeated }));
  const lastRow = open.rows - 1;
  const split = isSplitRow(open.table.cells, lastRow, continuation);
  // A row broken by the page joins its first half: rows of the continuation move up by one.
  const offset = split ? lastRow : open.rows;
  for (const cell of continuation.map((c) => place(c, offset))) {
    const first = split && cell.row === lastRow ? open.table.cells.find((c) => c.col === cell.col && c.row + c.rowSpan - 1 === lastRow) : undefined;
    if (first) {
      first.text = joinCellLines([first.text, cell.text].filter(Boolean));
      first.rowSpan += cell.rowSpan - 1;
      first.y1 = Math.max(first.y1, cell.y1);
    } else open.table.cells.push(cell);
  }
  open.table.pages.push(next.page);
  open.xs = xs;
  open.rows = offset + next.rows - repeated;
}

const ROW_START = /^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|\d+[.．、]|第[一二三四五六七八九十]+条)/;

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
  const over = (c: PageCell) => above.find((a) => Math.abs(a.x0 - c.x0) <= X_TOLERANCE && Math.abs(a.x1 - c.x1) <= X_TOLERANCE);
  if (!below.every(over)) return false;
  const kind = (c: PageCell) => (c.text.trim() === '' ? 'empty' : isNumberLike(c.text) ? 'number' : 'label');
  const has = (row: PageCell[], k: string) => row.some((c) => kind(c) === k);
  if (!has(below, 'label')) return false;
  // The rest of a label continues a label: words under a number or an empty cell open a row of their own (a header
  // repeated on the next page in other words than on the first).
  if (below.some((c) => kind(c) === 'label' && kind(over(c)!) !== 'label')) return false;
  const numbersAbove = has(above, 'number') && !has(below, 'number');
  const numbersBelow = has(below, 'number') && !has(above, 'number') && has(above, 'empty') && above.filter((c) => kind(c) === 'label').length === 1;
  return numbersAbove || numbersBelow;
}

function unify(a: number[], b: number[]): number[] {
  const all = [...a, ...b].sort((x, y) => x - y);
  const out: number[] = [];
  for (const x of all) if (out.length === 0 || x - out[out.length - 1]! > X_TOLERANCE) out.push(x);
  return out;
}

/** How many of the continuation's first rows repeat the table's first rows (a repeated header). */
function repeatedHeaderRows(first: PageCell[], next: PageCell[]): number {
  const rowText = (cells: PageCell[], row: number) => cells.filter((c) => c.row === row).map((c) => squash(c.text)).join('|');
  let n = 0;
  while (n < 6) {
    const a = rowText(first, n);
    const b = rowText(next, n);
    if (!a || a !== b || /\d/.test(a)) break;
    n++;
  }
  return n;
}
