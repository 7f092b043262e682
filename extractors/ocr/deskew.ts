import type { Mask } from './raster.js';

/**
 * The angle a page was scanned or photographed at, from its ink: rotated by the right angle, text lines and ruling
 * lines fall into few rows, so the rows' ink counts are most uneven (the projection-profile method). Searched
 * coarsely over ±SEARCH_DEGREES, then finely around the best coarse angle.
 */

/** How far the search looks; a picture whose best angle is beyond `MAX_DESKEW_DEGREES` is refused. */
export const SEARCH_DEGREES = 8;
export const MAX_DESKEW_DEGREES = 6;
/** Ink points sampled: enough for a sharp profile, few enough to try ~80 angles in tens of milliseconds. */
const SAMPLE_POINTS = 60_000;

export interface Skew {
  /** Rotate the picture by this many degrees (raster.rotate) to level its lines. */
  degrees: number;
  /** How much sharper the profile is at that angle than level: near 1 means the ink shows no direction at all. */
  gain: number;
}

export function estimateSkew(mask: Mask): Skew {
  const points = samplePoints(mask);
  if (points.xs.length < 50) return { degrees: 0, gain: 1 };
  const score = (degrees: number) => profileSharpness(points, mask.width, mask.height, degrees);
  let best = 0;
  let bestScore = score(0);
  const level = bestScore;
  for (let d = -SEARCH_DEGREES; d <= SEARCH_DEGREES + 1e-9; d += 0.5) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  const coarse = best;
  for (let d = coarse - 0.5; d <= coarse + 0.5 + 1e-9; d += 0.05) {
    const s = score(d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  // Angles this small are below what resampling can improve; leaving them avoids blurring a straight scan.
  const degrees = Math.abs(best) < 0.05 ? 0 : Math.round(best * 100) / 100;
  return { degrees, gain: level > 0 ? bestScore / level : 1 };
}

interface Points {
  xs: Float64Array;
  ys: Float64Array;
}

function samplePoints(mask: Mask): Points {
  let total = 0;
  for (let i = 0; i < mask.data.length; i++) total += mask.data[i]!;
  const step = Math.max(1, Math.floor(total / SAMPLE_POINTS));
  const xs: number[] = [];
  const ys: number[] = [];
  let seen = 0;
  const cx = mask.width / 2;
  const cy = mask.height / 2;
  for (let y = 0; y < mask.height; y++) {
    for (let x = 0; x < mask.width; x++) {
      if (!mask.data[y * mask.width + x]) continue;
      if (seen++ % step === 0) {
        xs.push(x - cx);
        ys.push(y - cy);
      }
    }
  }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys) };
}

/** Sum of squared row counts of the ink rotated by `degrees` (the same rotation as raster.rotate). */
function profileSharpness(points: Points, width: number, height: number, degrees: number): number {
  const radians = (degrees * Math.PI) / 180;
  const sin = Math.sin(radians);
  const cos = Math.cos(radians);
  const size = Math.ceil(Math.hypot(width, height)) + 2;
  const rows = new Float64Array(size);
  const offset = size / 2;
  for (let i = 0; i < points.xs.length; i++) {
    const y = -points.xs[i]! * sin + points.ys[i]! * cos + offset;
    rows[Math.max(0, Math.min(size - 1, Math.round(y)))]! += 1;
  }
  let sum = 0;
  for (let i = 0; i < size; i++) sum += rows[i]! * rows[i]!;
  return sum;
}
