import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellRecords, cellRows, CsvFile, csvRecords, formatTenth } from '../../src/export/csv.js';
import { formatNumber, roundDecimal } from '../../src/core/text/numbers.js';
import { balancedReport, renderHtml } from '../fixtures/report-builder.js';
import { ocrReport } from '../fixtures/ocr-report.js';
import { extractCorpus, extractText } from '../helpers.js';

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
    const pieces = [
      '',
      'a',
      ',',
      '"',
      '""',
      '\n',
      '\r',
      '\r\n',
      ' ',
      '\t',
      '总计',
      '（七）',
      "'",
      '=1+2',
      '\u2028',
      '\ufeff',
      '0',
      '-1.5',
    ];
    const rows: (string | number | null | undefined)[][] = [[null, undefined, 0, -0, 25.1, 1e21, 0.00001]];
    for (let i = 0; i < 400; i++) {
      rows.push(
        Array.from({ length: 1 + (i % 5) }, (_, j) =>
          Array.from(
            { length: 1 + ((i * 7 + j * 3) % 4) },
            (_, k) => pieces[(i * 13 + j * 5 + k * 11) % pieces.length],
          ).join(''),
        ),
      );
    }
    const library = stringify(
      rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : v))),
      { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
    );
    expect(csvRecords(rows)).toBe(library);
  });

  it('prints whole numbers as the rounding path does, and fractions rounded', () => {
    for (const value of [0, -0, 1, -1, 7, 11398889, 2 ** 53, -(2 ** 53) - 2, 1e20, 123456789012345680000])
      expect(formatNumber(value)).toBe(String(roundDecimal(value)));
    expect(formatNumber(1e21)).toBe('1e+21');
    expect(formatNumber(-0.30000000000000004)).toBe('-0.3');
  });

  it('prints a box coordinate exactly as toFixed(1), tenths or not', () => {
    const values = [
      0,
      -0,
      0.1,
      0.3,
      0.05,
      0.15,
      0.25,
      1.45,
      -1.45,
      -0.04,
      -0.05,
      99.95,
      595.3,
      841.9,
      1e14 + 0.5,
      1e15,
      1e16,
      1e21,
      0.1 + 0.2,
      123.456,
    ];
    for (let i = -3000; i <= 3000; i += 7) values.push(i / 10, i / 100, i / 3, i * 1.37);
    for (const value of values) expect([value, formatTenth(value)]).toEqual([value, value.toFixed(1)]);
  });

  it('writes cells.csv records exactly as its rows quoted one by one: boxes, OCR readings, notes, labels with spaces', async () => {
    const reports = [
      await extractCorpus('huaian-city-gov-2024.pdf'),
      await extractCorpus('shanghai-gov-office-2025_pdf-extracted.md'),
      (await ocrReport()).report,
    ];
    const noted = reports[0]!;
    noted.cells[0] = {
      ...noted.cells[0]!,
      note: '其中修订16件, "新"',
      raw: '16,\n"件"',
      source: { ...noted.cells[0]!.source, label: ' 规章 ,  "一"\n二 ' },
    };
    expect(reports.map((r) => r.cells.some((c) => c.source.ocr))).toEqual([false, false, true]);
    expect(reports[0]!.cells.every((c) => c.source.box)).toBe(true);
    for (const report of reports)
      expect(cellRecords({ ...report, file: 'a,"b".pdf' })).toBe(
        csvRecords(cellRows({ ...report, file: 'a,"b".pdf' })),
      );
  });

  it('writes a file of records of every size, in order, whole: small ones gathered, larger than its buffer at once', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'xxgk-csv-')), 'a.csv');
    const file = new CsvFile(path, ['甲', 'b']);
    let expected = '\ufeff甲,b\r\n';
    for (let i = 0; i < 3000; i++) {
      const records = i % 500 === 7 ? `${'总计,'.repeat(40_000 + i)}\r\n` : `${i},${'予以公开'.repeat(i % 50)}\r\n`;
      expected += records;
      await file.writeText(records);
    }
    await file.close();
    expect(readFileSync(path, 'utf8')).toBe(expected);
  });
});
