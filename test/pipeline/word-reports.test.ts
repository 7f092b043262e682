import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC_AMBIGUOUS_FIXTURE, DOC_REPORT_FIXTURES } from '../fixtures/doc-reports.js';
import { renderDocx } from '../fixtures/docx-builder.js';
import { balancedReport, expectedValues } from '../fixtures/report-builder.js';
import { extractCorpus, extractText, fixturePath, flagsOf, valuesOf, wrongValues } from '../helpers.js';

/** Word reports end to end: every printed number, whatever Word did to the tables. */
describe('DOCX reports end to end', () => {
  it('reads every cell of a report with auto-numbered headings, merged cells and a split requests table', async () => {
    const spec = balancedReport(13);
    const bytes = await renderDocx(spec, {
      autoNumberedHeadings: true,
      splitRequestsBefore: 'denied.process_info',
      header: '一、本年新收政府信息公开申请数量 999',
    });
    const report = await extractText(bytes, 'report.docx');
    expect(report.reader).toBe('docx');
    expect(report.status).toBe('ok');
    expect(report.sections).toHaveLength(6);
    expect(valuesOf(report)).toEqual(expectedValues(spec));
  });

  it('reads section 二 merged with legacy hMerge and section 四 laid out with gridBefore', async () => {
    const spec = balancedReport(17);
    const report = await extractText(
      await renderDocx(spec, { activeHMerge: true, reviewGridBefore: true }),
      'legacy.docx',
    );
    expect(valuesOf(report)).toEqual(expectedValues(spec));
    expect(report.messages.map((m) => m.message).join()).toMatch(
      /3 rows with gridBefore, 0 with gridAfter, \d+ legacy merged cells/,
    );
  });

  it('flags an unbalanced 2019-format report', async () => {
    const spec = balancedReport(19, { activeVersion: '2019' });
    spec.cells['requests:carried_over:total'] = String(Number(spec.cells['requests:carried_over:total']) + 4);
    const report = await extractText(await renderDocx(spec), 'r.docx');
    expect(report.formatVersion).toBe('2019');
    expect(flagsOf(report)).toEqual(['applicant_sum:carried_over', 'balance:total']);
  });
});

describe('Word 97–2003 (.doc) reports', () => {
  it('reads every cell of report-21.doc (made by LibreOffice) at its row and column', async () => {
    const spec = balancedReport(21);
    const report = await extractText(readFileSync(fixturePath('report-21.doc')), 'report-21.doc');
    expect(report.reader).toBe('doc');
    expect(report.status).toBe('ok');
    expect(report.agency).toBe(spec.agency);
    expect(report.tables.map((t) => t.structure)).toEqual([['markup'], ['markup'], ['markup']]);
    expect(valuesOf(report)).toEqual(expectedValues(spec));
  });

  for (const fixture of DOC_REPORT_FIXTURES) {
    it(`reads every cell of ${fixture.file} at its row and column, blank cells included`, async () => {
      const report = await extractText(readFileSync(fixturePath(fixture.file)), fixture.file);
      expect(report.status).toBe('ok');
      expect(flagsOf(report)).toEqual([]);
      expect(valuesOf(report)).toEqual(expectedValues(fixture.spec));
    });
  }

  it('leaves unread the rows of a split table whose blank values cannot be told from padding, and misplaces no number', async () => {
    const { file, spec } = DOC_AMBIGUOUS_FIXTURE;
    const report = await extractText(readFileSync(fixturePath(file)), file);
    const expected = expectedValues(spec);
    const read = valuesOf(report);
    const unreadRows = new Set(
      [...expected.keys()].filter((key) => !read.has(key)).map((key) => key.split(':').slice(0, 2).join(':')),
    );
    const refused = report.findings.filter(
      (f) => f.rule === 'row_columns' && /which are blank values cannot be told/.test(f.message),
    );
    expect(wrongValues(report, expected)).toEqual([]);
    expect(report.status).toBe('incomplete');
    expect(unreadRows.size).toBeGreaterThan(0);
    expect(refused).toHaveLength(unreadRows.size);
    expect(read.size).toBe(expected.size - unreadRows.size * 7);
  });

  it('reads a published web page saved as .doc exactly as the page itself: every number at its row and column', async () => {
    const page = await extractCorpus('shanghai-gov-office-2019_content-fragment.html');
    const report = await extractText(
      readFileSync(fixturePath('shanghai-gov-office-2019.doc')),
      'shanghai-gov-office-2019.doc',
    );
    expect(report.status).toBe(page.status);
    expect(report.cells.length).toBe(198);
    expect(valuesOf(report)).toEqual(valuesOf(page));
  });

  it('reads a fast-saved copy of report-21.doc exactly, the text its piece modifiers delete left out', async () => {
    const report = await extractText(readFileSync(fixturePath('report-21-fast-saved.doc')), 'fast-saved.doc');
    expect(report.status).toBe('ok');
    expect(valuesOf(report)).toEqual(expectedValues(balancedReport(21)));
  });

  it('a password-protected .doc is refused as encrypted', async () => {
    const report = await extractText(readFileSync(fixturePath('report-21-encrypted.doc')), 'secret.doc');
    expect(report.status).toBe('failed');
    expect(report.reason).toMatch(/^encrypted: .*password-protected/);
  });

  it('a password-protected .docx (an encrypted OOXML package inside an OLE file) is refused as encrypted', async () => {
    const report = await extractText(readFileSync(fixturePath('report-21-encrypted.docx')), 'secret.docx');
    expect(report.status).toBe('failed');
    expect(report.reason).toBe('encrypted: the Word document is password-protected (encrypted OOXML package)');
  });
});
