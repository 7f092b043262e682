/**
 * Text normalisation for matching printed labels against the template. Matching always happens on a normalised
 * "core" (NFKC, no spaces, no punctuation) so that width variants, spaces inside labels (`商 业 企 业`), `、`/`，`
 * swaps and bracket styles do not matter; the raw text is always kept beside it.
 */

const CHINESE_NUMERAL = '[一二三四五六七八九十]+';

/** NFKC (full-width digits and brackets to ASCII) and no white space at all, including U+3000. */
export function squash(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u200b\ufeff]+/g, '');
}

/** Letters and digits only: the form labels are compared in. */
export function core(text: string): string {
  return squash(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Leading outline numbering of a label: 一、 / （一） / 1. / 1、 / 第一. */
const NUMBERING = new RegExp(
  `^(?:[(（]${CHINESE_NUMERAL}[)）][、.．,，:：]?|第?${CHINESE_NUMERAL}[、.．,，:：]|\\d{1,2}(?:[、.．,，:：]|(?=[^\\d.．]))|[(（]\\d{1,2}[)）])`,
);

export type NumberingLevel = 1 | 2 | 3;

export interface Numbered {
  level?: NumberingLevel;
  /** The numbering's ordinal (一 = 1, （三） = 3, 5. = 5). */
  ordinal?: number;
  rest: string;
}

/** Split the outline numbering off a squashed label: `（三）不予公开` → level 2, ordinal 3, `不予公开`. */
export function splitNumbering(squashed: string): Numbered {
  const m = NUMBERING.exec(squashed);
  if (!m) return { rest: squashed };
  const token = m[0];
  const rest = squashed.slice(token.length);
  const digits = /\d+/.exec(token);
  const chinese = new RegExp(CHINESE_NUMERAL).exec(token);
  if (/^[(（]/.test(token) && chinese) return { level: 2, ordinal: chineseNumeral(chinese[0]), rest };
  if (chinese) return { level: 1, ordinal: chineseNumeral(chinese[0]), rest };
  return { level: 3, ordinal: Number(digits?.[0]), rest };
}

function chineseNumeral(text: string): number {
  const digits = '零一二三四五六七八九';
  if (text === '十') return 10;
  if (text.startsWith('十')) return 10 + digits.indexOf(text[1] ?? '');
  if (text.endsWith('十')) return digits.indexOf(text[0] ?? '') * 10;
  if (text.length === 3 && text[1] === '十') return digits.indexOf(text[0]!) * 10 + digits.indexOf(text[2]!);
  return digits.indexOf(text);
}

/** Remove bracketed notes: `规章(设区的市、自治州人民政府应提供相关数据)` → `规章`. */
export function stripNotes(text: string): string {
  let out = text;
  for (let i = 0; i < 3; i++) out = out.replace(/[(（][^()（）]*[)）]/g, '');
  return out;
}

/** Longest common subsequence length (character level). Labels are short, so O(n·m) is fine. */
function lcsLength(a: string, b: string): number {
  if (!a || !b) return 0;
  const prev = new Array<number>(b.length + 1).fill(0);
  const cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    for (let j = 0; j <= b.length; j++) prev[j] = cur[j]!;
  }
  return prev[b.length]!;
}

/**
 * Similarity of two cores in [0, 1]: 2·LCS / (|a| + |b|). A missing, extra or wrong character costs little
 * (`其他法律行政止公开` vs `其他法律行政法规禁止公开` = 0.86; `本年度止件数` vs `本年废止件数` = 0.83), while different
 * labels of the template stay far apart.
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (!a || !b) return 0;
  return (2 * lcsLength(a, b)) / (a.length + b.length);
}

/**
 * A piece of a wrapped label cell: a few characters of Han text, no digits, not the start of a numbered row nor
 * one of section 二's article headings (第二十条第（一）项), which stand on lines of their own between its rows.
 */
export function isLabelFragment(text: string): boolean {
  const squashed = squash(text);
  if (squashed.length > 12 || !/\p{Script=Han}/u.test(squashed) || /\d/.test(squashed) || /[。；]$/.test(squashed))
    return false;
  return splitNumbering(squashed).level === undefined && !/^第.{1,4}条/.test(squashed);
}
