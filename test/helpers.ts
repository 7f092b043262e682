import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFromBytes } from '../src/pipeline/extract.js';
import type { Report } from '../src/core/model/report.js';
import { balancedReport, renderHtml, renderTabText } from './fixtures/report-builder.js';

export const projectRoot = fileURLToPath(new URL('..', import.meta.url));
export const corpusPath = (name: string) => `${projectRoot}corpus/${name}`;
export const fixturePath = (name: string) => `${projectRoot}test/fixtures/${name}`;

export async function extractText(content: string | Uint8Array, name: string): Promise<Report> {
  return extractFromBytes(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, name);
}

export async function extractCorpus(name: string): Promise<Report> {
  return extractFromBytes(readFileSync(corpusPath(name)), name);
}

/** `table:row:column` → value, for comparing with what a document printed. */
export function valuesOf(report: Report): Map<string, number | null> {
  return new Map(report.cells.map((c) => [`${c.table}:${c.row}:${c.column}`, c.value]));
}

/** Cells whose value is not the one printed (`key: got ≠ want`): for reports read only in part, what was read must be right. */
export function wrongValues(report: Report, printed: Map<string, number | null>): string[] {
  return [...valuesOf(report)]
    .filter(([key, value]) => printed.get(key) !== value)
    .map(([key, value]) => `${key}: ${value} ≠ ${printed.get(key)}`);
}

/** Error-level findings as `rule:scope`, sorted. */
export function flagsOf(report: Report): string[] {
  return report.findings
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.rule}:${f.scope}`)
    .sort();
}

export function warningRules(report: Report): string[] {
  return [...new Set(report.findings.filter((f) => f.severity === 'warning').map((f) => f.rule))].sort();
}

export const APPLICANT_COLUMNS = [
  'natural_person',
  'commercial_enterprise',
  'research_institution',
  'social_welfare_org',
  'legal_service_org',
  'other_org',
  'total',
];
export const REVIEW_RESULTS = ['upheld', 'corrected', 'other', 'pending', 'total'];

/** One printed row of a table, as the values of the given columns (applicant columns by default). */
export function rowValues(
  values: Map<string, number | null>,
  table: string,
  key: string,
  columns = APPLICANT_COLUMNS,
): (number | null | undefined)[] {
  return columns.map((c) => values.get(`${table}:${key}:${c}`));
}

/** A new folder of three reports: a PDF (cells with pages and boxes), a web page, and a text copy of another report. */
export function mixedReportFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-reports-'));
  copyFileSync(fixturePath('report-31.pdf'), join(dir, 'a.pdf'));
  writeFileSync(join(dir, 'b.html'), renderHtml(balancedReport(3, { agency: '甲县财政局', year: 2022 })));
  writeFileSync(join(dir, 'c.txt'), renderTabText(balancedReport(4, { agency: '甲县财政局', year: 2023 })));
  return dir;
}

/** Every output file but the store, as bytes. */
export function outputFiles(out: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('xxgk.db')) continue;
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else files[`${prefix}${entry.name}`] = readFileSync(join(dir, entry.name));
    }
  };
  walk(out, '');
  return files;
}
