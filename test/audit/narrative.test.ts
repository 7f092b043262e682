import { describe, expect, it } from 'vitest';
import { auditNarrative, statedCounts } from '../../src/audit/narrative.js';
import type { Cell } from '../../src/core/model/report.js';

const cell = (row: string, value: number): Cell => ({
  table: 'requests',
  row,
  column: 'total',
  value,
  raw: String(value),
  kind: 'number',
  source: { table: 1, row: 3, col: 9, label: row },
});

describe('section 一 against the table', () => {
  it.each([
    ['市政府办公厅代表市政府共受理政府信息公开申请859件，答复…', [859]],
    ['本年度全区共收到70件申请，及时依法依规办结69件', [70]],
    ['2023年度我局共收到依申请信息公开26件', [26]],
    ['2023 年全区受理政府信息公开申请 21 件，均在法定期限答复。', [21]],
    ['加强培训，全年发布信息1136条。', []],
  ])('reads the stated count in %s', (text, counts) => {
    expect(statedCounts(text)).toEqual(counts);
  });

  it('warns when the words and the table disagree, naming both numbers', () => {
    const findings = auditNarrative(
      [{ key: 'overview', heading: '一、总体情况', text: '全年受理政府信息公开申请 17 件。' }],
      [cell('new_received', 95), cell('carried_over', 0)],
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'narrative_mismatch', severity: 'warning', expected: 95, actual: 17 }),
    ]);
  });

  it('accepts a count that includes the requests carried over', () => {
    expect(statedCounts('共受理申请20件。')).toEqual([20]);
    const findings = auditNarrative(
      [{ key: 'overview', heading: '一、总体情况', text: '共受理申请20件。' }],
      [cell('new_received', 18), cell('carried_over', 2)],
    );
    expect(findings).toEqual([]);
  });
});

describe('section 一: how the count is stated', () => {
  it.each([
    ['全年共收到申请数量21件', [21]],
    ['全年共收到申请数量为21件', [21]],
    ['本年度受理申请总数21件', [21]],
    ['本年度受理申请总数为21件', [21]],
    ['本年度收到依申请公开申请7件', [7]],
    ['本年度收到依申请公开7件', [7]],
    ['本年度新收依申请信息公开7件', [7]],
    ['办理各类政府信息公开申请共计33件', [33]],
    ['新收32件信息公开申请', [32]],
    ['收到申请12件，其中受理政府信息公开申请12件', [12]],
    ['收到申请12件，受理申请10件', [12, 10]],
  ])('%s states %j', (text, counts) => {
    expect(statedCounts(text)).toEqual(counts);
  });
});

describe('section 一 against the table: which figures are compared', () => {
  const overview = (text: string) => [{ key: 'overview' as const, heading: '一、总体情况', text }];

  it('names both numbers and the cell compared', () => {
    expect(auditNarrative(overview('共受理申请17件。'), [cell('new_received', 95)])).toEqual([
      {
        rule: 'narrative_mismatch',
        scope: 'new_received',
        severity: 'warning',
        expected: 95,
        actual: 17,
        message: "section 一 says 17 requests were received, but the table's 本年新收 总计 is 95",
        cells: ['requests:new_received:total'],
      },
    ]);
  });

  it('reads section 一 only, wherever it stands among the sections', () => {
    const sections = [
      { key: 'active' as const, heading: '二、主动公开', text: '共受理申请17件。' },
      ...overview('共受理申请95件。'),
    ];
    expect(auditNarrative(sections, [cell('new_received', 95)])).toEqual([]);
    expect(auditNarrative([sections[0]!], [cell('new_received', 95)])).toEqual([]);
  });

  it('compares with the 总计 column of 本年新收 in section 三, not another cell', () => {
    const distractors: Cell[] = [
      { ...cell('new_received', 17), column: 'natural_person' },
      { ...cell('granted', 17) },
      { ...cell('new_received', 17), table: 'active' },
      { ...cell('carried_over', 5), column: 'natural_person' },
      { ...cell('carried_over', 5), table: 'review_litigation' },
    ];
    expect(
      auditNarrative(overview('共受理申请17件。'), [...distractors, cell('new_received', 95)]).map((f) => [
        f.expected,
        f.actual,
      ]),
    ).toEqual([[95, 17]]);
    expect(
      auditNarrative(overview('共受理申请22件。'), [...distractors, cell('new_received', 17)]).map((f) => [
        f.expected,
        f.actual,
      ]),
    ).toEqual([[17, 22]]);
  });

  it('says nothing when 本年新收 总计 is not stated or not found, or when section 一 states no single count', () => {
    expect(auditNarrative(overview('共受理申请17件。'), [{ ...cell('new_received', 0), value: null }])).toEqual([]);
    expect(auditNarrative(overview('共受理申请17件。'), [cell('granted', 95)])).toEqual([]);
    expect(auditNarrative(overview('收到申请12件，受理申请10件。'), [cell('new_received', 95)])).toEqual([]);
    expect(auditNarrative(overview('全年发布信息1136条。'), [cell('new_received', 95)])).toEqual([]);
  });

  it("accepts the table's figure with or without the requests carried over, and needs no 上年结转 cell", () => {
    expect(auditNarrative(overview('共受理申请18件。'), [cell('new_received', 18), cell('carried_over', 2)])).toEqual(
      [],
    );
    expect(auditNarrative(overview('共受理申请18件。'), [cell('new_received', 18)])).toEqual([]);
    expect(auditNarrative(overview('共受理申请19件。'), [cell('new_received', 18)]).map((f) => f.actual)).toEqual([19]);
  });
});
