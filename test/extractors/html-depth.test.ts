import { describe, expect, it } from 'vitest';
import { limitNesting } from '../../extractors/html-depth.js';
import { balancedReport, expectedValues, renderHtml } from '../fixtures/report-builder.js';
import { extractText, wrongValues } from '../helpers.js';

/** Deep or huge markup is read in bounded time, with a warning, never a stack overflow. */
describe('markup nested beyond the limit', () => {
  it('keeps markup within the limit as it is', () => {
    const html = `${'<div>'.repeat(10)}文${'</div>'.repeat(10)}`;
    expect(limitNesting(html, 10)).toEqual({ html, messages: [] });
  });

  it('drops the tags beyond the limit and keeps their text', () => {
    const bounded = limitNesting('<div><div><div><b>文</b></div></div></div>', 2);
    expect(bounded.html).toBe('<div><div>文</div></div>');
    expect(bounded.messages.map((m) => m.message)).toEqual([
      "网页元素嵌套超过 2 层：更深的 4 个标签已忽略，其中文字按普通文字读取（the page's elements nest deeper than 2 levels: 4 deeper tags were ignored and their text read as plain text）",
    ]);
  });

  it('reads a report inside 100,000 nested <div>s exactly, with the warning', async () => {
    const spec = balancedReport(41);
    const page = renderHtml(spec)
      .replace(/<body[^>]*>/, (body) => body + '<div>'.repeat(100_000))
      .replace('</body>', `${'</div>'.repeat(100_000)}</body>`);
    const report = await extractText(page, 'deep.html');
    expect(report.reason ?? '').not.toMatch(/call stack/);
    expect(wrongValues(report, expectedValues(spec))).toEqual([]);
    expect(report.cells.filter((c) => c.value !== null).length).toBeGreaterThan(100);
    expect(report.messages.map((m) => m.message)).toContainEqual(expect.stringMatching(/^网页元素嵌套超过 1000 层/));
  }, 120_000);

  it('reads a page of 30,000 unclosed table cells without a stack overflow', async () => {
    const page = `<html><body><p>一、总体情况</p><table><tr>${'<td>1'.repeat(30_000)}</table></body></html>`;
    const report = await extractText(page, 'cells.html');
    expect(report.status).toBe('not_a_report');
  }, 120_000);
});
