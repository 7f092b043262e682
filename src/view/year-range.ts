import type { Twin } from '../core/i18n/lang.js';

/**
 * The years the agencies × years grid asks about (`--years 2008-2025`): a column for each, whether or not anyone
 * filed a report for it. The batch's own years are always shown too.
 */
export interface YearRange {
  from: number;
  to: number;
}

/** Reports under the 条例 exist from 2008; a year far outside is a typing slip, not a question. */
const FIRST = 2000;
const LAST = 2100;

/** `2008-2025` (or a single year `2020`) → the range, or the reason it is not one. */
export function parseYearRange(text: string): YearRange | Twin {
  const match = /^\s*(\d{4})\s*(?:[-–~～至到]\s*(\d{4}))?\s*$/.exec(text);
  if (!match)
    return { zh: `应为年度范围，如 2008-2025：${text}`, en: `expected a range of years such as 2008-2025: ${text}` };
  const from = Number(match[1]);
  const to = Number(match[2] ?? match[1]);
  if (from > to) return { zh: `起始年度晚于结束年度：${text}`, en: `the first year is after the last: ${text}` };
  if (from < FIRST || to > LAST)
    return { zh: `年度应在 ${FIRST}–${LAST} 之间：${text}`, en: `years must lie within ${FIRST}–${LAST}: ${text}` };
  return { from, to };
}
