import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReadError } from '../../extractors/errors.js';
import { readDocument } from '../../extractors/index.js';
import { readRtf } from '../../extractors/rtf/index.js';
import type { Block, TableBlock } from '../../src/core/model/document.js';
import { balancedReport, expectedValues, withBlankRows } from '../fixtures/report-builder.js';
import { documentRtf, pictureRtf, reportRtf } from '../fixtures/rtf-writer.js';
import { extractText, fixturePath, valuesOf, wrongValues } from '../helpers.js';

const grids = (blocks: Block[]) =>
  blocks
    .filter((b): b is TableBlock => b.kind === 'table')
    .map((t) => t.grid.map((row) => row.map((i) => (i < 0 ? null : t.cells[i]!.text))));
const texts = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
const rtf = (body: string, header = '{\\rtf1\\ansi') => Buffer.from(`${header}${body}}`, 'latin1');

describe('RTF reader: whole reports', () => {
  // Seeds 1–3 were looked at while writing the reader; 41–43 never were.
  it.each([
    [1, { chinese: 'unicode' as const }],
    [2, { chinese: 'gbk' as const, markedHorizontalMerges: true }],
    [3, { chinese: 'unicode' as const, fields: true }],
    [41, { chinese: 'gbk' as const, fields: true }],
    [42, { chinese: 'unicode' as const, markedHorizontalMerges: true }],
  ])('reads every number of report %i as printed (%o)', async (seed, options) => {
    const spec = balancedReport(seed, seed % 2 ? {} : { activeVersion: '2019' });
    const report = await extractText(reportRtf(spec, options), `report-${seed}.rtf`);
    expect(report.status).toBe('ok');
    expect(wrongValues(report, expectedValues(spec))).toEqual([]);
    expect(valuesOf(report).size).toBe(expectedValues(spec).size);
  });

  it('a report with blank rows, saved as RTF but named .doc, is read by its bytes and says so', async () => {
    const spec = withBlankRows(balancedReport(43), ['review_litigation']);
    const report = await extractText(reportRtf(spec, { chinese: 'gbk' }), 'report.doc');
    expect(report.reader).toBe('rtf');
    expect(wrongValues(report, expectedValues(spec))).toEqual([]);
  });
});

describe('RTF reader: what the file says and how', () => {
  it('reads GBK bytes (\\ansicpg936, a font’s charset), \\uN with its fallback skipped (\\uc)', async () => {
    const body =
      "\\pard \\'d6\\'d0\\'ce\\'c4\\par \\pard {\\uc2\\u24180\\'c4\\'ea\\u25253??}\\par" +
      " {\\fonttbl{\\f1\\fcharset134 SimSun;}}\\pard\\f1 \\'b1\\'a8\\par \\pard \\u-10179?\\u-8694?\\par";
    const { value: document } = await readRtf(rtf(body, '{\\rtf1\\ansi\\ansicpg936'));
    expect(texts(document.blocks)).toEqual(['中文', '年报', '报', '😊']);
  });

  it('reads field results, not codes; skips fonts, styles, metadata, headers, optional destinations', async () => {
    const body =
      '{\\fonttbl{\\f0 Arial;}}{\\stylesheet{\\s1 Heading;}}{\\info{\\title T}}{\\header H\\par}' +
      '{\\*\\unknown junk}\\pard {\\field{\\*\\fldinst PAGE}{\\fldrslt 7}} pages\\par';
    const { value: document } = await readRtf(rtf(body));
    expect(texts(document.blocks)).toEqual(['7 pages']);
  });

  it('places cells by their \\cellx edges: wide cells span, \\clmgf/\\clmrg and \\clvmgf/\\clvmrg merge', async () => {
    const row = (defs: string, cells: string[]) =>
      `\\trowd${defs}${cells.map((c) => `\\pard\\intbl ${c}\\cell`).join('')}\\row`;
    const body =
      row('\\clvmgf\\cellx1000\\cellx3000', ['A', 'B']) +
      row('\\clvmrg\\cellx1000\\clmgf\\cellx2000\\clmrg\\cellx3000', ['', 'C', '']) +
      row('\\cellx1000\\cellx2000\\cellx3000', ['D', 'E', 'F']) +
      '\\pard after\\par';
    const { value: document } = await readRtf(rtf(body));
    expect(grids(document.blocks)).toEqual([
      [
        ['A', 'B', 'B'],
        ['A', 'C', 'C'],
        ['D', 'E', 'F'],
      ],
    ]);
    expect(texts(document.blocks)).toEqual(['after']);
  });

  it('reads a table’s paragraphs as the lines of the cell and bold paragraphs as emphasised', async () => {
    const body = '\\pard\\b Overview\\b0\\par\\trowd\\cellx2000\\pard\\intbl line one\\par line two\\cell\\row\\pard';
    const { value: document } = await readRtf(rtf(body));
    expect(document.blocks[0]).toMatchObject({ kind: 'text', text: 'Overview', emphasis: true });
    expect(grids(document.blocks)).toEqual([[['line one\nline two']]]);
  });

  it('hands PNG pictures to OCR where they stand, and skips the WMF stand-in', async () => {
    const png = readFileSync(fixturePath('ocr/table.png'));
    const { value: document, usedOcr } = await readRtf(
      documentRtf([{ kind: 'text', text: 'before' }], { before: pictureRtf(png) }),
    );
    expect(usedOcr).toBe(true);
    expect(document.blocks[0]!.kind).toBe('table');
    expect(texts(document.blocks)).toContain('before');
  }, 60_000);
});

describe('RTF reader: bad input', () => {
  it('refuses groups nested 10⁵ deep, quickly and with a reason', async () => {
    const deep = Buffer.from(`{\\rtf1${'{'.repeat(100_000)}x${'}'.repeat(100_000)}}`, 'latin1');
    const started = Date.now();
    const error = await readRtf(deep).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadError);
    expect(error).toMatchObject({ code: 'too_large', message: expect.stringContaining('嵌套') });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('never crashes on truncated or damaged files: what can be read is read', async () => {
    const whole = reportRtf(balancedReport(5), { chinese: 'gbk' });
    for (let cut = 7; cut < whole.length; cut += Math.floor(whole.length / 37)) {
      const { value: document } = await readDocument(whole.subarray(0, cut), { name: 'cut.rtf' });
      expect(Array.isArray(document.blocks)).toBe(true);
    }
    let seed = 9;
    const noisy = Buffer.from(whole);
    for (let k = 0; k < 400; k++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      noisy[seed % noisy.length] = "{}\\'0a9x".charCodeAt(seed % 8);
    }
    await expect(readDocument(noisy, { name: 'noisy.rtf' })).resolves.toHaveProperty('reader', 'rtf');
  });
});
