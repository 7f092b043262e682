import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { balancedReport, renderTabText } from '../fixtures/report-builder.js';
import { extractInProcess } from '../fixtures/ingest.js';
import {
  LEGACY_VARIANTS,
  legacyHtml,
  legacyReport,
  legacyText,
  type LegacyReportSpec,
} from '../fixtures/legacy-reports.js';

/**
 * The panel across all years from a batch of one agency's reports: legacy forms A (2012), C (2008), D (2016, two
 * copies that disagree on one number) and a 2021 template report; another agency's 2015 form B.
 */

type Row = Record<string, string>;
const AGENCY = '福建省平潭县人民政府';
const variant = (name: string) => LEGACY_VARIANTS.find((v) => v.name === name)!;

describe('panel.csv and panel.parquet', () => {
  let out: string;
  let specs: Record<string, LegacyReportSpec>;
  let panel: Row[];

  beforeAll(async () => {
    const input = mkdtempSync(join(tmpdir(), 'xxgk-panel-'));
    specs = {
      a: legacyReport(variant('A'), 21, AGENCY, 2012),
      c: legacyReport(variant('C'), 22, AGENCY, 2008),
      d: legacyReport(variant('D'), 23, AGENCY, 2016),
      b: legacyReport(variant('B'), 24, '福建省平潭综合实验区管委会', 2015),
    };
    writeFileSync(join(input, 'a-2012.txt'), legacyText(specs.a!));
    writeFileSync(join(input, 'c-2008.html'), legacyHtml(specs.c!));
    writeFileSync(join(input, 'd-2016.txt'), legacyText(specs.d!));
    const copy = { ...specs.d!, values: new Map([...specs.d!.values].map(([key, values]) => [key, [...values]])) };
    copy.values.get('review')![0]! += 2;
    writeFileSync(join(input, 'd-2016-copy.html'), legacyHtml(copy));
    writeFileSync(join(input, 'b-2015.txt'), legacyText(specs.b!));
    writeFileSync(join(input, 't-2021.txt'), renderTabText(balancedReport(7, { agency: AGENCY, year: 2021 })));
    out = mkdtempSync(join(tmpdir(), 'xxgk-panel-out-'));
    await extractInProcess(input, out);
    panel = parse(readFileSync(join(out, 'panel.csv'), 'utf8'), { bom: true, columns: true }) as Row[];
  }, 180_000);

  const rowOf = (year: string) => panel.find((r) => r.year === year && r.agency === AGENCY)!;
  const year = (spec: LegacyReportSpec, key: string) => String(spec.values.get(key)![0]);

  it('one row per agency and year, years in order, copies merged', () => {
    expect(panel.map((r) => `${r.agency} ${r.year} ${r.format}`).sort()).toEqual([
      `${AGENCY} 2008 legacy`,
      `${AGENCY} 2012 legacy`,
      `${AGENCY} 2016 legacy`,
      `${AGENCY} 2021 2021`,
      '福建省平潭综合实验区管委会 2015 legacy',
    ]);
    const ours = panel.filter((r) => r.agency === AGENCY).map((r) => r.year);
    expect(ours).toEqual(['2008', '2012', '2016', '2021']);
    expect(rowOf('2016').files).toBe('d-2016-copy.html d-2016.txt');
  });

  it('legacy values come from the year column of their own keys; copies that disagree leave the value empty', () => {
    const a = rowOf('2012');
    expect([a.received, a.received_source, a.granted, a.refused, a.not_held, a.reviews, a.suits, a.fees]).toEqual([
      year(specs.a!, 'received'),
      'legacy:received:year',
      year(specs.a!, 'answered.granted'),
      year(specs.a!, 'answered.refused'),
      '',
      year(specs.a!, 'review'),
      year(specs.a!, 'litigation'),
      '',
    ]);
    const c = rowOf('2008');
    expect([c.received_source, c.not_held, c.not_held_source]).toEqual([
      'legacy:received:period',
      year(specs.c!, 'refused.not_held'),
      'legacy:refused.not_held:period',
    ]);
    // Form C prints fees in 元: the panel's fees are in 万元.
    expect(Number(c.fees)).toBeCloseTo(Number(year(specs.c!, 'fees')) / 10000, 8);
    const d = rowOf('2016');
    expect([d.not_held_source, d.reviews, d.conflicts, d.received]).toEqual([
      'legacy:answered.not_held:year',
      '',
      'reviews',
      year(specs.d!, 'received'),
    ]);
  });

  it('2021 values come from the template, with the cells added up named; fees are not measured there', () => {
    const t = rowOf('2021');
    expect(t.received_source).toBe('requests:new_received:total');
    expect(t.refused_source!.split('+')).toHaveLength(8);
    expect(t.suits_source).toBe(
      'review_litigation:litigation_direct:total+review_litigation:litigation_after_review:total',
    );
    expect([t.fees, t.fees_source]).toEqual(['', '']);
    expect(t.received).not.toBe('');
  });

  it('place columns come from the gazetteer and are empty where it knows no place', () => {
    expect(panel.every((r) => r.place_code === '' || /^\d{6}$/.test(r.place_code!))).toBe(true);
  });

  it('panel.parquet holds the rows of panel.csv', async () => {
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    const read = (await duck.runAndReadAll(`SELECT * FROM '${join(out, 'panel.parquet')}'`)).getRowObjectsJson();
    expect(read).toHaveLength(panel.length);
    const plain = (v: unknown) =>
      v === null ? '' : /^-?\d+\.\d+$/.test(String(v)) ? String(v).replace(/\.?0+$/, '') : String(v);
    read.forEach((row, i) => {
      for (const [name, value] of Object.entries(row)) expect(plain(value), name).toBe(panel[i]![name]);
    });
  });
});
