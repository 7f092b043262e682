import { splitNumbering, squash } from '../../src/core/text/normalize.js';
import { isNumberLike } from '../../src/core/text/numbers.js';
import { joinCellLines, type Glyph } from '../geometry/glyphs.js';
import { enclosingBox } from '../geometry/lattice.js';
import type { PageCell, PageTable } from '../geometry/page-items.js';

/**
 * Tables without ruling lines whose row labels wrap (a Word table printed without borders): each row is one line of
 * numbers, and its label runs on over lines of its own below it, in the label columns left of the numbers. Which
 * line belongs to which row is read from the geometry: with labels set at the top of their cells (Word's default)
 * a row's label starts on its number line, and every label line down to the next number line belongs to that row —
 * its band. That is exact only when the page shows it, so a table is read only when:
 *   - every line between its first and last number lines is label text, in the label columns, that starts no row
 *     (no outline number: `1.`, `（三）`, `二、`): a numbered line without numbers would be a row of blank cells or a
 *     label set lower in its cell, and then the bands would overlap;
 *   - each such line sits a whole number of line pitches below its row's number line (a label centred in its cell
 *     sits half a pitch off);
 *   - every row whose label wraps starts it on its number line with an outline number (a label centred or set at the
 *     bottom of its cell would show a middle or last piece there).
 * Otherwise the table is refused, as before (`wrapped_labels`). Label lines above the first number line of a page
 * continue the last row of the page before (a row the page break cut); they are kept on the table as `continued`
 * and joined to that row when pages are stitched.
 */

export interface Line {
  text: string;
  glyphs: Glyph[];
}

export interface Chunk {
  text: string;
  x0: number;
  x1: number;
}

export interface WrappedRead {
  /** Tables read from blocks with wrapped labels. */
  tables: PageTable[];
  /** Groups of number lines with no wrapped labels, for the plain reading of tables without rulings. */
  plain: Line[][];
  /** Number lines of tables that could not be read: they stay text. */
  refused: Line[];
  /** Label lines taken into a table. */
  used: Set<Line>;
}

/** How far off a whole number of line pitches a label line may sit (as a share of the pitch). */
const PITCH_TOLERANCE = 0.2;

/**
 * `groups` are runs of number lines in page order, `wrapped[i]` whether label lines stand beside group i. Groups
 * joined by label lines become one table.
 */
export function readWrappedTables(
  page: number,
  groups: Line[][],
  wrapped: boolean[],
  textLines: Line[],
  chunks: (line: Line) => Chunk[],
): WrappedRead {
  const read: WrappedRead = { tables: [], plain: [], refused: [], used: new Set<Line>() };
  for (const block of mergeBlocks(groups, wrapped, textLines, chunks)) {
    if (!block.wrapped) {
      read.plain.push(block.numbers);
      continue;
    }
    const table = readBlock(page, block, chunks);
    if (table) {
      read.tables.push(table);
      for (const line of [...block.labels, ...block.leading]) read.used.add(line);
    } else read.refused.push(...block.numbers);
  }
  return read;
}

interface Block {
  numbers: Line[];
  wrapped: boolean;
  /** Label lines between and after the number lines. */
  labels: Line[];
  /** Label lines above the first number line (the rest of a row from the page before). */
  leading: Line[];
  numbersStart: number;
  /** Label lines whose row cannot be told (see mergeBlocks). */
  ambiguous?: boolean;
}

const top = (line: Line) => line.glyphs[0]!.baseline;
const end = (line: Line) => Math.max(...line.glyphs.map((g) => g.x1));

/** Consecutive groups joined by label lines, with the label lines that follow and precede each block. */
function mergeBlocks(
  groups: Line[][],
  wrapped: boolean[],
  textLines: Line[],
  chunks: (line: Line) => Chunk[],
): Block[] {
  const sortedText = [...textLines].sort((a, b) => top(a) - top(b));
  const blocks: Block[] = [];
  groups.forEach((group, g) => {
    const numbersStart = Math.min(
      ...group.flatMap((line) =>
        chunks(line)
          .filter((c) => isNumberLike(c.text))
          .map((c) => c.x0),
      ),
    );
    const previous = blocks[blocks.length - 1];
    const last = previous?.numbers[previous.numbers.length - 1];
    const between = last ? sortedText.filter((l) => top(l) > top(last) && top(l) < top(group[0]!)) : [];
    const joins =
      previous !== undefined &&
      (previous.wrapped || wrapped[g]!) &&
      between.length > 0 &&
      between.every((l) => isContinuation(l, Math.min(numbersStart, previous.numbersStart), chunks)) &&
      withinPitch([last!, ...between, group[0]!]);
    if (previous && joins) {
      previous.numbers.push(...group);
      previous.numbersStart = Math.min(previous.numbersStart, numbersStart);
      previous.wrapped = true;
    } else blocks.push({ numbers: [...group], wrapped: wrapped[g]!, labels: [], leading: [], numbersStart });
  });
  for (const block of blocks.filter((b) => b.wrapped)) {
    const first = top(block.numbers[0]!);
    const last = top(block.numbers[block.numbers.length - 1]!);
    block.labels = sortedText.filter((l) => top(l) > first && top(l) < last);
    // Label lines right after the last number line continue its label; the first line that is not ends the table.
    let previous = block.numbers[block.numbers.length - 1]!;
    for (const line of sortedText.filter((l) => top(l) > last)) {
      if (!isContinuation(line, block.numbersStart, chunks) || !withinPitch([previous, line])) break;
      block.labels.push(line);
      previous = line;
    }
    let next = block.numbers[0]!;
    for (const line of sortedText.filter((l) => top(l) < first).reverse()) {
      if (!isContinuation(line, block.numbersStart, chunks) || !withinPitch([line, next])) {
        // Label lines under a numbered label with no numbers: a row of blank cells (or a label set lower in its
        // cell) — they are not the rest of a row from the page before.
        if (block.leading.length > 0 && withinPitch([line, next]) && end(line) <= block.numbersStart)
          block.ambiguous = true;
        break;
      }
      block.leading.unshift(line);
      next = line;
    }
  }
  return blocks;
}

/** Consecutive lines no further apart than a line and a half. */
function withinPitch(lines: Line[]): boolean {
  return lines.every((line, i) => i === 0 || top(line) - top(lines[i - 1]!) <= line.glyphs[0]!.size * 2.2);
}

/** Label text left of the numbers that starts no row. */
function isContinuation(line: Line, numbersStart: number, chunks: (line: Line) => Chunk[]): boolean {
  return end(line) <= numbersStart && chunks(line).every((c) => continuesLabel(c.text));
}

function continuesLabel(text: string): boolean {
  const squashed = squash(text);
  return /\p{Script=Han}/u.test(squashed) && !/\d/.test(squashed) && !/[。；]$/.test(squashed) && !startsRow(squashed);
}

function startsRow(squashed: string): boolean {
  return splitNumbering(squashed).level !== undefined || /^第.{1,4}条/.test(squashed);
}

function readBlock(page: number, block: Block, pieces: (line: Line) => Chunk[]): PageTable | undefined {
  if (block.ambiguous) return undefined;
  const chunks = columnChunker(block, pieces);
  const rows = block.numbers.map((line) => ({ line, labels: [] as Line[] }));
  // Every line strictly inside the table is a label line that continues a row (checked when blocks were merged for
  // lines between groups; here for lines inside a group).
  if (!block.labels.every((l) => isContinuation(l, block.numbersStart, chunks))) return undefined;
  for (const label of block.labels) {
    const row = [...rows].reverse().find((r) => top(r.line) < top(label))!;
    row.labels.push(label);
  }
  const all = [...block.numbers, ...block.labels, ...block.leading].sort((a, b) => top(a) - top(b));
  const pitch = Math.min(...all.slice(1).map((line, i) => top(line) - top(all[i]!)));
  if (!(pitch > 0)) return undefined;
  const offPitch = (from: Line, line: Line) => {
    const steps = (top(line) - top(from)) / pitch;
    return Math.abs(steps - Math.round(steps)) > PITCH_TOLERANCE || Math.round(steps) < 1;
  };
  for (const row of rows) {
    if (row.labels.some((label) => offPitch(row.line, label))) return undefined;
    if (
      row.labels.length > 0 &&
      !labelChunks(row.line, block.numbersStart, chunks).some((c) => startsRow(squash(c.text)))
    )
      return undefined;
  }
  if (block.leading.some((label) => offPitch(label, block.numbers[0]!))) return undefined;
  // The first row must start its own label if lines above it are taken as the previous row's.
  if (
    block.leading.length > 0 &&
    !labelChunks(block.numbers[0]!, block.numbersStart, chunks).some((c) => startsRow(squash(c.text)))
  )
    return undefined;
  return buildTable(page, rows, block, chunks);
}

/**
 * Label columns closer together than a character's width (a 12-point label filling its cell) run into one piece of
 * text. A piece is split again where its text resumes, after a space, at a label column's left edge: an x at which
 * pieces of two lines or more of the table start.
 */
function columnChunker(block: Block, pieces: (line: Line) => Chunk[]): (line: Line) => Chunk[] {
  const starts = [...block.numbers, ...block.labels, ...block.leading]
    .flatMap((line) => pieces(line).map((c) => c.x0))
    .filter((x) => x < block.numbersStart);
  const edges = starts.filter((x) => starts.filter((y) => Math.abs(x - y) <= EDGE_TOLERANCE).length >= 2);
  if (edges.length === 0) return pieces;
  const atEdge = (x: number) => edges.some((edge) => Math.abs(edge - x) <= EDGE_TOLERANCE);
  return (line) =>
    pieces(line).flatMap((chunk) => {
      const glyphs = line.glyphs.filter((g) => g.x0 >= chunk.x0 - 0.01 && g.x1 <= chunk.x1 + 0.01);
      const out: Chunk[] = [];
      glyphs.forEach((glyph, i) => {
        const gap = i === 0 ? Infinity : glyph.x0 - glyphs[i - 1]!.x1;
        const current = out[out.length - 1];
        if (current && (gap <= glyph.size * 0.3 || !atEdge(glyph.x0))) {
          current.text += (gap > glyph.size * 0.3 ? ' ' : '') + glyph.char;
          current.x1 = glyph.x1;
        } else out.push({ text: glyph.char, x0: glyph.x0, x1: glyph.x1 });
      });
      return out.length > 0 ? out : [chunk];
    });
}

/** Left edges of one label column printed on different lines agree to a fraction of a point. */
const EDGE_TOLERANCE = 1;

function labelChunks(line: Line, numbersStart: number, chunks: (line: Line) => Chunk[]): Chunk[] {
  return chunks(line).filter((c) => c.x1 <= numbersStart);
}

/** Columns from chunk starts (as for any table without rulings); each row's label lines join its label cells by column. */
function buildTable(
  page: number,
  rows: { line: Line; labels: Line[] }[],
  block: Block,
  chunks: (line: Line) => Chunk[],
): PageTable {
  const size = block.numbers[0]!.glyphs[0]!.size;
  const starts = [...block.numbers, ...block.labels, ...block.leading]
    .flatMap((line) => chunks(line).map((c) => c.x0))
    .sort((a, b) => a - b);
  const xs: number[] = [];
  for (const x of starts) if (xs.length === 0 || x - xs[xs.length - 1]! > size) xs.push(x);
  const column = nearestColumn(xs);
  const lineBox = (line: Line) => lineExtent(line.glyphs);
  const cells: PageCell[] = [];
  rows.forEach((row, r) => {
    const rowCells = new Map<number, PageCell>();
    const { y0, y1 } = lineBox(row.line);
    for (const chunk of chunks(row.line)) {
      let col = column(chunk.x0);
      while (rowCells.has(col)) col++;
      rowCells.set(col, {
        row: r,
        col,
        rowSpan: 1,
        colSpan: 1,
        text: chunk.text,
        page,
        x0: chunk.x0,
        x1: chunk.x1,
        y0,
        y1,
      });
    }
    for (const label of row.labels) appendLabelLine(rowCells, label, r, page, chunks, column, lineBox(label));
    cells.push(...[...rowCells.values()].sort((a, b) => a.col - b.col));
  });
  const continued = new Map<number, PageCell>();
  for (const label of block.leading) appendLabelLine(continued, label, -1, page, chunks, column, lineBox(label));
  const table = alignedPageTable(page, cells, xs, rows.length);
  return continued.size > 0 ? { ...table, continued: [...continued.values()].sort((a, b) => a.x0 - b.x0) } : table;
}

/** A label line's pieces join the row's cell in their column (a new cell where the row has none there yet). */
function appendLabelLine(
  rowCells: Map<number, PageCell>,
  label: Line,
  row: number,
  page: number,
  chunks: (line: Line) => Chunk[],
  column: (x: number) => number,
  box: { y0: number; y1: number },
): void {
  for (const chunk of chunks(label)) {
    const col = column(chunk.x0);
    const cell = rowCells.get(col);
    if (cell) {
      cell.text = joinCellLines([cell.text, chunk.text]);
      cell.x1 = Math.max(cell.x1, chunk.x1);
      cell.y1 = box.y1;
    } else
      rowCells.set(col, {
        row,
        col,
        rowSpan: 1,
        colSpan: 1,
        text: chunk.text,
        page,
        x0: chunk.x0,
        x1: chunk.x1,
        ...box,
      });
  }
}

/** The column whose start is nearest to `x`, among a table's column starts. */
export function nearestColumn(xs: number[]): (x: number) => number {
  return (x) => xs.reduce((best, start, i) => (Math.abs(start - x) < Math.abs(xs[best]! - x) ? i : best), 0);
}

/** A text line's top and bottom on the page: from the tallest glyph's top to the lowest baseline. */
export function lineExtent(glyphs: Glyph[]): { y0: number; y1: number } {
  return { y0: Math.min(...glyphs.map((g) => g.baseline - g.size)), y1: Math.max(...glyphs.map((g) => g.baseline)) };
}

/** A table without rulings, from its cells placed on the column starts `xs`. */
export function alignedPageTable(page: number, cells: PageCell[], xs: number[], rows: number): PageTable {
  return { kind: 'table', page, structure: 'text-aligned', cells, xs, rows, ...enclosingBox(cells) };
}
