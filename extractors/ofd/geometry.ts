import type { Segment } from '../geometry/segments.js';

/**
 * OFD geometry (GB/T 33190 §8): millimetres, origin at the page's top left, y downwards. Each graphic unit has a
 * `Boundary` (x y w h) whose origin its own coordinates start from, and may have a `CTM` (a b c d e f) applied
 * before that. Everything here is turned into points (1/72 in), what the PDF reader's layout thresholds are set in.
 */

export type Matrix = [number, number, number, number, number, number];

export const MM_TO_PT = 72 / 25.4;
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

export function matrix(values: number[]): Matrix {
  return values.length === 6 ? (values as Matrix) : IDENTITY;
}

/** A point of a unit's own space on the page, in points. */
export function toPage(ctm: Matrix, origin: [number, number], x: number, y: number): [number, number] {
  return [
    (ctm[0] * x + ctm[2] * y + ctm[4] + origin[0]) * MM_TO_PT,
    (ctm[1] * x + ctm[3] * y + ctm[5] + origin[1]) * MM_TO_PT,
  ];
}

/** Straight sub-paths of `AbbreviatedData` (M, L, C; curves B, Q, A end a sub-path as not a ruling). */
export function pathPolylines(data: string): { points: [number, number][]; closed: boolean }[] {
  const tokens = data.trim().split(/\s+/);
  const paths: { points: [number, number][]; closed: boolean }[] = [];
  let current: { points: [number, number][]; closed: boolean; curved: boolean } | undefined;
  const end = () => {
    if (current && !current.curved && current.points.length > 1)
      paths.push({ points: current.points, closed: current.closed });
    current = undefined;
  };
  const ARGS: Record<string, number> = { M: 2, L: 2, B: 6, Q: 4, A: 7, S: 2, C: 0 };
  for (let i = 0; i < tokens.length; ) {
    const op = tokens[i++]!;
    const count = ARGS[op];
    if (count === undefined) continue;
    const args = tokens.slice(i, i + count).map(Number);
    i += count;
    if (args.some((n) => !Number.isFinite(n))) continue;
    if (op === 'M' || op === 'S') {
      end();
      current = { points: [[args[0]!, args[1]!]], closed: false, curved: false };
    } else if (op === 'L') (current ??= { points: [], closed: false, curved: false }).points.push([args[0]!, args[1]!]);
    else if (op === 'C' && current) {
      current.closed = true;
      end();
    } else if (current) current.curved = true;
  }
  end();
  return paths;
}

/** Lines thinner than this (pt) drawn as filled rectangles are rulings, as Word and WPS draw table borders. */
const THIN = 2;

/** The axis-aligned pieces of a polyline (in page points) as rulings; a thin filled box as its centre line. */
export function rulings(points: [number, number][], closed: boolean): Segment[] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  if (closed && (x1 - x0 < THIN || y1 - y0 < THIN)) {
    return x1 - x0 < y1 - y0
      ? [{ x0: (x0 + x1) / 2, x1: (x0 + x1) / 2, y0, y1 }]
      : [{ x0, x1, y0: (y0 + y1) / 2, y1: (y0 + y1) / 2 }];
  }
  const all = closed ? [...points, points[0]!] : points;
  const segments: Segment[] = [];
  for (let k = 1; k < all.length; k++) {
    const [a, b] = [all[k - 1]!, all[k]!];
    if (Math.abs(a[0] - b[0]) < 0.5 || Math.abs(a[1] - b[1]) < 0.5) {
      segments.push({
        x0: Math.min(a[0], b[0]),
        x1: Math.max(a[0], b[0]),
        y0: Math.min(a[1], b[1]),
        y1: Math.max(a[1], b[1]),
      });
    }
  }
  return segments;
}

/** `DeltaX`/`DeltaY`: offsets between successive glyphs, `g N d` standing for N times d. */
export function deltas(value: string | null | undefined): number[] {
  const tokens = (value ?? '')
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  const out: number[] = [];
  for (let i = 0; i < tokens.length && out.length < 100_000; i++) {
    if (tokens[i] === 'g') {
      const times = Math.min(Number(tokens[i + 1]), 100_000);
      const step = Number(tokens[i + 2]);
      i += 2;
      if (Number.isFinite(times) && Number.isFinite(step)) for (let k = 0; k < times; k++) out.push(step);
    } else if (Number.isFinite(Number(tokens[i]))) out.push(Number(tokens[i]));
  }
  return out;
}
