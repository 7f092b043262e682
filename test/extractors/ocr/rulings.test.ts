import { describe, expect, it } from 'vitest';
import type { Mask } from '../../../extractors/ocr/raster.js';
import { findRulings } from '../../../extractors/ocr/rulings.js';

/**
 * Rulings among large writing: on a page photographed close up, the strokes of the characters in a cell are longer
 * than the shortest ruling, and stand in every column between two rulings.
 */

function tableWithTallStrokes(): Mask {
  const width = 400;
  const height = 300;
  const data = new Uint8Array(width * height);
  const ink = (x: number, y0: number, y1: number) => {
    for (let y = y0; y < y1; y++) data[y * width + x] = 1;
  };
  // Two vertical rulings two pixels thick, from the top ruling to the bottom one.
  for (const x of [50, 51, 350, 351]) ink(x, 20, 280);
  for (const y of [20, 21, 278, 279]) for (let x = 50; x < 352; x++) data[y * width + x] = 1;
  // Between them, a stroke in every column, high and low by turns: each touches its neighbour's extent only
  // through the strokes before it.
  for (let x = 52; x < 350; x++) ink(x, x % 2 === 0 ? 40 : 200, x % 2 === 0 ? 80 : 240);
  return { width, height, data };
}

describe('ruling lines among writing', () => {
  it('strokes in neighbouring columns are not chained into the rulings beside them', () => {
    const { vertical } = findRulings(tableWithTallStrokes(), { minLength: 30 });
    const rulings = vertical.filter((l) => l.to - l.from >= 200);
    expect(rulings.map((l) => [Math.round(l.at), l.from, l.to])).toEqual([
      [51, 20, 280],
      [351, 20, 280],
    ]);
    expect(rulings.every((l) => l.thickness <= 3)).toBe(true);
  });
});
