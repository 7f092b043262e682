import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { DATASET_CELLS } from '../../src/export/dataset.js';
import { balancedReport, renderHtml, renderTabText } from '../fixtures/report-builder.js';
import { fixturePath } from '../helpers.js';
import { extractInProcess } from '../fixtures/ingest.js';

/**
 * The Parquet files read back by DuckDB — a reader that shares nothing with the writer (parquet-wasm) — and compared
 * with the CSV files row by row, value by value.
 */

type Row = Record<string, string>;

const csv = (out: string, name: string) =>
  parse(readFileSync(join(out, name), 'utf8'), { bom: true, columns: true }) as Row[];

/** A DuckDB value as the CSV prints it: decimals without trailing zeros, nulls as ''. */
function plain(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /^-?\d+\.\d+$/.test(text) ? text.replace(/\.?0+$/, '') : text;
}

async function rows(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
}

async function types(connection: DuckDBConnection, file: string): Promise<Record<string, string>> {
  const described = await rows(connection, `DESCRIBE SELECT * FROM '${file}'`);
  return Object.fromEntries(described.map((r) => [r.column_name as string, r.column_type as string]));
}

describe('Parquet files', () => {
  let out: string;
  let duck: DuckDBConnection;
  const file = (name: string) => join(out, name);

  // Each test extracts afresh (beforeEach, not beforeAll): mutation testing credits a test only with the code run
  // while it runs, and the exporters are what these tests are about.
  beforeEach(async () => {
    const input = mkdtempSync(join(tmpdir(), 'xxgk-parquet-'));
    copyFileSync(fixturePath('report-31.pdf'), join(input, 'a.pdf'));
    // Amounts printed in 元 (converted to 万元 with up to 6 decimals), a negative change, placeholders, a flagged report.
    const spec = balancedReport(5, { agency: '河南省郑州市中牟县交通运输局', year: 2023 });
    spec.cells['active:fees:amount_10k_yuan'] = '1234567.89元';
    spec.cells['active:procurement:amount'] = '—';
    spec.cells['active:licensing:change'] = '-3';
    writeFileSync(join(input, 'b.html'), renderHtml(spec));
    const flagged = balancedReport(6, { agency: '中牟县交通运输局', year: 2022 });
    flagged.cells['requests:total:total'] = '999';
    writeFileSync(join(input, 'c.txt'), renderTabText(flagged));
    writeFileSync(join(input, 'empty.pdf'), '');
    out = mkdtempSync(join(tmpdir(), 'xxgk-parquet-out-'));
    await extractInProcess(input, out);
    duck = await (await DuckDBInstance.create(':memory:')).connect();
  }, 120_000);

  it('cells.parquet holds the rows of cells.csv, the box as four numbers, values as exact decimals', async () => {
    const expected = csv(out, 'cells.csv');
    const read = await rows(duck, `SELECT * FROM '${file('cells.parquet')}'`);
    expect(read).toHaveLength(expected.length);
    expect(expected.some((r) => r.box !== '')).toBe(true);
    expect(expected.some((r) => r.value!.includes('.'))).toBe(true);
    read.forEach((r, i) => {
      const box =
        r.box_x0 === null
          ? ''
          : [r.box_x0, r.box_y0, r.box_x1, r.box_y1].map((v) => (v as number).toFixed(1)).join(' ');
      const ocr = r.ocr_confidence === null ? '' : (r.ocr_confidence as number).toFixed(3);
      const columns = Object.keys(expected[0]!).filter((c) => c !== 'box' && c !== 'ocr_confidence');
      expect({ ...Object.fromEntries(columns.map((c) => [c, plain(r[c])])), box, ocr_confidence: ocr }).toEqual(
        expected[i],
      );
    });
    expect(await types(duck, file('cells.parquet'))).toMatchObject({
      file: 'VARCHAR',
      value: 'DECIMAL(38,8)',
      page: 'INTEGER',
      source_row: 'INTEGER',
      box_x0: 'DOUBLE',
    });
  });

  it('reports.parquet and findings.parquet hold the rows of reports.csv and findings.csv', async () => {
    for (const name of ['reports', 'findings']) {
      const expected = csv(out, `${name}.csv`);
      const read = await rows(duck, `SELECT * FROM '${file(`${name}.parquet`)}'`);
      expect(read.map((r) => Object.fromEntries(Object.keys(expected[0]!).map((c) => [c, plain(r[c])])))).toEqual(
        expected,
      );
    }
    expect(await types(duck, file('reports.parquet'))).toMatchObject({
      year: 'INTEGER',
      pages: 'INTEGER',
      cells: 'INTEGER',
      status: 'VARCHAR',
    });
    // And the agency as the rules across years match it, for checks over the outputs of several machines.
    expect(
      await rows(duck, `SELECT DISTINCT agency_key FROM '${file('reports.parquet')}' WHERE agency LIKE '%中牟县%'`),
    ).toEqual([{ agency_key: '中牟县交通运输局' }]);
    expect(await types(duck, file('findings.parquet'))).toMatchObject({
      expected: 'DECIMAL(38,8)',
      actual: 'DECIMAL(38,8)',
    });
  });

  it('dataset.parquet has one row per file and one typed column per template cell, the values of cells.csv', async () => {
    const cells = csv(out, 'cells.csv');
    const reports = csv(out, 'reports.csv');
    const read = await rows(duck, `SELECT * FROM '${file('dataset.parquet')}'`);
    expect(read.map((r) => [r.file, r.agency ?? '', plain(r.year), r.format_version ?? '', r.status])).toEqual(
      reports.map((r) => [r.file, r.agency, r.year, r.format_version, r.status]),
    );
    for (const row of read) {
      const printed = new Map(
        cells.filter((c) => c.file === row.file).map((c) => [`${c.table}.${c.row}.${c.column}`, c.value]),
      );
      for (const cell of DATASET_CELLS)
        expect([cell.name, plain(row[cell.name])]).toEqual([cell.name, printed.get(cell.name) ?? '']);
    }
    expect(await types(duck, file('dataset.parquet'))).toMatchObject({
      year: 'INTEGER',
      'requests.total.total': 'BIGINT',
      'active.fees.amount_10k_yuan': 'DECIMAL(38,8)',
      'active.licensing.change': 'BIGINT',
    });
  });

  it("datapackage.json describes each Parquet file column by column: names and types as DuckDB reads them, the CSV columns' descriptions", async () => {
    type Field = { name: string; type: string; description: string };
    type Resource = { name: string; path: string; format: string; schema?: { fields: Field[] } };
    const { resources } = JSON.parse(readFileSync(file('datapackage.json'), 'utf8')) as { resources: Resource[] };
    const parquet = resources.filter((r) => r.format === 'parquet');
    expect(parquet.map((r) => r.path).sort()).toEqual([
      'cells.parquet',
      'dataset.parquet',
      'findings.parquet',
      'panel.parquet',
      'reports.parquet',
    ]);
    const frictionless = (duck: string) =>
      /INT/.test(duck) ? 'integer' : /DECIMAL|DOUBLE/.test(duck) ? 'number' : duck === 'VARCHAR' ? 'string' : duck;
    for (const resource of parquet) {
      const read = await types(duck, file(resource.path));
      expect(
        resource.schema!.fields.map((f) => [f.name, f.type]),
        resource.path,
      ).toEqual(Object.entries(read).map(([name, type]) => [name, frictionless(type)]));
      const twin = resources.find((r) => r.path === resource.path.replace('.parquet', '.csv'))!;
      const described = new Map(twin.schema!.fields.map((f) => [f.name, f.description]));
      for (const field of resource.schema!.fields) {
        // Columns of their own here (cells.csv's box as four numbers, the agency key in reports), each described.
        if (described.has(field.name)) expect(field.description, field.name).toBe(described.get(field.name));
        else
          expect([field.name, field.description]).toEqual([
            expect.stringMatching(/^(box_[xy][01]|agency_key)$/),
            expect.stringMatching(/\p{Script=Han}.*[A-Za-z]{3}/u),
          ]);
      }
    }
  });

  it('strings are dictionary-encoded and the Arrow schema is kept, so pyarrow and R arrow read them as dictionaries', async () => {
    const encodings = await rows(
      duck,
      `SELECT path_in_schema, encodings, compression FROM parquet_metadata('${file('cells.parquet')}') WHERE path_in_schema IN ('file', 'label')`,
    );
    for (const column of encodings)
      expect(column).toMatchObject({ encodings: expect.stringContaining('RLE_DICTIONARY'), compression: 'ZSTD' });
    const metadata = await rows(duck, `SELECT decode(key) AS key FROM parquet_kv_metadata('${file('cells.parquet')}')`);
    expect(metadata.map((m) => m.key)).toContain('ARROW:schema');
  });
});
