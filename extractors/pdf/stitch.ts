import type { OcrReading } from '../../src/model/document.js';
import { squash } from '../../src/text/normalize.js';
import { isNumberLike } from '../../src/text/numbers.js';
import { joinCellLines } from './glyphs.js';
import type { PageCell, PageItem, PageTable } from './layout.js';

/**
 * A ruled table that ends a page and a ruled table that starts the next page, with the same column layout, are one
 * table printed across pages (page numbers in between are already gone), whether the pages are digital or scanned.
 * The continuation's repeated header rows, if any, are dropped; the column grids are unified so every cell keeps
 * its place.
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
      const toOpen = open && continuable(open.table.structure, item.structure) ? alignment(open.table.structure, open.xs, item) : undefined;
      const continues = i === 0 && p > 0 && open && toOpen && sameColumns(open.xs, item.xs.map(toOpen));
      if (continues && open && toOpen) {
        appendTable(open, item, toOpen);
      } else {
        const table = { kind: 'table' as const, pages: [item.page], structure: item.structure, cells: [...item.cells] };
        out.push(table);
        open = { table, xs: item.xs, rows: item.rows };
      }
      // Only a table that ends its page can continue on the next one.
      if (i !== items.length - 1) open = undefined;
    });
  });
  return out;
}

/** Ruled tables continue on the next page, whether the pages are digital or scanned (a scanned page among digital ones). */
function continuable(open: StitchedTable['structure'], next: PageTable['structure']): boolean {
  return RULED.has(open) && RULED.has(next);
}

const RULED = new Set<PageTable['structure']>(['ruled', 'ocr']);
const same = (x: number) => x;
/** A scanned page's table may be this much wider or narrower than the table it continues (printed to fit, scanned). */
const SCAN_SCALE_TOLERANCE = 0.05;

/**
 * A continuation's x positions in the open table's frame, or undefined when it cannot continue it. Digital pages
 * print a table's columns exactly in place; a scanned sheet lies a little differently on the scanner and may have
 * been printed to fit, so a table on a scanned page is compared by its columns' positions from its left edge, in
 * proportion to its width — and, since its edges then match by construction, only with as many columns.
 */
function alignment(open: StitchedTable['structure'], xs: number[], next: PageTable): ((x: number) => number) | undefined {
  if (open !== 'ocr' && next.structure !== 'ocr') return same;
  if (xs.length !== next.xs.length || xs.length < 2) return undefined;
  const [a0, a1, b0, b1] = [xs[0]!, xs[xs.length - 1]!, next.xs[0]!, next.xs[next.xs.length - 1]!];
  const scale = (a1 - a0) / (b1 - b0);
  if (!(Math.abs(scale - 1) <= SCAN_SCALE_TOLERANCE)) return undefined;
  return (x) => a0 + (x - b0) * scale;
}

/** The continuation has the same columns, or a subset of them (a merged header may hide some boundaries). */
function sameColumns(a: number[], b: number[]): boolean {
  const near = (x: number, list: number[]) => list.some((y) => Math.abs(x - y) <= X_TOLERANCE);
  const first = a[0]!;
  const last = a[a.length - 1]!;
  return Math.abs(first - b[0]!) <= X_TOLERANCE && Math.abs(last - b[b.length - 1]!) <= X_TOLERANCE && (b.every((x) => near(x, a)) || a.every((x) => near(x, b)));
}

/** `toOpen`: the continuation's x positions in the open table's frame (its cells keep their own boxes). */
function appendTable(open: { table: StitchedTable; xs: number[]; rows: number }, next: PageTable, toOpen: (x: number) => number): void {
  const repeated = repeatedHeaderRows(open.table.cells, next.cells);
  const xs = unify(open.xs, next.xs.map(toOpen));
  const column = (x: number) => xs.findIndex((v) => Math.abs(v - x) <= X_TOLERANCE);
  const place = (cell: PageCell, rowOffset: number, frame = same): PageCell => {
    const col = column(frame(cell.x0));
    return { ...cell, row: cell.row + rowOffset, col, colSpan: Math.max(1, column(frame(cell.x1)) - col) };
  };
  open.table.cells = open.table.cells.map((c) => place(c, 0));
  const continuation = next.cells.filter((c) => c.row >= repeated).map((c) => ({ ...c, row: c.row - repeated }));
  const lastRow = open.rows - 1;
  const split = isSplitRow(open.table.cells, lastRow, continuation, toOpen);
  // A row broken by the page joins its first half: rows of the continuation move up by one.
  const offset = split ? lastRow : open.rows;
  for (const cell of continuation.map((c) => place(c, offset, toOpen))) {
    const first = split && cell.row === lastRow ? open.table.cells.find((c) => c.col === cell.col && c.row + c.rowSpan - 1 === lastRow) : undefined;
    if (first) {
      first.text = joinCellLines([first.text, cell.text].filter(Boolean));
      const ocr = joinReadings(first.ocr, cell.ocr);
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

const ROW_START = /^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）]|\d+[.．、]|第[一二三四五六七八九十]+条)/;

/**
 * The continuation starts with the rest of a row the page break cut in two: its first cells open no new row (no
 * outline number) but continue a label, and the numbers are printed in one half only — the numbers above with the
 * rest of the label below, or the start of the label above over empty cells with the numbers below. (A header row
 * above a data row is not a split: its other cells hold column headings, not nothing.)
 */
function isSplitRow(cells: PageCell[], lastRow: number, continuation: PageCell[], toOpen: (x: number) => number): boolean {
  const below = continuation.filter((c) => c.row === 0);
  const above = cells.filter((c) => c.row <= lastRow && c.row + c.rowSpan - 1 >= lastRow);
  if (below.length === 0 || above.length === 0) return false;
  if (below.some((c) => ROW_START.test(squash(c.text)))) return false;
  // Both halves are cut from the same row: every cell below sits exactly under a cell above.
  const aligned = (c: PageCell) => above.some((a) => Math.abs(a.x0 - toOpen(c.x0)) <= X_TOLERANCE && Math.abs(a.x1 - toOpen(c.x1)) <= X_TOLERANCE);
  if (!below.every(aligned)) return false;
  const kind = (c: PageCell) => (c.text.trim() === '' ? 'empty' : isNumberLike(c.text) ? 'number' : 'label');
  const has = (row: PageCell[], k: string) => row.some((c) => kind(c) === k);
  if (!has(below, 'label')) return false;
  const numbersAbove = has(above, 'number') && !has(below, 'number');
  const numbersBelow = has(below, 'number') && !has(above, 'number') && has(above, 'empty') && above.filter((c) => kind(c) === 'label').length === 1;
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
