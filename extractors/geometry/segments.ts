/**
 * Plane geometry shared by the readers that rebuild tables from drawn lines (PDF pages, pictures): affine matrices
 * as PDF writes them, and straight segments in viewport space (points or pixels, origin top-left).
 */

export type Matrix = [number, number, number, number, number, number];

export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function multiply(m: Matrix, n: Matrix): Matrix {
  // Apply n first, then m (PDF's `cm` concatenation: CTM' = n × CTM).
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}
