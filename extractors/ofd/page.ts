import type { Segment } from '../geometry/segments.js';
import type { TextItemLike } from '../geometry/glyphs.js';
import { deltas, matrix, MM_TO_PT, pathPolylines, rulings, toPage, type Matrix } from './geometry.js';
import { childElements, firstChild, numbers } from './xml.js';

/**
 * One page's drawing (its templates' and its own layers, in draw order) as the PDF reader's inputs: text as
 * pdfjs-like runs of one glyph each, in PDF space (y up), rulings as segments in the page's space (y down), and the
 * pictures it paints. Text whose fonts map glyph ids to no Unicode (`CGTransform` without text, or private-use code
 * points) is counted, not read: like a garbled PDF text layer, it cannot be trusted.
 */

export interface PageDrawing {
  items: TextItemLike[];
  segments: Segment[];
  /** `ResourceID`s of the pictures painted, with their area on the page in points. */
  images: { resource: string; area: number }[];
  unreadGlyphs: number;
}

export function drawPage(layers: Element[], heightPt: number): PageDrawing {
  const drawing: PageDrawing = { items: [], segments: [], images: [], unreadGlyphs: 0 };
  // Depth-first in document order, with an explicit stack: page blocks may nest.
  const stack = [...layers].reverse();
  while (stack.length > 0) {
    const element = stack.pop()!;
    const name = element.localName;
    if (name === 'TextObject') drawText(element, heightPt, drawing);
    else if (name === 'PathObject') drawPath(element, drawing);
    else if (name === 'ImageObject') drawImage(element, drawing);
    else if (name === 'Layer' || name === 'PageBlock') stack.push(...childElements(element).reverse());
  }
  return drawing;
}

function placement(element: Element): { origin: [number, number]; ctm: Matrix; box: number[] } {
  const box = numbers(element.getAttribute('Boundary'));
  return { origin: [box[0] ?? 0, box[1] ?? 0], ctm: matrix(numbers(element.getAttribute('CTM'))), box };
}

function drawText(element: Element, heightPt: number, drawing: PageDrawing): void {
  const { origin, ctm } = placement(element);
  const size = Number(element.getAttribute('Size')) || 3.5;
  const mapsGlyphs = firstChild(element, 'CGTransform') !== undefined;
  const scale = size * MM_TO_PT;
  const turn = [ctm[0], -ctm[1], -ctm[2], ctm[3]].map((v) => v * scale);
  for (const code of childElements(element, 'TextCode')) {
    const text = code.textContent ?? '';
    const chars = [...text];
    if (chars.length === 0 && mapsGlyphs) drawing.unreadGlyphs++;
    const dx = deltas(code.getAttribute('DeltaX'));
    const dy = deltas(code.getAttribute('DeltaY'));
    let x = Number(code.getAttribute('X')) || 0;
    let y = Number(code.getAttribute('Y')) || 0;
    chars.forEach((char, i) => {
      if (/[\ue000-\uf8ff\ufffd]/.test(char)) drawing.unreadGlyphs++;
      else if (char.trim() !== '') {
        const [px, py] = toPage(ctm, origin, x, y);
        drawing.items.push({
          str: char,
          transform: [turn[0]!, turn[1]!, turn[2]!, turn[3]!, px, heightPt - py],
          width: 0,
        });
      }
      x += dx[i] ?? dx[dx.length - 1] ?? size;
      y += dy[i] ?? 0;
    });
  }
}

function drawPath(element: Element, drawing: PageDrawing): void {
  const stroke = element.getAttribute('Stroke') !== 'false';
  const fill = element.getAttribute('Fill') === 'true';
  if (!stroke && !fill) return;
  const data = firstChild(element, 'AbbreviatedData')?.textContent ?? '';
  const { origin, ctm } = placement(element);
  for (const line of pathPolylines(data)) {
    const points = line.points.map(([x, y]) => toPage(ctm, origin, x, y));
    drawing.segments.push(...rulings(points, line.closed || (fill && !stroke)));
  }
}

function drawImage(element: Element, drawing: PageDrawing): void {
  const resource = element.getAttribute('ResourceID');
  const { box } = placement(element);
  if (resource) drawing.images.push({ resource, area: (box[2] ?? 0) * (box[3] ?? 0) * MM_TO_PT * MM_TO_PT });
}
