import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../extractors/geometry/segments.js';
import { findTables, type LatticeTable } from '../../../extractors/geometry/lattice.js';

/** Ruled tables from ruling segments (points, from the page's top-left), as the PDF reader draws them out of a page. */

const h = (y: number, x0: number, x1: number): Segment => ({ x0, y0: y, x1, y1: y });
const v = (x: number, y0: number, y1: number): Segment => ({ x0: x, y0, x1: x, y1 });

/** Every ruling of a full grid: a horizontal line at each of `ys`, a vertical one at each of `xs`. */
function grid(xs: number[], ys: number[]): Segment[] {
  return [...ys.map((y) => h(y, xs[0]!, xs[xs.length - 1]!)), ...xs.map((x) => v(x, ys[0]!, ys[ys.length - 1]!))];
}

/** Cells as `row,col rowSpan×colSpan`. */
const layout = (table: LatticeTable) => table.cells.map((c) => `${c.row},${c.col} ${c.rowSpan}×${c.colSpan}`);

describe('ruled tables: cells from rulings', () => {
  it('a full grid is one table: its boundaries, its box, and every cell with its place and its box', () => {
    const [table, ...rest] = findTables(grid([60, 200, 260], [100, 120, 140]));
    expect(rest).toEqual([]);
    expect(table).toEqual({
      x0: 60,
      y0: 100,
      x1: 260,
      y1: 140,
      xs: [60, 200, 260],
      ys: [100, 120, 140],
      cells: [
        { x0: 60, y0: 100, x1: 200, y1: 120, row: 0, col: 0, rowSpan: 1, colSpan: 1 },
        { x0: 200, y0: 100, x1: 260, y1: 120, row: 0, col: 1, rowSpan: 1, colSpan: 1 },
        { x0: 60, y0: 120, x1: 200, y1: 140, row: 1, col: 0, rowSpan: 1, colSpan: 1 },
        { x0: 200, y0: 120, x1: 260, y1: 140, row: 1, col: 1, rowSpan: 1, colSpan: 1 },
      ],
    });
  });

  it('a cell without an inner ruling spans the columns or rows it covers', () => {
    // Row 0: one cell over both columns (no vertical at 200 above y=120). Column 0: one cell over rows 1 and 2.
    const segments = [
      h(100, 60, 260),
      h(120, 60, 260),
      h(140, 200, 260),
      h(160, 60, 260),
      v(60, 100, 160),
      v(200, 120, 160),
      v(260, 100, 160),
    ];
    const [table] = findTables(segments);
    expect(layout(table!)).toEqual(['0,0 1×2', '1,0 2×1', '1,1 1×1', '2,1 1×1']);
    expect([table!.xs, table!.ys]).toEqual([
      [60, 200, 260],
      [100, 120, 140, 160],
    ]);
  });

  it('a lone box is not a table; fewer than two rulings each way is nothing', () => {
    expect(findTables(grid([60, 260], [100, 140]))).toEqual([]);
    expect(findTables([h(100, 60, 260), v(60, 100, 140), v(260, 100, 140)])).toEqual([]);
    expect(findTables([h(100, 60, 260), h(140, 60, 260), v(60, 100, 140)])).toEqual([]);
  });

  it('tables apart are listed top to bottom, then left to right', () => {
    const tables = findTables([
      ...grid([300, 400, 500], [400, 420]),
      ...grid([60, 100, 140], [400, 420]),
      ...grid([60, 100, 140], [100, 120]),
    ]);
    expect(tables.map((t) => [t.x0, t.y0])).toEqual([
      [60, 100],
      [60, 400],
      [300, 400],
    ]);
  });

  it('ignores slanted lines', () => {
    expect(
      findTables([...grid([60, 200, 260], [100, 140]), { x0: 60, y0: 100, x1: 260, y1: 140 }]).map(layout),
    ).toEqual([['0,0 1×1', '0,1 1×1']]);
    // Starting inside a cell, a slanted line taken for a vertical (x0) or a horizontal one (y0) would split it.
    expect(
      findTables([
        ...grid([60, 200, 260], [100, 140]),
        { x0: 130, y0: 100, x1: 160, y1: 140 },
        { x0: 60, y0: 120, x1: 200, y1: 125 },
      ]).map(layout),
    ).toEqual([['0,0 1×1', '0,1 1×1']]);
  });

  it('lists tables by their top, then by their left edge (an L-shaped table left of a box of two cells)', () => {
    const lShaped = [
      h(100, 100, 140),
      h(120, 60, 140),
      h(140, 60, 140),
      v(60, 120, 140),
      v(100, 100, 120),
      v(140, 100, 140),
    ];
    const box = [h(100, 70, 90), h(110, 70, 90), v(70, 100, 110), v(80, 100, 110), v(90, 100, 110)];
    expect(findTables([...lShaped, ...box]).map((t) => [t.x0, t.y0, t.cells.length])).toEqual([
      [60, 100, 2],
      [70, 100, 2],
    ]);
  });
});

describe('ruled tables: rulings as PDF producers draw them', () => {
  it('snaps rulings drawn up to 3 pt apart onto one line, at their mean position', () => {
    const [table] = findTables([
      h(100, 60, 260),
      h(103, 60, 260),
      h(140, 60, 260),
      v(60, 100, 140),
      v(200, 100, 140),
      v(260, 100, 140),
    ]);
    expect(table!.ys).toEqual([101.5, 140]);
    expect(layout(table!)).toEqual(['0,0 1×1', '0,1 1×1']);
  });

  it('keeps rulings 3.5 pt apart as two lines', () => {
    const [table] = findTables([
      h(100, 60, 260),
      h(103.5, 60, 260),
      h(140, 60, 260),
      v(60, 100, 140),
      v(200, 100, 140),
      v(260, 100, 140),
    ]);
    expect(table!.ys).toEqual([100, 103.5, 140]);
  });

  it('joins the pieces of a ruling broken by gaps of up to 3 pt; a wider gap breaks it', () => {
    const around = [h(100, 60, 260), v(60, 100, 160), v(200, 100, 160), v(260, 100, 160), h(160, 60, 260)];
    const joined = findTables([...around, h(130, 60, 130), h(130, 133, 260)]);
    expect(layout(joined[0]!)).toEqual(['0,0 1×1', '0,1 1×1', '1,0 1×1', '1,1 1×1']);
    const broken = findTables([...around, h(130, 60, 130), h(130, 134, 260)]);
    // The left cell is not closed at y=130: it runs down to y=160.
    expect(layout(broken[0]!)).toEqual(['0,0 2×1', '0,1 1×1', '1,1 1×1']);
  });

  it('joins overlapping pieces into the longest line they make, a piece inside another shortening nothing', () => {
    const top = [h(100, 60, 180), h(100, 100, 120), h(100, 150, 260)];
    expect(
      findTables([...top, h(140, 60, 260), v(60, 100, 140), v(200, 100, 140), v(260, 100, 140)]).map(layout),
    ).toEqual([['0,0 1×1', '0,1 1×1']]);
  });

  it('drops slivers shorter than 3 pt (tick marks), keeps 3 pt', () => {
    const base = grid([60, 200, 260], [100, 140]);
    // A 2.9 pt tick at x=100 below the top ruling is no ruling; a 3 pt one is, but crosses nothing below: no cell.
    expect(findTables([...base, v(100, 100, 102.9)]).map(layout)).toEqual([['0,0 1×1', '0,1 1×1']]);
    expect(findTables([...base, v(100, 100, 103)])[0]!.xs).toEqual([60, 200, 260]);
  });

  it('closes no cell whose left side is broken by a gap wider than 3 pt', () => {
    // The left ruling in two pieces (100–115 and 122–140): the only cell left is the one on the right, alone.
    const segments = [
      h(100, 60, 260),
      h(140, 60, 260),
      v(60, 100, 115),
      v(60, 122, 140),
      v(200, 100, 140),
      v(260, 100, 140),
    ];
    expect(findTables(segments)).toEqual([]);
  });

  it('closes no cell whose right side is broken: the cell runs on to the next ruling', () => {
    const segments = [
      h(100, 60, 260),
      h(140, 60, 260),
      h(180, 60, 260),
      v(60, 100, 180),
      v(200, 100, 115),
      v(200, 125, 180),
      v(260, 100, 180),
    ];
    expect(findTables(segments).map(layout)).toEqual([['0,0 1×2', '1,0 1×1', '1,1 1×1']]);
  });

  it('lets a ruling stop up to 3 pt short of the line it meets', () => {
    const short = (gap: number) =>
      findTables([
        h(100, 60, 260),
        h(140, 60 + gap, 260 - gap),
        v(60, 100, 140 - gap),
        v(200, 100 + gap, 140),
        v(260, 100, 140 - gap),
      ]);
    expect(short(3).map(layout)).toEqual([['0,0 1×1', '0,1 1×1']]);
    expect(short(3.5)).toEqual([]);
  });
});
