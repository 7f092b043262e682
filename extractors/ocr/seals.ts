import { toGrey, type Grey } from './raster.js';

/**
 * Red and blue seals (公章) stamped over a table, removed by their colour before the picture is binarised. In grey a
 * red seal is as dark as print: its ring crosses rulings (the ruling finder sees lines that are not there, or loses
 * those that are) and its ink falls into cells (a number read where none is printed, or none where one is). In colour
 * it is unmistakable: its ink is saturated, print is not.
 *
 * Only large, roughly round or square patches of coloured ink are taken for seals, so that a number printed in red
 * (a web page's highlight) is kept: the seal's ring is one connected patch a few centimetres across, a coloured
 * number is a small one. Inside such a patch every coloured pixel is lightened towards the paper; black print under
 * the seal has no colour and stays as it is. A seal printed in grey is left as it is (nothing tells it from print).
 */

/** Coloured ink: its brightest channel exceeds its darkest by this much (JPEG fringes of black print: < 40). */
const SATURATION = 60;
/** Coloured ink is this much less saturated at the edge of a patch (anti-aliasing, JPEG): still taken inside a seal. */
const EDGE_SATURATION = 35;
/** A seal is at least this share of the picture's shorter side across (a 4 cm seal on A4: 0.19; more on a table). */
const MIN_SEAL_SHARE = 0.06;

/** Pixels of 1–4 channels as grey (raster.ts's toGrey), with coloured seals lightened away. */
export function greyWithoutSeals(
  width: number,
  height: number,
  channels: 1 | 2 | 3 | 4,
  pixels: ArrayLike<number>,
): Grey {
  const grey = toGrey(width, height, channels, pixels);
  return channels === 3 || channels === 4 ? withoutSeals(grey, channels, pixels) : grey;
}

/** Above this share of all ink in colour, the print is coloured and nothing is taken away. */
const MAX_COLOURED_INK = 0.6;

/** The picture's grey with the seals' ink lightened; `grey` is its luminance, `pixels` its colour (3 or 4 channels). */
function withoutSeals(grey: Grey, channels: 3 | 4, pixels: ArrayLike<number>): Grey {
  const { width, height } = grey;
  const block = Math.max(2, Math.round(Math.min(width, height) / 400));
  const columns = Math.ceil(width / block);
  const rows = Math.ceil(height / block);
  const { marks: coloured, colouredInk, ink } = colouredBlocks(grey, channels, pixels, block, columns, rows);
  // Most of the ink coloured: the print itself is in colour (a table in blue on a web page), there is no seal on it.
  if (colouredInk > ink * MAX_COLOURED_INK) return grey;
  const seals = sealBoxes(coloured, columns, rows, (Math.min(width, height) * MIN_SEAL_SHARE) / block);
  if (seals.length === 0) return grey;
  const data = grey.data.slice();
  for (const seal of seals) {
    const x0 = Math.max(0, (seal.x0 - 2) * block);
    const x1 = Math.min(width, (seal.x1 + 2) * block);
    for (let y = Math.max(0, (seal.y0 - 2) * block); y < Math.min(height, (seal.y1 + 2) * block); y++) {
      for (let x = x0; x < x1; x++) {
        const i = y * width + x;
        const [high, low] = extremes(pixels, i * channels);
        // Seen through a filter of its own colour, a seal disappears and the print under it (darkened by the seal
        // in every channel) stays as dark as it is: its brightest channel.
        if (high - low >= EDGE_SATURATION) data[i] = Math.max(data[i]!, high);
      }
    }
  }
  return { width, height, data };
}

function extremes(pixels: ArrayLike<number>, p: number): [number, number] {
  const r = pixels[p]!;
  const g = pixels[p + 1]!;
  const b = pixels[p + 2]!;
  return [Math.max(r, g, b), Math.min(r, g, b)];
}

/** Blocks of `block` × `block` pixels holding coloured ink (1) or not (0). */
function colouredBlocks(
  grey: Grey,
  channels: number,
  pixels: ArrayLike<number>,
  block: number,
  columns: number,
  rows: number,
) {
  const marks = new Uint8Array(columns * rows);
  let colouredInk = 0;
  let ink = 0;
  for (let y = 0; y < grey.height; y++) {
    const row = Math.floor(y / block) * columns;
    for (let x = 0; x < grey.width; x++) {
      const [high, low] = extremes(pixels, (y * grey.width + x) * channels);
      const coloured = high - low >= SATURATION && high >= 100;
      if (coloured) marks[row + Math.floor(x / block)] = 1;
      if (coloured || grey.data[y * grey.width + x]! < 160) ink++;
      if (coloured) colouredInk++;
    }
  }
  return { marks, colouredInk, ink };
}

interface BlockBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Boxes (in blocks) of connected coloured patches big enough and round enough to be seals. */
function sealBoxes(marks: Uint8Array, columns: number, rows: number, minSide: number): BlockBox[] {
  const seen = new Uint8Array(marks.length);
  const boxes: BlockBox[] = [];
  const stack: number[] = [];
  for (let start = 0; start < marks.length; start++) {
    if (!marks[start] || seen[start]) continue;
    const box = { x0: columns, y0: rows, x1: 0, y1: 0 };
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % columns;
      const y = (i - x) / columns;
      box.x0 = Math.min(box.x0, x);
      box.y0 = Math.min(box.y0, y);
      box.x1 = Math.max(box.x1, x + 1);
      box.y1 = Math.max(box.y1, y + 1);
      // Neighbours two blocks away too: a ring drawn faint or broken by print is still one patch.
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= columns || ny >= rows) continue;
          const n = ny * columns + nx;
          if (marks[n] && !seen[n]) {
            seen[n] = 1;
            stack.push(n);
          }
        }
      }
    }
    const w = box.x1 - box.x0;
    const h = box.y1 - box.y0;
    if (w >= minSide && h >= minSide && w / h <= 2 && h / w <= 2) boxes.push(box);
  }
  return boxes;
}
