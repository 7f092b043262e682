/**
 * Greyscale pictures and the few operations OCR needs on them: crop, scale, rotate, threshold. Pixels are 0 (black)
 * to 255 (white), row by row. Masks are 1 where there is ink.
 */

export interface Grey {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface Mask {
  width: number;
  height: number;
  /** 1 = ink. */
  data: Uint8Array;
}

/** A rectangle in pixels, x1 and y1 exclusive. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Pixels of 1, 3 or 4 channels (RGBA as canvases give them) as grey; transparency shows the white paper beneath. */
export function toGrey(width: number, height: number, channels: 1 | 2 | 3 | 4, pixels: ArrayLike<number>): Grey {
  const data = new Uint8Array(width * height);
  if (channels === 1) {
    for (let i = 0; i < data.length; i++) data[i] = pixels[i]!;
    return { width, height, data };
  }
  for (let i = 0, p = 0; i < data.length; i++, p += channels) {
    let y: number;
    if (channels === 2) y = pixels[p]!;
    else y = (pixels[p]! * 299 + pixels[p + 1]! * 587 + pixels[p + 2]! * 114) / 1000;
    if (channels === 2 || channels === 4) {
      const alpha = pixels[p + channels - 1]! / 255;
      y = y * alpha + 255 * (1 - alpha);
    }
    data[i] = Math.round(y);
  }
  return { width, height, data };
}

export function crop(image: Grey, rect: Rect): Grey {
  const r = clampRect(rect, image.width, image.height);
  const width = r.x1 - r.x0;
  const height = r.y1 - r.y0;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    data.set(image.data.subarray((r.y0 + y) * image.width + r.x0, (r.y0 + y) * image.width + r.x1), y * width);
  return { width, height, data };
}

export function clampRect(rect: Rect, width: number, height: number): Rect {
  const x0 = Math.max(0, Math.min(width, Math.floor(rect.x0)));
  const y0 = Math.max(0, Math.min(height, Math.floor(rect.y0)));
  return {
    x0,
    y0,
    x1: Math.max(x0, Math.min(width, Math.ceil(rect.x1))),
    y1: Math.max(y0, Math.min(height, Math.ceil(rect.y1))),
  };
}

export function intersect(a: Rect, b: Rect): Rect {
  const x0 = Math.max(a.x0, b.x0);
  const y0 = Math.max(a.y0, b.y0);
  return { x0, y0, x1: Math.max(x0, Math.min(a.x1, b.x1)), y1: Math.max(y0, Math.min(a.y1, b.y1)) };
}

/** `image` drawn at (dx, dy) on white paper of the given size. */
export function onPaper(image: Grey, width: number, height: number, dx: number, dy: number): Grey {
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < image.height; y++) {
    const ty = y + dy;
    if (ty < 0 || ty >= height) continue;
    for (let x = 0; x < image.width; x++) {
      const tx = x + dx;
      if (tx >= 0 && tx < width) data[ty * width + tx] = image.data[y * image.width + x]!;
    }
  }
  return { width, height, data };
}

/**
 * Resize by `factor`: bilinear when enlarging (smooth strokes for the recogniser), the mean of each source area when
 * reducing (no aliasing of thin strokes and ruling lines).
 */
export function scale(image: Grey, factor: number): Grey {
  const width = Math.max(1, Math.round(image.width * factor));
  const height = Math.max(1, Math.round(image.height * factor));
  if (width === image.width && height === image.height) return { width, height, data: image.data.slice() };
  return factor >= 1 ? enlarge(image, width, height) : reduce(image, width, height);
}

function enlarge(image: Grey, width: number, height: number): Grey {
  const data = new Uint8Array(width * height);
  const sx = image.width / width;
  const sy = image.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.max(0, (y + 0.5) * sy - 0.5);
    const y0 = Math.min(image.height - 1, Math.floor(fy));
    const y1 = Math.min(image.height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.max(0, (x + 0.5) * sx - 0.5);
      const x0 = Math.min(image.width - 1, Math.floor(fx));
      const x1 = Math.min(image.width - 1, x0 + 1);
      const wx = fx - x0;
      const top = image.data[y0 * image.width + x0]! * (1 - wx) + image.data[y0 * image.width + x1]! * wx;
      const bottom = image.data[y1 * image.width + x0]! * (1 - wx) + image.data[y1 * image.width + x1]! * wx;
      data[y * width + x] = Math.round(top * (1 - wy) + bottom * wy);
    }
  }
  return { width, height, data };
}

function reduce(image: Grey, width: number, height: number): Grey {
  const sums = new Float64Array(width * height);
  const counts = new Float64Array(width * height);
  const fx = width / image.width;
  const fy = height / image.height;
  for (let y = 0; y < image.height; y++) {
    const ty = Math.min(height - 1, Math.floor(y * fy)) * width;
    for (let x = 0; x < image.width; x++) {
      const t = ty + Math.min(width - 1, Math.floor(x * fx));
      sums[t]! += image.data[y * image.width + x]!;
      counts[t]! += 1;
    }
  }
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = counts[i]! > 0 ? Math.round(sums[i]! / counts[i]!) : 255;
  return { width, height, data };
}

/** Rotate by `degrees` (counter-clockwise positive, as the picture is seen) about the centre; corners fill with white. */
export function rotate(image: Grey, degrees: number): Grey {
  if (degrees === 0) return { ...image, data: image.data.slice() };
  const { width, height } = image;
  const data = new Uint8Array(width * height).fill(255);
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    for (let x = 0; x < width; x++) {
      const dx = x - cx;
      // Where this output pixel comes from in the source (the inverse rotation), sampled bilinearly.
      const sx = cx + dx * cos - dy * sin;
      const sy = cy + dx * sin + dy * cos;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= width - 1 || y0 >= height - 1) continue;
      const wx = sx - x0;
      const wy = sy - y0;
      const i = y0 * width + x0;
      const top = image.data[i]! * (1 - wx) + image.data[i + 1]! * wx;
      const bottom = image.data[i + width]! * (1 - wx) + image.data[i + width + 1]! * wx;
      data[y * width + x] = Math.round(top * (1 - wy) + bottom * wy);
    }
  }
  return { width, height, data };
}

/** How many pixels of each grey level (0–255) a picture has. */
export function greyHistogram(image: Grey): Float64Array {
  const histogram = new Float64Array(256);
  for (let i = 0; i < image.data.length; i++) histogram[image.data[i]!]! += 1;
  return histogram;
}

/** Otsu's threshold: the grey level that best separates ink from paper. */
export function otsuThreshold(image: Grey): number {
  return otsuFromHistogram(greyHistogram(image));
}

function otsuFromHistogram(histogram: ArrayLike<number>): number {
  let total = 0;
  let sum = 0;
  for (let g = 0; g < 256; g++) {
    total += histogram[g]!;
    sum += g * histogram[g]!;
  }
  let background = 0;
  let backgroundSum = 0;
  let best = 0;
  let threshold = 128;
  for (let g = 0; g < 256; g++) {
    background += histogram[g]!;
    if (background === 0) continue;
    const foreground = total - background;
    if (foreground === 0) break;
    backgroundSum += g * histogram[g]!;
    const meanBackground = backgroundSum / background;
    const meanForeground = (sum - backgroundSum) / foreground;
    const between = background * foreground * (meanBackground - meanForeground) ** 2;
    if (between > best) {
      best = between;
      threshold = g;
    }
  }
  return threshold;
}

/** Ink where the pixel is at or below `threshold`. */
export function binarise(image: Grey, threshold: number): Mask {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = image.data[i]! <= threshold ? 1 : 0;
  return { width: image.width, height: image.height, data };
}

/** A mask drawn back as black ink on white paper (what the recogniser is given on its second reading). */
export function maskToGrey(mask: Mask): Grey {
  const data = new Uint8Array(mask.data.length);
  for (let i = 0; i < data.length; i++) data[i] = mask.data[i] ? 0 : 255;
  return { width: mask.width, height: mask.height, data };
}

/**
 * The picture as a binary PGM file (P5), which the recogniser's image library reads without any codec: cheaper
 * than encoding a PNG for every sheet of cells.
 */
export function toPgm(image: Grey): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header, 0);
  out.set(image.data, header.length);
  return out;
}
