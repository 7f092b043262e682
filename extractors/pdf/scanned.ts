import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Block, Box, TableBlock } from '../../src/core/model/document.js';
import { warning, type Message } from '../../src/core/model/messages.js';
import { ReadError } from '../errors.js';
import { readPicture, type PictureSource } from '../ocr/index.js';
import { pictureReading } from '../pictures.js';
import { apply, multiply, type Matrix } from '../geometry/segments.js';
import type { OperatorList } from './graphics.js';
import { enclosingBox } from '../geometry/lattice.js';
import { MARGIN_SHARE, PAGE_NUMBER } from '../geometry/margins.js';
import { median } from '../../src/core/math.js';
import type { PageCell, PageItem, PageTable, PageText } from '../geometry/page-items.js';
import { OPS } from './pdfjs.js';
import { renderPage } from './render.js';

/**
 * A page without a text layer (a scan) is a picture: its one image as stored in the PDF (decoded by pdfjs-dist,
 * whatever its filter: JPEG, JBIG2, CCITT, Flate), or, when the page is several images or images with drawing on
 * them, the page drawn to pixels. OCR reads it as a page (title, headings, ruled tables), and its blocks become the
 * same page items as a digital page's, in page points from the top-left, so that a table continued over the next
 * scanned page is stitched like a digital one. Every text keeps its reading and its box in the picture's pixels.
 */

/** Warning code of a scanned page with nothing on it to read. */
const OCR_BLANK = 'ocr_blank';

/** Pixels per point a page is drawn at when it has no single image to read: 300 dpi, where OCR reads best. */
const RENDER_SCALE = 300 / 72;
/** Never draw a page coarser than this (an image stored at a low resolution is drawn at least this fine). */
const MIN_RENDER_SCALE = 1;

export interface PagePicture {
  source: PictureSource;
  /** The page's single image as stored, or the page drawn. */
  origin: 'image' | 'rendered';
  /** A box in the picture's pixels → the same box in page points from the top-left (as the rest of the reader). */
  toPoints(box: Box): Box;
}

export interface ScannedPage {
  items: PageItem[];
  messages: Message[];
  /** Why OCR could not read the page at all (its picture is undecodable, OCR refused it). */
  unread?: string;
}

/** OCR of one page without a text layer into page items. Never throws: a page OCR cannot read says why. */
export async function readScannedPage(page: PDFPageProxy, n: number, operators: OperatorList): Promise<ScannedPage> {
  let picture: PagePicture;
  try {
    picture = await pagePicture(page, n, operators);
  } catch (error) {
    return { items: [], messages: [], unread: (error as Error).message };
  }
  let reading: Awaited<ReturnType<typeof readPicture>>;
  try {
    reading = await readPicture(picture.source, { content: 'page' });
  } catch (error) {
    // Said of the scan, not of `page N`: pages refused alike are then named together.
    const why = (error as Error).message.replace(new RegExp(`^page ${n}\\b`), 'the scan');
    // A blank page (the back of a sheet) is read: there is nothing on it.
    if (error instanceof ReadError && error.code === 'blank')
      return { items: [], messages: [warning(OCR_BLANK, `page ${n}: ${why}`)] };
    return { items: [], messages: [], unread: why };
  }
  const { width, height } = page.getViewport({ scale: 1 });
  const items = pictureItems(reading.blocks, n, { toPoints: picture.toPoints, pageWidth: width, pageHeight: height });
  const messages = reading.messages.map((w) => onPage(w, n));
  if (items.length === 0 && messages.length === 0)
    messages.push(warning(OCR_BLANK, `page ${n}: the scanned page holds no text that could be read`));
  return { items, messages };
}

/** The picture OCR reads for a page: its single upright image as stored, else the page drawn. */
export async function pagePicture(page: PDFPageProxy, n: number, operators: OperatorList): Promise<PagePicture> {
  const viewport = page.getViewport({ scale: 1 });
  const painted = paintedContent(operators, viewport.transform as Matrix);
  const name = `page ${n}`;
  const only = painted.images.length === 1 && !painted.drawing ? painted.images[0]! : undefined;
  if (only) {
    const image = await decodedImage(page, only.id);
    // Drawn, a damaged image would be a blank page: say what is wrong instead.
    if (!image) throw new Error(`the page's image is damaged or in a form that cannot be decoded`);
    const pixels = isUpright(only.matrix) ? imagePixels(image) : undefined;
    if (pixels)
      return {
        source: { kind: 'pixels', name, ...pixels },
        origin: 'image',
        toPoints: imageToPoints(only.matrix, pixels.width, pixels.height),
      };
  }
  const canvas = await renderPage(page, renderScale(painted.images));
  const scale = canvas.width / viewport.width;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  return {
    source: { kind: 'pixels', name, width: canvas.width, height: canvas.height, channels: 4, data },
    origin: 'rendered',
    toPoints: (box) => box.map((v) => v / scale) as Box,
  };
}

interface PaintedImage {
  id: string;
  /** Image space (the unit square) → page points from the top-left. */
  matrix: Matrix;
  /** Its size in pixels as stored. */
  width: number;
}

/**
 * The images the page paints, each with its transform, and whether anything else is painted (vector drawing,
 * inline images, masks): a page that is not one image alone is drawn rather than read from its image.
 */
function paintedContent(list: OperatorList, viewport: Matrix): { images: PaintedImage[]; drawing: boolean } {
  const images: PaintedImage[] = [];
  let drawing = false;
  const stack: Matrix[] = [];
  let ctm = viewport;
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i]!;
    const args = list.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      if (Array.isArray(args?.[0])) ctm = multiply(ctm, args[0] as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.paintImageXObject && typeof args?.[0] === 'string')
      images.push({ id: args[0], matrix: ctm, width: Number(args[1]) || 0 });
    else if (PAINTS.has(fn)) drawing = true;
    // A path that only clips paints nothing.
    else if (fn === OPS.constructPath && (args as [number] | null)?.[0] !== OPS.endPath) drawing = true;
  }
  return { images, drawing };
}

const PAINTS = new Set<number>([
  OPS.paintInlineImageXObject,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObject,
  OPS.paintImageMaskXObjectGroup,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintSolidColorImageMask,
  OPS.shadingFill,
  OPS.showText,
  OPS.showSpacedText,
  OPS.nextLineShowText,
  OPS.nextLineSetSpacingShowText,
]);

/** Drawn as stored: neither turned, mirrored nor upside down (pdfjs's viewport turns y downwards). */
function isUpright(m: Matrix): boolean {
  const size = Math.max(Math.abs(m[0]), Math.abs(m[3]));
  return m[0] > 0 && m[3] < 0 && Math.abs(m[1]) < size * 1e-3 && Math.abs(m[2]) < size * 1e-3;
}

/** Pixel (px, py) of a w × h image, row 0 at the top, lies at unit-square (px / w, 1 − py / h). */
function imageToPoints(m: Matrix, width: number, height: number): (box: Box) => Box {
  const point = (px: number, py: number) => apply(m, px / width, 1 - py / height);
  return ([x0, y0, x1, y1]) => {
    const [a, b] = point(x0, y0);
    const [c, d] = point(x1, y1);
    return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
  };
}

/** Draw at the resolution of the finest image on the page (OCR gains nothing from more), 300 dpi without images. */
function renderScale(images: PaintedImage[]): number {
  const native = images.map((image) => image.width / Math.max(1e-6, Math.hypot(image.matrix[0], image.matrix[1])));
  if (native.length === 0) return RENDER_SCALE;
  return Math.min(RENDER_SCALE, Math.max(MIN_RENDER_SCALE, ...native));
}

/** pdfjs-dist's decoded image kinds (ImageKind): 1 bit per pixel packed in bytes per row, RGB, RGBA. */
const KIND = { gray1bpp: 1, rgb: 2, rgba: 3 } as const;

interface DecodedImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

/** How long to wait for pdfjs-dist to hand over an image it decodes (CCITT and JBIG2 images arrive after the operator list). */
const DECODE_WAIT_MS = 30_000;

/** The image as pdfjs-dist decoded it for the operator list; undefined if it never arrives. */
function decodedImage(page: PDFPageProxy, id: string): Promise<DecodedImage | undefined> {
  // Images used on several pages are kept with the document ("g_" ids), the others with the page.
  const objects = id.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), DECODE_WAIT_MS);
    const done = (image: unknown) => {
      clearTimeout(timer);
      resolve((image ?? undefined) as DecodedImage | undefined);
    };
    try {
      objects.get(id, done);
    } catch {
      done(undefined);
    }
  });
}

/** The image's pixels, or undefined when pdfjs-dist gave no plain pixels for it. */
function imagePixels(
  image: DecodedImage | undefined,
): { width: number; height: number; channels: 1 | 3 | 4; data: Uint8Array | Uint8ClampedArray } | undefined {
  if (!image?.data || !(image.width > 0) || !(image.height > 0)) return undefined;
  const { width, height, data } = image;
  if (image.kind === KIND.rgb && data.length >= width * height * 3) return { width, height, channels: 3, data };
  if (image.kind === KIND.rgba && data.length >= width * height * 4) return { width, height, channels: 4, data };
  if (image.kind === KIND.gray1bpp && data.length >= Math.ceil(width / 8) * height)
    return { width, height, channels: 1, data: unpackBits(data, width, height) };
  return undefined;
}

/** 1 bit per pixel, rows padded to whole bytes, 1 = white → one byte per pixel. */
function unpackBits(packed: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const stride = Math.ceil(width / 8);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      out[y * width + x] = (packed[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
  }
  return out;
}

/** A centred line this short in a margin is a running page number or head, whatever OCR made of its digits. */
const RUNNING_LINE_CHARS = 8;

export interface PictureGeometry {
  /** Picture pixels → page points. */
  toPoints: (box: Box) => Box;
  pageWidth: number;
  pageHeight: number;
}

/** OCR blocks (pixels) → page items (points), each text keeping its reading, the page and its box in pixels. */
export function pictureItems(blocks: Block[], page: number, geometry: PictureGeometry): PageItem[] {
  const { toPoints, pageWidth, pageHeight } = geometry;
  const items: PageItem[] = [];
  for (const block of blocks) {
    if (block.kind === 'table') {
      const table = pictureTable(block, page, geometry);
      if (table) items.push(table);
      continue;
    }
    const outline = block.ocr?.pixelBox ?? block.box;
    if (!outline) continue;
    const [x0, y0, x1, y1] = toPoints(outline);
    if (isPageNumber(block.text, [x0, y0, x1, y1], pageWidth, pageHeight)) continue;
    const text: PageText = {
      kind: 'text',
      page,
      text: block.text,
      x0,
      y0,
      x1,
      y1,
      ...pictureReading(block.ocr, block.text, `page ${page}`, outline),
    };
    if (block.emphasis) text.emphasis = true;
    items.push(text);
  }
  return items;
}

/**
 * A table read from the page: its cells with their boxes on the page (each cell's outline on the scan as given, its
 * `ocr.pixelBox`), and its column boundaries measured on the straightened picture (the cells' `box`), so that a
 * table continued on the next scanned page — tilted another way — is recognised by its columns and stitched.
 */
function isPageNumber(text: string, [x0, y0, x1, y1]: Box, pageWidth: number, pageHeight: number): boolean {
  const inMargin = y1 < pageHeight * MARGIN_SHARE || y0 > pageHeight * (1 - MARGIN_SHARE);
  if (!inMargin) return false;
  const centred = Math.abs((x0 + x1) / 2 - pageWidth / 2) < pageWidth * 0.08;
  return PAGE_NUMBER.test(text) || (centred && text.replace(/\s+/g, '').length <= RUNNING_LINE_CHARS);
}

function pictureTable(block: TableBlock, page: number, { toPoints }: PictureGeometry): PageTable | undefined {
  const cells: PageCell[] = [];
  const straightCells: PageCell[] = [];
  for (const cell of block.cells) {
    if (!cell.box) return undefined;
    const outline = cell.ocr?.pixelBox ?? cell.box;
    const [x0, y0, x1, y1] = toPoints(outline);
    const placed = {
      row: cell.row,
      col: cell.col,
      rowSpan: cell.rowSpan,
      colSpan: cell.colSpan,
      text: cell.text,
      page,
    };
    cells.push({ ...placed, x0, y0, x1, y1, ...pictureReading(cell.ocr, cell.text, `page ${page}`, outline) });
    const [sx0, sy0, sx1, sy1] = toPoints(cell.box);
    straightCells.push({ ...placed, x0: sx0, y0: sy0, x1: sx1, y1: sy1 });
  }
  if (cells.length === 0) return undefined;
  const columns = block.grid[0]?.length ?? 0;
  return {
    kind: 'table',
    page,
    structure: 'ocr',
    cells,
    xs: columnBoundaries(straightCells, columns),
    rows: block.grid.length,
    ...enclosingBox(cells),
  };
}

/** The boundary before each grid column and after the last: the median of the cell edges on it. */
function columnBoundaries(cells: PageCell[], columns: number): number[] {
  const xs: number[] = [];
  for (let c = 0; c <= columns; c++) {
    const edges = [
      ...cells.filter((cell) => cell.col === c).map((cell) => cell.x0),
      ...cells.filter((cell) => cell.col + cell.colSpan === c).map((cell) => cell.x1),
    ];
    // Every boundary of a lattice grid is some cell's edge; should one not be, keep the grid's count all the same.
    xs.push(edges.length > 0 ? median(edges) : (xs[xs.length - 1] ?? 0));
  }
  return xs;
}

function onPage(message: Message, page: number): Message {
  return /^page \d+/.test(message.message) ? message : { ...message, message: `page ${page}: ${message.message}` };
}
