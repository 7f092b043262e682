import { ReadError } from '../errors.js';
import { chinese } from '../../src/core/i18n/lang.js';

/**
 * The parts of a single-file web page (MHTML, RFC 2557: what IE, Edge, Chromium and Word write as .mht/.mhtml).
 * Written here rather than taken from a mail parser: `postal-mime` and `mailparser` hand back attachments without
 * their `Content-Location`, and MHTML finds its pictures by that header (Chromium names every picture by its URL);
 * what is left — headers, boundaries, quoted-printable and base64 — is a few dozen lines. Charsets are decoded by
 * the caller (iconv-lite), each part by its own.
 */

export interface MimePart {
  /** Lower-cased media type, `text/html`, `image/png`… */
  type: string;
  charset?: string;
  location?: string;
  /** Without its angle brackets. */
  contentId?: string;
  bytes: Buffer;
}

/** A saved page holds its HTML and its pictures: hundreds at most. Past this a file is not a page but a bomb. */
const MAX_PARTS = 2000;
/** multipart/related inside multipart/alternative inside a mail: three levels; a page never needs more. */
const MAX_NESTING = 4;

export function mimeParts(bytes: Uint8Array): MimePart[] {
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const parts: MimePart[] = [];
  const pending: { text: string; depth: number }[] = [{ text: source, depth: 0 }];
  // A queue, not recursion: nesting is bounded by MAX_NESTING, the parts by MAX_PARTS.
  while (pending.length > 0) {
    const { text, depth } = pending.shift()!;
    const { headers, body } = splitHeaders(text);
    const type = (headers.get('content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();
    if (type.startsWith('multipart/')) {
      const boundary = parameter(headers.get('content-type') ?? '', 'boundary');
      if (!boundary) continue;
      if (depth >= MAX_NESTING)
        throw refused(
          chinese({ zh: `MIME 分段嵌套超过 ${MAX_NESTING} 层`, en: `MIME parts nest more than ${MAX_NESTING} deep` }),
        );
      for (const child of splitMultipart(body, boundary)) pending.push({ text: child, depth: depth + 1 });
      if (pending.length + parts.length > MAX_PARTS)
        throw refused(chinese({ zh: `超过 ${MAX_PARTS} 个 MIME 分段`, en: `more than ${MAX_PARTS} MIME parts` }));
      continue;
    }
    parts.push(part(type, headers, body));
  }
  return parts;
}

function refused(why: string): ReadError {
  return new ReadError(
    'too_large',
    chinese({ zh: `单文件网页（MHT）拒绝读取：${why}`, en: `single-file web page refused: ${why}` }),
  );
}

function part(type: string, headers: Map<string, string>, body: string): MimePart {
  const contentType = headers.get('content-type') ?? '';
  const charset = parameter(contentType, 'charset');
  const location = headers.get('content-location')?.trim();
  const contentId = headers.get('content-id')?.trim().replace(/^<|>$/g, '');
  const bytes = decodeBody(body, (headers.get('content-transfer-encoding') ?? '').trim().toLowerCase());
  return {
    type,
    bytes,
    ...(charset ? { charset } : {}),
    ...(location ? { location } : {}),
    ...(contentId ? { contentId } : {}),
  };
}

/** Headers up to the first empty line, folded lines joined; names lower-cased. */
function splitHeaders(text: string): { headers: Map<string, string>; body: string } {
  const match = /\r?\n\r?\n/.exec(text);
  const head = match ? text.slice(0, match.index) : text;
  const body = match ? text.slice(match.index + match[0].length) : '';
  const headers = new Map<string, string>();
  let last: string | undefined;
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) headers.set(last, `${headers.get(last)} ${line.trim()}`);
    else {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(last)) headers.set(last, line.slice(colon + 1).trim());
    }
  }
  return { headers, body };
}

function parameter(value: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match ? (match[1] ?? match[2]) : undefined;
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const chunks: string[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.startsWith('--', start)) break;
    const next = body.indexOf(`\n${delimiter}`, start);
    const end = next < 0 ? body.length : next;
    chunks.push(
      body
        .slice(start, end)
        .replace(/^[ \t]*\r?\n/, '')
        .replace(/\r$/, ''),
    );
    if (chunks.length > MAX_PARTS)
      throw refused(chinese({ zh: `超过 ${MAX_PARTS} 个 MIME 分段`, en: `more than ${MAX_PARTS} MIME parts` }));
    at = next < 0 ? -1 : next + 1;
  }
  return chunks;
}

function decodeBody(body: string, encoding: string): Buffer {
  if (encoding === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=_-]/g, ''), 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return Buffer.from(body, 'latin1');
}

function decodeQuotedPrintable(body: string): Buffer {
  const joined = body.replace(/=\r?\n/g, '');
  const out = Buffer.alloc(joined.length);
  let n = 0;
  for (let i = 0; i < joined.length; i++) {
    const ch = joined.charCodeAt(i);
    const hex = ch === 0x3d ? joined.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out[n++] = Number.parseInt(hex, 16);
      i += 2;
    } else out[n++] = ch & 0xff;
  }
  return out.subarray(0, n);
}
