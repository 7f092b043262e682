import { loadImage, createCanvas } from '@napi-rs/canvas';
import { imageSize } from 'image-size';
import UTIF from 'utif2';
import { detailOf, ReadError } from '../errors.js';
import { checkPictureStructure } from './picture-check.js';
import type { Grey } from './raster.js';
import { greyWithoutSeals } from './seals.js';

/**
 * Picture files into grey pixels, with their size checked from the header before anything is decoded: a small file
 * that would inflate to gigabytes of pixels (a decompression bomb) is refused in microseconds, with its size named.
 * PNG, JPEG, GIF, BMP and WebP are decoded by @napi-rs/canvas (Skia); TIFF, one picture per page of a scan, by utif2.
 */

export type PictureFormat = 'png' | 'jpeg' | 'gif' | 'bmp' | 'webp' | 'tiff';

/** Most pixels a picture may have: a 600 dpi A4 scan has 35 M. */
export const MAX_PICTURE_PIXELS = 40_000_000;
/** Pages read from one TIFF file; a longer one is read up to here. */
const MAX_TIFF_PAGES = 200;
const MAX_TIFF_DIRECTORIES = 5_000;

export interface Frame {
  width: number;
  height: number;
}

/** What the bytes are, by their magic numbers. */
export function sniffPicture(bytes: Uint8Array): PictureFormat | undefined {
  const b = (i: number) => bytes[i] ?? -1;
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (b(0) === 0x89 && ascii(1, 4) === 'PNG') return 'png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  if (ascii(0, 4) === 'GIF8') return 'gif';
  // BM alone could start a text; a bitmap's info header that follows has one of a few known sizes.
  if (
    ascii(0, 2) === 'BM' &&
    bytes.length > 26 &&
    [12, 40, 52, 56, 64, 108, 124].includes(b(14) | (b(15) << 8)) &&
    b(16) === 0 &&
    b(17) === 0
  )
    return 'bmp';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if ((ascii(0, 2) === 'II' && b(2) === 42 && b(3) === 0) || (ascii(0, 2) === 'MM' && b(2) === 0 && b(3) === 42))
    return 'tiff';
  return undefined;
}

/** The pictures in the file (one, or a TIFF's pages) and their sizes, from the headers alone. */
export function pictureFrames(bytes: Uint8Array, name: string): Frame[] {
  const format = sniffPicture(bytes);
  if (!format)
    throw new ReadError('unsupported', `${name} is not a picture xxgk can read (PNG, JPEG, GIF, BMP, WebP or TIFF)`);
  let frames: Frame[];
  try {
    frames = format === 'tiff' ? tiffFrames(bytes) : [imageSize(bytes)];
  } catch (error) {
    throw new ReadError('corrupt', `${name}: the ${format.toUpperCase()} header cannot be read${detailOf(error)}`);
  }
  if (frames.length === 0) throw new ReadError('corrupt', `${name}: the TIFF file holds no picture`);
  for (const frame of frames) {
    if (!(frame.width > 0 && frame.height > 0))
      throw new ReadError('corrupt', `${name}: the picture's header gives no size`);
    const pixels = frame.width * frame.height;
    if (pixels > MAX_PICTURE_PIXELS) {
      throw new ReadError(
        'too_large',
        `${name} is ${frame.width} × ${frame.height} pixels (${Math.round(pixels / 1e6)} M); pictures above ${MAX_PICTURE_PIXELS / 1e6} M pixels are refused, as a decompression bomb could be`,
      );
    }
  }
  return frames.slice(0, MAX_TIFF_PAGES);
}

/** Decode one picture (a TIFF's `frame`-th page) to grey pixels; sizes are checked first. */
export async function decodePicture(bytes: Uint8Array, name: string, frame = 0): Promise<Grey> {
  const frames = pictureFrames(bytes, name);
  refuseTruncated(bytes, name);
  // Before any native decoder: a malformed PNG header crashes Skia's, and with it the whole batch. Only the tests of
  // the batch's containment turn the check off (XXGK_UNCHECKED_PICTURES=1), to meet a real segfault.
  if (process.env.XXGK_UNCHECKED_PICTURES !== '1') checkPictureStructure(bytes, name, sniffPicture(bytes));
  if (frame < 0 || frame >= frames.length) throw new ReadError('corrupt', `${name} has no page ${frame + 1}`);
  try {
    return sniffPicture(bytes) === 'tiff' ? decodeTiff(bytes, frame) : await decodeWithCanvas(bytes, frames[0]!);
  } catch (error) {
    if (error instanceof ReadError) throw error;
    throw new ReadError('corrupt', `${name}: the picture cannot be decoded${detailOf(error)}`);
  }
}

/**
 * A PNG or JPEG file cut short (an interrupted download) still decodes, its missing rows drawn as nothing: refused,
 * so that a page's missing bottom is not taken for a page that ends there.
 */
function refuseTruncated(bytes: Uint8Array, name: string): void {
  const format = sniffPicture(bytes);
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 4096)));
  const ends =
    format === 'png'
      ? tail.includes(Buffer.from('IEND', 'latin1'))
      : format === 'jpeg'
        ? tail.includes(Buffer.from([0xff, 0xd9]))
        : true;
  if (!ends)
    throw new ReadError('truncated', `${name}: the ${format?.toUpperCase()} file is cut short (it has no end marker)`);
}

async function decodeWithCanvas(bytes: Uint8Array, frame: Frame): Promise<Grey> {
  const image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  // The header was checked; the decoder must agree with it, or the check meant nothing.
  if (image.width !== frame.width || image.height !== frame.height) {
    throw new ReadError(
      'corrupt',
      `the picture decodes to ${image.width} × ${image.height} pixels, but its header says ${frame.width} × ${frame.height}`,
    );
  }
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, image.width, image.height);
  context.drawImage(image, 0, 0);
  const rgba = context.getImageData(0, 0, image.width, image.height).data;
  return greyWithoutSeals(image.width, image.height, 4, rgba);
}

function decodeTiff(bytes: Uint8Array, frame: number): Grey {
  const ifds = UTIF.decode(bytes).filter((ifd) => ifd.t256 !== undefined && ifd.t257 !== undefined);
  const ifd = ifds[frame];
  if (!ifd) throw new ReadError('corrupt', `the TIFF page ${frame + 1} holds no picture`);
  UTIF.decodeImage(bytes, ifd, ifds);
  const width = ifd.width ?? 0;
  const height = ifd.height ?? 0;
  if (width * height > MAX_PICTURE_PIXELS || width <= 0 || height <= 0)
    throw new ReadError('corrupt', `the TIFF page ${frame + 1} decodes to no usable size`);
  return greyWithoutSeals(width, height, 4, UTIF.toRGBA8(ifd));
}

/**
 * The pages of a TIFF file and their sizes, walking the chain of image directories with a guard against loops
 * (a crafted file whose chain points back would keep a naive reader busy for ever).
 */
function tiffFrames(bytes: Uint8Array): Frame[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = bytes[0] === 0x49;
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const frames: Frame[] = [];
  const visited = new Set<number>();
  let offset = u32(4);
  while (offset !== 0) {
    if (visited.has(offset)) throw new Error('its directory chain loops');
    // The whole chain is walked (the TIFF decoder walks it too), but only so far.
    if (visited.size >= MAX_TIFF_DIRECTORIES) throw new Error(`it has more than ${MAX_TIFF_DIRECTORIES} pages`);
    visited.add(offset);
    const count = u16(offset);
    let width = 0;
    let height = 0;
    for (let i = 0; i < count; i++) {
      const entry = offset + 2 + i * 12;
      const tag = u16(entry);
      if (tag !== 256 && tag !== 257) continue;
      const value = u16(entry + 2) === 3 ? u16(entry + 8) : u32(entry + 8);
      if (tag === 256) width = value;
      else height = value;
    }
    frames.push({ width, height });
    offset = u32(offset + 2 + count * 12);
  }
  return frames.slice(0, MAX_TIFF_PAGES);
}
