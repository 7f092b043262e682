import { marksIn, type InkOptions } from './ink.js';
import type { Mask, Rect } from './raster.js';

/**
 * What the writing in a cell looks like, before anything is recognised: Arabic digits stand side by side, each
 * taller than it is wide, all of one height, with a decimal point, a comma or a minus sign as small marks at their
 * middle or foot; Chinese characters are as wide as they are tall. The shape decides which recogniser reads a cell
 * first (digits, or Chinese), and how many digits and small marks a number reading must account for.
 */

type Shape =
  /** Digits (and a decimal point, a sign, a dash or a slash) on one line. */
  | 'number'
  /** Anything else: words, several lines, a number with a note. */
  | 'words';

export interface CellShape {
  shape: Shape;
  /** Height of the tallest glyph: the digits' height for a number. */
  height: number;
  /** Glyphs of digit height side by side (a number's digits, a slash). */
  tall: number;
  /** Small glyphs beside them (a decimal point, a thousands comma, a sign). */
  small: number;
  /**
   * The glyphs from left to right: `T` tall (a digit, a slash), `s` small at the foot (a point, a comma), `m` flat at
   * the middle (a minus sign, a dash), `x` any other small mark.
   */
  pattern: string;
}

/** A glyph: the marks of one character, which overlap one another from left to right (a broken stroke, i's dot). */
interface Glyph extends Rect {}

/**
 * `digitHeight`, when the table's digits are known to be about that high, lets the pieces of a digit that
 * binarising broke apart (the bar of a small 5) join across a wider gap, as long as they stay within a digit's height.
 */
export function cellShape(mask: Mask, ink: Rect, options: InkOptions, digitHeight?: number): CellShape {
  const glyphs = glyphsOf(
    marksIn(mask, ink).filter((m) => m.pixels >= options.minPixels),
    digitHeight,
  );
  const height = Math.max(0, ...glyphs.map((g) => g.y1 - g.y0));
  const tall = glyphs.filter((g) => g.y1 - g.y0 >= height * 0.6);
  const small = glyphs.filter((g) => !tall.includes(g));
  if (glyphs.length === 1 && isDash(glyphs[0]!)) return { shape: 'number', height: 0, tall: 0, small: 1, pattern: 'm' };
  const narrow = tall.every((g) => g.y1 - g.y0 >= (g.x1 - g.x0) * 1.15);
  // One line: glyphs side by side, none above another (characters stacked in a narrow column are words).
  const oneLine = glyphs.every((g, i) =>
    glyphs.every((o, j) => j <= i || Math.min(g.x1, o.x1) - Math.max(g.x0, o.x0) <= 0),
  );
  // Small marks of a number are a point, a comma or a sign at the digits' middle or foot, never above them.
  const top = Math.min(...tall.map((g) => g.y0));
  const smallOk = small.every((g) => g.y0 >= top + height * 0.25);
  const shape = tall.length > 0 && narrow && oneLine && smallOk ? 'number' : 'words';
  const kind = (g: Glyph): string => {
    if (tall.includes(g)) return 'T';
    const h = g.y1 - g.y0;
    const middle = (g.y0 + g.y1) / 2;
    if (g.x1 - g.x0 >= 1.5 * h && middle >= top + height * 0.3 && middle <= top + height * 0.75) return 'm';
    if (g.y1 >= top + height * 0.75) return 's';
    return 'x';
  };
  return { shape, height, tall: tall.length, small: small.length, pattern: glyphs.map(kind).join('') };
}

/**
 * Marks grouped into glyphs: marks whose horizontal extents overlap by more than a quarter of the narrower one and
 * that nearly touch from above and below (the pieces of a broken stroke; not a character on the next line).
 */
function glyphsOf(marks: Rect[], digitHeight?: number): Glyph[] {
  const sorted = [...marks].sort((a, b) => a.x0 - b.x0);
  const glyphs: Glyph[] = [];
  for (const mark of sorted) {
    const joins = (g: Glyph) => {
      const overlap = Math.min(g.x1, mark.x1) - Math.max(g.x0, mark.x0);
      if (overlap <= Math.min(g.x1 - g.x0, mark.x1 - mark.x0) * 0.25) return false;
      const gap = Math.max(g.y0, mark.y0) - Math.min(g.y1, mark.y1);
      if (gap <= Math.max(2, Math.max(g.y1 - g.y0, mark.y1 - mark.y0) * 0.3)) return true;
      return digitHeight !== undefined && Math.max(g.y1, mark.y1) - Math.min(g.y0, mark.y0) <= digitHeight * 1.25;
    };
    const last = glyphs.findLast(joins);
    if (last) {
      last.x0 = Math.min(last.x0, mark.x0);
      last.x1 = Math.max(last.x1, mark.x1);
      last.y0 = Math.min(last.y0, mark.y0);
      last.y1 = Math.max(last.y1, mark.y1);
    } else glyphs.push({ x0: mark.x0, y0: mark.y0, x1: mark.x1, y1: mark.y1 });
  }
  return glyphs;
}

/** A lone flat glyph: the dash printed for zero (—, -). */
function isDash(glyph: Glyph): boolean {
  return glyph.x1 - glyph.x0 >= 2.5 * (glyph.y1 - glyph.y0);
}
