import { tableFromCells, type Block, type Box, type TableCell, type TextBlock } from '../../src/core/model/document.js';
import { warning, type Message } from '../../src/core/model/messages.js';
import { ReadError } from '../errors.js';
import { estimateSkew, MAX_DESKEW_DEGREES, SEARCH_DEGREES } from './deskew.js';
import { cellShape, type CellShape } from './glyphs.js';
import { analyseLayout, type Layout, type PictureCell, type TextBand } from './layout.js';
import { decodePicture, MAX_PICTURE_PIXELS } from './picture.js';
import { type Grey, type Mask, type Rect, binarise, greyHistogram, otsuThreshold, rotate, scale } from './raster.js';
import { flattenLight } from './light.js';
import { greyWithoutSeals } from './seals.js';
import { doubtRows } from './rows.js';
import { readRegions, readTextLines, typicalDigitHeight, type Reading } from './read-cells.js';

export { shutdownRecognisers } from './recogniser.js';
export { pictureFrames } from './picture.js';

/**
 * OCR of pictures into the common document model: a scanned page, a table published as a picture, an image file.
 * Every reader that meets a picture (PDF pages without text, <img> in web pages, pictures in Word files, image
 * files) hands it here and gets back the same blocks its own text would have given: text blocks and ruled tables
 * whose every text carries its OCR reading (`ocr`: confidence, confirmed, picture, pixel box).
 *
 * The picture is straightened (±6°), binarised, its ruling lines found and turned into a grid of cells by the PDF
 * reader's lattice; then only what is needed is recognised: the writing of each cell that is not empty, and on a
 * page the lines that can be a title or a heading (short or centred lines, not the full lines of narrative).
 * Numbers are confirmed by two independent readings (read-cells.ts); what is not confirmed is never a number.
 *
 * A picture that cannot be read at all throws a ReadError with a stable code — `too_large` (a decompression bomb),
 * `corrupt`, `unsupported`, `blank` (blank or nearly blank), `unreadable` (too small to read, tilted beyond what can
 * be straightened, a photograph, no ruled table in a picture of a table) — whose message names the picture. A reader
 * for which the picture is one of several (a web page, a PDF page) turns it into a warning and goes on.
 */

/** A picture to read: as its file's bytes (PNG, JPEG, …), or as pixels already decoded (a PDF page's image). */
export type PictureSource =
  | {
      kind: 'encoded';
      bytes: Uint8Array;
      name: string;
      /** Which page of a multi-page TIFF (from 0); pictureFrames says how many there are. */
      frame?: number;
    }
  | {
      kind: 'pixels';
      width: number;
      height: number;
      channels: 1 | 3 | 4;
      data: Uint8Array | Uint8ClampedArray;
      name: string;
    };

export interface PictureOptions {
  /**
   * What the picture is expected to hold: a whole page (title, headings, tables; narrative lines need not be read),
   * or a table alone (a picture in a web page or a Word file, between the headings the page prints as text).
   */
  content: 'page' | 'table';
}

export interface PictureReading {
  /**
   * Text blocks and tables in reading order; tables numbered from 0 (callers renumber). Each `box` is in pixels of
   * the picture straightened by `skew` degrees (so that the columns of a table continued on the next page line up),
   * and each `ocr.pixelBox` in pixels of the picture as given.
   */
  blocks: Block[];
  /** What could not be read, and why (a table without ruling lines, unconfirmed readings, a blank picture, …). */
  messages: Message[];
  width: number;
  height: number;
  /** The angle the picture was straightened by, in degrees. */
  skew?: number;
  /** Cells and lines recognised, and numbers left unread because their readings were not confirmed. */
  stats?: { cells: number; numbers: number; unconfirmed: number };
}

/** Warning codes of the OCR reader. */
const OCR_UNCONFIRMED = 'ocr_unconfirmed';

/** Larger pictures are reduced to this many pixels before they are analysed (about 350 dpi on A4): time stays bounded. */
const WORK_PIXELS = 12_000_000;
/** Digits lower than this many pixels cannot be told apart reliably (a thumbnail). */
const MIN_DIGIT_HEIGHT = 6;
/** Share of the picture in middle greys above which it is a photograph or a drawing, not print on paper. */
const PHOTO_GREYS = 0.3;
/** Share of the picture covered by ink below which a page is blank (a speck, a page number). */
const BLANK_INK = 0.0008;

export async function readPicture(source: PictureSource, options: PictureOptions): Promise<PictureReading> {
  const given =
    source.kind === 'encoded' ? await decodePicture(source.bytes, source.name, source.frame ?? 0) : fromPixels(source);
  const original = flattenLight(given);
  const name = source.name;
  if (original.width < 24 || original.height < 12)
    throw new ReadError(
      'unreadable',
      `${name} is ${original.width} × ${original.height} pixels: too small to hold readable text`,
    );
  refuseUnlessPrint(given, original, name);
  const reduce = Math.min(1, Math.sqrt(WORK_PIXELS / (original.width * original.height)));
  const work = stretchContrast(reduce < 1 ? scale(original, reduce) : original);
  const threshold = inkThreshold(work);
  const skew = estimateSkew(binarise(work, threshold));
  if (Math.abs(skew.degrees) > MAX_DESKEW_DEGREES) {
    const angle =
      Math.abs(skew.degrees) >= SEARCH_DEGREES - 0.5
        ? `more than ${SEARCH_DEGREES - 1}°`
        : `about ${Math.abs(skew.degrees).toFixed(0)}°`;
    throw new ReadError(
      'unreadable',
      `${name} is tilted by ${angle} (a photograph taken at an angle?); pictures tilted more than ${MAX_DESKEW_DEGREES}° are not straightened and read`,
    );
  }
  const level = rotate(work, skew.degrees);
  const levelThreshold = inkThreshold(level);
  const mask = binarise(level, levelThreshold);
  // Rulings are looked for at a lighter threshold, halfway between the ink's and the paper's (which may be yellowed).
  const layout = analyseLayout(mask, binarise(level, Math.round((levelThreshold + paperLevel(level)) / 2)));
  const toPicture = mapBack(work, skew.degrees, reduce);
  const straight = (r: Rect): Box => [
    Math.round(r.x0 / reduce),
    Math.round(r.y0 / reduce),
    Math.round(r.x1 / reduce),
    Math.round(r.y1 / reduce),
  ];
  const context: Context = { name, level, mask, layout, toPicture, straight };

  const tables = await readTables(context);
  const lines = options.content === 'page' ? await readHeadings(context) : [];
  if (tables.blocks.length === 0 && options.content === 'table') {
    throw new ReadError(
      'unreadable',
      `no ruled table found in ${name}: a table without ruling lines is not read from a picture`,
    );
  }
  if (tables.blocks.length === 0 && lines.length === 0)
    throw new ReadError('blank', `${name} holds no table and no line of text that could be read`);
  const blocks = [...tables.blocks, ...lines].sort((a, b) => top(a) - top(b));
  let index = 0;
  for (const block of blocks) if (block.kind === 'table') block.index = index++;
  return {
    blocks,
    messages: tables.messages,
    width: original.width,
    height: original.height,
    skew: skew.degrees,
    stats: { cells: tables.cells, numbers: tables.numbers, unconfirmed: tables.unconfirmed },
  };
}

interface Context {
  name: string;
  level: Grey;
  mask: Mask;
  layout: Layout;
  /** Where a box of the straightened picture is in the picture as given (ocr.pixelBox). */
  toPicture: (rect: Rect) => Box;
  /** A box of the straightened picture at the picture's scale (the blocks' `box`). */
  straight: (rect: Rect) => Box;
}

function fromPixels(source: Extract<PictureSource, { kind: 'pixels' }>): Grey {
  const pixels = source.width * source.height;
  if (!(pixels > 0) || source.data.length < pixels * source.channels)
    throw new ReadError('corrupt', `${source.name}: its pixels do not fill its size`);
  if (pixels > MAX_PICTURE_PIXELS)
    throw new ReadError(
      'too_large',
      `${source.name} is ${source.width} × ${source.height} pixels; pictures above ${MAX_PICTURE_PIXELS / 1e6} M pixels are refused`,
    );
  return greyWithoutSeals(source.width, source.height, source.channels, source.data);
}

/**
 * A page photographed in uneven light has middle greys everywhere (dim corners, the desk around it): it is judged
 * once its light is evened out. A photograph of anything else stays a photograph: evened out, it is nearly blank.
 */
function refuseUnlessPrint(given: Grey, flattened: Grey, name: string): void {
  try {
    refuseNonPrint(given, name);
  } catch (error) {
    if (flattened === given || !(error instanceof ReadError) || error.code !== 'unreadable') throw error;
    try {
      refuseNonPrint(flattened, name);
    } catch {
      throw error;
    }
  }
}

/** Blank paper, or a photograph rather than print: nothing here is a report page. */
function refuseNonPrint(picture: Grey, name: string): void {
  const histogram = greyHistogram(picture);
  const total = picture.data.length;
  // Print on paper has two greys, the paper's and the ink's, and little between them (the edges of strokes); a
  // photograph spreads over all of them. Measured between the page's own paper and ink, so that yellowed paper or
  // grey ink are print all the same.
  const paper = percentile(histogram, total, 0.9);
  const dark = percentile(histogram, total, 0.005);
  const range = paper - dark;
  let ink = 0;
  let middle = 0;
  for (let g = 0; g < 256; g++) {
    if (g <= paper - 80) ink += histogram[g]!;
    if (g > dark + range * 0.25 && g < paper - range * 0.25) middle += histogram[g]!;
  }
  if (ink / total < BLANK_INK)
    throw new ReadError('blank', `${name} is blank or nearly blank (${((100 * ink) / total).toFixed(2)}% ink)`);
  if (middle / total > PHOTO_GREYS)
    throw new ReadError(
      'unreadable',
      `${name} looks like a photograph or a drawing (${Math.round((100 * middle) / total)}% of it in middle greys), not a printed page or table`,
    );
}

/** Otsu's threshold, but never so close to the paper that scan noise becomes ink. */
function inkThreshold(picture: Grey): number {
  return Math.min(otsuThreshold(picture), 200);
}

/**
 * The picture's greys stretched so that its paper is white and its darkest ink black: yellowed paper and faded ink
 * look to the recogniser like any print (its pieces are shown on white).
 */
function stretchContrast(picture: Grey): Grey {
  const histogram = greyHistogram(picture);
  const paper = percentile(histogram, picture.data.length, 0.9);
  const dark = percentile(histogram, picture.data.length, 0.005);
  if (dark <= 0 && paper >= 255) return picture;
  const gain = 255 / Math.max(1, paper - dark);
  const lookup = new Uint8Array(256);
  for (let g = 0; g < 256; g++) lookup[g] = Math.max(0, Math.min(255, Math.round((g - dark) * gain)));
  const data = new Uint8Array(picture.data.length);
  for (let i = 0; i < data.length; i++) data[i] = lookup[picture.data[i]!]!;
  return { width: picture.width, height: picture.height, data };
}

/** The paper's grey: most of a page is paper. */
function paperLevel(picture: Grey): number {
  const histogram = greyHistogram(picture);
  return percentile(histogram, picture.data.length, 0.9);
}

function percentile(histogram: Float64Array, total: number, q: number): number {
  let seen = 0;
  for (let g = 0; g < 256; g++) {
    seen += histogram[g]!;
    if (seen >= total * q) return g;
  }
  return 255;
}

interface TableResult {
  blocks: Block[];
  /** The numbers each table could not confirm, named (`ocr_unconfirmed`). */
  messages: Message[];
  cells: number;
  numbers: number;
  unconfirmed: number;
}

async function readTables(context: Context): Promise<TableResult> {
  const messages: Message[] = [];
  const { layout, mask, level, name } = context;
  const inkOptions = {
    minPixels: Math.max(2, Math.round(layout.lineThickness * layout.lineThickness * 1.5)),
    lineThickness: layout.lineThickness,
  };
  const inset = Math.ceil(layout.lineThickness / 2) + 1;
  const written = layout.tables.flatMap((table, t) =>
    table.cells
      .filter((c) => c.ink)
      .map((cell) => ({
        t,
        cell,
        ink: cell.ink!,
        clip: { x0: cell.box.x0 + inset, y0: cell.box.y0 + inset, x1: cell.box.x1 - inset, y1: cell.box.y1 - inset },
      })),
  );
  const firstShapes: CellShape[] = written.map((w) => cellShape(mask, w.ink, inkOptions));
  const digitHeight = typicalDigitHeight(firstShapes);
  if (written.length > 0 && digitHeight < MIN_DIGIT_HEIGHT) {
    throw new ReadError(
      'unreadable',
      `the writing in ${name} is too small to read (digits about ${Math.round(digitHeight)} pixels high; at least ${MIN_DIGIT_HEIGHT} are needed)`,
    );
  }
  // Writing one digit high that did not look like digits may be a digit broken apart by binarising: look again,
  // knowing how high the table's digits are.
  const shapes = firstShapes.map((s, i) =>
    s.shape === 'words' && written[i]!.ink.y1 - written[i]!.ink.y0 <= digitHeight * 1.25
      ? cellShape(mask, written[i]!.ink, inkOptions, digitHeight)
      : s,
  );
  const readings = await readRegions(level, mask, written, { ...inkOptions, shapes });
  const byCell = new Map<PictureCell, Reading>();
  written.forEach((w, i) => byCell.set(w.cell, readings[i]!));
  for (const table of layout.tables) doubtRows(table.cells, byCell);
  const blocks: Block[] = [];
  let numbers = 0;
  let unconfirmed = 0;
  layout.tables.forEach((table, t) => {
    const cells = table.cells.map((cell) => toTableCell(cell, byCell.get(cell), context));
    const doubtful = table.cells.filter((c) => {
      const r = byCell.get(c);
      return (r?.numeric && !r.confirmed) || c.doubtful;
    });
    numbers += table.cells.filter((c) => byCell.get(c)?.numeric).length;
    unconfirmed += doubtful.length;
    if (doubtful.length > 0) {
      const where = doubtful
        .slice(0, 12)
        .map((c) => `row ${c.row + 1} column ${c.col + 1}`)
        .join(', ');
      messages.push(
        warning(
          OCR_UNCONFIRMED,
          `${name}, table ${t + 1}: ${doubtful.length} number${doubtful.length === 1 ? '' : 's'} could not be read with certainty and ${doubtful.length === 1 ? 'is' : 'are'} left unread (${where}${doubtful.length > 12 ? ', …' : ''})`,
        ),
      );
    }
    blocks.push(tableFromCells(t, cells, 'ocr'));
  });
  return { blocks, messages, cells: written.length, numbers, unconfirmed };
}

function toTableCell(cell: PictureCell, reading: Reading | undefined, context: Context): TableCell {
  const box = context.straight(cell.box);
  const pixelBox = context.toPicture(cell.box);
  // An empty cell (no ink at all) is read for certain: it is empty.
  const ocr = reading
    ? { confidence: round(reading.confidence), confirmed: reading.confirmed, picture: context.name, pixelBox }
    : { confidence: cell.doubtful ? 0 : 1, confirmed: !cell.doubtful, picture: context.name, pixelBox };
  return {
    row: cell.row,
    col: cell.col,
    rowSpan: cell.rowSpan,
    colSpan: cell.colSpan,
    text: reading?.text ?? '',
    box,
    ocr,
  };
}

/**
 * The lines of a page outside its tables that can be a title or a heading: short lines, centred lines and the
 * first lines of the page; the full-width lines of narrative paragraphs are not read.
 */
async function readHeadings(context: Context): Promise<TextBlock[]> {
  const candidates = headingCandidates(context.layout.lines);
  const readings = await readTextLines(
    context.level,
    candidates.map((c) => c.box),
  );
  return candidates.flatMap((band, i): TextBlock[] => {
    const reading = readings[i]!;
    if (reading.text === '') return [];
    const pixelBox = context.toPicture(band.box);
    return [
      {
        kind: 'text',
        text: reading.text,
        box: context.straight(band.box),
        ocr: { confidence: round(reading.confidence), confirmed: false, picture: context.name, pixelBox },
      },
    ];
  });
}

function headingCandidates(lines: TextBand[]): TextBand[] {
  if (lines.length === 0) return [];
  const heights = lines.map((l) => l.box.y1 - l.box.y0).sort((a, b) => a - b);
  const typical = heights[Math.floor(heights.length / 2)]!;
  const lefts = lines.map((l) => l.box.x0).sort((a, b) => a - b);
  const rights = lines.map((l) => l.box.x1).sort((a, b) => a - b);
  const left = lefts[Math.floor(lefts.length * 0.1)]!;
  const right = rights[Math.floor(rights.length * 0.9)]!;
  const width = Math.max(1, right - left);
  return lines.filter((line, i) => {
    const h = line.box.y1 - line.box.y0;
    // Specks and rules are too low to be writing; a stamp or a picture is taller than any line.
    if (h < typical * 0.5 || h > typical * 3) return false;
    const w = line.box.x1 - line.box.x0;
    const centre = (line.box.x0 + line.box.x1) / 2;
    const centred = Math.abs(centre - (left + right) / 2) < width * 0.06 && line.box.x0 > left + width * 0.05;
    return i < 2 || centred || w < width * 0.8;
  });
}

/** A box in the straightened picture, back in the original picture's pixels. */
function mapBack(work: Grey, degrees: number, reduce: number): (rect: Rect) => Box {
  const radians = (degrees * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const cx = (work.width - 1) / 2;
  const cy = (work.height - 1) / 2;
  return (rect) => {
    const corners = [
      [rect.x0, rect.y0],
      [rect.x1, rect.y0],
      [rect.x0, rect.y1],
      [rect.x1, rect.y1],
    ].map(([x, y]) => {
      const dx = x! - cx;
      const dy = y! - cy;
      return [(cx + dx * cos - dy * sin) / reduce, (cy + dx * sin + dy * cos) / reduce] as const;
    });
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    return [
      Math.round(Math.min(...xs)),
      Math.round(Math.min(...ys)),
      Math.round(Math.max(...xs)),
      Math.round(Math.max(...ys)),
    ];
  };
}

function top(block: Block): number {
  if (block.kind === 'text') return block.box?.[1] ?? 0;
  return Math.min(...block.cells.map((c) => c.box?.[1] ?? 0));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
