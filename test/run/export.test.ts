import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { auditAcrossFiles } from '../../src/audit/across/stage.js';
import { finishRun } from '../../src/run/export.js';
import { Store } from '../../src/store/store.js';
import type { Finding, Report } from '../../src/core/model/report.js';
import { errorFinding, storedReport } from '../fixtures/stored-report.js';

/**
 * The outputs of a run, exported from the store in this process: the rules across files are added to each report,
 * and an error among them flags a report that was ok or incomplete — never one that could not be read.
 */

const csv = (out: string, name: string) =>
  parse(readFileSync(join(out, name), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];

const tableMissing: Finding = {
  rule: 'table_missing',
  scope: 'review_litigation',
  severity: 'warning',
  expected: null,
  actual: null,
  message: 'review_litigation: no table',
  cells: [],
};

/** 甲局 2022 and 2023 (carried over wrongly in two columns, section 四 missing), a scan of the 2023 report that could not be
 * read in full, 乙局 2022 and 2023 (carried over right; documents in force do not follow: a warning), 丙局 flagged on its own,
 * two copies of 丁局's report that disagree (the second by name is flagged). */
function reports(): Report[] {
  const a2023 = {
    'requests:carried_over:natural_person': 2,
    'requests:carried_over:total': 2,
    'active:regulations:in_force': 9,
    'active:regulations:issued': 2,
    'active:regulations:repealed': 1,
  };
  return [
    storedReport('a-2022.html', {
      agency: '郑州市中牟县财政局',
      year: 2022,
      cells: {
        'requests:carried_forward:natural_person': 3,
        'requests:carried_forward:total': 3,
        'active:regulations:in_force': 10,
      },
    }),
    storedReport('a-2023.html', {
      status: 'incomplete',
      reason: 'tables not found: review_litigation',
      agency: '中牟县财政局',
      cells: a2023,
      findings: [tableMissing],
    }),
    storedReport('a-2023-scan.pdf', {
      status: 'needs_ocr',
      reason: 'needs_ocr: no text layer on pages 2, 3',
      agency: '中牟县财政局',
      cells: a2023,
    }),
    storedReport('b-2022.html', {
      agency: '乙局',
      year: 2022,
      cells: { 'requests:carried_forward:total': 1, 'active:regulations:in_force': 5 },
    }),
    storedReport('b-2023.html', {
      agency: '乙局',
      cells: {
        'requests:carried_over:total': 1,
        'active:regulations:in_force': 6,
        'active:regulations:issued': 1,
        'active:regulations:repealed': 1,
      },
    }),
    storedReport('c-2023.html', {
      status: 'flagged',
      agency: '丙局',
      cells: { 'requests:total:total': 5 },
      findings: [errorFinding('outcome_sum', 'total', 5, 4, ['requests:total:total'])],
    }),
    storedReport('d1.html', { agency: '丁局', cells: { 'requests:total:total': 5 } }),
    storedReport('d2.html', { agency: '丁局', cells: { 'requests:total:total': 6 } }),
  ];
}

async function exportRun(options: { json?: boolean } = { json: true }) {
  const out = mkdtempSync(join(tmpdir(), 'xxgk-export-'));
  const store = new Store(join(out, 'xxgk.db'));
  try {
    reports().forEach((report, i) =>
      store.recordReport(
        { name: report.file, path: `/in/${report.file}`, size: 1, mtimeMs: 1, contentKey: `key-${i}`, ms: 1 },
        report,
      ),
    );
    const names = [
      'a-2022.html',
      'a-2023-scan.pdf',
      'a-2023.html',
      'b-2022.html',
      'b-2023.html',
      'c-2023.html',
      'd1.html',
      'd2.html',
      'not-ingested.html',
    ];
    return { out, summary: await finishRun(store, names, out, options) };
  } finally {
    store.close();
  }
}

describe('export with the rules across files', () => {
  it('an error across files flags an incomplete report; a warning leaves a report ok; an unread report keeps its status', async () => {
    const { out } = await exportRun();
    expect(csv(out, 'reports.csv').map((r) => [r.file, r.status, r.errors, r.warnings])).toEqual([
      ['a-2022.html', 'ok', '0', '0'],
      ['a-2023-scan.pdf', 'needs_ocr', '2', '1'],
      ['a-2023.html', 'flagged', '2', '2'],
      ['b-2022.html', 'ok', '0', '0'],
      ['b-2023.html', 'ok', '0', '1'],
      ['c-2023.html', 'flagged', '1', '0'],
      ['d1.html', 'ok', '0', '0'],
      ['d2.html', 'flagged', '1', '0'],
    ]);
  });

  it("adds the findings across files after the report's own, with the figures compared, to the CSV (errors first) and the JSON", async () => {
    const { out } = await exportRun();
    expect(
      csv(out, 'findings.csv')
        .filter((f) => f.file === 'a-2023.html')
        .map((f) => [f.rule, f.scope, f.severity, f.expected, f.actual]),
    ).toEqual([
      ['carry_continuity', 'natural_person', 'error', '3', '2'],
      ['carry_continuity', 'total', 'error', '3', '2'],
      ['table_missing', 'review_litigation', 'warning', '', ''],
      ['in_force_continuity', 'regulations', 'warning', '11', '9'],
    ]);
    const json = jsonReports(out).get('a-2023.html')!;
    expect([json.file, json.status, json.reason]).toEqual([
      'a-2023.html',
      'flagged',
      'tables not found: review_litigation',
    ]);
    expect(json.findings.map((f) => f.rule)).toEqual([
      'table_missing',
      'carry_continuity',
      'carry_continuity',
      'in_force_continuity',
    ]);
    // A report no rule across files concerns is exported as stored.
    expect(jsonReports(out).get('c-2023.html')).toEqual(reports()[5]);
  });

  it('leaves nothing of the findings across files beside the store once the export is done', async () => {
    const { out } = await exportRun();
    expect(readdirSync(out).filter((f) => f.startsWith('xxgk.db'))).toEqual(expect.arrayContaining(['xxgk.db']));
    expect(readdirSync(out).filter((f) => f.startsWith('xxgk.db-across'))).toEqual([]);
  });

  it('renders exactly the findings the audit across files recorded for the run, each on its own file', async () => {
    const { out } = await exportRun();
    const store = new Store(join(out, 'xxgk.db'));
    const across = auditAcrossFiles(store);
    try {
      const names = [
        'a-2022.html',
        'a-2023-scan.pdf',
        'a-2023.html',
        'b-2022.html',
        'b-2023.html',
        'c-2023.html',
        'd1.html',
        'd2.html',
      ];
      const db = new Database(across.path, { readonly: true });
      const rows = db.prepare('SELECT ord, finding FROM across_findings ORDER BY rowid').all() as {
        ord: number;
        finding: string;
      }[];
      db.close();
      const recorded = rows.map((r) => `${names[r.ord]} ${(JSON.parse(r.finding) as Finding).rule}`);
      expect(recorded.length).toBeGreaterThan(0);
      expect(recorded.sort()).toEqual(
        csv(out, 'findings.csv')
          .filter((f) => ['carry_continuity', 'in_force_continuity', 'conflicting_copies'].includes(f.rule!))
          .map((f) => `${f.file} ${f.rule}`)
          .sort(),
      );
    } finally {
      across.drop();
      store.close();
    }
  });

  it("gives the audit view each report's file as ingested", async () => {
    const { out } = await exportRun();
    const paths: (string | null)[] = [];
    runInNewContext(readFileSync(join(out, 'view', 'reports', '00000.js'), 'utf8'), {
      xxgkReports: (_: number, reports: XxgkView.ReportFile[]) => paths.push(...reports.map((r) => r.path)),
    });
    expect(paths).toEqual(
      reports()
        .map((r) => `/in/${r.file}`)
        .sort(),
    );
  });

  it('sums up the run: every exported file by status, and the flagged ones with their error rules', async () => {
    const { summary } = await exportRun();
    expect(summary).toEqual({
      total: 8,
      byStatus: { ok: 4, needs_ocr: 1, flagged: 3 },
      flagged: [
        { file: 'a-2023.html', rules: ['carry_continuity:natural_person', 'carry_continuity:total'] },
        { file: 'c-2023.html', rules: ['outcome_sum:total'] },
        { file: 'd2.html', rules: ['conflicting_copies:d1.html'] },
      ],
    });
  });

  it('writes every report whole (reports.jsonl.gz) only when asked to', async () => {
    expect(existsSync(join((await exportRun({})).out, 'reports.jsonl.gz'))).toBe(false);
    expect(jsonReports((await exportRun()).out).size).toBe(8);
  });

  it.skipIf(process.platform !== 'linux')('returns only once every output file is written and closed', async () => {
    const { out } = await exportRun();
    expect(openFiles(out)).toEqual([]);
  });
});

/** The reports written whole with --json (reports.jsonl.gz), by file. */
function jsonReports(out: string): Map<string, Report> {
  const lines = gunzipSync(readFileSync(join(out, 'reports.jsonl.gz')))
    .toString('utf8')
    .trimEnd()
    .split('\n');
  return new Map(lines.map((line) => JSON.parse(line) as Report).map((report) => [report.file, report]));
}

/** Files under `folder` this process holds open (Linux: /proc/self/fd). */
function openFiles(folder: string): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      return target.startsWith(folder) ? [target] : [];
    } catch {
      return [];
    }
  });
}
