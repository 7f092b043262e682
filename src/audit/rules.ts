import type { Cell, Finding } from '../core/model/report.js';
import { cellRef } from '../core/model/report.js';
import { roundDecimal } from '../core/text/numbers.js';
import {
  APPLICANT_COLUMNS,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  SINGLE_OTHER_ROW,
} from '../core/template/template.js';
import { LEGACY_SUMS } from '../core/template/legacy.js';

/**
 * The error-level rules of docs/spec/template.md (勾稽关系) on one report's cells. A rule is checked only when every cell it
 * needs was found; an empty total (not stated), an unreadable cell or an OCR reading that was not confirmed skips
 * the rule with a warning instead of a verdict.
 */

type CellIndex = Map<string, Cell>;

interface Sum {
  rule: string;
  scope: string;
  /** Cells whose sum is expected … */
  left: string[];
  /** … to equal the sum of these. */
  right: string[];
  describe: (left: number, right: number) => string;
}

export function auditRules(cells: Cell[]): Finding[] {
  const index: CellIndex = new Map(cells.map((c) => [cellRef(c), c]));
  return [...balanceChecks(index), ...outcomeChecks(index), ...applicantChecks(index), ...reviewChecks(index)].flatMap(
    (check) => evaluate(check, index),
  );
}

const ref = (table: string, row: string, column: string) => cellRef({ table, row, column });
// Stryker disable next-line OptionalChaining: equivalent, only the keys of REQUEST_COLUMNS are ever looked up
const columnLabel = (key: string) => REQUEST_COLUMNS.find((c) => c.key === key)?.label ?? key;
const rowLabel = (key: string) => REQUEST_ROWS.find((r) => r.key === key)?.label ?? key;

/** Columns and rows present in the requests table. */
function requestColumns(index: CellIndex): string[] {
  return REQUEST_COLUMNS.map((c) => c.key).filter((column) =>
    [...index.values()].some((c) => c.table === 'requests' && c.column === column),
  );
}

function balanceChecks(index: CellIndex): Sum[] {
  return requestColumns(index).map((column) => ({
    rule: 'balance',
    scope: column,
    left: [ref('requests', 'new_received', column), ref('requests', 'carried_over', column)],
    right: [ref('requests', 'total', column), ref('requests', 'carried_forward', column)],
    describe: (l, r) =>
      `${columnLabel(column)}: 本年新收 + 上年结转 = ${l}, but （七）总计 + 结转下年度 = ${r} (第一项加第二项之和，应等于第三项加第四项之和)`,
  }));
}

function outcomeRows(index: CellIndex): string[] {
  // Stryker disable next-line ConditionalExpression: equivalent, no other table has a row key beginning with other.
  const hasSubRows = [...index.values()].some((c) => c.table === 'requests' && c.row.startsWith('other.'));
  return REQUEST_ROWS.filter((r) => r.outcome && !(r.parent === 'other' && !hasSubRows))
    .map((r) => r.key)
    .concat(hasSubRows ? [] : [SINGLE_OTHER_ROW]);
}

function outcomeChecks(index: CellIndex): Sum[] {
  const rows = outcomeRows(index);
  return requestColumns(index).map((column) => ({
    rule: 'outcome_sum',
    scope: column,
    left: [ref('requests', 'total', column)],
    right: rows.map((row) => ref('requests', row, column)),
    describe: (l, r) => `${columnLabel(column)}: （七）总计 = ${l}, but the outcome rows （一）…（六） add up to ${r}`,
  }));
}

function applicantChecks(index: CellIndex): Sum[] {
  const rows = [...new Set([...index.values()].filter((c) => c.table === 'requests').map((c) => c.row))];
  return rows.map((row) => ({
    rule: 'applicant_sum',
    scope: row,
    left: [ref('requests', row, 'total')],
    right: APPLICANT_COLUMNS.map((column) => ref('requests', row, column)),
    describe: (l, r) => `${rowLabel(row)}: 总计 = ${l}, but the six applicant columns add up to ${r}`,
  }));
}

function reviewChecks(index: CellIndex): Sum[] {
  const parts = REVIEW_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key);
  // Stryker disable next-line ConditionalExpression: equivalent, no other table has a row keyed like a group of section 四
  return REVIEW_GROUPS.filter((g) =>
    [...index.values()].some((c) => c.table === 'review_litigation' && c.row === g.key),
  ).map((group) => ({
    rule: 'review_litigation_sum',
    scope: group.key,
    left: [ref('review_litigation', group.key, 'total')],
    right: parts.map((column) => ref('review_litigation', group.key, column)),
    describe: (l, r) => `${group.label}: 总计 = ${l}, but 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = ${r}`,
  }));
}

/** How many of a sum rule's cells (Finding.cells) form its left side, which `expected` holds; the rest add up to `actual`. */
const LEFT_CELLS: Record<string, number> = {
  balance: 2,
  outcome_sum: 1,
  applicant_sum: 1,
  review_litigation_sum: 1,
  ...Object.fromEntries(LEGACY_SUMS.map((sum) => [sum.rule, 1])),
};

/**
 * The two sides of a failing sum, as cell references (`expected` is the left side's sum, `actual` the right's), so
 * that a finding can be shown as 总计 0 ≠ 结果维持 10 + 结果纠正 1 + …; undefined for a finding that is not a sum.
 */
export function sumSides(finding: Finding): { left: string[]; right: string[] } | undefined {
  const left = LEFT_CELLS[finding.rule];
  if (left === undefined || finding.cells.length <= left) return undefined;
  return { left: finding.cells.slice(0, left), right: finding.cells.slice(left) };
}

function evaluate(check: Sum, index: CellIndex): Finding[] {
  const refs = [...check.left, ...check.right];
  const missing = refs.filter((r) => !index.has(r));
  if (missing.length > 0)
    return [
      skipped(check, `not checked: ${missing.length} cells not found (${abbreviate(missing)})`, 'rule_skipped', refs),
    ];
  const cells = refs.map((r) => index.get(r)!);
  const blankTotals = cells.filter((c) => c.kind === 'empty' && c.value === null);
  if (blankTotals.length > 0)
    return [
      skipped(check, `not checked: total left empty (${blankTotals.map(cellRef).join(', ')})`, 'blank_total', refs),
    ];
  const unreadable = cells.filter((c) => c.value === null);
  const unconfirmed = unreadable.filter((c) => c.source.ocr && !c.source.ocr.confirmed);
  if (unconfirmed.length > 0) {
    // Never a verdict on a reading OCR could not confirm: a misread digit looks exactly like the agency's mistake.
    return [
      skipped(
        check,
        `the sum could not be verified: ${unconfirmed.length} of its cells were read from a picture and the readings were not confirmed (${listed(unconfirmed)})`,
        'rule_skipped',
        refs,
      ),
    ];
  }
  if (unreadable.length > 0)
    return [skipped(check, `not checked: unreadable cells (${listed(unreadable)})`, 'rule_skipped', refs)];
  const sum = (list: string[]) => roundDecimal(list.reduce((total, r) => total + index.get(r)!.value!, 0));
  const left = sum(check.left);
  const right = sum(check.right);
  if (Math.abs(left - right) < 1e-6) return [];
  return [
    {
      rule: check.rule,
      scope: check.scope,
      severity: 'error',
      expected: left,
      actual: right,
      message: check.describe(left, right),
      cells: refs,
    },
  ];
}

function skipped(check: Sum, why: string, rule: string, refs: string[]): Finding {
  return {
    rule,
    scope: `${check.rule}:${check.scope}`,
    severity: 'warning',
    expected: null,
    actual: null,
    message: `${check.rule} ${check.scope}: ${why}`,
    cells: refs,
  };
}

function listed(cells: Cell[]): string {
  return cells.map((c) => `${cellRef(c)}="${c.raw}"`).join(', ');
}

function abbreviate(refs: string[], shown = 4): string {
  return refs.length <= shown ? refs.join(', ') : `${refs.slice(0, shown).join(', ')} and ${refs.length - shown} more`;
}
