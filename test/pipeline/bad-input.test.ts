import { describe, expect, it } from 'vitest';
import { balancedReport, renderHtml } from '../fixtures/report-builder.js';
import { extractText, warningRules } from '../helpers.js';

/** Bad input gets a clear status and reason; nothing is invented. */
describe('bad input', () => {
  it('an empty file fails with reason "empty"', async () => {
    const report = await extractText('', 'empty.html');
    expect(report.status).toBe('failed');
    expect(report.reason).toMatch(/^empty:/);
  });

  it('binary bytes named .html fail as binary, not as garbled text', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const report = await extractText(bytes, 'photo.html');
    expect(report.status).toBe('failed');
    expect(report.reason).toMatch(/^binary:/);
  });

  it('a web page that is not a report is not_a_report', async () => {
    const html =
      '<html><head><title>关于开展2023年植树节活动的通知</title></head><body><p>各单位：</p><p>现将有关事项通知如下。</p><table><tr><td>时间</td><td>地点</td></tr><tr><td>3月12日</td><td>城东公园</td></tr></table></body></html>';
    const report = await extractText(html, 'notice.html');
    expect(report.status).toBe('not_a_report');
    expect(report.cells).toEqual([]);
  });

  it('a report whose tables are missing keeps its sections, warns, and invents no number', async () => {
    const spec = balancedReport(4);
    const report = await extractText(
      renderHtml(spec, { omitTables: ['requests', 'review_litigation'] }),
      'no-tables.html',
    );
    expect(report.status).toBe('incomplete');
    expect(report.reason).toMatch(/requests, review_litigation/);
    expect(report.sections.map((s) => s.key)).toEqual([
      'overview',
      'active',
      'requests',
      'review_litigation',
      'problems',
      'other',
    ]);
    expect(report.sections.find((s) => s.key === 'requests')!.text).toMatch(/未收到/);
    expect(report.cells.every((c) => c.table === 'active')).toBe(true);
    expect(warningRules(report)).toContain('table_missing');
  });

  it('a PDF named .html is read by what it is, not by its name', async () => {
    const report = await extractText('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'attachment.html');
    expect(report.reader === null || report.reader === 'pdf').toBe(true);
    expect(report.status).not.toBe('ok');
  });
});
