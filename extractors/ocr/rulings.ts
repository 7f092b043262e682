import type { Segment } from '../geometry/segments.js';
import type { Mask } from './raster.js';

/**
 * Ruling lines of a (deskewed, binarised) picture as segments in pixels, for the PDF reader's lattice
 * (`findTables`): long runs of ink along rows (horizontal rulings) and along columns (vertical ones), the runs of
 * neighbouring rows or columns merged into one line with its centre as position. Strokes of characters are
 * shorter than `minLength`, or lie inside cells where they cross no other ruling, so they make no cells.
 */

export interface Rulings {
  horizontal: Line[];
  vertical: Line[];
}

/** A ruling: `at` is its centre across (y for horizontal), `from`–`to` its extent along. */
export interface Line {
  at: number;
  from: number;
  to: number;
  thickness: number;
}

export interface RulingOptions {
  /** Shortest run taken for a ruling, in pixels. */
  minLength: number;
  /** Ink missing over this many pixels (scan noise, JPEG) does not break a line. */
  gap?: number;
  /** Thicker than this is a filled area (a photo, a black bar), not a ruling. */
  maxThickness?: number;
}

export function findRulings(mask: Mask, options: RulingOptions): Rulings {
  const gap = options.gap ?? 2;
  const maxThickness = options.maxThickness ?? Math.max(8, Math.round(options.minLength / 2));
  const horizontal = mergeRuns(rowRuns(mask, options.minLength, gap), gap).filter(
    (l) => l.thickness <= maxThickness && isClear(mask, l, 'horizontal'),
  );
  const vertical = mergeRuns(columnRuns(mask, options.minLength, gap), gap).filter(
    (l) => l.thickness <= maxThickness && isClear(mask, l, 'vertical'),
  );
  return { horizontal, vertical };
}

/** Both flanks of a ruling are mostly paper; a run of strokes of characters side by side has writing along it. */
const MAX_FLANK_INK = 0.3;

function isClear(mask: Mask, line: Line, direction: 'horizontal' | 'vertical'): boolean {
  const offset = line.thickness / 2 + 2;
  const flank = (at: number) => {
    const fixed = Math.round(at);
    let ink = 0;
    let count = 0;
    for (let i = line.from; i < line.to; i++) {
      const [x, y] = direction === 'horizontal' ? [i, fixed] : [fixed, i];
      if (x < 0 || y < 0 || x >= mask.width || y >= mask.height) continue;
      ink += mask.data[y * mask.width + x]!;
      count++;
    }
    return count > 0 ? ink / count : 0;
  };
  return Math.max(flank(line.at - offset), flank(line.at + offset)) <= MAX_FLANK_INK;
}

/**
 * Rulings of a table meet other rulings at both ends; strokes of characters (long enough at small type sizes to pass
 * for short rulings) touch at most one. Long lines are taken as they are; a short one is kept when both its ends
 * reach a kept line across it, so a stroke touching a cell's border cannot split the cell.
 */
export function connectedRulings(rulings: Rulings, longLength: number, reach: number): Rulings {
  const isLong = (l: Line) => l.to - l.from >= longLength;
  const kept = { horizontal: rulings.horizontal.filter(isLong), vertical: rulings.vertical.filter(isLong) };
  let pending = {
    horizontal: rulings.horizontal.filter((l) => !isLong(l)),
    vertical: rulings.vertical.filter((l) => !isLong(l)),
  };
  const endsMeet = (line: Line, across: Line[]) =>
    [line.from, line.to].every((end) =>
      across.some((a) => Math.abs(a.at - end) <= reach && line.at >= a.from - reach && line.at <= a.to + reach),
    );
  for (let changed = true; changed; ) {
    const horizontal = pending.horizontal.filter((l) => endsMeet(l, kept.vertical));
    const vertical = pending.vertical.filter((l) => endsMeet(l, kept.horizontal));
    changed = horizontal.length + vertical.length > 0;
    kept.horizontal.push(...horizontal);
    kept.vertical.push(...vertical);
    pending = {
      horizontal: pending.horizontal.filter((l) => !horizontal.includes(l)),
      vertical: pending.vertical.filter((l) => !vertical.includes(l)),
    };
  }
  return kept;
}

/**
 * A picture cut out of a larger one often loses the table's outer ruling on a side (a screenshot or a crop just
 * inside the frame): the rulings across end there together, at the picture's edge or one line. Where two or more
 * long ones end at the same place with no ruling there, the missing ruling is drawn back between
 * the outermost of them, so the cells along that side are closed.
 */
export function closeOpenEnds(rulings: Rulings, longLength: number, reach: number): Rulings {
  const horizontal = [...rulings.horizontal, ...missingLines(rulings.vertical, rulings.horizontal, longLength, reach)];
  const vertical = [...rulings.vertical, ...missingLines(rulings.horizontal, rulings.vertical, longLength, reach)];
  return { horizontal, vertical };
}

/** Lines missing across the ends of `lines` (which run across `others`). */
function missingLines(lines: Line[], others: Line[], longLength: number, reach: number): Line[] {
  const open = (end: number, line: Line) =>
    !others.some((o) => Math.abs(o.at - end) <= reach && line.at >= o.from - reach && line.at <= o.to + reach);
  const missing: Line[] = [];
  for (const side of ['from', 'to'] as const) {
    const ends = lines.filter((l) => l.to - l.from >= longLength && open(l[side], l)).sort((a, b) => a[side] - b[side]);
    const groups: Line[][] = [];
    for (const line of ends) {
      const group = groups[groups.length - 1];
      if (group && Math.abs(line[side] - group[0]![side]) <= reach) group.push(line);
      else groups.push([line]);
    }
    for (const group of groups) {
      if (group.length < 2) continue;
      const line = {
        at: group.reduce((sum, l) => sum + l[side], 0) / group.length,
        from: Math.min(...group.map((l) => l.at)),
        to: Math.max(...group.map((l) => l.at)),
        thickness: 1,
      };
      // Only an outer side can be missing: no ruling lies further out across the same span.
      const beyond = others.some(
        (o) =>
          (side === 'from' ? o.at < line.at - reach : o.at > line.at + reach) &&
          Math.min(o.to, line.to) - Math.max(o.from, line.from) > (line.to - line.from) / 2,
      );
      if (!beyond) missing.push(line);
    }
  }
  return missing;
}

/**
 * Segments for the lattice, each lengthened by `reach` at both ends: a scanned line that stops a pixel or two short
 * of the line it should meet still makes the crossing.
 */
export function toSegments(rulings: Rulings, reach: number): Segment[] {
  return [
    ...rulings.horizontal.map((l) => ({ x0: l.from - reach, y0: l.at, x1: l.to + reach, y1: l.at })),
    ...rulings.vertical.map((l) => ({ x0: l.at, y0: l.from - reach, x1: l.at, y1: l.to + reach })),
  ];
}

interface Run {
  /** Row (or column) index. */
  at: number;
  from: number;
  to: number;
}

function rowRuns(mask: Mask, minLength: number, gap: number): Run[] {
  const runs: Run[] = [];
  for (let y = 0; y < mask.height; y++) {
    collectRuns(mask.width, (x) => mask.data[y * mask.width + x] === 1, y, minLength, gap, runs);
  }
  return runs;
}

function columnRuns(mask: Mask, minLength: number, gap: number): Run[] {
  const runs: Run[] = [];
  for (let x = 0; x < mask.width; x++) {
    collectRuns(mask.height, (y) => mask.data[y * mask.width + x] === 1, x, minLength, gap, runs);
  }
  return runs;
}

function collectRuns(
  length: number,
  ink: (i: number) => boolean,
  at: number,
  minLength: number,
  gap: number,
  out: Run[],
): void {
  let start = -1;
  let last = -1;
  for (let i = 0; i < length; i++) {
    if (!ink(i)) continue;
    if (start >= 0 && i - last - 1 <= gap) {
      last = i;
      continue;
    }
    if (start >= 0 && last - start + 1 >= minLength) out.push({ at, from: start, to: last + 1 });
    start = i;
    last = i;
  }
  if (start >= 0 && last - start + 1 >= minLength) out.push({ at, from: start, to: last + 1 });
}

/**
 * Runs on neighbouring rows that overlap belong to one line (a line two or three pixels thick, or one that steps
 * by a row where a trace of skew is left).
 */
function mergeRuns(runs: Run[], gap: number): Line[] {
  interface Cluster {
    first: number;
    last: number;
    from: number;
    to: number;
    weight: number;
    weighted: number;
    /** The extent of its runs on its last row: the next row's runs must touch these, not the whole extent. */
    lastFrom: number;
    lastTo: number;
  }
  const done: Cluster[] = [];
  let active: Cluster[] = [];
  for (const run of runs) {
    const still: Cluster[] = [];
    for (const c of active) (run.at - c.last > 1 ? done : still).push(c);
    active = still;
    // Touching the cluster's runs on the row before, not its whole extent: otherwise strokes of large characters in
    // neighbouring columns chain a table's rulings, and the desk's edge, into one "line" a table wide (measured on a
    // photographed 215 dpi page: one cluster 1,653 pixels thick swallowed every vertical ruling).
    const touching = active.filter((c) => run.from <= c.lastTo + gap && run.to >= c.lastFrom - gap);
    const length = run.to - run.from;
    const merged: Cluster = {
      first: run.at,
      last: run.at,
      from: run.from,
      to: run.to,
      weight: length,
      weighted: run.at * length,
      lastFrom: run.from,
      lastTo: run.to,
    };
    for (const c of touching) {
      merged.first = Math.min(merged.first, c.first);
      merged.from = Math.min(merged.from, c.from);
      merged.to = Math.max(merged.to, c.to);
      merged.weight += c.weight;
      merged.weighted += c.weighted;
      // Runs of this row already merged into the cluster keep their extent on this row.
      if (c.last === run.at) {
        merged.lastFrom = Math.min(merged.lastFrom, c.lastFrom);
        merged.lastTo = Math.max(merged.lastTo, c.lastTo);
      }
    }
    active = [...active.filter((c) => !touching.includes(c)), merged];
  }
  done.push(...active);
  return done
    .map((c) => ({ at: c.weighted / c.weight + 0.5, from: c.from, to: c.to, thickness: c.last - c.first + 1 }))
    .sort((a, b) => a.at - b.at || a.from - b.from);
}
