/**
 * Parsing of the numbers printed in report tables. Keeps what was printed (raw), what it means (value) and how it
 * was read (kind), so that a placeholder `—` (zero) is never confused with an empty cell (not stated).
 */

type NumberKind = 'number' | 'placeholder' | 'empty' | 'unreadable';

export interface ParsedNumber {
  kind: NumberKind;
  /** The value in the cell's own unit (元 already converted to 万元 when asked). Null when empty or unreadable. */
  value: number | null;
  raw: string;
  unit?: '件' | '元' | '万元' | '个' | '项' | '条';
  /** A printed note, e.g. `其中修订16件` from `22（其中修订16件）`. */
  note?: string;
}

/** Cell text that stands for zero (docs/spec/template.md "Blank and placeholder cells"). */
const PLACEHOLDERS = new Set(['-', '—', '–', '−', '－', '/', '／', '无', '——', '--']);

const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/;
const WITH_UNIT_AND_NOTE = /^([+-]?[\d,]*\d(?:\.\d+)?)(万元|元|件|个|项|条)?(?:[(（](.*)[)）])?$/s;

export interface ParseOptions {
  /** The cell belongs to a column measured in 万元: convert a value printed in 元. */
  tenThousandYuan?: boolean;
  /** The column header states the unit of figures printed without one (`本年收费金额（单位：元）`). */
  headerUnit?: '元' | '万元';
}

export function parseNumber(raw: string, options: ParseOptions = {}): ParsedNumber {
  const text = raw
    .normalize('NFKC')
    .replace(/[\s\u200b\ufeff]+/g, '')
    .replace(/，/g, ',');
  if (text === '') return { kind: 'empty', value: null, raw };
  if (PLACEHOLDERS.has(text) || /^[-—–−/]+$/.test(text)) return { kind: 'placeholder', value: 0, raw };
  const m = WITH_UNIT_AND_NOTE.exec(text);
  if (!m) return { kind: 'unreadable', value: null, raw };
  const [, numberText = '', unit, note] = m;
  const n = NUMBER.exec(numberText);
  if (!n) return { kind: 'unreadable', value: null, raw };
  const [, sign, integer = '', fraction = ''] = n;
  let value = Number(integer.replace(/,/g, '') + fraction);
  if (sign === '-') value = -value;
  if (options.tenThousandYuan && (unit ?? options.headerUnit) === '元') value = roundDecimal(value / 10000);
  const parsed: ParsedNumber = { kind: 'number', value, raw };
  if (unit) parsed.unit = unit as ParsedNumber['unit'];
  if (note) parsed.note = note;
  return parsed;
}

/** Avoid binary noise such as 25.099999999 after dividing by 10,000 or summing decimals. */
export function roundDecimal(value: number): number {
  return Number(value.toFixed(8));
}

/** A plain decimal: no exponent, no binary noise (25.1, not 25.099999999999998). */
export function formatNumber(value: number): string {
  // A whole number below 10^21 prints as itself either way; most cells are, and this runs for every one exported.
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  return String(roundDecimal(value));
}

/** Does the text read as a number cell (a number, a placeholder, or nothing)? */
export function isNumberLike(raw: string): boolean {
  const kind = parseNumber(raw).kind;
  return kind !== 'unreadable';
}

/** Words rather than a number: a label cell. */
export function isLabelLike(raw: string): boolean {
  return raw.trim() !== '' && !isNumberLike(raw);
}
