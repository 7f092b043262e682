import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../extractors/index.js';
import { readSheet } from '../../extractors/sheet/index.js';
import type { TableBlock } from '../../src/core/model/document.js';
import { odtBytes, reportBlocks, reportSheet, workbookBytes, zipBytes } from '../fixtures/office-builders.js';
import { balancedReport, expectedValues, withBlankRows } from '../fixtures/report-builder.js';
import { extractText, flagsOf, wrongValues } from '../helpers.js';

const spec = balancedReport(7, { agency: '测试县审计局', year: 2023 });

describe('Spreadsheet reader: a report laid out in a workbook', () => {
  for (const bookType of ['xlsx', 'xls', 'ods'] as const) {
    it(`${bookType}: every printed cell read, the report complete and balanced`, async () => {
      const bytes = workbookBytes({ 报告: reportSheet(reportBlocks(spec), { numbers: bookType !== 'ods' }) }, bookType);
      const report = await extractText(bytes, `report.${bookType}`);
      expect(report.reader).toBe(bookType);
      expect(report.status).toBe('ok');
      expect(report.agency).toBe('测试县审计局');
      expect(wrongValues(report, expectedValues(spec))).toEqual([]);
      expect(report.cells.filter((c) => c.value !== null)).toHaveLength(
        [...expectedValues(spec).values()].filter((v) => v !== null).length,
      );
      expect(flagsOf(report)).toEqual([]);
    });
  }

  it('a label whose numbers are all blank stays a row of its table (held out of tuning: review row blank)', async () => {
    const blank = withBlankRows(balancedReport(11), ['review_litigation']);
    const report = await extractText(workbookBytes({ S: reportSheet(reportBlocks(blank)) }, 'xls'), 'r.xls');
    expect(wrongValues(report, expectedValues(blank))).toEqual([]);
    expect(report.status).not.toBe('failed');
  });

  it('merged cells become spans; paragraphs stay paragraphs', async () => {
    const { value: document } = await readSheet(workbookBytes({ S: reportSheet(reportBlocks(spec)) }, 'xlsx'), {
      name: 'r.xlsx',
    });
    const tables = document.blocks.filter((b): b is TableBlock => b.kind === 'table');
    expect(tables.length).toBeGreaterThanOrEqual(3);
    expect(tables.some((t) => t.cells.some((c) => c.colSpan > 1 || c.rowSpan > 1))).toBe(true);
    expect(document.blocks[0]).toMatchObject({ kind: 'text', text: expect.stringContaining('测试县审计局') });
  });

  it('hidden rows and sheets are named in a warning and still read', async () => {
    const sheet = reportSheet(reportBlocks(spec), { hiddenRows: [3] });
    const bytes = workbookBytes({ 报告: sheet, 备注: XLSX.utils.aoa_to_sheet([['备注']]) }, 'xlsx', ['备注']);
    const { messages: warnings, value: document } = await readSheet(bytes, { name: 'r.xlsx' });
    const texts = warnings.map((w) => w.message);
    expect(texts.some((t) => t.includes('隐藏行') && t.includes('4'))).toBe(true);
    expect(texts.some((t) => t.includes('“备注”为隐藏工作表'))).toBe(true);
    expect(document.blocks.some((b) => b.kind === 'text' && b.text === '备注')).toBe(true);
  });

  it('a formula with no stored result is unread, never taken for 0 nor recomputed', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['x', 'y'],
      [1, 2],
      ['合计', null],
    ]);
    sheet.B3 = { t: 'n', f: 'SUM(B1:B2)' } as XLSX.CellObject;
    const { value: document, messages: warnings } = await readSheet(workbookBytes({ S: sheet }, 'xlsx'), {
      name: 'r.xlsx',
    });
    const table = document.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    const total = table.cells.find((c) => c.row === 2 && c.col === 1)!;
    expect(Number.isNaN(Number(total.text))).toBe(true);
    expect(warnings.some((w) => w.message.includes('公式未保存计算结果'))).toBe(true);
  });

  it('cells as displayed: 1.50 keeps its text, a date its format', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['金额', '日期'],
      [1.5, 45000],
    ]);
    sheet.A2!.z = '0.00';
    sheet.B2!.z = 'yyyy-mm-dd';
    delete sheet.A2!.w;
    delete sheet.B2!.w;
    const { value: document } = await readSheet(workbookBytes({ S: sheet }, 'xlsx'), { name: 'r.xlsx' });
    const table = document.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    expect(table.cells.filter((c) => c.row === 1).map((c) => c.text)).toEqual(['1.50', '2023-03-15']);
  });

  it('a workbook of the tables only takes agency and year from its file name, else says it lacks them', async () => {
    const bytes = workbookBytes({ S: reportSheet(reportBlocks(spec), { tablesOnly: true }) }, 'xlsx');
    const named = await extractText(bytes, '测试县审计局2023年政府信息公开工作年度报告.xlsx');
    expect(named.agency).toBe('测试县审计局');
    expect(named.year).toBe(2023);
    expect(wrongValues(named, expectedValues(spec))).toEqual([]);
    const unnamed = await extractText(bytes, '附件2.xlsx');
    expect(unnamed.agency).toBeNull();
    expect(unnamed.status).not.toBe('ok');
  });

  it('a spreadsheet named .doc is read by its bytes, with a warning', async () => {
    const bytes = workbookBytes({ S: reportSheet(reportBlocks(spec)) }, 'xls');
    const read = await readDocument(bytes, { name: '报告.doc' });
    expect(read.reader).toBe('xls');
    expect(read.messages[0]?.message).toContain('named .doc');
  });
});

describe('Spreadsheet reader: bad input refused in bounded time with a reason', () => {
  it('a sheet of a million rows', async () => {
    const sheet: XLSX.WorkSheet = { '!ref': 'A1:A1000000', A1: { t: 's', v: 'x' }, A1000000: { t: 'n', v: 1 } };
    const bytes = workbookBytes({ S: sheet }, 'xlsx');
    const started = Date.now();
    await expect(readSheet(bytes, { name: 'big.xlsx' })).rejects.toMatchObject({ code: 'too_large' });
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a bomb of shared strings', async () => {
    const zip = await import('jszip');
    const book = new zip.default();
    book.file('[Content_Types].xml', '<Types/>');
    book.file('xl/workbook.xml', '<workbook/>');
    book.file('xl/sharedStrings.xml', `<sst>${'<si><t>报告</t></si>'.repeat(400_000)}</sst>`);
    const bytes = await book.generateAsync({
      type: 'nodebuffer',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
    });
    await expect(readDocument(bytes, { name: 'bomb.xlsx' })).rejects.toMatchObject({ code: 'too_large' });
  });

  it('a damaged workbook', async () => {
    const bytes = workbookBytes({ S: reportSheet(reportBlocks(spec)) }, 'xls');
    const report = await extractText(bytes.subarray(0, 2000), 'cut.xls');
    expect(report.status).toBe('failed');
    expect(report.reason).toBeTruthy();
  });
});

describe('Format detection by bytes', () => {
  it('zip containers by their entries, OLE by its streams, RTF and MIME by their first bytes', async () => {
    const blocks = reportBlocks(spec);
    const reader = async (bytes: Uint8Array, name: string) =>
      (await readDocument(bytes, { name }).catch((e: Error) => e)) as { reader?: string; message?: string };
    expect((await reader(workbookBytes({ S: reportSheet(blocks) }, 'ods'), 'a.bin')).reader).toBe('ods');
    expect((await reader(await odtBytes(blocks), 'a.bin')).reader).toBe('odt');
    // RTF named .doc is read as RTF; a MIME file and an OFD container are handed to their readers, which say what
    // these empty ones lack.
    expect((await reader(Buffer.from('{\\rtf1\\ansi\\ansicpg936 hello}'), 'a.doc')).reader).toBe('rtf');
    const mime = 'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n';
    expect((await reader(Buffer.from(mime), 'a.mht')).message).toContain('MHT');
    expect((await reader(await zipBytes({ 'OFD.xml': '<ofd:OFD/>' }), 'a.ofd')).message).toContain('OFD 文件');
    expect((await reader(await zipBytes({ '报告.txt': 'x' }), 'a.zip')).message).toContain('zip');
    expect((await reader(Buffer.from('Rar!\x1a\x07\x01\x00rest', 'latin1'), 'a.rar')).message).toContain('解压');
  });
});

describe('Spreadsheet reader: a workbook saved beside its web page', () => {
  it('takes agency and year from the page of the same stem', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { extractFromBytes } = await import('../../src/pipeline/extract.js');
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-sheet-page-'));
    const bytes = workbookBytes({ S: reportSheet(reportBlocks(spec), { tablesOnly: true }) }, 'xls');
    writeFileSync(join(dir, 'content_123.xls'), bytes);
    writeFileSync(
      join(dir, 'content_123.html'),
      '<html><head><title>测试县审计局2023年政府信息公开工作年度报告</title></head><body>见附件</body></html>',
    );
    const report = await extractFromBytes(bytes, 'content_123.xls', join(dir, 'content_123.xls'));
    expect(report.agency).toBe('测试县审计局');
    expect(report.year).toBe(2023);
  });
});
