import { warning, WRAPPED_LABELS, type Message } from '../../src/core/model/messages.js';
import { isLabelFragment } from '../../src/core/text/normalize.js';
import { isNumberLike } from '../../src/core/text/numbers.js';
import { glyphLines, joinCellLines, type Glyph } from '../geometry/glyphs.js';
import type { LatticeTable } from '../geometry/lattice.js';
import { MARGIN_SHARE, PAGE_NUMBER } from '../geometry/margins.js';
import type { PageCell, PageItem, PageTable, PageText } from '../geometry/page-items.js';
import { alignedPageTable, lineExtent, nearestColumn, readWrappedTables, type Line } from './wrapped.js';

/**
 * One page's content in reading order: ruled tables with the text of each cell, and the rest of the text as
 * paragraphs. Lines that look like a table without rulings (a label, then numbers in columns) become a
 * text-aligned table. Page numbers in the top and bottom margins are dropped.
 */

export interface PageGeometry {
  page: number;
  width: number;
  height: number;
}

export interface PageLayout {
  items: PageItem[];
  messages: Message[];
}

export function layoutPage(geometry: PageGeometry, glyphs: Glyph[], ruled: LatticeTable[]): PageLayout {
  const inTable = new Set<Glyph>();
  const tables = ruled.map((table) => fillTable(geometry.page, table, glyphs, inTable));
  const lines = glyphLines(glyphs.filter((g) => !inTable.has(g))).filter(
    (line) => !isMarginNoise(line.text, line.glyphs, geometry),
  );
  const { tableLines, textLines } = splitAlignedLines(lines);
  const groups = groupConsecutive(tableLines);
  const wrapped = readWrappedTables(
    geometry.page,
    groups,
    groups.map((group) => hasWrappedLabels(group, textLines)),
    textLines,
    chunks,
  );
  const aligned = wrapped.plain.map((group) => alignedTable(geometry.page, group));
  const free = [...textLines.filter((line) => !wrapped.used.has(line)), ...wrapped.refused];
  const paragraphs = toParagraphs(
    geometry.page,
    free.sort((a, b) => a.glyphs[0]!.cy - b.glyphs[0]!.cy),
  );
  const messages =
    wrapped.refused.length === 0
      ? []
      : [
          warning(
            WRAPPED_LABELS,
            `page ${geometry.page}: a table without ruling lines has row labels wrapped over several lines; without rulings its rows cannot be told apart reliably, so its numbers are not read`,
          ),
        ];
  return {
    items: [...tables, ...wrapped.tables, ...aligned, ...paragraphs].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0),
    messages,
  };
}

function fillTable(page: number, table: LatticeTable, glyphs: Glyph[], taken: Set<Glyph>): PageTable {
  const byCell = table.cells.map(() => [] as Glyph[]);
  for (const glyph of glyphs) {
    const cx = (glyph.x0 + glyph.x1) / 2;
    if (cx < table.x0 || cx > table.x1 || glyph.cy < table.y0 || glyph.cy > table.y1) continue;
    const index = table.cells.findIndex((c) => cx >= c.x0 && cx <= c.x1 && glyph.cy >= c.y0 && glyph.cy <= c.y1);
    if (index < 0) continue;
    byCell[index]!.push(glyph);
    taken.add(glyph);
  }
  const cells = table.cells.map((cell, i) => ({
    ...cell,
    page,
    text: joinCellLines(glyphLines(byCell[i]!).map((l) => l.text)),
  }));
  return {
    kind: 'table',
    page,
    structure: 'ruled',
    cells,
    xs: table.xs,
    rows: table.ys.length - 1,
    x0: table.x0,
    y0: table.y0,
    x1: table.x1,
    y1: table.y1,
  };
}

function isMarginNoise(text: string, glyphs: Glyph[], geometry: PageGeometry): boolean {
  const y = glyphs[0]!.cy;
  const inMargin = y < geometry.height * MARGIN_SHARE || y > geometry.height * (1 - MARGIN_SHARE);
  return inMargin && PAGE_NUMBER.test(text);
}

/** A line's pieces separated by gaps of at least one character width. */
function chunks(line: Line): { text: string; x0: number; x1: number }[] {
  const out: { text: string; x0: number; x1: number }[] = [];
  for (const glyph of line.glyphs) {
    const last = out[out.length - 1];
    if (last && glyph.x0 - last.x1 < glyph.size * 1.0) {
      last.text += (glyph.x0 - last.x1 > glyph.size * 0.3 ? ' ' : '') + glyph.char;
      last.x1 = glyph.x1;
    } else out.push({ text: glyph.char, x0: glyph.x0, x1: glyph.x1 });
  }
  return out;
}

/** Lines made of a label and numbers spaced out in columns, or of numbers only, belong to a table without rulings. */
function splitAlignedLines(lines: Line[]): { tableLines: Line[]; textLines: Line[] } {
  const tableLines: Line[] = [];
  const textLines: Line[] = [];
  for (const line of lines) {
    const parts = chunks(line);
    const numbers = parts.filter((p) => isNumberLike(p.text)).length;
    const tabular = parts.length >= 2 && numbers >= 1 && numbers >= parts.length - 2 && !/[。；]$/.test(line.text);
    (tabular ? tableLines : textLines).push(line);
  }
  return { tableLines, textLines };
}

/**
 * A table without rulings whose row labels wrap: lines of label text without numbers, beside its rows and left of
 * its numbers, that do not start a row of their own (isLabelFragment). The label printed on a row's number
 * line is then only a fragment (`1.本机` for 1.本机关不掌握相关政府信息), and which fragment belongs to which row
 * depends on a vertical alignment the text does not show — reading such a table would mean guessing its rows.
 */
function hasWrappedLabels(group: Line[], textLines: Line[]): boolean {
  const numbersStart = Math.min(
    ...group.flatMap((line) =>
      chunks(line)
        .filter((c) => isNumberLike(c.text))
        .map((c) => c.x0),
    ),
  );
  const first = group[0]!.glyphs[0]!;
  const last = group[group.length - 1]!.glyphs[0]!;
  const top = first.cy - first.size * 1.5;
  const bottom = last.cy + last.size * 1.5;
  return textLines.some((line) => {
    const start = line.glyphs[0]!;
    const end = line.glyphs[line.glyphs.length - 1]!;
    return start.cy > top && start.cy < bottom && end.x1 <= numbersStart && isLabelFragment(line.text);
  });
}

function groupConsecutive(lines: Line[]): Line[][] {
  const groups: Line[][] = [];
  for (const line of lines) {
    const last = groups[groups.length - 1];
    const previous = last?.[last.length - 1];
    if (previous && line.glyphs[0]!.cy - previous.glyphs[0]!.cy < previous.glyphs[0]!.size * 3) last!.push(line);
    else groups.push([line]);
  }
  return groups;
}

/** Columns of a table without rulings: chunk start positions clustered across its rows. */
function alignedTable(page: number, lines: Line[]): PageTable {
  const rows = lines.map(chunks);
  const size = lines[0]!.glyphs[0]!.size;
  const starts = rows
    .flat()
    .map((c) => c.x0)
    .sort((a, b) => a - b);
  const xs: number[] = [];
  for (const x of starts) if (xs.length === 0 || x - xs[xs.length - 1]! > size) xs.push(x);
  const column = nearestColumn(xs);
  const cells: PageCell[] = [];
  rows.forEach((row, r) => {
    const { y0, y1 } = lineExtent(lines[r]!.glyphs);
    const used = new Set<number>();
    for (const chunk of row) {
      let col = column(chunk.x0);
      while (used.has(col)) col++;
      used.add(col);
      cells.push({ row: r, col, rowSpan: 1, colSpan: 1, text: chunk.text, page, x0: chunk.x0, x1: chunk.x1, y0, y1 });
    }
  });
  return alignedPageTable(page, cells, xs, rows.length);
}

/** Wrapped lines join their paragraph; a short line, an indented line or a wide gap starts a new one. */
function toParagraphs(page: number, lines: Line[]): PageText[] {
  if (lines.length === 0) return [];
  const left = Math.min(...lines.map((l) => l.glyphs[0]!.x0));
  const right = Math.max(...lines.map((l) => l.glyphs[l.glyphs.length - 1]!.x1));
  const paragraphs: PageText[] = [];
  let previous: Line | undefined;
  for (const line of lines) {
    const first = line.glyphs[0]!;
    const last = line.glyphs[line.glyphs.length - 1]!;
    const box = {
      x0: first.x0,
      y0: first.baseline - first.size,
      x1: last.x1,
      y1: Math.max(...line.glyphs.map((g) => g.baseline)),
    };
    const current = paragraphs[paragraphs.length - 1];
    if (current && previous && continues(previous, line, left, right)) {
      current.text += joiner(current.text, line.text) + line.text;
      current.x1 = Math.max(current.x1, box.x1);
      current.y1 = box.y1;
    } else {
      paragraphs.push({ kind: 'text', page, text: line.text, ...box });
    }
    previous = line;
  }
  return paragraphs;
}

function continues(previous: Line, line: Line, left: number, right: number): boolean {
  const size = line.glyphs[0]!.size;
  const previousEnd = previous.glyphs[previous.glyphs.length - 1]!.x1;
  const gap = line.glyphs[0]!.cy - previous.glyphs[0]!.cy;
  return previousEnd >= right - size * 1.5 && line.glyphs[0]!.x0 <= left + size * 0.8 && gap < size * 2.2;
}

function joiner(before: string, after: string): string {
  return /[A-Za-z0-9]$/.test(before) && /^[A-Za-z0-9]/.test(after) ? ' ' : '';
}
