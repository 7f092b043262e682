import type { Segment } from './segments.js';

/**
 * Ruled tables from ruling segments (the pdfplumber / Tabula "lattice" method): snap parallel edges, join collinear
 * ones, find where horizontal and vertical edges cross, take each smallest rectangle whose four corners are
 * crossings connected by edges as a cell, group cells that share corners into tables, and give each cell its row and
 * column span on its table's grid of distinct x and y positions.
 */

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The smallest box holding all the given boxes (a table's cells). */
export function enclosingBox(boxes: Box[]): Box {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

interface LatticeCell extends Box {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export interface LatticeTable extends Box {
  cells: LatticeCell[];
  /** Column and row boundaries, ascending. */
  xs: number[];
  ys: number[];
}

const SNAP = 3;
const JOIN = 3;
const MIN_EDGE = 3;
const CROSS = 3;

interface Edge {
  /** Position on the fixed axis (y for horizontal edges, x for vertical). */
  at: number;
  from: number;
  to: number;
}

export function findTables(segments: Segment[]): LatticeTable[] {
  const horizontal = normalise(segments.filter((s) => s.y0 === s.y1).map((s) => ({ at: s.y0, from: s.x0, to: s.x1 })));
  const vertical = normalise(segments.filter((s) => s.x0 === s.x1).map((s) => ({ at: s.x0, from: s.y0, to: s.y1 })));
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: equivalent, fewer than two rulings one way close no cell (this only saves work)
  if (horizontal.length < 2 || vertical.length < 2) return [];
  const cells = findCells(horizontal, vertical);
  return groupIntoTables(cells);
}

/** Snap edges on nearly the same line together, join overlapping or touching ones, drop slivers. */
function normalise(edges: Edge[]): Edge[] {
  const sorted = [...edges].sort((a, b) => a.at - b.at);
  const clusters: Edge[][] = [];
  for (const edge of sorted) {
    const last = clusters[clusters.length - 1];
    if (last && edge.at - mean(last) <= SNAP) last.push(edge);
    else clusters.push([edge]);
  }
  // Stryker disable next-line ArrayDeclaration: equivalent, an element that is no edge has no length and is dropped below
  const joined: Edge[] = [];
  for (const cluster of clusters) {
    const at = mean(cluster);
    const pieces = cluster.map((e) => ({ from: e.from, to: e.to })).sort((a, b) => a.from - b.from);
    let current = { ...pieces[0]! };
    // Stryker disable next-line MethodExpression: equivalent, joining the first piece to itself changes nothing
    for (const piece of pieces.slice(1)) {
      if (piece.from <= current.to + JOIN) current.to = Math.max(current.to, piece.to);
      else {
        joined.push({ at, ...current });
        current = { ...piece };
      }
    }
    joined.push({ at, ...current });
  }
  return joined.filter((e) => e.to - e.from >= MIN_EDGE);
}

function mean(edges: Edge[]): number {
  return edges.reduce((s, e) => s + e.at, 0) / edges.length;
}

/** Edges by their exact position: crossings are taken from these positions, so lookups need no tolerance. */
type EdgeIndex = Map<number, Edge[]>;

function byPosition(edges: Edge[]): EdgeIndex {
  const index: EdgeIndex = new Map();
  // Stryker disable next-line ArrayDeclaration: equivalent, an element that is no edge covers no span
  for (const edge of edges) index.set(edge.at, [...(index.get(edge.at) ?? []), edge]);
  return index;
}

/** Does some edge on line `at` cover the span [a, b]? */
function connects(edges: EdgeIndex, at: number, a: number, b: number): boolean {
  // Stryker disable next-line ArrayDeclaration: equivalent, asked only for positions that hold edges
  return (edges.get(at) ?? []).some((e) => e.from <= Math.min(a, b) + CROSS && e.to >= Math.max(a, b) - CROSS);
}

function findCells(horizontalEdges: Edge[], verticalEdges: Edge[]): Box[] {
  const horizontal = byPosition(horizontalEdges);
  const vertical = byPosition(verticalEdges);
  // Crossing points lie on the normalised edges' exact positions, so they can be indexed by value.
  const points = new Set<string>();
  const xsOnRow = new Map<number, number[]>();
  const ysOnColumn = new Map<number, number[]>();
  for (const h of horizontalEdges) {
    for (const v of verticalEdges) {
      if (v.at < h.from - CROSS || v.at > h.to + CROSS || h.at < v.from - CROSS || h.at > v.to + CROSS) continue;
      points.add(`${v.at}|${h.at}`);
      // Stryker disable next-line ArrayDeclaration: equivalent, an element that is no position is right of and below nothing
      xsOnRow.set(h.at, [...(xsOnRow.get(h.at) ?? []), v.at]);
      // Stryker disable next-line ArrayDeclaration: equivalent, an element that is no position is right of and below nothing
      ysOnColumn.set(v.at, [...(ysOnColumn.get(v.at) ?? []), h.at]);
    }
  }
  // Already in order (the edges come sorted by position): kept so that cells do not depend on how they were found.
  // Stryker disable next-line all: equivalent, the lists are built in ascending order
  for (const list of [...xsOnRow.values(), ...ysOnColumn.values()]) list.sort((a, b) => a - b);
  // Stryker disable next-line ArrayDeclaration: equivalent, an element that is no box shares no corner and is no table
  const cells: Box[] = [];
  for (const [y, xs] of xsOnRow) {
    for (const x of xs) {
      // The smallest rectangle with this top-left corner whose other corners are connected crossings.
      // Stryker disable next-line EqualityOperator: equivalent, distinct rulings lie more than 3 pt apart (snapped otherwise)
      const right = xs.filter((qx) => qx > x + CROSS);
      // Stryker disable next-line EqualityOperator,ArrayDeclaration: equivalent, distinct rulings lie more than 3 pt apart; every crossing has its column
      const below = (ysOnColumn.get(x) ?? []).filter((ry) => ry > y + CROSS);
      search: for (const qx of right) {
        if (!connects(horizontal, y, x, qx)) break;
        for (const ry of below) {
          if (!connects(vertical, x, y, ry)) break;
          if (points.has(`${qx}|${ry}`) && connects(vertical, qx, y, ry) && connects(horizontal, ry, x, qx)) {
            cells.push({ x0: x, y0: y, x1: qx, y1: ry });
            break search;
          }
        }
      }
    }
  }
  return cells;
}

/** Cells sharing a corner belong to one table; a lone cell is a box, not a table. */
function groupIntoTables(cells: Box[]): LatticeTable[] {
  const parent = cells.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const corners = new Map<string, number>();
  cells.forEach((cell, i) => {
    for (const [x, y] of [
      [cell.x0, cell.y0],
      [cell.x1, cell.y0],
      [cell.x0, cell.y1],
      [cell.x1, cell.y1],
    ] as const) {
      const key = `${Math.round(x)}:${Math.round(y)}`;
      const other = corners.get(key);
      if (other === undefined) corners.set(key, i);
      else parent[find(i)] = find(other);
    }
  });
  const groups = new Map<number, Box[]>();
  cells.forEach((cell, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), cell]);
  });
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .map(toTable)
    .sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

function toTable(cells: Box[]): LatticeTable {
  const xs = distinct(cells.flatMap((c) => [c.x0, c.x1]));
  const ys = distinct(cells.flatMap((c) => [c.y0, c.y1]));
  // Stryker disable next-line EqualityOperator: equivalent, a position is exactly one of the boundaries, the others more than 3 pt away
  const index = (values: number[], v: number) => values.findIndex((w) => Math.abs(w - v) <= CROSS);
  const placed = cells.map((c) => {
    const row = index(ys, c.y0);
    const col = index(xs, c.x0);
    return { ...c, row, col, rowSpan: index(ys, c.y1) - row, colSpan: index(xs, c.x1) - col };
  });
  // Stryker disable next-line all: equivalent, cells are found row by row, left to right: already in this order
  placed.sort((a, b) => a.row - b.row || a.col - b.col);
  return { x0: xs[0]!, y0: ys[0]!, x1: xs[xs.length - 1]!, y1: ys[ys.length - 1]!, xs, ys, cells: placed };
}

function distinct(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  // Stryker disable next-line EqualityOperator: equivalent, distinct rulings lie more than 3 pt apart (snapped otherwise)
  for (const v of sorted) if (out.length === 0 || v - out[out.length - 1]! > CROSS) out.push(v);
  return out;
}
