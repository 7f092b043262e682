import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cellRows, CsvExport, findingRows, reportRow } from '../../src/export/csv.js';
import { CELL_COLUMNS, FINDING_COLUMNS, REPORT_COLUMNS } from '../../src/export/fields.js';
import { JsonLinesExport } from '../../src/export/json.js';
import type { Report } from '../../src/core/model/report.js';
import { errorFinding, storedCell, storedReport } from '../fixtures/stored-report.js';

/** The CSV and JSON Lines exporters on their own: each field of each row, the files they write, and what they say they wrote. */

const temp = () => mkdtempSync(join(tmpdir(), 'xxgk-exporters-'));
const tables = (cells: Partial<Record<'active' | 'requests' | 'review_litigation', number>>): Report['tables'] =>
  Object.entries(cells).map(([key, count]) => ({
    key: key as 'active',
    version: null,
    sourceTables: [],
    pages: [],
    structure: [],
    cells: count,
  }));

function report(): Report {
  const warning = {
    rule: 'missing_cells',
    scope: 'requests',
    severity: 'warning' as const,
    expected: null,
    actual: null,
    message: 'requests: 1 cell not found',
    cells: [],
  };
  return {
    ...storedReport('2023/a.pdf', {
      status: 'flagged',
      cells: [
        storedCell('requests:total:natural_person', null, { source: { label: '（七）\n  总计', row: 9, col: 3 } }),
        storedCell('active:fees:amount_10k_yuan', 25.1, {
          raw: '251000元',
          note: '注1',
          source: { page: 2, box: [10.04, 20.25, 30, 40.96], label: '行政事业性收费' },
        }),
        storedCell('requests:granted:total', 12, {
          kind: 'ocr',
          source: { ocr: { confidence: 0.93456, confirmed: true, picture: 'pages/2.png' } },
        }),
      ],
      findings: [
        errorFinding('balance', 'total', 0.1 + 0.2, 1, ['requests:new_received:total', 'requests:total:total']),
        warning,
      ],
    }),
    encoding: 'gb18030',
    pages: 4,
    tables: tables({ active: 10, requests: 0, review_litigation: 15 }),
  };
}

describe('CSV rows', () => {
  it('reports.csv: one row per report, tables that gave cells, counts of cells, errors and warnings', () => {
    expect(REPORT_COLUMNS.map((column, i) => [column, reportRow(report())[i]])).toEqual([
      ['file', '2023/a.pdf'],
      ['status', 'flagged'],
      ['format_version', '2021'],
      ['agency', '甲局'],
      ['year', 2023],
      ['reader', 'html'],
      ['encoding', 'gb18030'],
      ['pages', 4],
      ['tables', 'active;review_litigation'],
      ['cells', 3],
      ['errors', 1],
      ['warnings', 1],
      ['reason', undefined],
      ['province', undefined],
      ['city', undefined],
      ['county', undefined],
      ['place_code', undefined],
    ]);
    const placed = {
      ...report(),
      place: { code: '320813', name: '洪泽区', province: '江苏省', city: '淮安市', county: '洪泽区' },
    };
    expect(reportRow(placed).slice(-4)).toEqual(['江苏省', '淮安市', '洪泽区', '320813']);
  });

  it('cells.csv: the value as a plain decimal or empty, the label on one line, the box to a tenth of a point, OCR confidence to a thousandth', () => {
    expect(
      cellRows(report()).map((row) => Object.fromEntries(CELL_COLUMNS.map((column, i) => [column, row[i]]))),
    ).toEqual([
      {
        file: '2023/a.pdf',
        table: 'requests',
        row: 'total',
        column: 'natural_person',
        value: '',
        raw: '',
        kind: 'empty',
        note: undefined,
        label: '（七） 总计',
        page: undefined,
        source_table: 1,
        source_row: 9,
        source_col: 3,
        box: undefined,
        ocr_confidence: undefined,
        picture: undefined,
      },
      {
        file: '2023/a.pdf',
        table: 'active',
        row: 'fees',
        column: 'amount_10k_yuan',
        value: '25.1',
        raw: '251000元',
        kind: 'number',
        note: '注1',
        label: '行政事业性收费',
        page: 2,
        source_table: 1,
        source_row: 3,
        source_col: 2,
        box: '10.0 20.3 30.0 41.0',
        ocr_confidence: undefined,
        picture: undefined,
      },
      {
        file: '2023/a.pdf',
        table: 'requests',
        row: 'granted',
        column: 'total',
        value: '12',
        raw: '12',
        kind: 'ocr',
        note: undefined,
        label: 'granted',
        page: undefined,
        source_table: 1,
        source_row: 3,
        source_col: 2,
        box: undefined,
        ocr_confidence: '0.935',
        picture: 'pages/2.png',
      },
    ]);
  });

  it('findings.csv: the figures compared as numbers, the cells space-separated', () => {
    expect(
      findingRows(report()).map((row) => Object.fromEntries(FINDING_COLUMNS.map((column, i) => [column, row[i]]))),
    ).toEqual([
      {
        file: '2023/a.pdf',
        rule: 'balance',
        scope: 'total',
        severity: 'error',
        expected: 0.1 + 0.2,
        actual: 1,
        message: `balance total: ${0.1 + 0.2} ≠ 1`,
        cells: 'requests:new_received:total requests:total:total',
        page: '',
        table_label: '三、收到和处理政府信息公开申请情况',
        row_label: '一、本年新收政府信息公开申请数量；（七）总计',
        column_label: '总计',
        source_table: '',
        source_row: '',
        source_col: '',
      },
      {
        file: '2023/a.pdf',
        rule: 'missing_cells',
        scope: 'requests',
        severity: 'warning',
        expected: null,
        actual: null,
        message: 'requests: 1 cell not found',
        cells: '',
        page: '',
        table_label: '',
        row_label: '',
        column_label: '',
        source_table: '',
        source_row: '',
        source_col: '',
      },
    ]);
  });

  it('findings.csv: errors, then warnings, then notes; the message in Chinese (or English); where each cell is printed', () => {
    const note = {
      rule: 'row_columns',
      scope: 'requests',
      severity: 'info' as const,
      expected: null,
      actual: null,
      cells: [],
      message: 'requests: row "（一）予以公开": 9 cells for 7 columns; empty cells at the ends dropped',
    };
    const base = report();
    const error = errorFinding('applicant_sum', 'granted', 12, 0, [
      'requests:granted:total',
      'active:fees:amount_10k_yuan',
      'requests:granted:natural_person',
    ]);
    const sorted = { ...base, findings: [note, base.findings[1]!, error] };
    const rows = findingRows(sorted).map((row) =>
      Object.fromEntries(FINDING_COLUMNS.map((column, i) => [column, row[i]])),
    );
    expect(rows.map((r) => r.severity)).toEqual(['error', 'warning', 'info']);
    expect(rows[0]).toMatchObject({
      page: '2',
      source_table: '1 1 -',
      source_row: '3 3 -',
      source_col: '2 2 -',
      column_label: '总计；本年收费金额（单位：万元）；自然人',
    });
    expect(rows[2]!.message).toBe('三、依申请公开：行「（一）予以公开」：9 个单元格对 7 列，两端的空单元格已去掉');
    expect(findingRows(sorted, 'en')[2]![6]).toBe(note.message);
  });
});

describe('the CSV and JSON exporters', () => {
  it('write the three CSV files with a byte-order mark, a header and CRLF records, and say what they wrote', async () => {
    const out = temp();
    const csv = new CsvExport(out);
    await csv.add(report());
    await csv.add({ ...report(), file: 'b.html', cells: [], findings: [] });
    const written = await csv.close();
    expect(written.map(({ name, path, format }) => ({ name, path, format }))).toEqual([
      { name: 'reports', path: 'reports.csv', format: 'csv' },
      { name: 'cells', path: 'cells.csv', format: 'csv' },
      { name: 'findings', path: 'findings.csv', format: 'csv' },
    ]);
    // Each described column by column, in the order of its header line.
    expect(written.map((r) => r.schema?.fields.map((f) => f.name))).toEqual([
      REPORT_COLUMNS,
      CELL_COLUMNS,
      FINDING_COLUMNS,
    ]);
    const lines = (name: string) => readFileSync(join(out, name), 'utf8').split('\r\n');
    expect(lines('reports.csv')).toEqual([
      `\ufeff${REPORT_COLUMNS.join(',')}`,
      '2023/a.pdf,flagged,2021,甲局,2023,html,gb18030,4,active;review_litigation,3,1,1,,,,,',
      'b.html,flagged,2021,甲局,2023,html,gb18030,4,active;review_litigation,0,0,0,,,,,',
      '',
    ]);
    expect(lines('cells.csv').map((line) => line.split(',').slice(0, 7).join(','))).toEqual([
      `\ufeff${CELL_COLUMNS.slice(0, 7).join(',')}`,
      '2023/a.pdf,requests,total,natural_person,,,empty',
      '2023/a.pdf,active,fees,amount_10k_yuan,25.1,251000元,number',
      '2023/a.pdf,requests,granted,total,12,12,ocr',
      '',
    ]);
    expect(lines('findings.csv')[0]).toBe(`\ufeff${FINDING_COLUMNS.join(',')}`);
    expect(lines('findings.csv')).toHaveLength(4);
  });

  it('write every report whole, one JSON line each in the order given, gzip-compressed, and say what they wrote', async () => {
    const out = temp();
    const json = new JsonLinesExport(out);
    await json.add(report());
    await json.add({ ...report(), file: 'b.html' });
    expect(await json.close()).toEqual([
      {
        name: 'reports-json',
        path: 'reports.jsonl.gz',
        format: 'jsonl',
        mediatype: 'application/jsonl+gzip',
        description:
          '每份报告一行 JSON（gzip 压缩）：各部分正文、每个数值及其出处、发现 / every report whole, one JSON object a line, gzip-compressed',
      },
    ]);
    const text = gunzipSync(readFileSync(join(out, 'reports.jsonl.gz'))).toString('utf8');
    expect(text).toBe(`${JSON.stringify(report())}\n${JSON.stringify({ ...report(), file: 'b.html' })}\n`);
  });
});
