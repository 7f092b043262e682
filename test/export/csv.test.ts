import { describe, expect, it } from 'vitest';
import { cellRows, csvRecords, formatNumber } from '../../src/export/csv.js';
import { balancedReport, renderHtml } from '../fixtures/report-builder.js';
import { extractText } from '../helpers.js';

describe('CSV export', () => {
  it('writes plain decimals, never exponents or binary noise', () => {
    expect(formatNumber(25.1)).toBe('25.1');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(11398889)).toBe('11398889');
    expect(formatNumber(0.00001)).toBe('0.00001');
  });

  it('writes a total left empty as an empty value and keeps the printed text and its place', async () => {
    const spec = balancedReport(1);
    spec.cells['requests:total:natural_person'] = '';
    const report = await extractText(renderHtml(spec), 'a.html');
    const row = cellRows(report).find((r) => r[2] === 'total' && r[3] === 'natural_person')!;
    expect(row.slice(0, 7)).toEqual(['a.html', 'requests', 'total', 'natural_person', '', '', 'empty']);
    expect(row[8]).toBe('（七）总计');
  });

  it('quotes per RFC 4180, line breaks included', () => {
    expect(csvRecords([['a,b', 'say "hi"', 'x\ny', 3, null]])).toBe('"a,b","say ""hi""","x\ny",3,\r\n');
  });
});
