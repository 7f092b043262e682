import { findTables, type LatticeTable } from '../geometry/lattice.js';
import { boundsOf, writingIn } from './ink.js';
import type { Mask, Rect } from './raster.js';
import { closeOpenEnds, connectedRulings, findRulings, toSegments, type Line } from './rulings.js';

/**
 * The layout of a deskewed, binarised picture: ruled tables (the PDF reader's lattice on the ruling lines found in
 * the pixels), each cell with the box of its writing, and the lines of text outside the tables.
 */

export interface PictureCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** The cell between its rulings. */
  box: Rect;
  /** The writing inside it; absent when the cell is empty. */
  ink?: Rect;
  /** No writing, but ink along a border that may be more than a ruling's stub: not certainly empty. */
  doubtful?: boolean;
}

interface PictureTable {
  box: Rect;
  cells: PictureCell[];
}

export interface TextBand {
  box: Rect;
}

export interface Layout {
  tables: PictureTable[];
  /** Lines of writing outside the tables, top to bottom. */
  lines: TextBand[];
  /** Typical thickness of the ruling lines, in pixels (1 when there are none). */
  lineThickness: number;
}

/**
 * `mask` is the writing; `lineMask` is drawn at a lighter threshold, because scanned rulings are thin and faint
 * (a one-pixel line straightened by deskewing is spread over two rows at half its darkness).
 */
export function analyseLayout(mask: Mask, lineMask: Mask): Layout {
  const minLength = Math.max(12, Math.min(40, Math.round(Math.max(mask.width, mask.height) / 80)));
  const found = findRulings(lineMask, { minLength });
  const lineThickness = medianThickness([...found.horizontal, ...found.vertical]);
  const rulings = connectedRulings(
    closeOpenEnds(found, minLength * 4, lineThickness + 3),
    minLength * 4,
    lineThickness + 3,
  );
  // Ends of scanned rulings may stop a little short of the line they meet.
  const lattice = findTables(toSegments(rulings, lineThickness + 2));
  const minPixels = Math.max(2, Math.round(lineThickness * lineThickness * 1.5));
  const tables = plausibleTables(lattice, mask.width, minLength).map((t) =>
    toPictureTable(mask, t, lineThickness, minPixels),
  );
  const lines = textBands(
    mask,
    tables.map((t) => t.box),
    minPixels,
  );
  return { tables, lines, lineThickness };
}

/**
 * Strokes of characters cross like rulings and can close small boxes (口, 田); a table is at least a sixth of the
 * picture wide and a ruling long tall (a table continued from the previous page may be one row), and is not inside
 * another table.
 */
function plausibleTables(tables: LatticeTable[], width: number, minLength: number): LatticeTable[] {
  const big = tables.filter((t) => t.cells.length >= 2 && t.x1 - t.x0 >= width / 6 && t.y1 - t.y0 >= minLength);
  return big.filter((t) => !big.some((o) => o !== t && o.x0 <= t.x0 && o.x1 >= t.x1 && o.y0 <= t.y0 && o.y1 >= t.y1));
}

function toPictureTable(mask: Mask, table: LatticeTable, thickness: number, minPixels: number): PictureTable {
  // Inside the rulings: half the line's thickness and a pixel of blur on each side.
  const inset = Math.ceil(thickness / 2) + 1;
  const cells = table.cells.map((c): PictureCell => {
    const box = { x0: Math.round(c.x0), y0: Math.round(c.y0), x1: Math.round(c.x1), y1: Math.round(c.y1) };
    const inner = { x0: box.x0 + inset, y0: box.y0 + inset, x1: box.x1 - inset, y1: box.y1 - inset };
    const writing = writingIn(mask, inner, { minPixels, lineThickness: thickness });
    const ink = boundsOf(writing.marks);
    // Ink set aside as a ruling's stub in a cell with nothing else: too unsure to call the cell empty.
    const doubtful = !ink && writing.stubs > 0;
    return {
      row: c.row,
      col: c.col,
      rowSpan: c.rowSpan,
      colSpan: c.colSpan,
      box,
      ...(ink ? { ink } : {}),
      ...(doubtful ? { doubtful } : {}),
    };
  });
  return {
    box: { x0: Math.round(table.x0), y0: Math.round(table.y0), x1: Math.round(table.x1), y1: Math.round(table.y1) },
    cells,
  };
}

function medianThickness(lines: Line[]): number {
  if (lines.length === 0) return 1;
  const sorted = lines.map((l) => l.thickness).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Lines of writing outside the tables: runs of rows holding ink (the horizontal projection), each with the extent
 * of its ink. Bands of a few specks are not lines.
 */
function textBands(mask: Mask, exclude: Rect[], minPixels: number): TextBand[] {
  const outside = withoutEdges(withoutRegions(mask, exclude, 3));
  const bands: TextBand[] = [];
  // A row between lines holds a little ink where the lines are not quite level (a page photographed with a slight
  // curve or perspective): rows with less than a few hundredths of a full line's ink separate lines.
  const counts = Array.from({ length: outside.height }, (_, y) => rowInk(outside, y));
  const full = [...counts].sort((a, b) => a - b)[Math.floor(counts.length * 0.95)] ?? 0;
  const least = Math.max(1, Math.round(full * 0.04));
  let start = -1;
  for (let y = 0; y <= outside.height; y++) {
    const ink = y < outside.height && counts[y]! >= least;
    if (ink && start < 0) start = y;
    if (!ink && start >= 0) {
      const band = bandBox(outside, start, y, minPixels);
      if (band) bands.push({ box: band });
      start = -1;
    }
  }
  return bands;
}

/**
 * The mask without the edges of a photographed page or the shadow of a book's binding: connected ink far taller or
 * wider than any character (writing is in separate characters; tables are cleared already). Left there, such an edge
 * joins every line of the page into one.
 */
function withoutEdges(mask: Mask): Mask {
  const { width, height, data } = mask;
  const seen = new Uint8Array(data.length);
  const stack: number[] = [];
  const members: number[] = [];
  for (let start = 0; start < data.length; start++) {
    if (!data[start] || seen[start]) continue;
    seen[start] = 1;
    stack.push(start);
    members.length = 0;
    let [x0, y0, x1, y1] = [width, height, 0, 0];
    while (stack.length > 0) {
      const i = stack.pop()!;
      members.push(i);
      const x = i % width;
      const y = (i - x) / width;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      const left = x > 0 ? i - 1 : -1;
      const right = x < width - 1 ? i + 1 : -1;
      for (const n of [left, right, y > 0 ? i - width : -1, y < height - 1 ? i + width : -1]) {
        if (n >= 0 && data[n] && !seen[n]) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    if (y1 - y0 > height * 0.15 || x1 - x0 > width * 0.6) for (const i of members) data[i] = 0;
  }
  return mask;
}

/** A copy of the mask with the regions (and `margin` around them) cleared. */
function withoutRegions(mask: Mask, regions: Rect[], margin: number): Mask {
  const data = mask.data.slice();
  for (const r of regions) {
    const x0 = Math.max(0, r.x0 - margin);
    const x1 = Math.min(mask.width, r.x1 + margin);
    for (let y = Math.max(0, r.y0 - margin); y < Math.min(mask.height, r.y1 + margin); y++)
      data.fill(0, y * mask.width + x0, y * mask.width + x1);
  }
  return { ...mask, data };
}

function rowInk(mask: Mask, y: number): number {
  const row = y * mask.width;
  let count = 0;
  for (let x = 0; x < mask.width; x++) count += mask.data[row + x]!;
  return count;
}

function bandBox(mask: Mask, y0: number, y1: number, minPixels: number): Rect | undefined {
  if (y1 - y0 < 3) return undefined;
  let x0 = mask.width;
  let x1 = 0;
  let pixels = 0;
  for (let y = y0; y < y1; y++) {
    const row = y * mask.width;
    for (let x = 0; x < mask.width; x++) {
      if (!mask.data[row + x]) continue;
      pixels++;
      if (x < x0) x0 = x;
      if (x + 1 > x1) x1 = x + 1;
    }
  }
  if (pixels < minPixels * 4) return undefined;
  return { x0, y0, x1, y1 };
}
