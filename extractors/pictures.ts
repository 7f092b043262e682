import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { imageSize } from 'image-size';
import type { Block, Box, OcrReading } from '../src/core/model/document.js';
import { warning, type Message } from '../src/core/model/messages.js';
import { info } from '../src/core/model/messages.js';
import { readPicture, type PictureOptions } from './ocr/index.js';

/**
 * The pictures a web page (or a Word file, through its HTML) shows with <img>: found, sized up, and read by OCR.
 * A picture is looked for where a browser would find it — inline (`data:`), relative to the page's folder (what
 * "save page, complete" writes: `<stem>_files/…`), or, for a site-absolute path (`/u/cms/…/x.png`), beside the
 * page — and never fetched from the network. Icons, logos and spacers are skipped by size before any OCR. Each
 * picture that cannot be read is named in a warning; the rest of the document is read all the same.
 */

/** An <img> of the document, in document order. */
export interface PictureLink {
  src: string;
  /** 1-based position among the document's pictures (names inline pictures in messages and cells.csv). */
  n: number;
}

export interface PicturesRead {
  /** The blocks read from each picture, by `PictureLink.n`; boxes in the picture's pixels. */
  blocks: Map<number, Block[]>;
  messages: Message[];
  /** At least one picture was read by OCR. */
  usedOcr: boolean;
}

/** A picture smaller than this on either side, or in area, is an icon, a bullet or a spacer, not a table. */
const MIN_PICTURE_SIDE = 24;
const MIN_PICTURE_AREA = 12_000;
/** No picture file this large is read (a scan of an A4 page at 600 dpi is under 30 MB). */
const MAX_PICTURE_BYTES = 64 * 1024 * 1024;
/** OCR takes seconds a picture: past this many pictures read, the rest of a document's are named, not read. */
const MAX_PICTURES_READ = 20;
/** Formats the OCR reader decodes. */
const RASTER_TYPES = new Set(['png', 'jpg', 'gif', 'bmp', 'webp', 'tiff']);

const PICTURE = 'picture';

/** A picture carried inside the document (a Word file's media), named for messages. */
export interface EmbeddedPicture {
  bytes: Uint8Array;
  name: string;
}

/** Where the document's pictures are: beside the page on disk, or inside the document, by src. */
export interface PictureSources {
  pagePath?: string;
  embedded?: Map<string, EmbeddedPicture>;
}

export async function readPictures(
  links: PictureLink[],
  where: PictureSources,
  options: PictureOptions,
): Promise<PicturesRead> {
  const result: PicturesRead = { blocks: new Map(), messages: [], usedOcr: false };
  const remote: string[] = [];
  const skipped: string[] = [];
  const absent: string[] = [];
  let read = 0;
  // One at a time: OCR is CPU-bound and the worker thread has one core.
  for (const link of links) {
    const embedded = where.embedded?.get(link.src);
    const found: Located = embedded ? { kind: 'found', ...embedded } : await locatePicture(link, where.pagePath);
    if (found.kind === 'remote') {
      remote.push(link.src);
      continue;
    }
    if (found.kind === 'absent') {
      absent.push(found.name);
      continue;
    }
    if (found.kind === 'missing') {
      result.messages.push(warning(PICTURE, found.reason));
      continue;
    }
    const refused = refusal(found.bytes, found.name);
    if (refused === 'small') continue;
    if (refused) {
      result.messages.push(warning(PICTURE, refused));
      continue;
    }
    if (read >= MAX_PICTURES_READ) {
      skipped.push(found.name);
      continue;
    }
    read++;
    try {
      const reading = await readPicture({ kind: 'encoded', bytes: found.bytes, name: found.name }, options);
      result.usedOcr = true;
      result.blocks.set(
        link.n,
        reading.blocks.map((block) => withPicture(block, found.name)),
      );
      result.messages.push(...reading.messages.map((w) => naming(w, found.name)));
    } catch (error) {
      const why = (error as Error).message;
      result.messages.push(
        warning(
          PICTURE,
          why.includes(found.name) ? `picture not read: ${why}` : `picture ${found.name} could not be read: ${why}`,
        ),
      );
    }
  }
  if (absent.length > 0) result.messages.push(absentNote(absent));
  if (skipped.length > 0) {
    result.messages.push(
      warning(
        PICTURE,
        `${skipped.length} more pictures not read (OCR reads at most ${MAX_PICTURES_READ} pictures of a document): ${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? ' …' : ''}`,
      ),
    );
  }
  if (remote.length > 0) {
    const shown = remote.slice(0, 3).map(shorten).join(', ');
    result.messages.push(
      warning(
        PICTURE,
        `${remote.length === 1 ? 'a picture' : `${remote.length} pictures`} on the web not read (xxgk never downloads): ${shown}${remote.length > 3 ? ' …' : ''}`,
      ),
    );
  }
  return result;
}

type Located =
  | { kind: 'found'; bytes: Uint8Array; name: string }
  | { kind: 'missing'; reason: string }
  | { kind: 'absent'; name: string }
  | { kind: 'remote' };

/** Code of the note naming a page's pictures that were not saved with it. */
const PICTURES_ABSENT = 'pictures_absent';

/**
 * Pictures a saved page links to but that are not on disk: mostly the site's logos, icons and banners, which a
 * "save page" leaves out. One note per page with the count (the sample's pingtan-2019 page alone names 11), at
 * `info`; the report raises it to a warning when a table is missing, as the table may be one of them.
 */
function absentNote(names: string[]): Message {
  const shown = names.slice(0, 3).map(shorten).join(', ');
  const more = names.length > 3 ? ' …' : '';
  return info(
    PICTURES_ABSENT,
    `pictures linked from the page but not on disk beside it: ${names.length} (${shown}${more}); their content is not read`,
  );
}

/** Where the picture is: inline, on disk beside the page, on the web, or nowhere to be found (with why). */
export async function locatePicture(link: PictureLink, pagePath: string | undefined): Promise<Located> {
  const src = link.src.trim();
  if (/^data:/i.test(src)) return inlinePicture(src, link.n);
  if (/^(?:https?:)?\/\//i.test(src)) return { kind: 'remote' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) && !/^file:/i.test(src))
    return { kind: 'missing', reason: `picture ${shorten(src)} is not a file (${src.split(':')[0]}: link); not read` };
  if (!pagePath) return { kind: 'missing', reason: `picture ${shorten(src)} not read: the page's folder is not known` };
  const folder = dirname(pagePath);
  const path = localPath(src);
  if (path === undefined) return { kind: 'missing', reason: `picture ${shorten(src)} not read: not a valid file link` };
  const candidates =
    path.startsWith('/') && !/^file:/i.test(src) ? besidePage(path, pagePath) : [resolve(folder, path)];
  let why = '';
  for (const candidate of candidates) {
    const info = await stat(candidate).catch(() => undefined);
    if (!info) continue;
    if (!info.isFile()) {
      why = `${nameIn(folder, candidate)} is a folder, not a picture`;
      continue;
    }
    if (info.size > MAX_PICTURE_BYTES)
      return {
        kind: 'missing',
        reason: `picture ${nameIn(folder, candidate)} not read: ${Math.round(info.size / 1024 / 1024)} MB is too large for a picture`,
      };
    const bytes = await readFile(candidate).catch((error: Error) => error);
    if (bytes instanceof Error)
      return { kind: 'missing', reason: `picture ${nameIn(folder, candidate)} could not be opened (${bytes.message})` };
    return { kind: 'found', bytes, name: nameIn(folder, candidate) };
  }
  if (why) return { kind: 'missing', reason: `picture ${shorten(src)} not read: ${why}` };
  // Looked for beside the page, in its _files folder and in a mirror of the site's folders (besidePage).
  return { kind: 'absent', name: src };
}

/** The file path a link names: query and fragment dropped, %-escapes decoded, `file:` URLs turned into paths. */
function localPath(src: string): string | undefined {
  try {
    if (/^file:/i.test(src)) return fileURLToPath(src);
    const path = src.replace(/[?#].*$/, '').replace(/\\/g, '/');
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/**
 * A site-absolute path (`/u/cms/www/202301/x.png`) points into the site, not the disk: a saved copy keeps the
 * picture beside the page, in the page's `_files` folder, or in a mirror of the site's folders under the page's.
 */
function besidePage(path: string, pagePath: string): string[] {
  const folder = dirname(pagePath);
  const stem = basename(pagePath, extname(pagePath));
  const file = basename(path);
  return [
    ...new Set([
      join(folder, file),
      join(folder, `${stem}_files`, file),
      join(folder, `${stem}.files`, file),
      join(folder, ...path.split('/').filter(Boolean)),
    ]),
  ];
}

function inlinePicture(src: string, n: number): Located {
  const comma = src.indexOf(',');
  const header = src.slice(5, comma < 0 ? undefined : comma);
  const type = header.split(';')[0]!.trim().toLowerCase() || 'unknown';
  const name = `data:${type} (picture ${n})`;
  if (comma < 0) return { kind: 'missing', reason: `picture ${name} not read: its data: link holds no data` };
  const payload = src.slice(comma + 1);
  try {
    const bytes = /;base64$/i.test(header.trim())
      ? Buffer.from(payload.replace(/\s+/g, ''), 'base64')
      : Buffer.from(decodeURIComponent(payload), 'latin1');
    return { kind: 'found', bytes, name };
  } catch {
    return { kind: 'missing', reason: `picture ${name} not read: its data: link cannot be decoded` };
  }
}

/** Why a picture is not read ('small': silently, it is decoration), or undefined to read it. */
function refusal(bytes: Uint8Array, name: string): string | 'small' | undefined {
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return `picture ${name} not read: not in a format OCR reads (PNG, JPEG, GIF, BMP, WebP or TIFF)`;
  }
  if (!size.type || !RASTER_TYPES.has(size.type))
    return `picture ${name} not read: ${size.type ?? 'its'} format is not read by OCR`;
  // A picture too large (a decompression bomb) is refused by the OCR reader, from its header too.
  if (size.width < MIN_PICTURE_SIDE || size.height < MIN_PICTURE_SIDE || size.width * size.height < MIN_PICTURE_AREA)
    return 'small';
  return undefined;
}

/** Every reading names its picture and keeps its box in the picture's pixels. */
function withPicture(block: Block, picture: string): Block {
  if (block.kind === 'text') return { ...block, ...pictureReading(block.ocr, block.text, picture, block.box) };
  return {
    ...block,
    cells: block.cells.map((cell) => ({ ...cell, ...pictureReading(cell.ocr, cell.text, picture, cell.box) })),
  };
}

/**
 * The reading a text read from a picture carries: the picture it came from and its box in the picture's pixels.
 * A text OCR gave without a reading is taken as not confirmed (a number nobody vouched for is never reported); an
 * empty cell has nothing to confirm.
 */
export function pictureReading(
  ocr: OcrReading | undefined,
  text: string,
  picture: string,
  pixelBox: Box | undefined,
): { ocr?: OcrReading } {
  if (!ocr && text.trim() === '') return {};
  const box = ocr?.pixelBox ?? pixelBox;
  return { ocr: { ...(ocr ?? { confidence: 0, confirmed: false }), picture, ...(box ? { pixelBox: box } : {}) } };
}

function naming(message: Message, picture: string): Message {
  return message.message.includes(picture)
    ? message
    : { ...message, message: `picture ${picture}: ${message.message}` };
}

function nameIn(folder: string, path: string): string {
  const name = relative(folder, path);
  return name.split(sep).join('/');
}

function shorten(src: string): string {
  return src.length > 80 ? `${src.slice(0, 60)}…${src.slice(-12)}` : src;
}
