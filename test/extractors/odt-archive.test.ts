import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { archiveEntries } from '../../extractors/archive/entries.js';
import { readDocument } from '../../extractors/index.js';
import { readOdt } from '../../extractors/odt/index.js';
import type { TableBlock } from '../../src/core/model/document.js';
import { renderDocx } from '../fixtures/docx-builder.js';
import { odtBytes, reportBlocks, zipBytes } from '../fixtures/office-builders.js';
import { balancedReport, expectedValues, renderTabText } from '../fixtures/report-builder.js';
import { extractText, flagsOf, projectRoot, wrongValues } from '../helpers.js';

const spec = balancedReport(5, { agency: '测试市统计局', year: 2022 });

describe('OpenDocument text reader', () => {
  it('paragraphs and tables with row and column spans: every printed cell read', async () => {
    const report = await extractText(await odtBytes(reportBlocks(spec)), 'report.odt');
    expect(report.reader).toBe('odt');
    expect(report.status).toBe('ok');
    expect(report.agency).toBe('测试市统计局');
    expect(wrongValues(report, expectedValues(spec))).toEqual([]);
    expect(flagsOf(report)).toEqual([]);
  });

  it('covered cells are the slots of a span, not cells of their own', async () => {
    const { value: document } = await readOdt(await odtBytes(reportBlocks(spec)));
    const source = reportBlocks(spec).filter((b): b is TableBlock => b.kind === 'table');
    const read = document.blocks.filter((b): b is TableBlock => b.kind === 'table');
    expect(read.map((t) => t.cells.length)).toEqual(source.map((t) => t.cells.length));
    expect(read.map((t) => t.grid)).toEqual(source.map((t) => t.grid));
  });

  it('a package without content.xml, and one whose content.xml is broken, fail with a reason', async () => {
    const zip = new JSZip();
    zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
    const empty = await zip.generateAsync({ type: 'nodebuffer' });
    await expect(readOdt(empty)).rejects.toMatchObject({ code: 'corrupt' });
    const report = await extractText((await odtBytes(reportBlocks(spec))).subarray(0, 500), 'cut.odt');
    expect(report.status).toBe('failed');
  });

  it('nesting 10⁵ deep is cut short with a warning, not a crash', async () => {
    const deep = `${'<text:span>'.repeat(100_000)}x${'</text:span>'.repeat(100_000)}`;
    const bytes = await odtBytes([{ kind: 'text', text: 'PLACEHOLDER' }]);
    const zip = await JSZip.loadAsync(bytes);
    const content = (await zip.file('content.xml')!.async('string'))
      .replace('PLACEHOLDER', '')
      .replace('<text:p></text:p>', `<text:p>${deep}</text:p>`);
    zip.file('content.xml', content);
    const read = await readOdt(await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }));
    expect(read.messages.map((m) => m.message).join(' ')).toContain('嵌套过深');
  });
});

describe('Archives: each file read as a file of the batch', () => {
  it('names in GBK (no UTF-8 flag) and in UTF-8 are decoded', async () => {
    const gbk = await archiveEntries(await zipBytes({ '说明.txt': 'x', '附件/报告.txt': 'y' }, 'gbk'));
    expect(gbk.map((e) => e.name)).toEqual(['说明.txt', '附件/报告.txt']);
    const utf8 = await archiveEntries(await zipBytes({ '说明.txt': 'x' }, 'utf8'));
    expect(utf8.map((e) => e.name)).toEqual(['说明.txt']);
  });

  it('an archive in an archive is opened; one nested deeper is refused with a reason', async () => {
    const inner = await zipBytes({ '报告.txt': 'y' });
    const middle = await zipBytes({ 'inner.zip': inner, 'a.txt': 'a' });
    const outer = await zipBytes({ 'middle.zip': middle });
    const entries = await archiveEntries(outer);
    expect(entries.map((e) => [e.name, e.refused?.code])).toEqual([
      ['middle.zip/inner.zip', 'too_large'],
      ['middle.zip/a.txt', undefined],
    ]);
  });

  it('a zip bomb and a zip of many entries are refused', async () => {
    const bomb = new JSZip();
    bomb.file('big.txt', Buffer.alloc(50 * 1024 * 1024));
    const bytes = await bomb.generateAsync({
      type: 'nodebuffer',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
    });
    await expect(archiveEntries(bytes)).rejects.toMatchObject({ code: 'too_large' });
    const many = new JSZip();
    for (let i = 0; i < 2100; i++) many.file(`${i}.txt`, '');
    await expect(archiveEntries(await many.generateAsync({ type: 'nodebuffer' }))).rejects.toMatchObject({
      code: 'too_large',
    });
    const read = await readDocument(bytes, { name: 'bomb.zip' }).catch((e: { code: string }) => e.code);
    expect(read).toBe('too_large');
  });

  it('a batch names each report archive.zip/entry; a rerun reads nothing again; a damaged archive is one failed row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-archive-'));
    const other = balancedReport(9, { agency: '测试县财政局', year: 2021 });
    writeFileSync(
      join(dir, '附件1.zip'),
      await zipBytes({
        '报告.docx': await renderDocx(spec),
        '说明/统计.txt': renderTabText(other),
        '__MACOSX/._x': 'junk',
      }),
    );
    writeFileSync(join(dir, '坏.zip'), (await zipBytes({ 'a.txt': 'x'.repeat(5000) })).subarray(0, 60));
    const out = join(mkdtempSync(join(tmpdir(), 'xxgk-archive-out-')), 'out');
    const cli = join(projectRoot, 'dist/src/cli.js');
    const run = () => spawnSync(process.execPath, [cli, 'extract', dir, '--out', out, '--quiet'], { encoding: 'utf8' });
    run();
    const rows = () =>
      parse(readFileSync(join(out, 'reports.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    const first = rows();
    expect(first.map((r) => [r.file, r.status])).toEqual([
      ['坏.zip', 'failed'],
      ['附件1.zip/报告.docx', 'ok'],
      ['附件1.zip/说明/统计.txt', 'ok'],
    ]);
    expect(first[0]!.reason).toMatch(/zip/);
    expect(first[1]!.agency).toBe('测试市统计局');
    run();
    expect(rows()).toEqual(first);
  });
});
