/**
 * Text from a document or a file name, made safe to print on a terminal: control characters (ESC, BEL, carriage
 * return, DEL, the C1 range) and the bidirectional overrides are shown escaped (`\x1b`, `\u202e`), so a report
 * cannot clear the screen, set the window title, ring the bell or reorder what is printed after it. Only what goes
 * to a terminal passes here: the CSV and Parquet outputs keep the text as read.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern looks for
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Every string inside a value (a report, a finding) made printable; the value's shape is kept. */
export function printableAll<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => printableAll(item)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, printableAll(item)])) as T;
  }
  return value;
}
