import chardet from 'chardet';
import iconv from 'iconv-lite';
import { ReadError } from './errors.js';

/**
 * Bytes → text for web pages and text copies. Order of evidence: byte-order mark, the charset the page declares,
 * whether the bytes are valid UTF-8, then statistical sniffing. GB2312 and GBK are decoded as GB18030, their
 * superset: pages declared gb2312 routinely contain GBK-only characters.
 */

export interface Decoded {
  text: string;
  encoding: string;
  /** How the encoding was decided. */
  evidence: 'bom' | 'declared' | 'utf8-valid' | 'sniffed';
  warnings: string[];
}

/** Above this share of control characters, bytes are not text. */
const MAX_CONTROL_SHARE = 0.05;

const CHINESE_SUPERSET: Record<string, string> = { gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', gb18030: 'gb18030', cp936: 'gb18030' };

export function decodeText(bytes: Uint8Array, declared?: string): Decoded {
  assertText(bytes);
  const bom = byteOrderMark(bytes);
  if (bom) return { text: iconv.decode(Buffer.from(bytes), bom), encoding: bom, evidence: 'bom', warnings: [] };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) {
    const warning = `no byte-order mark: read as ${utf16.toUpperCase()}, which the zero bytes of its digits and line breaks show`;
    return { text: iconv.decode(Buffer.from(bytes), utf16), encoding: utf16, evidence: 'sniffed', warnings: [warning] };
  }

  const validUtf8 = isValidUtf8(bytes);
  const warnings: string[] = [];
  if (declared) {
    const encoding = canonical(declared);
    if (encoding === 'utf-8' && !validUtf8) {
      warnings.push(`page declares charset ${declared} but its bytes are not UTF-8; decoded by sniffing instead`);
    } else if (encoding !== 'utf-8' && validUtf8 && hasMultibyte(bytes)) {
      warnings.push(`page declares charset ${declared} but its bytes are valid UTF-8; decoded as UTF-8`);
      return { text: Buffer.from(bytes).toString('utf8'), encoding: 'utf-8', evidence: 'utf8-valid', warnings };
    } else if (iconv.encodingExists(encoding)) {
      return finish(bytes, encoding, 'declared', warnings);
    } else {
      warnings.push(`page declares an unknown charset ${declared}`);
    }
  }
  if (validUtf8) return { text: Buffer.from(bytes).toString('utf8'), encoding: 'utf-8', evidence: 'utf8-valid', warnings };
  return finish(bytes, sniff(bytes), 'sniffed', warnings);
}

function finish(bytes: Uint8Array, encoding: string, evidence: Decoded['evidence'], warnings: string[]): Decoded {
  const text = iconv.decode(Buffer.from(bytes), encoding);
  const replaced = (text.match(/\ufffd/g) ?? []).length;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, a share above 0.001 needs at least one
  if (replaced > 0 && replaced / Math.max(1, text.length) > 0.001) {
    warnings.push(`${replaced} characters could not be decoded as ${encoding}`);
  }
  return { text, encoding, evidence, warnings };
}

/** The charset a page declares in its first few kilobytes (meta charset, http-equiv, XML declaration). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return m?.[1];
}

function canonical(name: string): string {
  const lower = name.toLowerCase().replace(/_/g, '-');
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent for utf-8, which the table below leaves as it is
  if (lower === 'utf8' || lower === 'utf-8') return 'utf-8';
  return CHINESE_SUPERSET[lower] ?? lower;
}

function byteOrderMark(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * UTF-16 saved without a byte-order mark (some Windows tools do): the digits, tabs and line breaks of a report are
 * ASCII, and each ASCII character has a zero byte in UTF-16 — after it (LE) or before it (BE), always the same side.
 * A Chinese character has one only now and then (一 is U+4E00), on the other side. Zero bytes in at least one code
 * unit in twenty, at least twice as many on one side as on the other, text with no lone surrogate and few control
 * characters: UTF-16. Zero bytes otherwise: binary data.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, an empty file is refused before this, and the strict decoding below refuses an odd length
  if (bytes.length === 0 || bytes.length % 2 !== 0) return undefined;
  const sample = bytes.subarray(0, 8192);
  let even = 0;
  let odd = 0;
  // Stryker disable next-line EqualityOperator: equivalent, the byte past the end is undefined, not zero
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const enough = sample.length / 2 / 20;
  const encoding = odd >= enough && even * 2 <= odd ? 'utf-16le' : even >= enough && odd * 2 <= even ? 'utf-16be' : undefined;
  // Stryker disable next-line ConditionalExpression: equivalent, without an encoding the answer below is undefined anyway
  if (!encoding) return undefined;
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  const head = text.slice(0, 4096);
  return controlCount(head, (i) => head.charCodeAt(i)) / head.length <= MAX_CONTROL_SHARE ? encoding : undefined;
}

/** Characters no text holds (tab, line breaks, form feed and escape aside), counted over `length` codes. */
function controlCount(sample: { length: number }, code: (i: number) => number): number {
  let count = 0;
  // Stryker disable next-line EqualityOperator: equivalent, the code past the end (undefined or NaN) is no control character
  for (let i = 0; i < sample.length; i++) {
    const c = code(i);
    if (c < 0x09 || (c > 0x0d && c < 0x20 && c !== 0x1b)) count++;
  }
  return count;
}

/** Statistical guess among the encodings Chinese pages use; GB18030 when in doubt (the domain is mainland China). */
function sniff(bytes: Uint8Array): string {
  const candidates = chardet.analyse(bytes.subarray(0, 64 * 1024));
  // Stryker disable next-line Regex: equivalent, no other encoding chardet names starts or ends with one of these
  const cjk = candidates.find((m) => /^(GB18030|Big5|EUC-TW)$/i.test(m.name));
  if (cjk && /big5|euc-tw/i.test(cjk.name)) {
    const gb = candidates.find((m) => /GB18030/i.test(m.name));
    if (!gb || cjk.confidence > gb.confidence + 10) return 'big5';
  }
  return 'gb18030';
}

function hasMultibyte(bytes: Uint8Array): boolean {
  // Stryker disable next-line EqualityOperator: equivalent, only called on valid UTF-8, whose characters past ASCII start with a byte of 0xC2 or more
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Refuse bytes that are not text at all (a binary file named .html or .txt). */
function assertText(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new ReadError('empty', 'the file is empty (0 bytes)');
  if (byteOrderMark(bytes)?.startsWith('utf-16') || utf16WithoutBom(bytes)) return;
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) throw new ReadError('binary', 'the file holds binary data (NUL bytes), not text');
  if (controlCount(sample, (i) => sample[i]!) / sample.length > MAX_CONTROL_SHARE) throw new ReadError('binary', 'the file holds binary data, not text');
}
