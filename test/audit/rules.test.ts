import { describe, expect, it } from 'vitest';
import { auditRules } from '../../src/audit/rules.js';
import type { RegionCell } from '../../src/locate/tables.js';
import type { Cell } from '../../src/model/report.js';
import { toCell } from '../../src/normalise/rows.js';
import { balancedReport } from '../fixtures/report-builder.js';

/** Cells of a generated report as the normaliser makes them from the printed text (its empty-cell rule included), with some printed texts replaced. */
function cellsOf(changes: Record<string, string> = {}): Cell[] {
  const spec = balancedReport(9);
  Object.assign(spec.cells, changes);
  return Object.entries(spec.cells).map(([key, text], i) => {
    const [table, row, column] = key.split(':') as [Cell['table'], string, string];
    const printed: RegionCell = { text, col: i % 7, colSpan: 1, rowSpan: 1, isOrigin: true, table: 0, row: Math.floor(i / 7) };
    return toCell(printed, { table, row, column, label: row });
  });
}

const value = (key: string) => Number(balancedReport(9).cells[key]);
const errors = (cells: Cell[]) => auditRules(cells).filter((f) => f.severity === 'error').map((f) => `${f.rule}:${f.scope}`).sort();

describe('audit rules', () => {
  it('a balanced report has no error', () => {
    expect(errors(cellsOf())).toEqual([]);
  });

  it('balance: 本年新收 + 上年结转 ≠ 总计 + 结转下年度 in one column', () => {
    const key = 'requests:carried_forward:research_institution';
    const findings = auditRules(cellsOf({ [key]: String(value(key) + 1), 'requests:carried_forward:total': String(value('requests:carried_forward:total') + 1) }));
    const balance = findings.filter((f) => f.rule === 'balance');
    expect(balance.map((f) => f.scope)).toEqual(['research_institution', 'total']);
    expect(balance[0]).toMatchObject({ severity: 'error', actual: balance[0]!.expected! + 1 });
    expect(balance[0]!.cells).toEqual([
      'requests:new_received:research_institution',
      'requests:carried_over:research_institution',
      'requests:total:research_institution',
      'requests:carried_forward:research_institution',
    ]);
  });

  it('outcome_sum: 总计 row ≠ the sum of the outcome rows, and applicant_sum for the changed row', () => {
    const key = 'requests:denied.process_info:legal_service_org';
    expect(errors(cellsOf({ [key]: String(value(key) + 3) }))).toEqual(['applicant_sum:denied.process_info', 'outcome_sum:legal_service_org']);
  });

  it('applicant_sum: a 总计 column cell ≠ the six applicant columns', () => {
    const key = 'requests:granted:total';
    expect(errors(cellsOf({ [key]: String(value(key) + 1) }))).toEqual(['applicant_sum:granted', 'outcome_sum:total']);
  });

  it('review_litigation_sum: a group total ≠ its four results', () => {
    const key = 'review_litigation:litigation_after_review:total';
    expect(errors(cellsOf({ [key]: String(value(key) + 5) }))).toEqual(['review_litigation_sum:litigation_after_review']);
  });

  it('an empty total is not stated: the rules it would check are skipped with a warning, not failed', () => {
    const findings = auditRules(cellsOf({ 'requests:total:natural_person': '' }));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'blank_total').map((f) => f.scope)).toEqual(['balance:natural_person', 'outcome_sum:natural_person', 'applicant_sum:total']);
  });

  it('an empty component counts as zero', () => {
    const key = 'requests:granted:other_org';
    const changed = value(key);
    expect(changed).toBeGreaterThan(0);
    expect(errors(cellsOf({ [key]: '' }))).toEqual(['applicant_sum:granted', 'outcome_sum:other_org']);
  });
});
