import { warning } from '../../src/core/model/messages.js';
import { decodeText } from '../decode.js';
import { parseHtml, withPictures } from '../html.js';
import type { EmbeddedPicture } from '../pictures.js';
import type { ReaderOutput } from '../reader.js';
import { ReadError } from '../errors.js';
import { chinese } from '../../src/core/i18n/lang.js';
import { mimeParts, type MimePart } from './mime.js';

/**
 * Single-file web pages (.mht/.mhtml): the HTML part is read by the web-page reader, its pictures taken from the
 * other parts — by `cid:` (Word, Outlook) or by the URL the part was saved from (`Content-Location`, resolved
 * against the page's own, as IE and Chromium write it) — so tables published as pictures are read by OCR as on a
 * page saved complete.
 */

export async function readMht(bytes: Uint8Array): Promise<ReaderOutput> {
  const parts = mimeParts(bytes);
  const page = parts.find((p) => p.type === 'text/html');
  if (!page) {
    throw new ReadError(
      'unsupported',
      chinese({
        zh: '单文件网页（MHT）中没有网页（text/html）部分',
        en: 'the single-file web page holds no text/html part',
      }),
    );
  }
  const decoded = decodeText(page.bytes, page.charset);
  const lost = (decoded.text.match(/\ufffd/g) ?? []).length;
  const content = parseHtml(decoded.text);
  const embedded = new Map<string, EmbeddedPicture>();
  for (const link of content.pictures) {
    const found = pictureFor(link.src, page.location, parts);
    if (found) embedded.set(link.src, { bytes: found.bytes, name: found.location ?? `cid:${found.contentId}` });
  }
  const read = await withPictures(content, { embedded });
  return {
    value: read.value,
    encoding: decoded.encoding,
    messages: [
      ...decoded.messages,
      ...(lost >= LOST_CHARACTERS ? [warning('read', chinese(LOST_TEXT))] : []),
      ...read.messages,
    ],
    ...(read.usedOcr ? { usedOcr: true } : {}),
  };
}

/** A few stray U+FFFD are a typo; this many mean the page was decoded in the wrong charset before it was saved. */
const LOST_CHARACTERS = 20;
const LOST_TEXT = {
  zh: '网页在保存为单文件时已按错误的字符集解码，部分文字已成乱码（U+FFFD），无法恢复；这些文字不读取',
  en:
    'the page was decoded in the wrong charset before it was saved as a single file; ' +
    'its garbled text (U+FFFD) cannot be recovered and is not read',
};

function pictureFor(src: string, base: string | undefined, parts: MimePart[]): MimePart | undefined {
  const pictures = parts.filter((p) => !p.type.startsWith('text/'));
  if (/^cid:/i.test(src)) {
    const id = decodeURIComponent(src.slice(4));
    return pictures.find((p) => p.contentId === id);
  }
  const wanted = new Set([src, absolute(src, base)]);
  return pictures.find(
    (p) => p.location !== undefined && (wanted.has(p.location) || wanted.has(absolute(p.location, base))),
  );
}

function absolute(src: string, base: string | undefined): string {
  try {
    return new URL(src, base).href;
  } catch {
    return src;
  }
}
