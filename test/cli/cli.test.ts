import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/core/model/report.js';
import { balancedReport, renderHtml, renderTabText } from '../fixtures/report-builder.js';
import { projectRoot } from '../helpers.js';

/** The built command line, as a user runs it (npm test builds dist/ first). */
function xxgk(...args: string[]) {
  const run = spawnSync(process.execPath, [join(projectRoot, 'dist/src/cli.js'), ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function readCsv(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  return parse(text, { bom: true, columns: true });
}

/** A report whose 行政复议 总计 is printed as 99, not the sum of its four results. */
function unbalancedReport() {
  const unbalanced = balancedReport(2, { agency: '另一县审计局' });
  unbalanced.cells['review_litigation:review:total'] = '99';
  return unbalanced;
}

function sampleFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-cli-'));
  mkdirSync(join(dir, '2023'));
  writeFileSync(join(dir, '2023', 'ok.html'), renderHtml(balancedReport(1)));
  const unbalanced = unbalancedReport();
  writeFileSync(join(dir, '2023', 'flagged.txt'), renderTabText(unbalanced));
  writeFileSync(join(dir, 'empty.html'), '');
  writeFileSync(join(dir, 'notes.md'), '# 会议纪要\n\n今天讨论了网站改版。');
  return dir;
}

describe('xxgk extract', () => {
  it('writes the three CSVs and the same as Parquet, listing every input once with its status', () => {
    const input = sampleFolder();
    const out = join(input, '..', `${input.split('/').pop()}-out`);
    const run = xxgk('extract', input, '--out', out, '--quiet');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/报告 4 份.*；有问题 1 份；无法读取 1 份/);
    expect(run.stdout).toMatch(/有问题 2023\/flagged.txt: review_litigation_sum:review/);

    const reports = readCsv(join(out, 'reports.csv'));
    expect(reports.map((r) => [r.file, r.status])).toEqual([
      ['2023/flagged.txt', 'flagged'],
      ['2023/ok.html', 'ok'],
      ['empty.html', 'failed'],
      ['notes.md', 'not_a_report'],
    ]);
    expect(Object.keys(reports[0]!).slice(0, 5)).toEqual(['file', 'status', 'format_version', 'agency', 'year']);
    expect(reports[1]).toMatchObject({
      agency: '示例县市场监督管理局',
      year: '2023',
      format_version: '2021',
      cells: '200',
    });

    const cells = readCsv(join(out, 'cells.csv'));
    expect(Object.keys(cells[0]!).slice(0, 6)).toEqual(['file', 'table', 'row', 'column', 'value', 'raw']);
    expect(cells.filter((c) => c.file === '2023/ok.html')).toHaveLength(200);

    const findings = readCsv(join(out, 'findings.csv'));
    expect(Object.keys(findings[0]!)).toEqual([
      ...['file', 'rule', 'scope', 'severity', 'expected', 'actual', 'message', 'cells'],
      ...['page', 'table_label', 'row_label', 'column_label', 'source_table', 'source_row', 'source_col'],
    ]);
    const results = ['upheld', 'corrected', 'other', 'pending'].map((column) =>
      Number(unbalancedReport().cells[`review_litigation:review:${column}`]),
    );
    expect(
      findings
        .filter((f) => f.severity === 'error')
        .map((f) => [f.file, f.rule, f.scope, f.expected, f.actual, f.cells]),
    ).toEqual([
      [
        '2023/flagged.txt',
        'review_litigation_sum',
        'review',
        '99',
        String(results.reduce((a, b) => a + b, 0)),
        'review_litigation:review:total review_litigation:review:upheld review_litigation:review:corrected review_litigation:review:other review_litigation:review:pending',
      ],
    ]);
    expect(Number(findings.find((f) => f.severity === 'error')!.actual)).not.toBe(99);

    expect(readdirSync(out).sort()).toEqual([
      'cells.csv',
      'cells.parquet',
      'datapackage.json',
      'dataset.csv',
      'dataset.parquet',
      'findings.csv',
      'findings.parquet',
      'index.html',
      'panel.csv',
      'panel.parquet',
      'reports.csv',
      'reports.parquet',
      'view',
      'xxgk.db',
    ]);
  });

  it('with --json, also writes every report whole to one compressed JSON Lines file, in the order of reports.csv', () => {
    const input = sampleFolder();
    const out = join(input, '..', `${input.split('/').pop()}-json`);
    expect(xxgk('extract', input, '--out', out, '--quiet', '--json').code).toBe(0);
    const lines = gunzipSync(readFileSync(join(out, 'reports.jsonl.gz')))
      .toString('utf8')
      .trimEnd()
      .split('\n');
    const reports = lines.map((line) => reportSchema.parse(JSON.parse(line)));
    expect(reports.map((r) => r.file)).toEqual(readCsv(join(out, 'reports.csv')).map((r) => r.file));
    const ok = reports.find((r) => r.file === '2023/ok.html')!;
    expect(ok.cells).toHaveLength(200);
    expect(ok.cells[0]!.source.label).not.toBe('');
    expect(ok.sections.map((s) => s.key)).toContain('overview');
    expect(reports.find((r) => r.file === '2023/flagged.txt')!.findings.map((f) => f.rule)).toContain(
      'review_litigation_sum',
    );
  });

  it('exits 2 with a clear message for a missing input', () => {
    const run = xxgk('extract', '/no/such/folder', '--out', mkdtempSync(join(tmpdir(), 'xxgk-')));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no such file or folder: \/no\/such\/folder/);
  });

  it('exits 2 for a usage error and 0 for --help', () => {
    expect(xxgk('extract').code).toBe(2);
    expect(xxgk('extract', '--bogus', 'x').code).toBe(2);
    const help = xxgk('extract', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--out <dir>/);
  });
});
