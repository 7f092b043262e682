import { describe, expect, it } from 'vitest';
import { auditRules } from '../../src/audit/rules.js';
import type { RegionCell } from '../../src/locate/tables.js';
import type { Cell } from '../../src/core/model/report.js';
import { toCell } from '../../src/normalise/rows.js';
import type { TableKey } from '../../src/core/template/template.js';
import { balancedReport } from '../fixtures/report-builder.js';

/** Cells of a generated report as the normaliser makes them from the printed text (its empty-cell rule included), with some printed texts replaced. */
function cellsOf(changes: Record<string, string> = {}): Cell[] {
  const spec = balancedReport(9);
  Object.assign(spec.cells, changes);
  return Object.entries(spec.cells).map(([key, text], i) => {
    const [table, row, column] = key.split(':') as [TableKey, string, string];
    const printed: RegionCell = {
      text,
      col: i % 7,
      colSpan: 1,
      rowSpan: 1,
      isOrigin: true,
      table: 0,
      row: Math.floor(i / 7),
    };
    return toCell(printed, { table, row, column, label: row });
  });
}

const value = (key: string) => Number(balancedReport(9).cells[key]);
const errors = (cells: Cell[]) =>
  auditRules(cells)
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.rule}:${f.scope}`)
    .sort();

describe('audit rules', () => {
  it('a balanced report has no error', () => {
    expect(errors(cellsOf())).toEqual([]);
  });

  it('balance: 本年新收 + 上年结转 ≠ 总计 + 结转下年度 in one column', () => {
    const key = 'requests:carried_forward:research_institution';
    const findings = auditRules(
      cellsOf({
        [key]: String(value(key) + 1),
        'requests:carried_forward:total': String(value('requests:carried_forward:total') + 1),
      }),
    );
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
    expect(errors(cellsOf({ [key]: String(value(key) + 3) }))).toEqual([
      'applicant_sum:denied.process_info',
      'outcome_sum:legal_service_org',
    ]);
  });

  it('applicant_sum: a 总计 column cell ≠ the six applicant columns', () => {
    const key = 'requests:granted:total';
    expect(errors(cellsOf({ [key]: String(value(key) + 1) }))).toEqual(['applicant_sum:granted', 'outcome_sum:total']);
  });

  it('review_litigation_sum: a group total ≠ its four results', () => {
    const key = 'review_litigation:litigation_after_review:total';
    expect(errors(cellsOf({ [key]: String(value(key) + 5) }))).toEqual([
      'review_litigation_sum:litigation_after_review',
    ]);
  });

  it('an empty total is not stated: the rules it would check are skipped with a warning, not failed', () => {
    const findings = auditRules(cellsOf({ 'requests:total:natural_person': '' }));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.rule === 'blank_total').map((f) => f.scope)).toEqual([
      'balance:natural_person',
      'outcome_sum:natural_person',
      'applicant_sum:total',
    ]);
  });

  it('a sum resting on an OCR reading that was not confirmed is not verified: a warning that says so, never an error', () => {
    const key = 'requests:carried_forward:research_institution';
    // OCR misread the printed figure (a wrong digit would look exactly like the agency's mistake) and could not confirm it.
    const cells = cellsOf().map(
      (c): Cell =>
        `${c.table}:${c.row}:${c.column}` === key
          ? {
              ...c,
              value: null,
              raw: String(value(key) + 1),
              kind: 'unreadable',
              note: 'OCR reading not confirmed',
              source: { ...c.source, ocr: { confidence: 0.41, confirmed: false, picture: 'page 2' } },
            }
          : c,
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

describe('audit rules: what each finding says', () => {
  const print = (key: string, text: string) => ({ [key]: text });
  const sum = (keys: string[]) => keys.reduce((total, key) => total + value(key), 0);

  it('balance names the column, both sums, the rule as printed, and its four cells', () => {
    const key = 'requests:carried_forward:natural_person';
    const [finding] = auditRules(cellsOf(print(key, String(value(key) + 2)))).filter((f) => f.rule === 'balance');
    const left = value('requests:new_received:natural_person') + value('requests:carried_over:natural_person');
    expect(finding).toEqual({
      rule: 'balance',
      scope: 'natural_person',
      severity: 'error',
      expected: left,
      actual: left + 2,
      message: `自然人: 本年新收 + 上年结转 = ${left}, but （七）总计 + 结转下年度 = ${left + 2} (第一项加第二项之和，应等于第三项加第四项之和)`,
      cells: [
        'requests:new_received:natural_person',
        'requests:carried_over:natural_person',
        'requests:total:natural_person',
        'requests:carried_forward:natural_person',
      ],
    });
  });

  it('outcome_sum names the column and both figures, and lists the total then every outcome row', () => {
    const key = 'requests:total:other_org';
    const findings = auditRules(cellsOf(print(key, String(value(key) + 1)))).filter((f) => f.rule === 'outcome_sum');
    expect(findings.map((f) => [f.scope, f.expected, f.actual, f.message])).toEqual([
      [
        'other_org',
        value(key) + 1,
        value(key),
        `其他: （七）总计 = ${value(key) + 1}, but the outcome rows （一）…（六） add up to ${value(key)}`,
      ],
    ]);
    expect(findings[0]!.cells).toHaveLength(1 + 21);
    expect(findings[0]!.cells.slice(0, 3)).toEqual([
      'requests:total:other_org',
      'requests:granted:other_org',
      'requests:partially_granted:other_org',
    ]);
    expect(findings[0]!.cells.slice(-3)).toEqual([
      'requests:other.no_amendment_overdue:other_org',
      'requests:other.fee_unpaid:other_org',
      'requests:other.other:other_org',
    ]);
  });

  it('applicant_sum names the row and both figures', () => {
    const key = 'requests:granted:total';
    const [finding] = auditRules(cellsOf(print(key, String(value(key) + 1)))).filter((f) => f.rule === 'applicant_sum');
    const parts = [
      'natural_person',
      'commercial_enterprise',
      'research_institution',
      'social_welfare_org',
      'legal_service_org',
      'other_org',
    ].map((c) => `requests:granted:${c}`);
    expect(finding).toEqual({
      rule: 'applicant_sum',
      scope: 'granted',
      severity: 'error',
      expected: value(key) + 1,
      actual: sum(parts),
      message: `（一）予以公开: 总计 = ${value(key) + 1}, but the six applicant columns add up to ${sum(parts)}`,
      cells: [key, ...parts],
    });
  });

  it('review_litigation_sum names the group and both figures', () => {
    const key = 'review_litigation:litigation_direct:total';
    const [finding] = auditRules(cellsOf(print(key, String(value(key) + 2))));
    const parts = ['upheld', 'corrected', 'other', 'pending'].map((c) => `review_litigation:litigation_direct:${c}`);
    expect(finding).toEqual({
      rule: 'review_litigation_sum',
      scope: 'litigation_direct',
      severity: 'error',
      expected: value(key) + 2,
      actual: sum(parts),
      message: `未经复议直接起诉: 总计 = ${value(key) + 2}, but 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = ${sum(parts)}`,
      cells: [key, ...parts],
    });
  });

  it('a row the template does not know is named by its key', () => {
    const cells = [
      ...cellsOf(),
      ...cellsOf()
        .filter((c) => c.row === 'granted')
        .map((c) => ({ ...c, row: 'extra', value: c.column === 'total' ? 1 : 0 })),
    ];
    expect(
      auditRules(cells)
        .filter((f) => f.scope === 'extra')
        .map((f) => f.message),
    ).toEqual(['extra: 总计 = 1, but the six applicant columns add up to 0']);
  });

  it('a difference of a millionth is a difference: only binary noise is tolerated', () => {
    const cells = cellsOf().map((c) =>
      c.table === 'review_litigation' && c.row === 'review' ? { ...c, value: c.column === 'total' ? 0.000001 : 0 } : c,
    );
    expect(auditRules(cells).map((f) => [f.rule, f.scope, f.expected, f.actual])).toEqual([
      ['review_litigation_sum', 'review', 0.000001, 0],
    ]);
    const noise = cellsOf().map((c) =>
      c.table === 'review_litigation' && c.row === 'review'
        ? { ...c, value: c.column === 'total' ? 0.3 : c.column === 'upheld' ? 0.1 : c.column === 'corrected' ? 0.2 : 0 }
        : c,
    );
    expect(auditRules(noise)).toEqual([]);
  });
});

describe('audit rules: which checks apply', () => {
  it('a balanced report gets no finding at all, in either shape of （六）', () => {
    expect(auditRules(cellsOf())).toEqual([]);
    const spec2019 = balancedReport(9, { activeVersion: '2019' });
    const cells2019 = Object.entries(spec2019.cells).map(([key, text], i) => {
      const [table, row, column] = key.split(':') as [TableKey, string, string];
      return toCell(
        { text, col: i % 7, colSpan: 1, rowSpan: 1, isOrigin: true, table: 0, row: 0 },
        { table, row, column, label: row },
      );
    });
    expect(cells2019.some((c) => c.row === 'other')).toBe(true);
    expect(auditRules(cells2019)).toEqual([]);
    // The single （六） row is an outcome row: changed, the outcome sum of its column fails.
    const changed = cells2019.map((c) =>
      c.row === 'other' && c.column === 'natural_person' ? { ...c, value: c.value! + 1 } : c,
    );
    expect(
      auditRules(changed)
        .filter((f) => f.severity === 'error')
        .map((f) => `${f.rule}:${f.scope}`)
        .sort(),
    ).toEqual(['applicant_sum:other', 'outcome_sum:natural_person']);
  });

  it('checks only the columns and groups a report prints', () => {
    // Section 三 printed with its 总计 column only: balance and outcome_sum on that column; applicant_sum cannot be checked.
    const onlyTotals = cellsOf().filter(
      (c) => c.table !== 'review_litigation' && (c.table !== 'requests' || c.column === 'total'),
    );
    const rows = [...new Set(onlyTotals.filter((c) => c.table === 'requests').map((c) => c.row))];
    expect(auditRules(onlyTotals).map((f) => `${f.rule} ${f.scope}`)).toEqual(
      rows.map((row) => `rule_skipped applicant_sum:${row}`),
    );
    const withoutLitigation = cellsOf().filter((c) => !(c.table === 'review_litigation' && c.row !== 'review'));
    expect(auditRules(withoutLitigation)).toEqual([]);
  });

  it('does not take a column of another table for a column of section 三', () => {
    // Section 三 without its 总计 column, section 四 with its own: no balance or outcome check of 总计.
    const findings = auditRules(cellsOf().filter((c) => !(c.table === 'requests' && c.column === 'total')));
    expect(findings.filter((f) => /^(balance|outcome_sum):total$/.test(f.scope))).toEqual([]);
    expect(findings.filter((f) => f.scope.startsWith('balance:')).map((f) => f.scope)).toEqual([]);
    expect(new Set(findings.map((f) => f.scope.split(':')[0]))).toEqual(new Set(['applicant_sum']));
  });

  it('lists every empty total and every unreadable cell of a rule, separated by commas', () => {
    const blank = auditRules(
      cellsOf({
        'requests:total:natural_person': '',
        'requests:carried_forward:natural_person': '',
        'requests:carried_forward:total': '1',
      }),
    );
    expect(blank.find((f) => f.scope === 'balance:natural_person')!.message).toBe(
      'balance natural_person: not checked: total left empty (requests:total:natural_person)',
    );
    const both = auditRules(cellsOf({ 'requests:new_received:total': '', 'requests:total:total': '' }));
    expect(both.find((f) => f.scope === 'balance:total')!.message).toBe(
      'balance total: not checked: total left empty (requests:new_received:total, requests:total:total)',
    );
    const unreadable = auditRules(
      cellsOf({ 'review_litigation:review:upheld': '见附件', 'review_litigation:review:pending': '？' }),
    );
    expect(unreadable.map((f) => f.message)).toEqual([
      'review_litigation_sum review: not checked: unreadable cells (review_litigation:review:upheld="见附件", review_litigation:review:pending="？")',
    ]);
  });

  it('a rule whose cells were not all found is skipped with a warning naming up to four of them', () => {
    const missing = [
      'natural_person',
      'commercial_enterprise',
      'research_institution',
      'social_welfare_org',
      'legal_service_org',
    ].map((c) => `requests:granted:${c}`);
    const findings = auditRules(cellsOf().filter((c) => !missing.includes(`${c.table}:${c.row}:${c.column}`)));
    const applicant = findings.find((f) => f.scope === 'applicant_sum:granted')!;
    expect(applicant).toEqual({
      rule: 'rule_skipped',
      scope: 'applicant_sum:granted',
      severity: 'warning',
      expected: null,
      actual: null,
      message: `applicant_sum granted: not checked: 5 cells not found (${missing.slice(0, 4).join(', ')} and 1 more)`,
      cells: ['requests:granted:total', ...missing, 'requests:granted:other_org'],
    });
    const [outcome] = findings.filter((f) => f.scope === 'outcome_sum:natural_person');
    expect(outcome!.message).toBe(
      'outcome_sum natural_person: not checked: 1 cells not found (requests:granted:natural_person)',
    );
  });

  it('names exactly four missing cells without "more"', () => {
    const missing = ['natural_person', 'commercial_enterprise', 'research_institution', 'social_welfare_org'].map(
      (c) => `requests:granted:${c}`,
    );
    const findings = auditRules(cellsOf().filter((c) => !missing.includes(`${c.table}:${c.row}:${c.column}`)));
    expect(findings.find((f) => f.scope === 'applicant_sum:granted')!.message).toBe(
      `applicant_sum granted: not checked: 4 cells not found (${missing.join(', ')})`,
    );
  });

  it('an empty total skips its rules with blank_total, naming the cell', () => {
    const [finding] = auditRules(cellsOf({ 'review_litigation:review:total': '' }));
    expect(finding).toEqual({
      rule: 'blank_total',
      scope: 'review_litigation_sum:review',
      severity: 'warning',
      expected: null,
      actual: null,
      message: 'review_litigation_sum review: not checked: total left empty (review_litigation:review:total)',
      cells: [
        'review_litigation:review:total',
        ...['upheld', 'corrected', 'other', 'pending'].map((c) => `review_litigation:review:${c}`),
      ],
    });
  });

  it('an unreadable cell skips its rules with rule_skipped, quoting what was printed — never an error', () => {
    const findings = auditRules(
      cellsOf({ 'review_litigation:review:upheld': '见附件', 'review_litigation:review:total': '99' }),
    );
    expect(findings.map((f) => [f.rule, f.scope, f.severity, f.message])).toEqual([
      [
        'rule_skipped',
        'review_litigation_sum:review',
        'warning',
        'review_litigation_sum review: not checked: unreadable cells (review_litigation:review:upheld="见附件")',
      ],
    ]);
  });
});
