import type { Grey } from './raster.js';

/**
 * Uneven light corrected locally: a page photographed with a phone or scanned with its cover half open is bright in
 * the middle and dim at the corners (vignetting), and may show the desk around it. One threshold for the whole
 * picture then takes the dim corners for ink and loses the rulings in them (measured: a 150 dpi vignetted page whose
 * table no ruling could be found on). Each pixel is divided by the paper's brightness around it, estimated from the
 * brightest greys of blocks of the picture, so that the paper is white everywhere and the print keeps its contrast.
 */

/** Blocks this share of the picture's shorter side: larger than a cell's writing, smaller than the light's changes. */
const BLOCK_SHARE = 1 / 24;
/** The paper's brightness in a block: this share of its pixels is darker (writing covers far less of a block). */
const PAPER_QUANTILE = 0.85;
/** Below this the light varies too little to correct (a flat scan is left exactly as it is). */
const MIN_VARIATION = 24;

export function flattenLight(picture: Grey): Grey {
  const { width, height } = picture;
  const block = Math.max(16, Math.round(Math.min(width, height) * BLOCK_SHARE));
  const columns = Math.ceil(width / block);
  const rows = Math.ceil(height / block);
  if (columns < 3 || rows < 3) return picture;
  const paper = spreadBrightest(blockPaper(picture, block, columns, rows), columns, rows);
  const sorted = Array.from(paper).sort((a, b) => a - b);
  if (sorted[sorted.length - 1]! - sorted[Math.floor(sorted.length * 0.1)]! < MIN_VARIATION) return picture;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const fy = Math.max(0, Math.min(rows - 1.001, y / block - 0.5));
    const by = Math.floor(fy);
    const ty = fy - by;
    for (let x = 0; x < width; x++) {
      const fx = Math.max(0, Math.min(columns - 1.001, x / block - 0.5));
      const bx = Math.floor(fx);
      const tx = fx - bx;
      const top = paper[by * columns + bx]! * (1 - tx) + paper[by * columns + bx + 1]! * tx;
      const bottom = paper[(by + 1) * columns + bx]! * (1 - tx) + paper[(by + 1) * columns + bx + 1]! * tx;
      const light = Math.max(32, top * (1 - ty) + bottom * ty);
      data[y * width + x] = Math.min(255, Math.round((picture.data[y * width + x]! * 255) / light));
    }
  }
  return { width, height, data };
}

function blockPaper(picture: Grey, block: number, columns: number, rows: number): Float64Array {
  const paper = new Float64Array(columns * rows);
  const histogram = new Uint32Array(256);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < columns; bx++) {
      histogram.fill(0);
      let count = 0;
      for (let y = by * block; y < Math.min(picture.height, (by + 1) * block); y++) {
        for (let x = bx * block; x < Math.min(picture.width, (bx + 1) * block); x++) {
          histogram[picture.data[y * picture.width + x]!]!++;
          count++;
        }
      }
      let seen = 0;
      let g = 0;
      for (; g < 255; g++) {
        seen += histogram[g]!;
        if (seen >= count * PAPER_QUANTILE) break;
      }
      paper[by * columns + bx] = g;
    }
  }
  return paper;
}

/** Each block's paper as the brightest of it and its neighbours: a block filled by a heading or a bar is not paper. */
function spreadBrightest(paper: Float64Array, columns: number, rows: number): Float64Array {
  const spread = new Float64Array(paper.length);
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < columns; x++) {
      let best = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx >= 0 && ny >= 0 && nx < columns && ny < rows) best = Math.max(best, paper[ny * columns + nx]!);
        }
      }
      spread[y * columns + x] = best;
    }
  }
  return spread;
}
