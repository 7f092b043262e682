import { median, quantile } from '../../src/core/math.js';
import { parseNumber } from '../../src/core/text/numbers.js';
import { joinCellLines } from '../geometry/glyphs.js';
import { cellShape, type CellShape } from './glyphs.js';
import type { InkOptions } from './ink.js';
import {
  binarise,
  crop,
  intersect,
  maskToGrey,
  onPaper,
  otsuThreshold,
  scale,
  type Grey,
  type Mask,
  type Rect,
} from './raster.js';
import { PSM, type Language, type TextLine } from './recogniser.js';
import { readPieces, type PieceReading } from './sheet.js';

/**
 * Reading the writing of cells (and lines of text) exactly or not at all. Writing shaped like digits (glyphs.ts) is
 * read twice by the English model restricted to digits, binarised at two sizes, and a number is confirmed only when
 * both readings are the same, every character is read with high confidence, and every glyph of the cell is in the
 * reading in its place (as many digits as marks of digit height; a point, a comma, a minus sign where the small
 * marks are). Words are read once by the Chinese model (a label needs no confirmation: the label matcher downstream
 * tolerates a wrong character, and a label does not become a number). A cell whose words turn out to be a number
 * or a placeholder (无, a number with a note) is read a second time by the Chinese model, binarised and at another
 * size, and confirmed when both readings are the same. A lone dash is read from its shape.
 */

export interface Region {
  /** The writing's box in the (deskewed) picture. */
  ink: Rect;
  /** What may be shown around the writing (a cell's inside, without its rulings); paper beyond it. */
  clip?: Rect;
}

export interface Reading {
  text: string;
  /** 0–1, the lowest of the readings' character confidences. */
  confidence: number;
  confirmed: boolean;
  /** The writing was read as a number or placeholder (so `confirmed` matters). */
  numeric: boolean;
}

export interface ReadOptions extends InkOptions {
  /** The regions' shapes, when the caller has them already (cellShape). */
  shapes?: CellShape[];
}

/** Characters the digit readings may produce. */
const DIGITS = '0123456789.,-+/';
/** Every character of a confirmed number must be read at least this sure. */
const MIN_CONFIDENCE = 0.75;
/**
 * Digits are drawn this many pixels high for the two readings, each binarised at its own size (two sizes make two
 * independent readings). Measured on the generated corpus, binarised readings lose fewer thin `1`s in scan noise
 * than the recogniser's own thresholding of the grey picture.
 */
const DIGIT_SIZES = [30, 40] as const;
/** A label read less sure than this is read a second time. */
const LABEL_CONFIDENCE = 0.8;
/** Chinese characters are drawn this high for the word reading, and for its confirming second reading. */
const WORD_SIZES = [28, 38] as const;

export async function readRegions(
  picture: Grey,
  mask: Mask,
  regions: Region[],
  options: ReadOptions,
): Promise<Reading[]> {
  const given = options.shapes ?? regions.map((r) => cellShape(mask, r.ink, options));
  const digitHeight = typicalDigitHeight(given);
  // Digits are all of one size in a table: writing much taller than the typical digits is not a number.
  const shapes = given.map(
    (s): CellShape => (s.shape === 'number' && s.height > digitHeight * 1.5 ? { ...s, shape: 'words' } : s),
  );
  const numbers = regions.map((_, i) => i).filter((i) => shapes[i]!.shape === 'number');
  const words = regions.map((_, i) => i).filter((i) => shapes[i]!.shape === 'words');
  const readings: Reading[] = regions.map(() => ({ text: '', confidence: 0, confirmed: false, numeric: false }));

  const digitReadings = await readDigits(
    picture,
    numbers.map((i) => regions[i]!),
    digitHeight,
  );
  const notNumbers: number[] = [];
  const doubtful: number[] = [];
  numbers.forEach((i, k) => {
    const reading = judgeDigits(digitReadings[k]!, shapes[i]!);
    if (reading) readings[i] = reading;
    else notNumbers.push(i);
    if (reading && !reading.confirmed) doubtful.push(i);
  });

  // Words, marks that looked like digits but did not read as a number, and digits not confirmed (which may be words
  // after all: a heading of two short lines in a narrow column).
  const wordCells = [...words, ...notNumbers, ...doubtful].sort((a, b) => a - b);
  const wordHeight = typicalWordHeight(shapes, wordCells, digitHeight);
  const first = await readSized(
    picture,
    wordCells.map((i) => regions[i]!),
    WORD_SIZES[0] / wordHeight,
    'chi_sim',
    false,
    {},
  );
  const numericWords: number[] = [];
  wordCells.forEach((i, k) => {
    const reading = wordReading(first[k]!);
    if (doubtful.includes(i)) {
      // An unconfirmed number stays one unless the Chinese model reads words in it: a digit is never read as two
      // Chinese characters, so such a cell is a label, and taking it for one cannot shift a row's numbers.
      if (countChinese(reading.text) >= 2) readings[i] = reading;
      return;
    }
    readings[i] = reading;
    if (reading.numeric) numericWords.push(i);
  });
  // Labels read with doubt are read again, binarised and larger, and the surer reading kept: a label misread in
  // several characters matches no row, and its row's numbers are lost.
  const doubtfulLabels = wordCells.filter(
    (i) => !readings[i]!.numeric && !doubtful.includes(i) && readings[i]!.confidence < LABEL_CONFIDENCE,
  );
  const relabels = await readSized(
    picture,
    doubtfulLabels.map((i) => regions[i]!),
    WORD_SIZES[1] / wordHeight,
    'chi_sim',
    true,
    {},
  );
  doubtfulLabels.forEach((i, k) => {
    const again = wordReading(relabels[k]!);
    if (!again.numeric && again.text !== '' && again.confidence > readings[i]!.confidence) readings[i] = again;
  });
  if (numericWords.length > 0) {
    const second = await readSized(
      picture,
      numericWords.map((i) => regions[i]!),
      WORD_SIZES[1] / wordHeight,
      'chi_sim',
      true,
      {},
    );
    numericWords.forEach((i, k) => {
      const again = wordReading(second[k]!);
      const firstReading = readings[i]!;
      const agree =
        compact(again.text) === compact(firstReading.text) &&
        !second[k]!.ambiguous &&
        !first[wordCells.indexOf(i)]!.ambiguous;
      const confidence = Math.min(firstReading.confidence, again.confidence);
      readings[i] = { ...firstReading, confidence, confirmed: agree && confidence >= MIN_CONFIDENCE };
    });
  }
  return readings;
}

/** Two digit readings of each region, at two sizes. */
async function readDigits(
  picture: Grey,
  regions: Region[],
  digitHeight: number,
): Promise<[PieceReading, PieceReading][]> {
  if (regions.length === 0) return [];
  const small = await readSized(picture, regions, DIGIT_SIZES[0] / digitHeight, 'eng', true, { whitelist: DIGITS });
  const large = await readSized(picture, regions, DIGIT_SIZES[1] / digitHeight, 'eng', true, { whitelist: DIGITS });
  return regions.map((_, i) => [small[i]!, large[i]!]);
}

/**
 * The number the two digit readings agree on, confirmed or not; undefined when the writing did not read as a
 * number at all (it goes to the Chinese reading: 无, or words that looked like digits).
 */
function judgeDigits([a, b]: [PieceReading, PieceReading], shape: CellShape): Reading | undefined {
  const textA = compact(joinLines(a.lines));
  const textB = compact(joinLines(b.lines));
  // A lone flat stroke is the dash printed for zero; the digit model reads it as a hyphen or not at all.
  if (shape.pattern === 'm' && shape.tall === 0) {
    const hyphenOrNothing = (t: string) => t === '' || /^[-—]+$/.test(t);
    const sure = hyphenOrNothing(textA) && hyphenOrNothing(textB);
    return { text: '—', confidence: sure ? 1 : 0, confirmed: sure, numeric: true };
  }
  const confidence = Math.min(lowestConfidence(a.lines), lowestConfidence(b.lines));
  const parsedA = parseNumber(textA);
  if (textA === '' || parsedA.kind === 'unreadable' || parsedA.kind === 'empty') {
    // Neither reading found a number: not digits after all.
    if (textB === '' || parseNumber(textB).kind === 'unreadable') return undefined;
  }
  const agree = textA === textB && a.lines.length <= 1 && b.lines.length <= 1 && !a.ambiguous && !b.ambiguous;
  const read = parsedA.kind === 'number' || parsedA.kind === 'placeholder' ? textA : textB;
  const text = agree ? withSignFromShape(read, shape) : read;
  const digitCountFits = accountsForGlyphs(text, shape);
  const confirmed = agree && digitCountFits && confidence >= MIN_CONFIDENCE && parseNumber(text).kind !== 'unreadable';
  return { text: parseNumber(text).kind === 'unreadable' ? '' : text, confidence, confirmed, numeric: true };
}

/**
 * Every glyph of the cell is in the reading, in its place, and nothing else: digits and slashes are the tall
 * glyphs, points and commas small ones at the foot, a minus sign a flat one at the middle (a plus sign is tall or
 * small). A reading that dropped a digit or a sign, or made one up, does not fit the cell.
 */
function accountsForGlyphs(text: string, shape: CellShape): boolean {
  const pattern = [...text].map((c) =>
    /[0-9/]/.test(c) ? 'T' : /[.,]/.test(c) ? 's' : c === '-' ? 'm' : c === '+' ? '+' : '?',
  );
  if (pattern.length !== shape.pattern.length) return false;
  return pattern.every(
    (p, i) => p === shape.pattern[i] || (p === '+' && (shape.pattern[i] === 'T' || shape.pattern[i] === 'x')),
  );
}

/**
 * A minus sign is a short flat stroke the digit model often drops before a number. When both readings agree on the
 * digits and the cell shows exactly such a stroke before them, the sign is read from the stroke.
 */
function withSignFromShape(text: string, shape: CellShape): string {
  return !text.startsWith('-') && shape.pattern.startsWith('mT') && accountsForGlyphs(`-${text}`, shape)
    ? `-${text}`
    : text;
}

function wordReading(piece: PieceReading): Reading {
  const text = joinCellLines(
    piece.lines.map((l) => tidy(l.words.map((w) => w.text).join(' '))).filter((l) => l !== ''),
  );
  const kind = parseNumber(text).kind;
  const numeric = text !== '' && (kind === 'number' || kind === 'placeholder');
  return { text, confidence: lowestConfidence(piece.lines), confirmed: false, numeric };
}

/** Lines of text, each drawn at the size the Chinese model reads best, read once. */
export async function readTextLines(picture: Grey, lines: Rect[]): Promise<Reading[]> {
  if (lines.length === 0) return [];
  const factors = lines.map((l) => WORD_SIZES[0] / Math.max(1, l.y1 - l.y0));
  return (
    await readSized(
      picture,
      lines.map((ink) => ({ ink })),
      factors,
      'chi_sim',
      false,
      {},
    )
  ).map(wordReading);
}

async function readSized(
  picture: Grey,
  regions: Region[],
  factor: number | number[],
  language: Language,
  binarised: boolean,
  extra: { whitelist?: string },
): Promise<PieceReading[]> {
  if (regions.length === 0) return [];
  const sizeOf = (i: number) => Math.max(0.5, Math.min(8, typeof factor === 'number' ? factor : factor[i]!));
  // A margin of paper; a narrow piece (a lone 1) is widened, which the recogniser's layout analysis needs to see it.
  const pad = (r: Rect) => {
    const margin = Math.max(2, Math.round(Math.min(r.y1 - r.y0, 40) * 0.25));
    const side = Math.max(margin, Math.round(Math.min(r.y1 - r.y0, 40) * 1.2 - (r.x1 - r.x0) / 2));
    return { x0: r.x0 - side, y0: r.y0 - margin, x1: r.x1 + side, y1: r.y1 + margin };
  };
  const pieces = regions.map(({ ink, clip }, i) => {
    // The writing with a margin of paper: a cell's rulings next to the writing are not shown to the recogniser.
    const around = pad(ink);
    const shown = clip ? intersect(around, clip) : around;
    const cut = onPaper(
      crop(picture, shown),
      around.x1 - around.x0,
      around.y1 - around.y0,
      shown.x0 - around.x0,
      shown.y0 - around.y0,
    );
    const image = scale(cut, sizeOf(i));
    return { image: binarised ? maskToGrey(binarise(image, otsuThreshold(image))) : image };
  });
  const lineHeight = Math.min(...pieces.map((p) => p.image.height));
  return readPieces(language, pieces, { psm: PSM.block, gap: Math.max(16, Math.round(lineHeight * 0.9)), ...extra });
}

/** The height of digits among these shapes (estimated from the Chinese characters' when there are none). */
export function typicalDigitHeight(shapes: CellShape[]): number {
  const heights = shapes.filter((s) => s.shape === 'number' && s.height > 0).map((s) => s.height);
  if (heights.length > 0) return median(heights);
  // No digits seen: Chinese characters are about 1.35 times as tall as the digits beside them.
  const words = shapes.filter((s) => s.shape === 'words').map((s) => s.height);
  return words.length > 0 ? quantile(words, 0.25) / 1.35 : 10;
}

function typicalWordHeight(shapes: CellShape[], cells: number[], digitHeight: number): number {
  const heights = cells.map((i) => shapes[i]!.height).filter((h) => h > 0);
  // The smallest quarter: one line of writing (many labels wrap onto two or three).
  const oneLine = heights.length > 0 ? quantile(heights, 0.25) : digitHeight * 1.35;
  return Math.max(digitHeight, Math.min(oneLine, digitHeight * 1.6));
}

function joinLines(lines: TextLine[]): string {
  return lines.map((l) => l.words.map((w) => w.text).join('')).join('\n');
}

function lowestConfidence(lines: TextLine[]): number {
  const all = lines.flatMap((l) => l.words.map((w) => w.confidence));
  return all.length > 0 ? Math.max(0, Math.min(1, ...all)) : 0;
}

function countChinese(text: string): number {
  return (text.match(/[\u4e00-\u9fff]/g) ?? []).length;
}

function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/** The Chinese model spaces out every character; spaces are kept only between two Latin letters or digits. */
function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ (?![A-Za-z0-9])|(?<![A-Za-z0-9]) /g, '')
    .trim();
}
