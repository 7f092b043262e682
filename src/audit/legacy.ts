import type { Cell, Finding } from '../core/model/report.js';
import { roundDecimal } from '../core/text/numbers.js';
import { LEGACY_SUMS, type LegacySum } from '../core/template/legacy.js';

/**
 * The rules of the pre-2019 statistics table: only the sums that hold by definition (docs/spec/legacy.md "Which
 * sums hold"), each within one column, over the parts the table prints. A sum is judged only on cells that were
 * read: a parent or a part not printed, empty or unreadable leaves it unjudged, never flagged — a false
 * accusation is worse than silence. 主动公开 vs its channels, received vs answered and the cumulative columns are
 * not definitional and are not checked.
 */
export function auditLegacy(cells: readonly Cell[]): Finding[] {
  const legacy = cells.filter((c) => c.table === 'legacy');
  const index = new Map(legacy.map((c) => [`${c.row}:${c.column}`, c]));
  const columns = [...new Set(legacy.map((c) => c.column))];
  return LEGACY_SUMS.flatMap((sum) => columns.flatMap((column) => check(sum, column, index)));
}

function check(sum: LegacySum, column: string, index: Map<string, Cell>): Finding[] {
  const parent = index.get(`${sum.parent}:${column}`);
  const parts = sum.parts.flatMap((key) => index.get(`${key}:${column}`) ?? []);
  if (!parent || parts.length === 0) return [];
  const involved = [parent, ...parts];
  if (involved.some((c) => c.value === null)) return [];
  const left = parent.value!;
  const right = roundDecimal(parts.reduce((total, c) => total + c.value!, 0));
  if (Math.abs(left - right) < 1e-6) return [];
  const shown = parts.map((c) => `${c.source.label.trim()} ${c.value}`).join(' + ');
  return [
    {
      rule: sum.rule,
      scope: column,
      severity: 'error',
      expected: left,
      actual: right,
      message: `${sum.zh}：${parent.source.label.trim()} ${left} ≠ ${shown} = ${right} / ${sum.en}: ${left} ≠ ${right}`,
      cells: involved.map((c) => `legacy:${c.row}:${c.column}`),
    },
  ];
}
