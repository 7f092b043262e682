import type { Block } from '../../src/model/document.js';
import type { Message } from '../../src/model/messages.js';
import { ReadError } from '../errors.js';

/**
 * OCR of pictures into the common document model: a scanned page, a table published as a picture, an image file.
 * Every reader that meets a picture (PDF pages without text, <img> in web pages, pictures in Word files, image
 * files) hands it here and gets back the same blocks its own text would have given: text blocks and ruled tables
 * whose every text carries its OCR reading (`ocr`: confidence, confirmed, picture, pixel box).
 */

/** A picture to read: as its file's bytes (PNG, JPEG, …), or as pixels already decoded (a PDF page's image). */
export type PictureSource =
  | { kind: 'encoded'; bytes: Uint8Array; name: string }
  | { kind: 'pixels'; width: number; height: number; channels: 1 | 3 | 4; data: Uint8Array | Uint8ClampedArray; name: string };

export interface PictureOptions {
  /**
   * What the picture is expected to hold: a whole page (title, headings, tables; narrative lines need not be read),
   * or a table alone (a picture in a web page or a Word file, between the headings the page prints as text).
   */
  content: 'page' | 'table';
}

export interface PictureReading {
  /** Text blocks and tables in reading order; boxes in the picture's pixels; tables numbered from 0 (callers renumber). */
  blocks: Block[];
  /** What could not be read, and why (a table without ruling lines, unconfirmed readings, a blank picture, …). */
  warnings: Message[];
  width: number;
  height: number;
}

export async function readPicture(source: PictureSource, _options: PictureOptions): Promise<PictureReading> {
  throw new ReadError('needs_ocr', `cannot read ${source.name}: OCR is not available yet`);
}
