import { warning, type Message } from '../src/core/model/messages.js';
import { ReadError } from './errors.js';
import { pictureFrames, readPicture, type PictureReading } from './ocr/index.js';
import { joinPictures } from './ocr/pages.js';
import type { ReadContext, ReaderOutput } from './reader.js';

/**
 * Picture files given as reports (PNG, JPEG, GIF, BMP, WebP, multi-page TIFF from a scanner): each picture, or each
 * page of a TIFF, is read by OCR as a page — its tables, title and headings — and the pages become one document.
 * A page that cannot be read is named in a warning; a file none of whose pages can be read fails with the reason.
 */

/** Scans are taken at 150–600 dpi; 300 is the usual. Only the stitching tolerances depend on it. */
const ASSUMED_DPI = 300;

export async function readImage(bytes: Uint8Array, context: ReadContext): Promise<ReaderOutput> {
  const frames = pictureFrames(bytes, context.name);
  const pages: { page: number; reading: PictureReading }[] = [];
  const messages: Message[] = [];
  let firstError: ReadError | undefined;
  for (let frame = 0; frame < frames.length; frame++) {
    const name = frames.length > 1 ? `${context.name} page ${frame + 1}` : context.name;
    try {
      const reading = await readPicture({ kind: 'encoded', bytes, name, frame }, { content: 'page' });
      pages.push({ page: frame + 1, reading });
      messages.push(...reading.messages);
    } catch (error) {
      if (!(error instanceof ReadError)) throw error;
      firstError ??= error;
      messages.push(warning('read', `${error.code}: ${error.message}`));
    }
  }
  if (pages.length === 0)
    throw firstError ?? new ReadError('unreadable', `${context.name} holds no page that could be read`);
  const blocks = joinPictures(pages, 72 / ASSUMED_DPI);
  return { value: { blocks, pageCount: frames.length }, messages };
}
