import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { balancedReport, expectedValues, renderHtml, type HtmlOptions } from '../fixtures/report-builder.js';
import { extractText, flagsOf, valuesOf } from '../helpers.js';

/** Every printed number of a generated report comes back, whatever the page's markup does to the tables. */
describe('HTML reports end to end', () => {
  const variants: [string, HtmlOptions][] = [
    ['plain markup', {}],
    ['Word-export markup (MsoNormal spans, <o:p>, &nbsp;)', { wordMarkup: true }],
    ['the article inside a page-layout table', { layoutFrame: true, wordMarkup: true }],
    ['the requests table split in two', { splitRequestsBefore: 'unable.not_held' }],
    ['labels broken with <br>', { breakLabels: true }],
  ];
  for (const [name, options] of variants) {
    it(`reads every cell with ${name}`, async () => {
      const spec = balancedReport(7);
      const report = await extractText(renderHtml(spec, options), 'report.html');
      expect(report.status).toBe('ok');
      expect(valuesOf(report)).toEqual(expectedValues(spec));
      expect(report.agency).toBe(spec.agency);
      expect(report.year).toBe(spec.year);
      expect(report.formatVersion).toBe('2021');
    });
  }

  it('reads a 2019-format report, with 2019 keys and the single （六） row', async () => {
    const spec = balancedReport(3, { activeVersion: '2019' });
    const report = await extractText(renderHtml(spec, { wordMarkup: true }), 'r.html');
    expect(report.formatVersion).toBe('2019');
    expect(valuesOf(report)).toEqual(expectedValues(spec));
    expect(report.cells.some((c) => c.row === 'other' && c.table === 'requests')).toBe(true);
  });

  it('calls a 2021 section 二 with a single （六） row a hybrid', async () => {
    const spec = balancedReport(5, { activeVersion: '2021', requestsShape: '2019' });
    const report = await extractText(renderHtml(spec), 'r.html');
    expect(report.formatVersion).toBe('hybrid');
    expect(valuesOf(report)).toEqual(expectedValues(spec));
  });

  it('flags the balance and the two sums an altered new-received cell breaks', async () => {
    const spec = balancedReport(11);
    spec.cells['requests:new_received:natural_person'] = String(
      Number(spec.cells['requests:new_received:natural_person']) + 2,
    );
    const report = await extractText(renderHtml(spec), 'r.html');
    expect(report.status).toBe('flagged');
    expect(flagsOf(report)).toEqual(['applicant_sum:new_received', 'balance:natural_person']);
    const balance = report.findings.find((f) => f.rule === 'balance')!;
    expect(balance.expected! - balance.actual!).toBe(2);
    expect(balance.cells).toContain('requests:new_received:natural_person');
  });

  it('decodes a GBK page that declares no charset', async () => {
    const spec = balancedReport(2);
    const bytes = iconv.encode(renderHtml(spec, { wordMarkup: true }), 'gbk');
    const report = await extractText(bytes, 'gbk.html');
    expect(report.encoding).toBe('gb18030');
    expect(report.agency).toBe(spec.agency);
    expect(valuesOf(report)).toEqual(expectedValues(spec));
  });

  it('decodes a page declared gb2312 as GB18030 (GBK-only characters survive)', async () => {
    const spec = balancedReport(2, { agency: '䶮城县镕业局' });
    const bytes = iconv.encode(renderHtml(spec, { declaredCharset: 'gb2312' }), 'gb18030');
    const report = await extractText(bytes, 'gb2312.html');
    expect(report.agency).toBe('䶮城县镕业局');
  });
});
