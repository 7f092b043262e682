import { apply, multiply, type Matrix, type Segment } from '../geometry/segments.js';
import { OPS, PDFJS_VERSION } from './pdfjs.js';

/**
 * Ruling lines from a page's operator list, in viewport space (points, origin top-left). The current transform is
 * tracked through save/restore/transform and form XObjects; `constructPath` is decoded in the encoding of the
 * pinned pdfjs-dist (≥ 5.4.394: paint op embedded, DrawOPS moveTo 0, lineTo 1, curveTo 2, quadraticCurveTo 3,
 * closePath 4), failing loudly on anything else. Stroked straight segments are kept; filled thin rectangles become
 * their centre line; white or invisible paint and clipping paths are ignored.
 */

export interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}

const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;
const STROKE = new Set<number>([
  OPS.stroke,
  OPS.closeStroke,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const FILL = new Set<number>([
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
/** A filled rectangle this thin is a rule drawn as a box (Word and WPS draw borders this way). */
const THIN_RECT = 2.5;
/** Off-axis tolerance for calling a segment horizontal or vertical. */
const AXIS_TOLERANCE = 0.8;

assertSupportedVersion(PDFJS_VERSION);

/** The path encoding changed in 5.1.91 and its op numbering in 5.4.394 (DrawOPS is not exported). */
function assertSupportedVersion(version: string): void {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  const atLeast = major > 5 || (major === 5 && (minor > 4 || (minor === 4 && patch >= 394)));
  if (!atLeast) throw new Error(`pdfjs-dist ${version} encodes paths differently; this reader decodes ≥ 5.4.394`);
}

interface State {
  ctm: Matrix;
  strokeVisible: boolean;
  fillVisible: boolean;
}

export function extractSegments(list: OperatorList, viewport: Matrix): Segment[] {
  const segments: Segment[] = [];
  const stack: State[] = [];
  let state: State = { ctm: viewport, strokeVisible: true, fillVisible: true };
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i]!;
    const args = list.argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push({ ...state });
        break;
      case OPS.restore:
        state = stack.pop() ?? state;
        break;
      case OPS.transform:
        state.ctm = multiply(state.ctm, args as Matrix);
        break;
      case OPS.paintFormXObjectBegin:
        stack.push({ ...state });
        if (Array.isArray(args?.[0])) state.ctm = multiply(state.ctm, args[0] as Matrix);
        break;
      case OPS.paintFormXObjectEnd:
        state = stack.pop() ?? state;
        break;
      case OPS.setStrokeRGBColor:
        state.strokeVisible = isVisible(args);
        break;
      case OPS.setFillRGBColor:
        state.fillVisible = isVisible(args);
        break;
      case OPS.constructPath:
        segments.push(...pathSegments(args, state));
        break;
      default:
        break;
    }
  }
  return segments;
}

/** White rules are invisible on paper (and create phantom rows if kept). */
function isVisible(args: unknown[] | null): boolean {
  const color = args?.[0];
  if (typeof color === 'string') return !/^#f[a-f]f[a-f]f[a-f]$/i.test(color) && !/^#fffff[ef]/i.test(color);
  return true;
}

interface SubPath {
  points: [number, number][];
  closed: boolean;
  curved: boolean;
}

function pathSegments(args: unknown[] | null, state: State): Segment[] {
  if (!args) return [];
  const [paintOp, data] = args as [number, (Float32Array | null)[] | undefined];
  const stroke = STROKE.has(paintOp) && state.strokeVisible;
  const fill = FILL.has(paintOp) && state.fillVisible;
  if (!stroke && !fill) return [];
  const path = data?.[0];
  if (!path) return [];
  const subPaths = decodePath(path, state.ctm);
  const segments: Segment[] = [];
  for (const sub of subPaths) {
    if (sub.curved) continue;
    const rect = fill ? asRectangle(sub) : undefined;
    if (rect) {
      segments.push(...rectangleRules(rect));
      continue;
    }
    if (!stroke) continue;
    const points = sub.closed && sub.points.length > 2 ? [...sub.points, sub.points[0]!] : sub.points;
    for (let k = 1; k < points.length; k++) {
      const segment = axisAligned(points[k - 1]!, points[k]!);
      if (segment) segments.push(segment);
    }
  }
  return segments;
}

function decodePath(path: Float32Array, ctm: Matrix): SubPath[] {
  const subPaths: SubPath[] = [];
  let current: SubPath | undefined;
  const point = (k: number) => apply(ctm, path[k]!, path[k + 1]!);
  let i = 0;
  while (i < path.length) {
    const op = path[i++];
    switch (op) {
      case DRAW.moveTo:
        current = { points: [point(i)], closed: false, curved: false };
        subPaths.push(current);
        i += 2;
        break;
      case DRAW.lineTo:
        current?.points.push(point(i));
        i += 2;
        break;
      case DRAW.curveTo:
        if (current) current.curved = true;
        i += 6;
        break;
      case DRAW.quadraticCurveTo:
        if (current) current.curved = true;
        i += 4;
        break;
      case DRAW.closePath:
        if (current) current.closed = true;
        break;
      default:
        throw new Error(`unknown path operation ${op} in constructPath (pdfjs-dist ${PDFJS_VERSION})`);
    }
  }
  return subPaths;
}

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A closed four-corner axis-aligned path. */
function asRectangle(sub: SubPath): Rect | undefined {
  const points = sub.points.length === 5 ? sub.points.slice(0, 4) : sub.points;
  if (points.length !== 4) return undefined;
  const xs = [...new Set(points.map((p) => Math.round(p[0] * 10)))];
  const ys = [...new Set(points.map((p) => Math.round(p[1] * 10)))];
  if (xs.length > 2 || ys.length > 2) return undefined;
  const x = points.map((p) => p[0]);
  const y = points.map((p) => p[1]);
  return { x0: Math.min(...x), y0: Math.min(...y), x1: Math.max(...x), y1: Math.max(...y) };
}

/** A thin filled rectangle is one rule (its centre line); a larger one contributes its four sides. */
function rectangleRules(r: Rect): Segment[] {
  const width = r.x1 - r.x0;
  const height = r.y1 - r.y0;
  if (height <= THIN_RECT && width > height)
    return [{ x0: r.x0, y0: (r.y0 + r.y1) / 2, x1: r.x1, y1: (r.y0 + r.y1) / 2 }];
  if (width <= THIN_RECT && height > width)
    return [{ x0: (r.x0 + r.x1) / 2, y0: r.y0, x1: (r.x0 + r.x1) / 2, y1: r.y1 }];
  if (width <= THIN_RECT && height <= THIN_RECT) return [];
  return [
    { x0: r.x0, y0: r.y0, x1: r.x1, y1: r.y0 },
    { x0: r.x0, y0: r.y1, x1: r.x1, y1: r.y1 },
    { x0: r.x0, y0: r.y0, x1: r.x0, y1: r.y1 },
    { x0: r.x1, y0: r.y0, x1: r.x1, y1: r.y1 },
  ];
}

function axisAligned(a: [number, number], b: [number, number]): Segment | undefined {
  if (Math.abs(a[1] - b[1]) <= AXIS_TOLERANCE && Math.abs(a[0] - b[0]) > AXIS_TOLERANCE) {
    const y = (a[1] + b[1]) / 2;
    return { x0: Math.min(a[0], b[0]), y0: y, x1: Math.max(a[0], b[0]), y1: y };
  }
  if (Math.abs(a[0] - b[0]) <= AXIS_TOLERANCE && Math.abs(a[1] - b[1]) > AXIS_TOLERANCE) {
    const x = (a[0] + b[0]) / 2;
    return { x0: x, y0: Math.min(a[1], b[1]), x1: x, y1: Math.max(a[1], b[1]) };
  }
  return undefined;
}
