import type { TableCell } from '../../src/core/model/document.js';

/**
 * RTF tables have no grid of their own: each row lists its cells' right edges (`\cellx`, in twips) and merge marks.
 * The grid is the union of every row's edges; a cell spans the grid columns between its left and right edge, a cell
 * marked `\clmrg` widens the one before it, and a cell marked `\clvmrg` lengthens the cell above it that starts at the
 * same edge (`\clvmgf`).
 */

export interface CellDef {
  right: number;
  /** `\clvmgf` first / `\clvmrg` continued vertical merge. */
  vertical?: 'first' | 'more';
  /** `\clmgf` first / `\clmrg` continued horizontal merge. */
  horizontal?: 'first' | 'more';
}

export interface RtfRow {
  left: number;
  defs: CellDef[];
  texts: string[];
}

/** Edges closer than this (twips, 1/20 pt) are one edge: writers round widths differently row by row. */
const EDGE_TOLERANCE = 15;

export function rowsToCells(rows: RtfRow[]): TableCell[] {
  const edges = gridEdges(rows);
  const column = (x: number) => nearest(edges, x);
  const cells: TableCell[] = [];
  const openAt = new Map<number, TableCell>();
  rows.forEach((row, r) => {
    let left = row.left;
    let previous: TableCell | undefined;
    row.defs.forEach((def, i) => {
      const text = row.texts[i] ?? '';
      const from = column(left);
      const to = Math.max(from + 1, column(def.right));
      left = def.right;
      if (def.horizontal === 'more' && previous) {
        previous.colSpan = Math.max(previous.colSpan, to - previous.col);
        return;
      }
      const above = openAt.get(from);
      if (def.vertical === 'more' && above && above.row + above.rowSpan === r) {
        above.rowSpan += 1;
        previous = above;
        return;
      }
      const cell: TableCell = { row: r, col: from, rowSpan: 1, colSpan: to - from, text };
      cells.push(cell);
      previous = cell;
      if (def.vertical === 'first') openAt.set(from, cell);
      else openAt.delete(from);
    });
  });
  return dropOverlaps(cells);
}

function gridEdges(rows: RtfRow[]): number[] {
  const all = rows.flatMap((row) => [row.left, ...row.defs.map((d) => d.right)]).sort((a, b) => a - b);
  const edges: number[] = [];
  for (const x of all) if (edges.length === 0 || x - edges[edges.length - 1]! > EDGE_TOLERANCE) edges.push(x);
  return edges;
}

function nearest(edges: number[], x: number): number {
  let best = 0;
  for (let i = 1; i < edges.length; i++) if (Math.abs(edges[i]! - x) < Math.abs(edges[best]! - x)) best = i;
  return best;
}

/** Cells of a malformed row (edges going backwards) that fall on slots already taken are left out, not overlapped. */
function dropOverlaps(cells: TableCell[]): TableCell[] {
  const taken = new Set<string>();
  return cells.filter((cell) => {
    const slots: string[] = [];
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
      for (let c = cell.col; c < cell.col + cell.colSpan; c++) slots.push(`${r},${c}`);
    }
    if (slots.some((s) => taken.has(s))) return false;
    slots.forEach((s) => taken.add(s));
    return true;
  });
}
