import { describe, expect, it } from 'vitest';
import {
  describePlace,
  describeTerm,
  distinguishingLabel,
  explainFinding,
  explainFindings,
  RULE_TITLES,
  splitRef,
  type Term,
} from '../../src/audit/explain.js';
import { sumSides } from '../../src/audit/rules.js';
import { balancedReport, renderHtml } from '../fixtures/report-builder.js';
import { errorFinding, storedCell } from '../fixtures/stored-report.js';
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
    expect(new Set(errors.map((f) => f.rule))).toEqual(
      new Set(['balance', 'outcome_sum', 'applicant_sum', 'review_litigation_sum']),
    );
    const value = new Map(report.cells.map((c) => [`${c.table}:${c.row}:${c.column}`, c.value!]));
    const sum = (refs: string[]) => refs.reduce((total, ref) => total + value.get(ref)!, 0);
    for (const finding of errors) {
      const sides = sumSides(finding)!;
      expect([sum(sides.left), sum(sides.right)], `${finding.rule} ${finding.scope}`).toEqual([
        finding.expected,
        finding.actual,
      ]);
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
    expect(review!.sides!.right.map((t) => describeTerm(t, 'column'))).toEqual([
      '结果维持 10',
      '结果纠正 1',
      '其他结果 0',
      '尚未审结 0',
    ]);
    expect(review!.sides!.left[0]!.labels).toEqual({
      table: '四、政府信息公开行政复议、行政诉讼情况',
      row: '行政复议',
      column: '总计',
    });
    expect(review!.sides!.left[0]!.cell!.place.page).toBe(4);
    const warning = explainFindings(report).find((e) => e.finding.rule === 'text_aligned_table')!;
    expect(warning.concerns).toBe('requests');
  });

  it('shows a value read otherwise than printed beside the printed text', async () => {
    const report = await extractCorpus('shanghai-gov-office-2019_content-fragment.html');
    const explained = explainFindings({
      ...report,
      findings: [
        {
          rule: 'x',
          scope: 'y',
          severity: 'warning',
          expected: null,
          actual: null,
          message: '',
          cells: ['active:procurement:amount', 'active:no_such_row:items'],
        },
      ],
    });
    expect(explained[0]!.terms.map((t) => describeTerm(t, 'row'))).toEqual([
      '政府集中采购 251000元 (=25.1)',
      'no_such_row (未找到)',
    ]);
  });
});

describe('explaining findings, piece by piece', () => {
  const cells = (...list: ReturnType<typeof storedCell>[]) =>
    new Map(list.map((c) => [`${c.table}:${c.row}:${c.column}`, c]));
  const warning = (rule: string, scope: string, refs: string[] = []) => ({
    rule,
    scope,
    severity: 'warning' as const,
    expected: null,
    actual: null,
    message: '',
    cells: refs,
  });

  it('titles each rule in Chinese, each differently, as xxgk check and the view print it; an unknown rule by its key', () => {
    const titles = Object.values(RULE_TITLES);
    expect(titles.length).toBeGreaterThanOrEqual(18);
    expect(new Set(titles).size).toBe(titles.length);
    for (const title of titles) expect(title).toMatch(/^[\u4e00-\u9fff][\u4e00-\u9fff（）、，]+$/);
    expect([RULE_TITLES.balance, RULE_TITLES.carry_continuity]).toEqual([
      '收支平衡（第一项加第二项之和，等于第三项加第四项之和）',
      '上年结转等于上一年报告的结转下年度',
    ]);
    expect(explainFinding(warning('some_new_rule', 'x'), new Map()).title).toBe('some_new_rule');
  });

  it('shows a finding beside the table of its first cell, else of its scope, else of its rule; a finding about the document beside none', () => {
    const concerns = (rule: string, scope: string, refs: string[] = []) =>
      explainFinding(warning(rule, scope, refs), new Map()).concerns;
    expect(concerns('unknown_row', 'requests', ['review_litigation:review:total'])).toBe('review_litigation');
    expect(concerns('missing_cells', 'active:regulations')).toBe('active');
    expect(concerns('balance', 'natural_person')).toBe('requests');
    expect(concerns('outcome_sum', 'natural_person')).toBe('requests');
    expect(concerns('applicant_sum', 'granted')).toBe('requests');
    expect(concerns('review_litigation_sum', 'review')).toBe('review_litigation');
    // A sum left unchecked is scoped by the rule it skipped.
    expect(concerns('blank_total', 'balance:total')).toBe('requests');
    expect(concerns('blank_total', 'review_litigation_sum:review')).toBe('review_litigation');
    expect(concerns('no_agency', 'document')).toBeNull();
  });

  it('tells a sum only when the finding holds both sides: a finding of another rule, or one side alone, has none', () => {
    expect(
      sumSides(
        errorFinding('balance', 'total', 1, 2, [
          'requests:new_received:total',
          'requests:carried_over:total',
          'requests:total:total',
        ]),
      ),
    ).toEqual({
      left: ['requests:new_received:total', 'requests:carried_over:total'],
      right: ['requests:total:total'],
    });
    expect(
      sumSides(errorFinding('balance', 'total', 1, 2, ['requests:new_received:total', 'requests:carried_over:total'])),
    ).toBeUndefined();
    expect(
      sumSides(
        errorFinding('carry_continuity', 'total', 1, 2, [
          'requests:carried_over:total',
          'requests:carried_forward:total',
        ]),
      ),
    ).toBeUndefined();
    const explained = explainFinding(
      errorFinding('carry_continuity', 'total', 1, 2, ['requests:carried_over:total']),
      new Map(),
    );
    expect(explained.sides).toBeUndefined();
    expect(explained.terms.map((t) => [t.table, t.row, t.column])).toEqual([['requests', 'carried_over', 'total']]);
  });

  it('keeps where each number is: page and box in a PDF, only table, row and column elsewhere', () => {
    const pdf = storedCell('requests:total:total', 7, {
      source: { page: 3, box: [10, 20, 30, 40], table: 2, row: 5, col: 8 },
    });
    const html = storedCell('requests:granted:total', 7, { source: { table: 1, row: 4, col: 2 } });
    const [onPage, inTable] = explainFinding(
      warning('x', 'y', ['requests:total:total', 'requests:granted:total']),
      cells(pdf, html),
    ).terms;
    expect(onPage!.cell!.place).toEqual({ page: 3, box: [10, 20, 30, 40], table: 2, row: 5, col: 8 });
    expect(inTable!.cell).toStrictEqual({ value: 7, raw: '7', kind: 'number', place: { table: 1, row: 4, col: 2 } });
    expect(describePlace(onPage!.cell!.place)).toBe('第3页');
    expect(describePlace(inTable!.cell!.place)).toBe('第2个表格第5行第3列');
  });

  it('splits a reference into table, row and column, an absent part as empty', () => {
    expect(splitRef('requests:denied.state_secret:total')).toEqual(['requests', 'denied.state_secret', 'total']);
    expect(splitRef('requests')).toEqual(['requests', '', '']);
  });

  it('tells the terms of a sum apart by column when they share a row, else by row', () => {
    const term = (ref: string) => explainFinding(warning('x', 'y', [ref]), new Map()).terms[0]!;
    const sameRow = ['requests:granted:total', 'requests:granted:natural_person'].map(term);
    expect(distinguishingLabel(sameRow)).toBe('column');
    expect(distinguishingLabel(['requests:new_received:total', 'requests:carried_over:total'].map(term))).toBe('row');
    // The same row key in two tables is two rows.
    expect(distinguishingLabel(['requests:total:total', 'active:total:total'].map(term))).toBe('row');
  });

  it('prints a term as printed: trimmed, empty with the value it counts for, a value read otherwise beside the text', () => {
    const printed = (cell: ReturnType<typeof storedCell> | undefined, by: 'row' | 'column' = 'column'): string => {
      const ref = cell ? `${cell.table}:${cell.row}:${cell.column}` : 'requests:granted:total';
      const [term] = explainFinding(warning('x', 'y', [ref]), cell ? cells(cell) : new Map()).terms as [Term];
      return describeTerm(term, by);
    };
    expect(printed(storedCell('requests:granted:natural_person', 12, { raw: ' 12 ' }))).toBe('自然人 12');
    expect(printed(storedCell('requests:total:total', null))).toBe('总计 (空)');
    expect(printed(storedCell('requests:granted:natural_person', 0, { raw: '', kind: 'empty' }))).toBe(
      '自然人 (空 =0)',
    );
    expect(printed(storedCell('requests:granted:natural_person', 0, { raw: '—', kind: 'placeholder' }))).toBe(
      '自然人 — (=0)',
    );
    expect(printed(storedCell('requests:granted:natural_person', null, { raw: '1?', kind: 'unreadable' }))).toBe(
      '自然人 1?',
    );
    expect(printed(undefined, 'row')).toMatch(/ \(未找到\)$/);
  });
});
