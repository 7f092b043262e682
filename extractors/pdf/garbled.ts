/**
 * A text layer that decodes to garbage: fonts embedded without a ToUnicode map (their glyph numbers read as control
 * characters and Latin-1 letters), or mapped into the Private Use Area. The page shows Chinese, but its text says
 * nothing; read as text it would yield no table, or worse, labels that match nothing. Such a page is a picture and
 * is read by OCR (TEMPLATE.md: a text layer that is not Chinese or digits is not a text layer). Decided page by page,
 * so that the pages of a file whose fonts do decode keep their exact text.
 */

/** Fewer characters than this is too little to judge (a page number, a stray mark): the text is taken as it is. */
const MIN_CHARACTERS = 20;
/** A report's page is mostly Chinese and digits; a garbled one almost none (measured on pdf-garbled: under 5%). */
const MAX_GOOD_SHARE = 0.3;
/** And a garbled one is full of what no report prints: control characters, Private Use Area, Latin-1 letters. */
const MIN_BAD_SHARE = 0.15;

export function isGarbledText(texts: string[]): boolean {
  let total = 0;
  let good = 0;
  let bad = 0;
  for (const text of texts) {
    for (const char of text) {
      const code = char.codePointAt(0)!;
      if (/\s/.test(char) && code >= 0x20) continue;
      total++;
      if (isGood(code)) good++;
      else if (isBad(code)) bad++;
    }
  }
  return total >= MIN_CHARACTERS && good / total < MAX_GOOD_SHARE && bad / total >= MIN_BAD_SHARE;
}

/** Chinese characters, digits, and the punctuation of Chinese text (CJK symbols, full-width forms). */
function isGood(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0x3400 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xff00 && code <= 0xffef)
  );
}

/** Control characters, Latin-1 and Latin Extended letters, Greek, mathematical symbols, the Private Use Area. */
function isBad(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x3ff) ||
    (code >= 0x2200 && code <= 0x22ff) ||
    (code >= 0xe000 && code <= 0xf8ff) ||
    code >= 0xf0000
  );
}
