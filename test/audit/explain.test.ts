import { describe, expect, it } from 'vitest';
import { describeTerm, explainFindings } from '../../src/audit/explain.js';
import { sumSides } from '../../src/audit/rules.js';
import { balancedReport, renderHtml } from '../fixtures/report-builder.js';
import { extractCorpus, extractText } from '../helpers.js';

/** Findings told as a person checks them: labels as printed, both sides of a sum, where each number is. */

describe('explaining findings', () => {
  it('splits every failing sum into the side that adds up to `expected` and the side that adds up to `actual`', async () => {
    const spec = balancedReport(11);
    const bump = (key: string, by: number) => (spec.cells[key] = String(Number(spec.cells[key]) + by));
    bump('requests:carried_forward:natural_person', 1); // balance (natural_person, total) and applicant_sum (carried_forward)
    bump('requests:granted:research_institution', 2); // outcome_sum (research_institution) and applicant_sum (granted)
    bump('review_litigation:litigation_direct:total', 3); // review_litigation_sum
    const report = await extractText(renderHtml(spec), 'unbalanced.html');
    const errors = report.findings.filter((f) => f.severity === 'error');
    expect(new Set(errors.map((f) => f.rule))).toEqual(new Set(['balance', 'outcome_sum', 'applicant_sum', 'review_litigation_sum']));
    const value = new Map(report.cells.map((c) => [`${c.table}:${c.row}:${c.column}`, c.value!]));
    const sum = (refs: string[]) => refs.reduce((total, ref) => total + value.get(ref)!, 0);
    for (const finding of errors) {
      const sides = sumSides(finding)!;
      expect([sum(sides.left), sum(sides.right)], `${finding.rule} ${finding.scope}`).toEqual([finding.expected, finding.actual]);
    }
    const balance = sumSides(errors.find((f) => f.rule === 'balance')!)!;
    expect(balance.left).toEqual(['requests:new_received:natural_person', 'requests:carried_over:natural_person']);
  });

  it('names table, row (as printed) and column, the printed numbers, and the page in a PDF', async () => {
    const report = await extractCorpus('huaian-hongze-district-gov-2023.pdf');
    const [review] = explainFindings(report).filter((e) => e.finding.severity === 'error');
    expect(review!.title).toBe('复议、诉讼各项之和等于总计');
    expect(review!.concerns).toBe('review_litigation');
    expect(review!.sides!.left.map((t) => describeTerm(t, 'column'))).toEqual(['总计 0']);
    expect(review!.sides!.right.map((t) => describeTerm(t, 'column'))).toEqual(['结果维持 10', '结果纠正 1', '其他结果 0', '尚未审结 0']);
    expect(review!.sides!.left[0]!.labels).toEqual({ table: '四、政府信息公开行政复议、行政诉讼情况', row: '行政复议', column: '总计' });
    expect(review!.sides!.left[0]!.cell!.place.page).toBe(4);
    const warning = explainFindings(report).find((e) => e.finding.rule === 'text_aligned_table')!;
    expect(warning.concerns).toBe('requests');
  });

  it('shows a value read otherwise than printed beside the printed text', async () => {
    const report = await extractCorpus('shanghai-gov-office-2019_content-fragment.html');
    const explained = explainFindings({ ...report, findings: [{ rule: 'x', scope: 'y', severity: 'warning', expected: null, actual: null, message: '', cells: ['active:procurement:amount', 'active:no_such_row:items'] }] });
    expect(explained[0]!.terms.map((t) => describeTerm(t, 'row'))).toEqual(['政府集中采购 251000元 (=25.1)', 'no_such_row (未找到)']);
  });
});
