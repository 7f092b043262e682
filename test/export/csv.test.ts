import { stringify } from 'csv-stringify/sync';
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

  it('writes exactly what csv-stringify writes, whatever the fields hold', () => {
    const pieces = ['', 'a', ',', '"', '""', '\n', '\r', '\r\n', ' ', '\t', '总计', '（七）', "'", '=1+2', '\u2028', '\ufeff', '0', '-1.5'];
    const rows: (string | number | null | undefined)[][] = [[null, undefined, 0, -0, 25.1, 1e21, 0.00001]];
    for (let i = 0; i < 400; i++) {
      rows.push(Array.from({ length: 1 + (i % 5) }, (_, j) => Array.from({ length: 1 + ((i * 7 + j * 3) % 4) }, (_, k) => pieces[(i * 13 + j * 5 + k * 11) % pieces.length]).join('')));
    }
    const library = stringify(
      rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : v))),
      { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
    );
    expect(csvRecords(rows)).toBe(library);
  });
});
