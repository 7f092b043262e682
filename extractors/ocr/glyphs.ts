import { marksIn, type InkOptions, type Mark } from './ink.js';
import type { Mask, Rect } from './raster.js';

/**
 * What the writing in a cell looks like, before anything is recognised: Arabic digits are single marks taller than
 * they are wide, side by side, all of one height; Chinese characters are as wide as they are tall and made of
 * several marks. The shape decides which recogniser reads a cell first (digits, or Chinese), and how many digits a
 * number reading must have.
 */

export type Shape =
  /** Digits (and a decimal point, a sign, a dash or a slash) on one line. */
  | 'number'
  /** Anything else: words, several lines, a number with a note. */
  | 'words';

export interface CellShape {
  shape: Shape;
  /** Height of the tallest mark: the digits' height for a number. */
  height: number;
  /** Marks of digit height side by side (a number's digit count, give or take a broken or touching digit). */
  tallMarks: number;
}

export function cellShape(mask: Mask, ink: Rect, options: InkOptions): CellShape {
  const marks = marksIn(mask, ink).filter((m) => m.pixels >= options.minPixels);
  const height = Math.max(0, ...marks.map((m) => m.y1 - m.y0));
  const tall = marks.filter((m) => m.y1 - m.y0 >= height * 0.6);
  const tallMarks = tall.length;
  const small = marks.filter((m) => !tall.includes(m));
  const narrow = tall.every((m) => m.y1 - m.y0 >= (m.x1 - m.x0) * 1.15);
  // Digits stand side by side; the parts of a Chinese character sit over or inside one another.
  const sideBySide = tall.every((m, i) => tall.every((o, j) => i === j || overlapX(m, o) <= Math.min(m.x1 - m.x0, o.x1 - o.x0) * 0.25));
  // Small marks of a number are a decimal point or a sign at the digits' middle or foot, never above them.
  const top = Math.min(...tall.map((m) => m.y0));
  const smallOk = small.every((m) => m.y0 >= top + height * 0.25);
  const dash = marks.length === 1 && isDash(marks[0]!);
  if (dash || (tall.length > 0 && narrow && sideBySide && smallOk)) return { shape: 'number', height: dash ? 0 : height, tallMarks: dash ? 0 : tallMarks };
  return { shape: 'words', height, tallMarks };
}

/** A lone flat mark: the dash printed for zero (—, -). */
function isDash(mark: Mark): boolean {
  const w = mark.x1 - mark.x0;
  const h = mark.y1 - mark.y0;
  return w >= 2.5 * h;
}

function overlapX(a: Rect, b: Rect): number {
  return Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
}
