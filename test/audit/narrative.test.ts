import { describe, expect, it } from 'vitest';
import { auditNarrative, statedCounts } from '../../src/audit/narrative.js';
import type { Cell } from '../../src/model/report.js';

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
    const findings = auditNarrative([{ key: 'overview', heading: '一、总体情况', text: '全年受理政府信息公开申请 17 件。' }], [cell('new_received', 95), cell('carried_over', 0)]);
    expect(findings).toEqual([expect.objectContaining({ rule: 'narrative_mismatch', severity: 'warning', expected: 95, actual: 17 })]);
  });

  it('accepts a count that includes the requests carried over', () => {
    const findings = auditNarrative([{ key: 'overview', heading: '一、总体情况', text: '共受理申请20件。' }], [cell('new_received', 18), cell('carried_over', 2)]);
    expect(findings).toEqual([]);
  });
});
