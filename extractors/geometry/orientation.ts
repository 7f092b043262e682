import type { Box } from './lattice.js';
import type { Matrix, Segment } from './segments.js';

/**
 * Which way a page's text runs, and the frame in which it reads upright.
 *
 * A page is displayed in viewport space: PDF user space turned by the page's /Rotate, origin top-left, y down. A page
 * turned by /Rotate on upright content, and content drawn turned on a portrait or landscape page (a landscape table
 * printed sideways), both show text whose baseline points down, left or up. Table reading needs text upright, so
 * each run's direction is taken from its text matrix in viewport space, and the page is turned by whole quarter
 * turns until the runs read left to right: that is the page's upright frame. Rulings are turned the same way, so
 * text and rulings share one coordinate system. Quarter turns are exact (coordinates are swapped and mirrored, never
 * multiplied by a computed cosine), so an axis-aligned ruling stays exactly axis-aligned.
 */

/** Quarter turns (clockwise, as seen) that bring text running this way upright: 0 upright, 1 reads upward, 2 upside down, 3 reads downward. */
export type QuarterTurns = 0 | 1 | 2 | 3;

/** A text direction within this angle of an axis is taken as along that axis; anything more oblique is left out. */
const AXIS_SLOPE = Math.tan((10 * Math.PI) / 180);

/**
 * The quarter turns that make a run upright, from its matrix in viewport space (x right, y down), or undefined for
 * text set at an oblique angle (a seal, a slanted stamp), which is left out of reading as before.
 */
export function runTurns(m: Matrix): QuarterTurns | undefined {
  const [dx, dy] = [m[0], m[1]];
  if (dx === 0 && dy === 0) return undefined;
  if (Math.abs(dy) <= Math.abs(dx) * AXIS_SLOPE) return dx > 0 ? 0 : 2;
  if (Math.abs(dx) <= Math.abs(dy) * AXIS_SLOPE) return dy > 0 ? 3 : 1;
  return undefined;
}

/**
 * The upright frame of a displayed page of `width` × `height` points for text needing `turns`: maps displayed
 * points to upright ones and back. Upright coordinates are again top-left origin, y down, on a page of the turned
 * size.
 */
export interface UprightFrame {
  turns: QuarterTurns;
  width: number;
  height: number;
  /** Viewport → upright, as a matrix to compose with text matrices. */
  matrix: Matrix;
  toUpright(x: number, y: number): [number, number];
  toDisplayed(x: number, y: number): [number, number];
}

export function uprightFrame(turns: QuarterTurns, width: number, height: number): UprightFrame {
  // Turning the page clockwise by a quarter maps (x, y) to (H − y, x); each further quarter repeats that.
  switch (turns) {
    case 0:
      return frame(
        turns,
        width,
        height,
        [1, 0, 0, 1, 0, 0],
        (x, y) => [x, y],
        (x, y) => [x, y],
      );
    case 1:
      return frame(
        turns,
        height,
        width,
        [0, 1, -1, 0, height, 0],
        (x, y) => [height - y, x],
        (u, v) => [v, height - u],
      );
    case 2:
      return frame(
        turns,
        width,
        height,
        [-1, 0, 0, -1, width, height],
        (x, y) => [width - x, height - y],
        (u, v) => [width - u, height - v],
      );
    case 3:
      return frame(
        turns,
        height,
        width,
        [0, -1, 1, 0, 0, width],
        (x, y) => [y, width - x],
        (u, v) => [width - v, u],
      );
  }
}

function frame(
  turns: QuarterTurns,
  width: number,
  height: number,
  matrix: Matrix,
  toUpright: UprightFrame['toUpright'],
  toDisplayed: UprightFrame['toDisplayed'],
): UprightFrame {
  return { turns, width, height, matrix, toUpright, toDisplayed };
}

/** A ruling in the upright frame (exact: coordinates swapped and mirrored only). */
export function turnSegment(segment: Segment, upright: UprightFrame): Segment {
  if (upright.turns === 0) return segment;
  const [ax, ay] = upright.toUpright(segment.x0, segment.y0);
  const [bx, by] = upright.toUpright(segment.x1, segment.y1);
  return { x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by) };
}

/** An upright box as the page displays it (what provenance reports: points from the displayed page's top-left). */
export function displayedBox(box: Box, upright: UprightFrame): Box {
  if (upright.turns === 0) return { x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1 };
  const [ax, ay] = upright.toDisplayed(box.x0, box.y0);
  const [bx, by] = upright.toDisplayed(box.x1, box.y1);
  return { x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by) };
}
