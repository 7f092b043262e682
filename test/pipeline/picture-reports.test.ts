import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownRecognisers } from '../../extractors/ocr/index.js';
import { extractFromBytes } from '../../src/pipeline/extract.js';
import type { Report } from '../../src/core/model/report.js';
import { balancedReport, expectedValues } from '../fixtures/report-builder.js';
import { fixturePath, flagsOf } from '../helpers.js';

/**
 * Reports published as pictures, end to end: scanned PDFs (all pages, or the last page only), a web page saved with
 * its tables as pictures, a Word file with pictures of tables. Fixtures from scripts/fixtures/make-picture-fixtures.sh.
 * OCR may leave a number unread (not confirmed); it may never report a number the document does not print.
 */

afterAll(shutdownRecognisers);

async function extract(fixture: string): Promise<Report> {
  const path = fixturePath(fixture);
  return extractFromBytes(readFileSync(path), fixture, path);
}

/** Cells read as numbers whose value is not the printed one. */
function misread(report: Report, printed: Map<string, number | null>): string[] {
  return report.cells
    .filter((c) => c.kind !== 'unreadable' && printed.get(`${c.table}:${c.row}:${c.column}`) !== c.value)
    .map((c) => `${c.table}:${c.row}:${c.column}: ${c.value} ≠ ${printed.get(`${c.table}:${c.row}:${c.column}`)}`);
}

const readCells = (report: Report) => report.cells.filter((c) => c.kind !== 'unreadable');
const unconfirmed = (report: Report) =>
  report.cells.filter((c) => c.kind === 'unreadable' && c.source.ocr && !c.source.ocr.confirmed);

/** A report with unconfirmed readings is incomplete and says so; one without is complete. */
function expectStatusSaysWhatIsUnread(report: Report): void {
  if (unconfirmed(report).length === 0) expect(report.status).toBe('ok');
  else {
    expect(report.status).toBe('incomplete');
    expect(report.reason).toBe(
      `${unconfirmed(report).length} cells read by OCR were not confirmed and are left unread (cells.csv kind=unreadable)`,
    );
  }
}

describe('scanned PDFs', () => {
  it('every page a scan: read by OCR into the template, section 三 stitched over four scanned pages, every number given the printed one', async () => {
    const report = await extract('report-31-scanned.pdf');
    expect(report.reader).toBe('pdf+ocr');
    expect([report.agency, report.year]).toEqual(['示例县市场监督管理局', 2023]);
    expect(report.tables.map((t) => [t.key, t.pages, t.structure])).toEqual([
      ['active', [1], ['ocr']],
      ['requests', [1, 2, 3, 4], ['ocr']],
      ['review_litigation', [4], ['ocr']],
    ]);
    expect(misread(report, expectedValues(balancedReport(31)))).toEqual([]);
    // Of the 200 cells printed: a table left in pieces, or a repeated header taken for rows, would lose dozens.
    expect(readCells(report).length).toBeGreaterThanOrEqual(180);
    expectStatusSaysWhatIsUnread(report);
    expect(flagsOf(report)).toEqual([]);
    // Where each number was read: the page, its box in points on the US Letter page, and in the scan's pixels.
    const cell = report.cells.find((c) => c.kind === 'ocr' && c.table === 'review_litigation')!;
    expect(cell.source).toMatchObject({ page: 4, ocr: { confirmed: true, picture: 'page 4' } });
    const [x0, y0, x1, y1] = cell.source.box!;
    expect(x0 >= 0 && y0 >= 0 && x1 <= 612 && y1 <= 792 && x1 > x0 && y1 > y0).toBe(true);
    expect(cell.source.ocr!.pixelBox![2]).toBeCloseTo((x1 * 150) / 72, -1);
  });

  it('a digital report whose last page is a scan: the table continued from a digital page onto the scanned page is one table', async () => {
    const report = await extract('report-31-last-scanned.pdf');
    expect(report.reader).toBe('pdf+ocr');
    expect(report.tables.find((t) => t.key === 'requests')).toMatchObject({ pages: [1, 2, 3, 4], structure: ['ocr'] });
    expect(misread(report, expectedValues(balancedReport(31)))).toEqual([]);
    const fromScan = report.cells.filter((c) => c.source.page === 4);
    // Section 四 and the end of section 三 are on the scanned page; the rest is read from the text layer.
    expect(fromScan.filter((c) => c.table === 'review_litigation')).toHaveLength(15);
    expect(report.cells.filter((c) => c.source.page !== 4).every((c) => c.kind !== 'ocr' && !c.source.ocr)).toBe(true);
    expect(readCells(report).length).toBeGreaterThanOrEqual(190);
    expectStatusSaysWhatIsUnread(report);
  });

  it('a blank scanned page (the back of a sheet) is named; the digital page before it is read', async () => {
    const report = await extract('report-31-blank-scan.pdf');
    // Nothing of the report came from OCR.
    expect(report.reader).toBe('pdf');
    expect(report.findings.filter((f) => f.rule === 'ocr_blank').map((f) => f.message)).toEqual([
      expect.stringMatching(/^page 2: the scan is blank or nearly blank/),
    ]);
    expect(report.findings.some((f) => f.rule === 'needs_ocr')).toBe(false);
    expect(report.cells.filter((c) => c.table === 'active')).toHaveLength(10);
    expect(misread(report, expectedValues(balancedReport(31)))).toEqual([]);
  });

  it('a scanned page whose image is damaged is named; the digital page before it is read', async () => {
    const report = await extract('report-31-broken-scan.pdf');
    expect(report.reader).toBe('pdf');
    expect(report.findings.filter((f) => f.rule === 'needs_ocr').map((f) => f.message)).toEqual([
      "scanned pages OCR could not read, left out: page 2: the page's image is damaged or in a form that cannot be decoded",
    ]);
    expect(report.cells.filter((c) => c.table === 'active')).toHaveLength(10);
    expect(misread(report, expectedValues(balancedReport(31)))).toEqual([]);
    expect(report.status).toBe('incomplete');
  });
});

describe('tables published as pictures', () => {
  it('a web page saved with its pictures (in report_files/, inline, at a site-absolute path): each table read where it stands; the missing and remote pictures named, the icon skipped', async () => {
    const report = await extract('saved-page/report.html');
    expect(report.reader).toBe('html+ocr');
    expect([report.agency, report.year]).toEqual(['示例县市场监督管理局', 2023]);
    expect(misread(report, expectedValues(balancedReport(33)))).toEqual([]);
    expect(report.cells).toHaveLength(200);
    expect(readCells(report).length).toBeGreaterThanOrEqual(190);
    expectStatusSaysWhatIsUnread(report);
    const pictureOf = (table: string) => [
      ...new Set(report.cells.filter((c) => c.table === table).map((c) => c.source.ocr?.picture)),
    ];
    expect(pictureOf('active')).toEqual(['report_files/table1.png']);
    expect(pictureOf('requests')).toEqual(['data:image/png (picture 4)']);
    expect(pictureOf('review_litigation')).toEqual(['report_files/table3.png']);
    expect(report.findings.filter((f) => f.rule === 'picture').map((f) => f.message)).toEqual([
      'a picture on the web not read (xxgk never downloads): http://www.example.gov.cn/images/logo.png',
    ]);
    // Pictures not saved with the page (logos, seals): one note for the page, with the count; the tables were read.
    expect(report.findings.filter((f) => f.rule === 'pictures_absent').map((f) => [f.severity, f.message])).toEqual([
      [
        'info',
        'pictures linked from the page but not on disk beside it: 1 (/u/cms/www/202301/seal.png); their content is not read',
      ],
    ]);
    expect(report.findings.some((f) => f.message.includes('icon.gif'))).toBe(false);
    expect(flagsOf(report)).toEqual([]);
  });

  it('a Word file whose sections 三 and 四 are pictures: the Word table and the pictures read in body order', async () => {
    const report = await extract('report-33-pictures.docx');
    expect(report.reader).toBe('docx+ocr');
    expect(misread(report, expectedValues(balancedReport(33)))).toEqual([]);
    expect(report.cells).toHaveLength(200);
    expect(report.cells.filter((c) => c.table === 'active').every((c) => !c.source.ocr)).toBe(true);
    expect([...new Set(report.cells.filter((c) => c.table !== 'active').map((c) => c.source.ocr?.picture))]).toEqual([
      'Word picture 1 (png)',
      'Word picture 2 (png)',
    ]);
    expectStatusSaysWhatIsUnread(report);
  });
});
