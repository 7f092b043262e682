import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../fixtures/docx-builder.js';
import {
  balancedReport,
  expectedValues,
  renderHtml,
  renderTabText,
  withBlankRows,
} from '../fixtures/report-builder.js';
import { extractText, fixturePath, flagsOf, valuesOf, warningRules } from '../helpers.js';

/**
 * Rows and tables printed with every cell blank (docs/spec/template.md "Blank and placeholder cells"): components 0
 * (kind=empty), totals not stated — read, not reported missing, in every form that keeps a blank cell.
 */
const blankReview = withBlankRows(balancedReport(51), ['review_litigation']);
const blankRow = withBlankRows(balancedReport(52), ['partially_granted']);

const forms: [string, (spec: typeof blankReview) => Promise<Uint8Array | string>, string][] = [
  ['a web page', async (spec) => renderHtml(spec), 'report.html'],
  [
    'a Word web page (&nbsp; in the empty cells)',
    async (spec) => renderHtml(spec, { wordMarkup: true }),
    'report.html',
  ],
  ['a Word file', (spec) => renderDocx(spec, { autoNumberedHeadings: true }), 'report.docx'],
  ['a tab-separated browser copy', async (spec) => renderTabText(spec), 'report.txt'],
];

describe('a section 四 printed with every cell blank', () => {
  it.each(forms)('in %s: a table of zeros with its totals not stated, not a missing table', async (_, render, name) => {
    const report = await extractText(await render(blankReview), name);
    expect(valuesOf(report)).toEqual(expectedValues(blankReview));
    const review = report.cells.filter((c) => c.table === 'review_litigation');
    expect(review.filter((c) => c.column !== 'total').every((c) => c.value === 0 && c.kind === 'empty')).toBe(true);
    expect(review.filter((c) => c.column === 'total').map((c) => c.value)).toEqual([null, null, null]);
    expect(report.status).toBe('ok');
    expect(flagsOf(report)).toEqual([]);
    expect(warningRules(report)).toContain('blank_total');
    expect(warningRules(report)).not.toContain('table_unreadable');
  });

  it('in a PDF printed from Word (ruled), with a blank row in section 三 as well', async () => {
    const spec = withBlankRows(balancedReport(51), ['review_litigation', 'partially_granted']);
    const report = await extractText(readFileSync(fixturePath('report-51-blank.pdf')), 'report-51-blank.pdf');
    expect(valuesOf(report)).toEqual(expectedValues(spec));
    expect(report.status).toBe('ok');
  });

  it('a section 四 whose row of numbers is missing altogether (only its header printed) is still unreadable, not zeros', async () => {
    const html = renderHtml(balancedReport(51)).replace(
      /(<table[^>]*>(?:(?!<\/table>)[\s\S])*?)<tr>(?:(?!<tr>)[\s\S])*?<\/tr><\/table>(?![\s\S]*<table)/,
      '$1</table>',
    );
    expect(html).not.toBe(renderHtml(balancedReport(51)));
    const report = await extractText(html, 'report.html');
    expect(report.cells.filter((c) => c.table === 'review_litigation')).toEqual([]);
    expect(report.status).toBe('incomplete');
  });

  it('a tab copy whose blank row has fewer fields than the table has columns is not read', async () => {
    const text = renderTabText(blankReview).replace(/^\t{14}$/m, '\t'.repeat(10));
    expect(text).not.toBe(renderTabText(blankReview));
    const report = await extractText(text, 'report.txt');
    expect(report.cells.filter((c) => c.table === 'review_litigation')).toEqual([]);
    expect(report.status).toBe('incomplete');
  });
});

describe('copies split by spaces keep no trace of a blank cell', () => {
  it('a blank section 四 copied with spaces for tabs is not read as zeros', async () => {
    const report = await extractText(renderTabText(blankReview).replace(/\t/g, '  '), 'report.txt');
    expect(report.cells.filter((c) => c.table === 'review_litigation')).toEqual([]);
    expect(report.status).toBe('incomplete');
  });
});

describe('a row printed with every cell blank', () => {
  it('in a tab-separated browser copy: its empty fields are read as the row (0s, total not stated)', async () => {
    const report = await extractText(renderTabText(blankRow), 'report.txt');
    expect(valuesOf(report)).toEqual(expectedValues(blankRow));
    expect(report.status).toBe('ok');
  });

  it.each(forms.slice(0, 3))('in %s', async (_, render, name) => {
    const report = await extractText(await render(blankRow), name);
    expect(valuesOf(report)).toEqual(expectedValues(blankRow));
    expect(report.status).toBe('ok');
  });
});
