import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { DATASET_COLUMNS } from '../../src/export/dataset.js';
import { mixedBatch } from '../fixtures/mixed-batch.js';

import { extractInProcess } from '../fixtures/ingest.js';

/** dataset.csv and datapackage.json after `xxgk extract` on a mixed folder (web pages, PDFs, Word files, text copies). */

type Rows = Record<string, string>[];

interface Field {
  name: string;
  type: string;
  description: string;
  constraints?: { required?: boolean; enum?: string[] };
}
interface Resource {
  name: string;
  path: string;
  format: string;
  profile?: string;
  encoding?: string;
  dialect?: { delimiter: string; lineTerminator: string };
  schema?: { fields: Field[]; primaryKey?: string[]; missingValues: string[] };
}

describe('datasets for analysts', () => {
  let out: string;
  const csv = (file: string): Rows => parse(readFileSync(join(out, file), 'utf8'), { bom: true, columns: true });

  // Each test extracts afresh (beforeEach, not beforeAll): mutation testing credits a test only with the code run
  // while it runs, and the exporters are what these tests are about.
  beforeEach(async () => {
    const input = await mixedBatch();
    out = mkdtempSync(join(tmpdir(), 'xxgk-datasets-'));
    await extractInProcess(input, out);
  }, 180_000);

  it('dataset.csv has one row per input file and agrees with cells.csv on every cell', () => {
    const reports = csv('reports.csv');
    const dataset = csv('dataset.csv');
    const cells = csv('cells.csv');
    expect(Object.keys(dataset[0]!)).toEqual(DATASET_COLUMNS);
    expect(dataset.map((r) => [r.file, r.agency, r.year, r.format_version, r.status])).toEqual(
      reports.map((r) => [r.file, r.agency, r.year, r.format_version, r.status]),
    );
    const byFile = new Map(dataset.map((r) => [r.file!, r]));
    for (const cell of cells)
      expect(
        byFile.get(cell.file!)![`${cell.table}.${cell.row}.${cell.column}`],
        `${cell.file} ${cell.table}.${cell.row}.${cell.column}`,
      ).toBe(cell.value);
    // Nothing in the dataset that cells.csv does not hold.
    const printed = new Set(cells.map((c) => `${c.file} ${c.table}.${c.row}.${c.column}`));
    const extra = dataset.flatMap((row) =>
      DATASET_COLUMNS.slice(5)
        .filter((name) => row[name] !== '' && !printed.has(`${row.file} ${name}`))
        .map((name) => `${row.file} ${name}`),
    );
    expect(extra).toEqual([]);
    expect(cells.length).toBeGreaterThan(1500);
  });

  it('datapackage.json describes every CSV written: each column by its header name, type and meaning in Chinese and English', () => {
    const descriptor = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8')) as {
      profile: string;
      resources: Resource[];
    };
    expect(descriptor.profile).toBe('data-package');
    const tabular = descriptor.resources.filter((r) => r.format === 'csv');
    expect(tabular.map((r) => r.path).sort()).toEqual([
      'cells.csv',
      'dataset.csv',
      'findings.csv',
      'panel.csv',
      'reports.csv',
    ]);
    for (const resource of descriptor.resources) expect(existsSync(join(out, resource.path)), resource.path).toBe(true);
    expect(descriptor.resources.map((r) => r.path)).toContain('index.html');
    for (const resource of tabular) {
      const text = readFileSync(join(out, resource.path), 'utf8');
      const header = parse(text, { bom: true, to: 1 })[0] as string[];
      expect(
        resource.schema!.fields.map((f) => f.name),
        resource.path,
      ).toEqual(header);
      expect(resource).toMatchObject({
        profile: 'tabular-data-resource',
        encoding: 'utf-8',
        dialect: { delimiter: ',', lineTerminator: '\r\n' },
      });
      expect(text.split('\n', 1)[0]!.endsWith('\r')).toBe(true);
      const rows = csv(resource.path);
      for (const field of resource.schema!.fields) {
        expect(field.description, `${resource.path} ${field.name}`).toMatch(/\p{Script=Han}/u);
        expect(field.description, `${resource.path} ${field.name}`).toMatch(/[A-Za-z]{3,}/);
        for (const row of rows)
          expect(conforms(row[field.name]!, field), `${resource.path} ${field.name} = "${row[field.name]}"`).toBe(true);
      }
      // A primary key (one column, or several together: the panel's agency and year) names each row once.
      const key = resource.schema!.primaryKey ?? [];
      if (key.length > 0) expect(new Set(rows.map((r) => key.map((k) => r[k]).join('\u0000'))).size).toBe(rows.length);
    }
    // Template cells carry the printed labels.
    const dataset = tabular.find((r) => r.path === 'dataset.csv')!;
    const granted = dataset.schema!.fields.find((f) => f.name === 'requests.granted.natural_person')!;
    expect(granted.description).toContain('三、收到和处理政府信息公开申请情况 › （一）予以公开 › 自然人');
    expect(granted.description).toContain('disclosed');
    expect(dataset.schema!.fields.find((f) => f.name === 'active.regulations.new_made')!.description).toContain(
      '2019 format only',
    );
  });
});

/** A CSV value against its Table Schema field: '' is a missing value; otherwise the type and constraints must hold. */
function conforms(value: string, field: Field): boolean {
  if (value === '') return !field.constraints?.required;
  if (field.constraints?.enum && !field.constraints.enum.includes(value)) return false;
  if (field.type === 'integer') return /^-?\d+$/.test(value);
  if (field.type === 'number') return /^-?\d+(\.\d+)?$/.test(value);
  return field.type === 'string';
}
