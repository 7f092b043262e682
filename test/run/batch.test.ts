import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../fixtures/docx-builder.js';
import { hangingPdf } from '../fixtures/pdf-writer.js';
import {
  balancedReport,
  miscarriedYears,
  renderHtml,
  renderTabText,
  type ReportSpec,
} from '../fixtures/report-builder.js';
import { finishRun } from '../../src/run/export.js';
import { Store } from '../../src/store/store.js';
import { fixturePath, projectRoot } from '../helpers.js';
import { outputFiles as outputs } from '../helpers.js';

/** Bulk runs of the built command line (npm test builds dist/ first). */
const CLI = join(projectRoot, 'dist/src/cli.js');

function xxgk(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, 'extract', ...args, '--quiet'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`xxgk exited ${run.status}: ${run.stderr}`);
  return run;
}

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `xxgk-${prefix}-`));
const rows = (out: string, file: string) =>
  parse(readFileSync(join(out, file), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
const committedFiles = (db: string) => {
  if (!existsSync(db)) return 0;
  const connection = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return (connection.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    connection.close();
  }
};

/** Distinct reports (so none is skipped as a copy of another): web pages, text copies, Word files, PDFs. */
async function corpus(count: number): Promise<string> {
  const dir = temp('corpus');
  const pdf = readFileSync(fixturePath('report-31.pdf'));
  for (let i = 0; i < count; i++) {
    const spec = balancedReport(500 + i, { agency: `测试县第${i}局` });
    if (i % 3 === 0) writeFileSync(join(dir, `r${i}.pdf`), Buffer.concat([pdf, Buffer.from(`\n% ${i}\n`)]));
    else if (i % 3 === 1) writeFileSync(join(dir, `r${i}.docx`), await renderDocx(spec));
    else writeFileSync(join(dir, `r${i}.html`), renderHtml(spec, { wordMarkup: true }));
  }
  return dir;
}

describe('bulk ingest', () => {
  it('killed with SIGKILL mid-run, then run again, gives the same outputs as an uninterrupted run', async () => {
    const input = await corpus(45);
    const clean = temp('clean');
    xxgk(input, '--out', clean);

    const resumed = temp('resumed');
    const db = join(resumed, 'xxgk.db');
    const child = spawn(process.execPath, [CLI, 'extract', input, '--out', resumed, '--quiet'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    while (committedFiles(db) < 5) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await exited;
    const committed = committedFiles(db);
    expect(committed).toBeGreaterThanOrEqual(5);
    expect(committed).toBeLessThan(45);
    expect(existsSync(join(resumed, 'reports.csv'))).toBe(false);

    xxgk(input, '--out', resumed);
    expect(outputs(resumed)).toEqual(outputs(clean));
    expect(rows(resumed, 'reports.csv')).toHaveLength(45);
    // The Parquet files are compared too, byte for byte.
    expect(Object.keys(outputs(clean))).toEqual(expect.arrayContaining(['cells.parquet', 'dataset.parquet']));
  }, 180_000);

  it('writes the audit view in a worker thread beside the data files: every output the same as an export in one thread', async () => {
    const input = await corpus(9);
    const out = temp('threads');
    xxgk(input, '--out', out);
    const oneThread = temp('one-thread');
    const store = new Store(join(out, 'xxgk.db'));
    try {
      const names = new Database(join(out, 'xxgk.db'), { readonly: true })
        .prepare('SELECT name FROM run_files ORDER BY ord')
        .pluck()
        .all() as string[];
      await finishRun(store, names, oneThread);
    } finally {
      store.close();
    }
    expect(outputs(oneThread)).toEqual(outputs(out));
    expect(Object.keys(outputs(out))).toEqual(
      expect.arrayContaining([
        'index.html',
        'view/list.js',
        'view/meta.js',
        'view/reports/00000.js',
        'cells.csv',
        'datapackage.json',
      ]),
    );
  }, 60_000);

  it('stops a file that hangs the reader at the time limit, records it, and goes on; the file queued behind it is not charged for the wait', () => {
    const input = temp('hang');
    writeFileSync(join(input, 'a.html'), renderHtml(balancedReport(1)));
    writeFileSync(join(input, 'hang.pdf'), hangingPdf(4));
    writeFileSync(join(input, 'z.txt'), renderTabText(balancedReport(2, { agency: '另一局' })));
    const out = temp('hang-out');
    xxgk(input, '--out', out, '--timeout', '2', '--jobs', '1');
    expect(rows(out, 'reports.csv').map((r) => [r.file, r.status, r.reason])).toEqual([
      ['a.html', 'ok', ''],
      ['hang.pdf', 'failed', 'timeout: 读取 2 秒后停止'],
      ['z.txt', 'ok', ''],
    ]);
  });

  it('stops a reader that runs out of its memory limit, and the next file still gets a fresh worker', () => {
    const input = temp('memory');
    // A page whose one table has half a million cells: far more memory than any report needs.
    const row = `<tr>${'<td>1</td>'.repeat(250)}</tr>`;
    writeFileSync(
      join(input, 'a.html'),
      `<html><body><p>一、总体情况</p><table>${row.repeat(2000)}</table></body></html>`,
    );
    copyFileSync(fixturePath('report-31.pdf'), join(input, 'b.pdf'));
    const out = temp('memory-out');
    xxgk(input, '--out', out, '--max-memory', '96', '--jobs', '1');
    expect(rows(out, 'reports.csv').map((r) => [r.file, r.status, r.reason])).toEqual([
      ['a.html', 'failed', 'max_memory: 超出 96 MB 内存上限而停止（stopped at the 96 MB memory limit）'],
      ['b.pdf', 'ok', ''],
    ]);
  });

  it('recognises copies of one report: identical copies agree, an altered copy gets one conflicting_copies finding', async () => {
    const input = temp('copies');
    const spec = balancedReport(8);
    writeFileSync(join(input, 'page.html'), renderHtml(spec));
    copyFileSync(join(input, 'page.html'), join(input, 'page-again.html'));
    writeFileSync(join(input, 'copy.txt'), renderTabText(spec));
    const altered: ReportSpec = { ...spec, cells: { ...spec.cells, 'active:penalty:decisions': '999' } };
    writeFileSync(join(input, 'attachment.docx'), await renderDocx(altered));
    const out = temp('copies-out');
    xxgk(input, '--out', out);
    expect(rows(out, 'reports.csv').map((r) => r.file)).toEqual([
      'attachment.docx',
      'copy.txt',
      'page-again.html',
      'page.html',
    ]);
    const conflicts = rows(out, 'findings.csv').filter((f) => f.rule === 'conflicting_copies');
    expect(conflicts.map((f) => [f.file, f.cells])).toEqual([['attachment.docx', 'active:penalty:decisions']]);
    expect(rows(out, 'reports.csv').find((r) => r.file === 'attachment.docx')!.status).toBe('flagged');
  });

  it('checks carry-over across years for the same agency however its name is printed', () => {
    const input = temp('years');
    // One column carried over wrongly, the report still balanced in itself: only the rule across years fails.
    const { earlier, later } = miscarriedYears('郑州市中牟县财政局', '中牟县财政局');
    writeFileSync(join(input, '2022.html'), renderHtml(earlier));
    writeFileSync(join(input, '2023.html'), renderHtml(later));
    writeFileSync(join(input, '2023.txt'), renderTabText(later));
    const out = temp('years-out');
    xxgk(input, '--out', out);
    const carried = later.cells['requests:carried_over:natural_person']!;
    const forward = earlier.cells['requests:carried_forward:natural_person']!;
    const errors = rows(out, 'findings.csv').filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.file, f.rule, f.scope, f.expected, f.actual])).toEqual([
      ['2023.html', 'carry_continuity', 'natural_person', forward, carried],
      [
        '2023.html',
        'carry_continuity',
        'total',
        earlier.cells['requests:carried_forward:total'],
        later.cells['requests:carried_over:total'],
      ],
      ['2023.txt', 'carry_continuity', 'natural_person', forward, carried],
      [
        '2023.txt',
        'carry_continuity',
        'total',
        earlier.cells['requests:carried_forward:total'],
        later.cells['requests:carried_over:total'],
      ],
    ]);
  });

  it('a rerun reads only new files and files edited in place (same name and size, new modification time); --force reads every file again', () => {
    const input = temp('rerun');
    const spec = balancedReport(40);
    const page = join(input, 'a.html');
    writeFileSync(page, renderHtml(spec));
    writeFileSync(join(input, 'c.html'), renderHtml(balancedReport(44, { agency: '丙局' })));
    const out = temp('rerun-out');
    xxgk(input, '--out', out, '--jobs', '1');
    // What the store keeps for c.html, as an older reader had read it: kept by a rerun, replaced with --force.
    const db = new Database(join(out, 'xxgk.db'));
    db.prepare(
      `UPDATE contents SET agency = '旧读法' WHERE id = (SELECT content_id FROM files WHERE name = 'c.html')`,
    ).run();
    db.close();
    // a.html edited in place: one digit changed, the same size, a new modification time; b.html added.
    const edited = {
      ...spec,
      cells: {
        ...spec.cells,
        'requests:granted:natural_person': String((Number(spec.cells['requests:granted:natural_person']) + 1) % 10),
      },
    };
    writeFileSync(page, renderHtml(edited));
    expect(statSync(page).size).toBe(Buffer.byteLength(renderHtml(spec)));
    utimesSync(page, new Date(), new Date(Date.now() + 5000));
    writeFileSync(join(input, 'b.html'), renderHtml(balancedReport(41, { agency: '新增局' })));
    xxgk(input, '--out', out, '--jobs', '1');
    const granted = () =>
      rows(out, 'cells.csv').find((c) => c.file === 'a.html' && c.row === 'granted' && c.column === 'natural_person')!
        .value;
    expect(granted()).toBe(edited.cells['requests:granted:natural_person']);
    expect(rows(out, 'reports.csv').map((r) => [r.file, r.agency])).toEqual([
      ['a.html', spec.agency],
      ['b.html', '新增局'],
      ['c.html', '旧读法'],
    ]);
    xxgk(input, '--out', out, '--jobs', '1', '--force');
    expect(rows(out, 'reports.csv').map((r) => [r.file, r.agency])).toEqual([
      ['a.html', spec.agency],
      ['b.html', '新增局'],
      ['c.html', '丙局'],
    ]);
  });

  it('accounts for every input: empty, binary, broken links and non-reports each get one row with a status', () => {
    const input = temp('accounting');
    writeFileSync(join(input, 'report.html'), renderHtml(balancedReport(50)));
    writeFileSync(join(input, 'empty.pdf'), '');
    writeFileSync(join(input, 'noise.bin'), Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 37) % 256)));
    writeFileSync(join(input, 'notes.txt'), '会议纪要：讨论网站改版。');
    mkdirSync(join(input, 'sub'));
    symlinkSync(join(input, 'gone.html'), join(input, 'sub', 'link.html'));
    const out = temp('accounting-out');
    const run = xxgk(input, '--out', out);
    expect(rows(out, 'reports.csv').map((r) => [r.file, r.status, (r.reason ?? '').split(':')[0]])).toEqual([
      ['empty.pdf', 'failed', 'empty'],
      ['noise.bin', 'failed', 'binary'],
      ['notes.txt', 'not_a_report', '没有找到报告标题、章节标题或模板表格'],
      ['report.html', 'ok', ''],
      ['sub/link.html', 'failed', 'unreadable'],
    ]);
    expect(run.stdout).toMatch(/^报告 5 份（无法读取 3，非年度报告 1，正常 1）；有问题 0 份；无法读取 3 份/);
  });

  it('files a browser saved with a web page are part of that page: attached, never read as reports or failed', () => {
    const input = temp('attached');
    writeFileSync(join(input, 'page.html'), renderHtml(balancedReport(70)));
    mkdirSync(join(input, 'page_files'));
    writeFileSync(join(input, 'page_files', 'table1.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    writeFileSync(join(input, 'page_files', 'style.css'), 'p { margin: 0 }');
    // A folder named like a page's resources, but with no such page among the inputs, is read as usual.
    mkdirSync(join(input, 'other_files'));
    writeFileSync(join(input, 'other_files', 'notes.txt'), '会议纪要：讨论网站改版。');
    const out = temp('attached-out');
    const run = xxgk(input, '--out', out);
    expect(rows(out, 'reports.csv').map((r) => [r.file, r.status, r.reason])).toEqual([
      ['other_files/notes.txt', 'not_a_report', '没有找到报告标题、章节标题或模板表格'],
      ['page.html', 'ok', ''],
      ['page_files/style.css', 'attached', '随 page.html 保存的文件：作为该网页的一部分读取，不单独作为报告'],
      ['page_files/table1.png', 'attached', '随 page.html 保存的文件：作为该网页的一部分读取，不单独作为报告'],
    ]);
    expect(run.stdout).toMatch(/^报告 4 份（网页附件 2，非年度报告 1，正常 1）；有问题 0 份；无法读取 0 份/);
  });

  it('a web page is read again when a picture saved with it changes, though the page itself did not', () => {
    const input = temp('page-pictures');
    writeFileSync(
      join(input, 'page.html'),
      renderHtml(balancedReport(71)).replace('<body>', '<body><img src="page_files/table1.png">'),
    );
    mkdirSync(join(input, 'page_files'));
    const picture = join(input, 'page_files', 'table1.png');
    // A 16 × 16 icon (skipped before any OCR), later replaced by a picture declaring 100000 × 100000 pixels.
    const png = (side: number) => {
      const header = Buffer.alloc(96);
      Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(header);
      header.writeUInt32BE(side, 16);
      header.writeUInt32BE(side, 20);
      return header;
    };
    writeFileSync(picture, png(16));
    const out = temp('page-pictures-out');
    xxgk(input, '--out', out);
    const pictureWarnings = () =>
      rows(out, 'findings.csv')
        .filter((r) => r.file === 'page.html' && r.rule === 'picture')
        .map((r) => r.message);
    expect(pictureWarnings()).toEqual([]);
    writeFileSync(picture, png(100_000));
    xxgk(input, '--out', out);
    expect(pictureWarnings()).toEqual([
      'picture not read: page_files/table1.png is 100000 × 100000 pixels (10000 M); pictures above 40 M pixels are refused, as a decompression bomb could be',
    ]);
    expect(rows(out, 'reports.csv').map((r) => [r.file, r.status])).toEqual([
      ['page.html', 'ok'],
      ['page_files/table1.png', 'attached'],
    ]);
  });

  it('prints plain progress lines when its output is not a terminal', () => {
    const input = temp('progress');
    writeFileSync(join(input, 'a.html'), renderHtml(balancedReport(60)));
    const run = spawnSync(process.execPath, [CLI, 'extract', input, '--out', temp('progress-out')], {
      encoding: 'utf8',
    });
    expect(run.stderr).toMatch(/^progress: 1\/1 files, [\d.]+ files\/s, ETA 0 s, failed 0$/m);
  });
});
