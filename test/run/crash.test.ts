import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { balancedReport, renderHtml, renderTabText } from '../fixtures/report-builder.js';
import { greyPng, poisonPngs } from '../fixtures/poison-pictures.js';
import { fixturePath, projectRoot } from '../helpers.js';
import { hangingPdf } from '../fixtures/pdf-writer.js';

/** Poison pictures through the built command line: one bad file never takes the batch down, nor the next one. */
const CLI = join(projectRoot, 'dist/src/cli.js');

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `xxgk-${prefix}-`));
const rows = (out: string) =>
  (parse(readFileSync(join(out, 'reports.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[]).map(
    (r) => [r.file, r.status, r.reason],
  );

function xxgk(input: string, out: string, env: Record<string, string> = {}, extra: string[] = []) {
  return spawnSync(process.execPath, [CLI, 'extract', input, '--out', out, '--quiet', '--jobs', '1', ...extra], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}

function batchWithPoison(): string {
  const input = temp('poison');
  writeFileSync(join(input, 'a.html'), renderHtml(balancedReport(1)));
  writeFileSync(join(input, 'm-poison.png'), poisonPngs()['colour-type-5']!);
  writeFileSync(join(input, 'z.txt'), renderTabText(balancedReport(2, { agency: '另一局' })));
  return input;
}

describe('a picture that crashes the native decoder', () => {
  it('is refused as corrupt before the decoder sees it: the batch exits 0 with every file one row', () => {
    const input = temp('poisons');
    for (const [name, png] of Object.entries(poisonPngs())) writeFileSync(join(input, `${name}.png`), png);
    writeFileSync(join(input, 'good.png'), greyPng());
    writeFileSync(join(input, 'report.html'), renderHtml(balancedReport(3)));
    const out = temp('poisons-out');
    const run = xxgk(input, out);
    expect(run.status).toBe(0);
    const statuses = rows(out).map(([file, status, reason]) => [file, status, reason!.split(':')[0]]);
    expect(statuses).toEqual([
      ['bad-ihdr-crc.png', 'failed', 'corrupt'],
      ['bit-depth-3.png', 'failed', 'corrupt'],
      ['colour-type-5.png', 'failed', 'corrupt'],
      // Whole, it is decoded and read: a square holds no text (blank), but nothing refused it.
      ['good.png', 'failed', 'blank'],
      ['interlace-2.png', 'failed', 'corrupt'],
      ['report.html', 'ok', ''],
    ]);
  }, 120_000);

  it('unchecked, kills the run once; the next run records it as crashed, reads the rest exactly, and so does the one after', () => {
    const input = batchWithPoison();
    const out = temp('poison-out');
    // The check turned off: Skia meets the malformed header, and the process dies of a real segfault.
    const unchecked = { XXGK_UNCHECKED_PICTURES: '1' };
    const first = xxgk(input, out, unchecked);
    expect(first.signal ?? first.status).toMatch(/SIGSEGV|139/);
    for (let rerun = 0; rerun < 2; rerun++) {
      const next = xxgk(input, out, unchecked);
      expect(next.status, next.stderr).toBe(0);
      expect(rows(out)).toEqual([
        ['a.html', 'ok', ''],
        [
          'm-poison.png',
          'failed',
          'crashed: 读取此文件时进程崩溃（SIGSEGV）（the process reading this file died (SIGSEGV)）',
        ],
        ['z.txt', 'ok', ''],
      ]);
    }
    // A crash depends on the run: checked again, the same file is read again and refused for what it is.
    expect(xxgk(input, out).status).toBe(0);
    expect(rows(out)[1]!.slice(0, 2)).toEqual(['m-poison.png', 'failed']);
    expect(rows(out)[1]![2]).toMatch(/^corrupt: m-poison\.png: PNG 文件头的颜色类型 5/);
  }, 180_000);
});

describe('every path to a picture meets the check', () => {
  it("a data: picture in a page, a saved page's picture and a Word picture: the batch exits 0, one row each", async () => {
    const input = temp('paths');
    const poison = poisonPngs()['bad-ihdr-crc']!;
    const page = renderHtml(balancedReport(5)).replace(
      '</body>',
      `<img src="data:image/png;base64,${poison.toString('base64')}"></body>`,
    );
    writeFileSync(join(input, 'data.html'), page);
    cpSync(fixturePath('saved-page'), join(input, 'saved'), { recursive: true });
    writeFileSync(join(input, 'saved/report_files/table1.png'), poison);
    const zip = await JSZip.loadAsync(readFileSync(fixturePath('report-33-pictures.docx')));
    for (const name of Object.keys(zip.files)) if (name.startsWith('word/media/')) zip.file(name, poison);
    writeFileSync(join(input, 'word.docx'), await zip.generateAsync({ type: 'nodebuffer' }));
    const out = temp('paths-out');
    const run = xxgk(input, out, { XXGK_UNCHECKED_PICTURES: '' });
    expect(run.status, run.stderr).toBe(0);
    const files = rows(out).map(([file]) => file);
    expect(files).toEqual(expect.arrayContaining(['data.html', 'saved/report.html', 'word.docx']));
    expect(rows(out).find(([file]) => file === 'data.html')![1]).toBe('ok');
  }, 180_000);
});

describe('limits belong to the run', () => {
  it('a file stopped at the time limit is read again by the next run; a corrupt one is not', () => {
    const input = temp('limits');
    writeFileSync(join(input, 'hang.pdf'), hangingPdf(4));
    writeFileSync(join(input, 'poison.png'), poisonPngs()['interlace-2']!);
    const out = temp('limits-out');
    // Limits of several seconds: a fresh worker's start-up counts against the first file's limit.
    expect(xxgk(input, out, {}, ['--timeout', '5']).status).toBe(0);
    expect(rows(out)[0]).toEqual(['hang.pdf', 'failed', 'timeout: 读取 5 秒后停止']);
    expect(rows(out)[1]![2]).toMatch(/^corrupt:/);
    const readAt = () =>
      new Database(join(out, 'xxgk.db'), { readonly: true })
        .prepare('SELECT name, ingested_at FROM files ORDER BY name')
        .all();
    const before = readAt();
    expect(xxgk(input, out, {}, ['--timeout', '6']).status).toBe(0);
    // Read again under the new limit (its reason names it); the corrupt picture was not read again.
    expect(rows(out)[0]).toEqual(['hang.pdf', 'failed', 'timeout: 读取 6 秒后停止']);
    const after = readAt();
    expect(after[1]).toEqual(before[1]);
    expect(after[0]).not.toEqual(before[0]);
  }, 120_000);
});
