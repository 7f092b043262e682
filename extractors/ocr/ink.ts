import { clampRect, type Mask, type Rect } from './raster.js';

/**
 * Where the ink of a region is: its connected marks, with specks of scan noise and the stubs of ruling lines that
 * reach into a cell left out, so that an empty cell is recognised as empty without asking the recogniser.
 */

export interface Mark extends Rect {
  pixels: number;
}

/** The marks (8-connected ink) inside `rect`. */
export function marksIn(mask: Mask, rect: Rect): Mark[] {
  const r = clampRect(rect, mask.width, mask.height);
  const width = r.x1 - r.x0;
  const height = r.y1 - r.y0;
  if (width <= 0 || height <= 0) return [];
  const seen = new Uint8Array(width * height);
  const marks: Mark[] = [];
  const stack: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (seen[i] || !mask.data[(r.y0 + y) * mask.width + r.x0 + x]) continue;
      const mark: Mark = { x0: x, y0: y, x1: x + 1, y1: y + 1, pixels: 0 };
      seen[i] = 1;
      stack.push(i);
      while (stack.length > 0) {
        const j = stack.pop()!;
        const jx = j % width;
        const jy = (j - jx) / width;
        mark.pixels++;
        if (jx < mark.x0) mark.x0 = jx;
        if (jx + 1 > mark.x1) mark.x1 = jx + 1;
        if (jy < mark.y0) mark.y0 = jy;
        if (jy + 1 > mark.y1) mark.y1 = jy + 1;
        for (let dy = -1; dy <= 1; dy++) {
          const ny = jy + dy;
          if (ny < 0 || ny >= height) continue;
          for (let dx = -1; dx <= 1; dx++) {
            const nx = jx + dx;
            if (nx < 0 || nx >= width) continue;
            const k = ny * width + nx;
            if (seen[k] || !mask.data[(r.y0 + ny) * mask.width + r.x0 + nx]) continue;
            seen[k] = 1;
            stack.push(k);
          }
        }
      }
      marks.push({
        x0: mark.x0 + r.x0,
        y0: mark.y0 + r.y0,
        x1: mark.x1 + r.x0,
        y1: mark.y1 + r.y0,
        pixels: mark.pixels,
      });
    }
  }
  return marks;
}

export interface InkOptions {
  /** Marks of fewer pixels are noise. */
  minPixels: number;
  /** A mark this thin along an edge of the region is what is left of a ruling line, not writing. */
  lineThickness: number;
}

export interface Writing {
  marks: Mark[];
  /** Ink set aside as stubs of the rulings around the region (pixels). */
  stubs: number;
}

/**
 * The writing in a region: its marks less noise and the stubs of its rulings — thin marks that hug an edge of the
 * region along most of its length. (A `1` beside the cell's border is shorter than the border: it stays writing.)
 */
export function writingIn(mask: Mask, rect: Rect, options: InkOptions): Writing {
  const r = clampRect(rect, mask.width, mask.height);
  const edge = Math.max(2, options.lineThickness + 1);
  const width = r.x1 - r.x0;
  const height = r.y1 - r.y0;
  let stubs = 0;
  const marks = marksIn(mask, r).filter((m) => {
    if (m.pixels < options.minPixels) return false;
    const w = m.x1 - m.x0;
    const h = m.y1 - m.y0;
    const horizontalStub = h <= edge && w >= width * 0.7 && (m.y0 <= r.y0 + 1 || m.y1 >= r.y1 - 1);
    const verticalStub = w <= edge && h >= height * 0.7 && (m.x0 <= r.x0 + 1 || m.x1 >= r.x1 - 1);
    if (horizontalStub || verticalStub) stubs += m.pixels;
    return !(horizontalStub || verticalStub);
  });
  return { marks, stubs };
}

export function boundsOf(marks: Rect[]): Rect | undefined {
  if (marks.length === 0) return undefined;
  return marks.reduce(
    (b, m) => ({
      x0: Math.min(b.x0, m.x0),
      y0: Math.min(b.y0, m.y0),
      x1: Math.max(b.x1, m.x1),
      y1: Math.max(b.y1, m.y1),
    }),
    { ...marks[0]! },
  );
}
