import iconv from 'iconv-lite';
import { ReadError } from '../errors.js';
import { chinese } from '../../src/core/i18n/lang.js';

/**
 * An RTF scanner of our own. The npm RTF readers do not serve: `rtf-parser` (last release 2017) and `rtf.js`
 * (renders to a browser DOM) neither give table rows with their `\cellx` edges and merge marks, nor bound nesting.
 * RTF is a flat stream of control words and groups, so one pass with an explicit stack (never recursion: a file of
 * 10⁵ nested groups is refused, not a stack overflow) hands the body's text and structure to a sink.
 */

export interface RtfSink {
  text(text: string, bold: boolean): void;
  /** A control word of the body (paragraph, cell, row, table definition…), with its parameter. */
  control(word: string, param: number | undefined): void;
  picture(bytes: Uint8Array, type: 'png' | 'jpg'): void;
}

/** Real documents nest a few dozen groups; Word itself refuses far fewer than this. */
const MAX_DEPTH = 1000;
/** A `\binN` larger than this is not a picture we would read. */
const MAX_BIN = 64 * 1024 * 1024;

type Destination = 'body' | 'skip' | 'fonts' | 'picture' | 'upr';

interface Group {
  dest: Destination;
  /** Characters of fallback after `\uN` (`\ucN`). */
  uc: number;
  bold: boolean;
  font: number;
  /** The next control word names an optional destination (`\*`). */
  starred: boolean;
}

/** Destinations whose text is not the document's (tables of fonts and styles, metadata, field codes, headers…). */
const SKIPPED = new Set([
  'colortbl',
  'stylesheet',
  'info',
  'header',
  'headerl',
  'headerr',
  'headerf',
  'footer',
  'footerl',
  'footerr',
  'footerf',
  'footnote',
  'fldinst',
  'listtable',
  'listoverridetable',
  'revtbl',
  'rsidtbl',
  'generator',
  'xmlnstbl',
  'themedata',
  'colorschememapping',
  'datastore',
  'latentstyles',
  'pgdsctbl',
  'nonshppict',
  'objdata',
  'filetbl',
  'bkmkstart',
  'bkmkend',
  'xe',
  'tc',
  'txe',
  'annotation',
  'atnid',
  'atnauthor',
  'comment',
  'nesttableprops',
  'pnseclvl',
  'userprops',
  'docvar',
  'template',
  'mmathPr',
  'passwordhash',
  'fontemb',
  'fontfile',
  'shpinst',
]);
/** Optional (`\*`) destinations whose content is read all the same. */
const READ_STARRED = new Set(['shppict', 'ud']);
/** Font charsets (`\fcharsetN`) that decide how a font's `\'xx` bytes read. */
const CHARSETS: Record<number, string> = { 128: 'shift_jis', 129: 'cp949', 134: 'gbk', 136: 'big5', 238: 'cp1250' };
const SYMBOLS: Record<string, string> = {
  emdash: '—',
  endash: '–',
  lquote: '‘',
  rquote: '’',
  ldblquote: '“',
  rdblquote: '”',
  bullet: '•',
  emspace: ' ',
  enspace: ' ',
  qmspace: ' ',
  tab: '\t',
  line: '\n',
};

export function scanRtf(bytes: Uint8Array, sink: RtfSink): void {
  new Scanner(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), sink).run();
}

class Scanner {
  private readonly stack: Group[] = [];
  private group: Group = { dest: 'body', uc: 1, bold: false, font: -1, starred: false };
  private codepage = 'cp1252';
  private readonly fontCharsets = new Map<number, string>();
  private defaultFont = -1;
  private pending: number[] = [];
  private skipFallback = 0;
  private hex = '';
  private pictureType: 'png' | 'jpg' | undefined;
  private binary: Uint8Array | undefined;
  private i = 0;

  constructor(
    private readonly source: string,
    private readonly sink: RtfSink,
  ) {}

  run(): void {
    const s = this.source;
    while (this.i < s.length) {
      const ch = s[this.i++]!;
      if (ch === '{') this.open();
      else if (ch === '}') {
        if (!this.close()) break;
      } else if (ch === '\\') this.escape();
      else if (ch !== '\r' && ch !== '\n') this.character(ch);
    }
    this.flushBytes();
  }

  private open(): void {
    this.flushBytes();
    if (this.stack.length >= MAX_DEPTH) {
      throw new ReadError(
        'too_large',
        chinese({
          zh: `RTF 文件的分组嵌套超过 ${MAX_DEPTH} 层，拒绝读取（正常文档只有几十层）`,
          en: `the RTF file nests groups more than ${MAX_DEPTH} deep; refused (documents nest a few dozen)`,
        }),
      );
    }
    this.stack.push(this.group);
    this.group = { ...this.group, starred: false };
  }

  /** Returns false when the document's outermost group ends. */
  private close(): boolean {
    this.flushBytes();
    if (this.group.dest === 'picture' && this.stack[this.stack.length - 1]?.dest !== 'picture') this.endPicture();
    const outer = this.stack.pop();
    if (!outer) return false;
    this.group = outer;
    return this.stack.length > 0;
  }

  private escape(): void {
    const s = this.source;
    const ch = s[this.i];
    if (ch === undefined) return;
    if (/[a-zA-Z]/.test(ch)) {
      this.controlWord();
      return;
    }
    this.i++;
    if (ch === "'") {
      const byte = Number.parseInt(s.slice(this.i, this.i + 2), 16);
      this.i += 2;
      if (Number.isFinite(byte)) this.byte(byte);
    } else if (ch === '*') this.group.starred = true;
    else if (ch === '\\' || ch === '{' || ch === '}') this.character(ch);
    else if (ch === '~') this.character('\u00a0');
    else if (ch === '_') this.character('-');
    else if (ch === '\n' || ch === '\r') this.word('par', undefined);
  }

  private controlWord(): void {
    const s = this.source;
    const start = this.i;
    while (this.i < s.length && this.i - start < 32 && /[a-zA-Z]/.test(s[this.i]!)) this.i++;
    const word = s.slice(start, this.i);
    const numberStart = this.i;
    if (s[this.i] === '-') this.i++;
    while (this.i < s.length && this.i - numberStart < 11 && /[0-9]/.test(s[this.i]!)) this.i++;
    const digits = s.slice(numberStart, this.i);
    const param = digits && digits !== '-' ? Number.parseInt(digits, 10) : undefined;
    if (s[this.i] === ' ') this.i++;
    this.word(word, param);
  }

  private word(word: string, param: number | undefined): void {
    const group = this.group;
    if (group.starred) {
      group.starred = false;
      if (!READ_STARRED.has(word)) group.dest = 'skip';
    }
    if (group.dest === 'skip') return;
    if (word === 'bin') {
      this.skipBinary(param ?? 0);
      return;
    }
    if (group.dest === 'fonts') {
      this.fontWord(word, param);
      return;
    }
    if (group.dest === 'picture') {
      this.pictureWord(word);
      return;
    }
    if (this.skipFallback > 0) {
      this.skipFallback--;
      return;
    }
    this.bodyWord(word, param);
  }

  private bodyWord(word: string, param: number | undefined): void {
    const group = this.group;
    if (SKIPPED.has(word)) group.dest = 'skip';
    else if (word === 'fonttbl') group.dest = 'fonts';
    else if (word === 'pict') this.startPicture();
    else if (word === 'upr') group.dest = 'upr';
    else if (word === 'ud') group.dest = 'body';
    else if (word === 'ansicpg' && param !== undefined) this.codepage = `cp${param}`;
    else if (word === 'deff' && param !== undefined) this.defaultFont = param;
    else if (word === 'f' && param !== undefined) group.font = param;
    else if (word === 'uc' && param !== undefined) group.uc = Math.max(0, Math.min(param, 10));
    else if (word === 'u' && param !== undefined) this.unicode(param);
    else if (word === 'b') group.bold = param !== 0;
    else if (word === 'plain') group.bold = false;
    else if (SYMBOLS[word] !== undefined) this.character(SYMBOLS[word]);
    else if (group.dest === 'body') {
      this.flushBytes();
      this.sink.control(word, param);
    }
  }

  private fontWord(word: string, param: number | undefined): void {
    if (word === 'f' && param !== undefined) this.group.font = param;
    else if (word === 'fcharset' && param !== undefined && CHARSETS[param])
      this.fontCharsets.set(this.group.font, CHARSETS[param]);
  }

  private unicode(param: number): void {
    this.flushBytes();
    const unit = param < 0 ? param + 65536 : param;
    if (this.group.dest === 'body' && unit >= 0 && unit <= 0xffff)
      this.sink.text(String.fromCharCode(unit), this.group.bold);
    this.skipFallback = this.group.uc;
  }

  private character(ch: string): void {
    if (this.group.dest === 'picture') {
      if (/[0-9a-fA-F]/.test(ch)) this.hex += ch;
      return;
    }
    if (this.skipFallback > 0) {
      this.skipFallback--;
      return;
    }
    const code = ch.charCodeAt(0);
    if (code >= 0x80 && code <= 0xff) {
      this.byte(code);
      return;
    }
    this.flushBytes();
    if (this.group.dest === 'body') this.sink.text(ch, this.group.bold);
  }

  private byte(byte: number): void {
    if (this.group.dest === 'picture') {
      this.hex += byte.toString(16).padStart(2, '0');
      return;
    }
    if (this.skipFallback > 0) {
      this.skipFallback--;
      return;
    }
    if (this.group.dest === 'body') this.pending.push(byte);
  }

  /** `\'xx` bytes read in the font's charset, else the document's code page (`\ansicpg936` is GBK). */
  private flushBytes(): void {
    if (this.pending.length === 0) return;
    const font = this.group.font >= 0 ? this.group.font : this.defaultFont;
    const encoding = this.fontCharsets.get(font) ?? (iconv.encodingExists(this.codepage) ? this.codepage : 'cp1252');
    const text = iconv.decode(Buffer.from(this.pending), encoding);
    this.pending = [];
    this.sink.text(text, this.group.bold);
  }

  private skipBinary(length: number): void {
    const end = Math.min(this.source.length, this.i + Math.max(0, length));
    if (this.group.dest === 'picture' && length <= MAX_BIN)
      this.binary = Buffer.from(this.source.slice(this.i, end), 'latin1');
    this.i = end;
  }

  private startPicture(): void {
    this.group.dest = 'picture';
    this.hex = '';
    this.binary = undefined;
    this.pictureType = undefined;
  }

  private pictureWord(word: string): void {
    if (word === 'pngblip') this.pictureType = 'png';
    else if (word === 'jpegblip') this.pictureType = 'jpg';
    else if (SKIPPED.has(word) || word === 'picprop') this.group.dest = 'skip';
  }

  private endPicture(): void {
    const bytes =
      this.binary ?? (this.hex.length >= 2 ? Buffer.from(this.hex.slice(0, this.hex.length & ~1), 'hex') : undefined);
    if (this.pictureType && bytes && bytes.length > 0) this.sink.picture(bytes, this.pictureType);
    this.hex = '';
    this.binary = undefined;
  }
}
