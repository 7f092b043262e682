import type { Block, TableCell } from '../../src/core/model/document.js';
import { tableFromCells } from '../../src/core/model/document.js';

/**
 * A sheet's used range cut into the document's blocks. A report laid out in a sheet puts its title and paragraphs
 * in single cells (column A, or merged across the width) and its statistics tables in rows of several cells; so a
 * row holding one text is a paragraph, rows holding several (or tied to the row above by a merge) are a table. A
 * one-text row between two table rows (a section row such as 第二十条第（一）项, or a label whose numbers are
 * all blank) stays in its table.
 */

export interface SheetGrid {
  rows: number;
  cols: number;
  /** Text as displayed at an origin slot (a merge's top-left or a plain cell); undefined for an empty slot. */
  text(row: number, col: number): string | undefined;
  /** The merge starting at the slot, if any. */
  span(row: number, col: number): { rows: number; cols: number } | undefined;
  /** A slot covered by a merge that starts in an earlier row. */
  coveredFromAbove(row: number, col: number): boolean;
  /** A slot covered by a merge that starts elsewhere (not its origin). */
  covered(row: number, col: number): boolean;
}

type RowKind = 'empty' | 'single' | 'table';

export function sheetBlocks(grid: SheetGrid, firstTableIndex: number): Block[] {
  const kinds = Array.from({ length: grid.rows }, (_, r) => rowKind(grid, r));
  settleSandwiched(grid, kinds);
  const blocks: Block[] = [];
  let index = firstTableIndex;
  for (let r = 0; r < grid.rows; ) {
    if (kinds[r] === 'table') {
      let end = r;
      while (end + 1 < grid.rows && kinds[end + 1] === 'table') end++;
      const cells = bandCells(grid, r, end);
      // A band of nothing but a merge's lower rows (a title merged over two rows) is no table.
      if (cells.some((cell) => cell.text.trim() !== '')) blocks.push(tableFromCells(index++, cells, 'markup'));
      r = end + 1;
      continue;
    }
    if (kinds[r] === 'single') blocks.push({ kind: 'text', text: rowTexts(grid, r)[0]! });
    r++;
  }
  return blocks;
}

function rowTexts(grid: SheetGrid, row: number): string[] {
  const texts: string[] = [];
  for (let c = 0; c < grid.cols; c++) {
    const text = grid.text(row, c);
    if (text !== undefined && text.trim() !== '') texts.push(text);
  }
  return texts;
}

/**
 * A row with two cells or more is a table row even when all but one are blank (a label whose number is printed
 * empty, as 行政事业性收费 with no fee): a blank cell that exists (" ", or the origin of a merge of blank slots) is
 * part of a table, whereas a paragraph's row holds its one cell and the stubs of its merge.
 */
function rowKind(grid: SheetGrid, row: number): RowKind {
  const count = rowTexts(grid, row).length;
  if (count > 1 || (count === 1 && presentCells(grid, row) > 1)) return 'table';
  let tied = false;
  for (let c = 0; c < grid.cols && !tied; c++) tied = grid.coveredFromAbove(row, c);
  return tied ? 'table' : count === 1 ? 'single' : 'empty';
}

/** A section heading (一、… to 十、…, or 第一部分) opens a section: it is never a row of the table above it. */
const SECTION_HEADING = /^\s*(?:[一二三四五六七八九十]{1,2}\s*[、．.]|第[一二三四五六七八九十]{1,2}[部章]分?)/;

function presentCells(grid: SheetGrid, row: number): number {
  let present = 0;
  for (let c = 0; c < grid.cols; c++) if (grid.text(row, c) !== undefined || grid.span(row, c)) present++;
  return present;
}

/** A single row with table rows right above and below it is part of that table, unless it is a section heading. */
function settleSandwiched(grid: SheetGrid, kinds: RowKind[]): void {
  for (let r = 1; r + 1 < kinds.length; r++) {
    if (kinds[r] !== 'single' || kinds[r - 1] !== 'table' || kinds[r + 1] !== 'table') continue;
    if (!SECTION_HEADING.test(rowTexts(grid, r)[0]!)) kinds[r] = 'table';
  }
}

/** The band's cells on its own grid: columns from the band's first to last used one, merges clipped to the band. */
function bandCells(grid: SheetGrid, top: number, bottom: number): TableCell[] {
  let left = grid.cols;
  let right = -1;
  for (let r = top; r <= bottom; r++) {
    for (let c = 0; c < grid.cols; c++) {
      if (grid.text(r, c) === undefined && !grid.span(r, c)) continue;
      left = Math.min(left, c);
      right = Math.max(right, c + (grid.span(r, c)?.cols ?? 1) - 1);
    }
  }
  const cells: TableCell[] = [];
  for (let r = top; r <= bottom; r++) {
    for (let c = left; c <= right; c++) {
      // A slot of a merge that began above the band stays uncovered (-1): the merge's text is not this band's.
      if (grid.covered(r, c)) continue;
      const span = grid.span(r, c);
      const rowSpan = Math.min(span?.rows ?? 1, bottom - r + 1);
      const colSpan = Math.min(span?.cols ?? 1, right - c + 1);
      cells.push({ row: r - top, col: c - left, rowSpan, colSpan, text: grid.text(r, c) ?? '' });
    }
  }
  return cells;
}
