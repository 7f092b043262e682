import { apply, multiply, type Matrix } from './segments.js';
import { runTurns } from './orientation.js';

/**
 * Glyphs from pdfjs text items. An item is a run of text, not a glyph, and a run may cross a cell border, so each
 * run is split into characters placed along its width (full-width CJK characters count double the width of ASCII
 * ones, which is exact for the fonts reports use and close for the rest). Overlapping duplicates — the "fake bold"
 * that prints each glyph twice, offset a fraction of a point — are dropped.
 */

export interface Glyph {
  char: string;
  x0: number;
  x1: number;
  /** Baseline and size, in viewport space (top-left origin). */
  baseline: number;
  size: number;
  /** Vertical centre, for assigning the glyph to a cell. */
  cy: number;
}

export interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
}

const DUPLICATE_TOLERANCE = 1;

export function itemsToGlyphs(items: TextItemLike[], viewport: Matrix): Glyph[] {
  const glyphs: Glyph[] = [];
  for (const item of items) {
    if (!item.str || item.str.trim() === '') continue;
    const m = multiply(viewport, item.transform as Matrix);
    const size = Math.hypot(m[2], m[3]);
    if (size <= 0 || runTurns(m) !== 0) continue; // text not upright in this frame is read in its own (frames.ts)
    const [x, baseline] = apply(m, 0, 0);
    const chars = [...item.str];
    const weights = chars.map(charWidthWeight);
    const total = weights.reduce((s, w) => s + w, 0);
    const width = item.width > 0 && item.width < size * chars.length * 4 ? item.width : size * total;
    let left = x;
    chars.forEach((char, i) => {
      const w = (width * weights[i]!) / total;
      if (char.trim() !== '') glyphs.push({ char, x0: left, x1: left + w, baseline, size, cy: baseline - size * 0.35 });
      left += w;
    });
  }
  return dedupe(glyphs);
}

/** Full-width characters (CJK, full-width punctuation) take one em; ASCII about half. */
function charWidthWeight(char: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern looks for
  return /[\u0000-\u00ff\u2000-\u206f]/.test(char) ? 0.5 : 1;
}

function dedupe(glyphs: Glyph[]): Glyph[] {
  const kept: Glyph[] = [];
  const byChar = new Map<string, Glyph[]>();
  for (const glyph of glyphs) {
    const same = byChar.get(glyph.char) ?? [];
    if (
      same.some(
        (g) =>
          Math.abs(g.x0 - glyph.x0) <= DUPLICATE_TOLERANCE &&
          Math.abs(g.baseline - glyph.baseline) <= DUPLICATE_TOLERANCE,
      )
    )
      continue;
    same.push(glyph);
    byChar.set(glyph.char, same);
    kept.push(glyph);
  }
  return kept;
}

/** Glyphs as lines of text: grouped by baseline, ordered left to right, a space where a gap is wide. */
export function glyphLines(glyphs: Glyph[]): { text: string; glyphs: Glyph[] }[] {
  const sorted = [...glyphs].sort((a, b) => a.cy - b.cy || a.x0 - b.x0);
  const lines: Glyph[][] = [];
  for (const glyph of sorted) {
    const line = lines.find((l) => Math.abs(l[0]!.cy - glyph.cy) <= Math.max(l[0]!.size, glyph.size) * 0.5);
    if (line) line.push(glyph);
    else lines.push([glyph]);
  }
  return lines
    .map((line) => line.sort((a, b) => a.x0 - b.x0))
    .sort((a, b) => a[0]!.cy - b[0]!.cy)
    .map((line) => ({ text: joinGlyphs(line), glyphs: line }));
}

function joinGlyphs(line: Glyph[]): string {
  let text = '';
  line.forEach((glyph, i) => {
    const previous = line[i - 1];
    if (previous && glyph.x0 - previous.x1 > glyph.size * 0.3) text += ' ';
    text += glyph.char;
  });
  return text;
}

/**
 * A cell's lines as one text: lines that break inside Chinese text join with nothing (a label wrapped over three
 * lines, or stacked one character per line, reads as the label); elsewhere a line break stays a line break.
 */
export function joinCellLines(lines: string[]): string {
  return lines.reduce((text, line) => {
    if (text === '') return line;
    const wide = /[\u2e80-\u9fff\uff00-\uffef“”（）]$/.test(text) && /^[\u2e80-\u9fff\uff00-\uffef“”（）]/.test(line);
    return text + (wide ? '' : '\n') + line;
  }, '');
}
