import { describe, expect, it } from 'vitest';
import { auditRules } from '../../src/audit/rules.js';
import type { Cell } from '../../src/model/report.js';
import { balancedReport, expectedValues } from '../fixtures/report-builder.js';

/** Cells of a generated report, with some printed values replaced. */
function cellsOf(changes: Record<string, string> = {}): Cell[] {
  const spec = balancedReport(9);
  Object.assign(spec.cells, changes);
  return [...expectedValues(spec)].map(([key, value]) => {
    const [table, row, column] = key.split(':') as [Cell['table'], string, string];
    const raw = spec.cells[key]!;
    return { table, row, column, value, raw, kind: raw === '' ? 'empty' : 'number', source: { table: 0, row: 0, col: 0, label: row } };
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

  it('a sum resting on an OCR reading that was not confirmed is not verified: a warning that says so, never an error', () => {
    const key = 'requests:carried_forward:research_institution';
    // OCR misread the printed figure (a wrong digit would look exactly like the agency's mistake) and could not confirm it.
    const cells = cellsOf().map((c): Cell =>
      `${c.table}:${c.row}:${c.column}` === key ? { ...c, value: null, raw: String(value(key) + 1), kind: 'unreadable', note: 'OCR reading not confirmed', source: { ...c.source, ocr: { confidence: 0.41, confirmed: false, picture: 'page 2' } } } : c,
    );
    const findings = auditRules(cells).filter((f) => f.cells.includes(key));
    expect(findings.map((f) => [f.rule, f.scope, f.severity])).toEqual([
      ['rule_skipped', 'balance:research_institution', 'warning'],
      ['rule_skipped', 'applicant_sum:carried_forward', 'warning'],
    ]);
    expect(findings[0]!.message).toBe(
      `balance research_institution: the sum could not be verified: 1 of its cells were read from a picture and the readings were not confirmed (${key}="${value(key) + 1}")`,
    );
  });

  it('an empty component counts as zero', () => {
    const key = 'requests:granted:other_org';
    const changed = value(key);
    expect(changed).toBeGreaterThan(0);
    expect(errors(cellsOf({ [key]: '' }))).toEqual(['applicant_sum:granted', 'outcome_sum:other_org']);
  });
});
