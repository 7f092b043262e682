import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildPdf, PdfPage } from '../fixtures/pdf-writer.js';
import { balancedReport, expectedValues } from '../fixtures/report-builder.js';
import {
  APPLICANT_COLUMNS,
  extractCorpus,
  extractText,
  fixturePath,
  flagsOf,
  REVIEW_RESULTS,
  rowValues,
  valuesOf,
  wrongValues,
} from '../helpers.js';

/** PDF reports end to end. Fixtures printed by LibreOffice from generated reports; real reports from corpus/. */
describe('PDF reports printed from Word', () => {
  it('2021 format: every cell, with section 三 continued over four pages under repeated headers', async () => {
    const spec = balancedReport(31);
    const report = await extractText(readFileSync(fixturePath('report-31.pdf')), 'report-31.pdf');
    expect(report.reader).toBe('pdf');
    expect(report.status).toBe('ok');
    expect(report.pages).toBe(4);
    expect(report.tables.find((t) => t.key === 'requests')!.pages).toEqual([1, 2, 3, 4]);
    expect(valuesOf(report)).toEqual(expectedValues(spec));
  });

  it('2019 format: every cell', async () => {
    const spec = balancedReport(32, { activeVersion: '2019' });
    const report = await extractText(readFileSync(fixturePath('report-32-2019.pdf')), 'report-32-2019.pdf');
    expect(report.formatVersion).toBe('2019');
    expect(valuesOf(report)).toEqual(expectedValues(spec));
  });

  it('tables without borders whose row labels wrap: each label line joins the row whose band it lies in, across page breaks too — every cell exact', async () => {
    const spec = balancedReport(41);
    const report = await extractText(readFileSync(fixturePath('report-41-borderless.pdf')), 'report-41-borderless.pdf');
    expect(valuesOf(report)).toEqual(expectedValues(spec));
    expect(report.status).toBe('ok');
    expect(report.findings.map((f) => f.rule)).not.toContain('wrapped_labels');
    expect(report.findings.map((f) => f.rule)).not.toContain('label_by_numbering');
    // The row that page 2 ends is 1.本机 with 关不掌握相关政府信息 at the top of page 3: read by its whole label.
    expect(report.cells.find((c) => c.row === 'unable.not_held')!.source.label).toContain('本机关不掌握相关政府信息');
  });

  it('the same report copied as layout text (pdftotext -layout): rows whose labels wrap are not guessed', async () => {
    const spec = balancedReport(31);
    const report = await extractText(readFileSync(fixturePath('report-31-layout.txt')), 'report-31-layout.txt');
    const expected = expectedValues(spec);
    expect(wrongValues(report, expected)).toEqual([]);
    // Sections 二 and 四 have one-line labels and are read whole; section 三's wrapped rows are left out.
    expect(report.cells.filter((c) => c.table === 'active')).toHaveLength(10);
    expect(report.cells.filter((c) => c.table === 'review_litigation')).toHaveLength(15);
    expect(report.status).toBe('incomplete');
    expect(report.findings.map((f) => f.rule)).toContain('wrapped_labels');
  });

  it('pages turned by /Rotate 90, 180 and 270: every cell, the table joined across them, boxes on the pages as displayed', async () => {
    const upright = await extractText(readFileSync(fixturePath('report-31.pdf')), 'report-31.pdf');
    const report = await extractText(readFileSync(fixturePath('report-31-rotated.pdf')), 'report-31-rotated.pdf');
    expect(report.status).toBe('ok');
    expect(report.tables.find((t) => t.key === 'requests')!.pages).toEqual([1, 2, 3, 4]);
    expect(valuesOf(report)).toEqual(expectedValues(balancedReport(31)));
    // The page is Letter, 612 × 792 points upright: turned by a quarter it is displayed 792 wide and 612 high.
    const shown = (box: number[], turns: number) => {
      const [x0, y0, x1, y1] = box as [number, number, number, number];
      const [w, h] = [612, 792];
      return [
        [x0, y0, x1, y1],
        [h - y1, x0, h - y0, x1],
        [w - x1, h - y1, w - x0, h - y0],
        [y0, w - x1, y1, w - x0],
      ][turns]!;
    };
    const boxes = new Map(upright.cells.map((c) => [`${c.table}:${c.row}:${c.column}`, c.source]));
    for (const cell of report.cells) {
      const before = boxes.get(`${cell.table}:${cell.row}:${cell.column}`)!;
      expect(cell.source.page).toBe(before.page);
      shown(before.box!, before.page! - 1).forEach((v, i) => expect(cell.source.box![i]).toBeCloseTo(v, 1));
    }
  });

  it('every number keeps its page and its box, where its row and column were printed', async () => {
    const report = await extractText(readFileSync(fixturePath('report-31.pdf')), 'report-31.pdf');
    expect(report.cells).toHaveLength(expectedValues(balancedReport(31)).size);
    for (const { source } of report.cells) {
      const [x0, y0, x1, y1] = source.box!;
      expect(source.page).toBeGreaterThanOrEqual(1);
      expect(source.page).toBeLessThanOrEqual(4);
      // Inside an A4 page, measured from its top-left corner.
      expect([0 <= x0 && x0 < x1 && x1 <= 596, 0 <= y0 && y0 < y1 && y1 <= 842]).toEqual([true, true]);
    }
    // The seven numbers of each row of section 三 side by side on one line of one page, in the template's column order.
    const requests = report.cells.filter((c) => c.table === 'requests');
    const rows = [...new Set(requests.map((c) => c.row))];
    expect(rows).toHaveLength(25);
    for (const row of rows) {
      const cells = APPLICANT_COLUMNS.map((column) => requests.find((c) => c.row === row && c.column === column)!);
      expect(new Set(cells.map((c) => c.source.page)).size).toBe(1);
      const lefts = cells.map((c) => c.source.box![0]);
      expect(lefts.every((x, i) => i === 0 || x > lefts[i - 1]!)).toBe(true);
      expect(Math.max(...cells.map((c) => c.source.box![1]))).toBeLessThan(
        Math.min(...cells.map((c) => c.source.box![3])),
      );
    }
    // Rows of one page go down the page in the template's order.
    const tops = (page: number) =>
      rows
        .map((row) => requests.find((c) => c.row === row && c.source.page === page)?.source.box?.[1])
        .filter((y) => y !== undefined);
    for (const page of [1, 2, 3, 4]) expect(tops(page)).toEqual([...tops(page)].sort((a, b) => a - b));
  });
});

describe('a table without rulings whose row leaves a cell blank (no trace of it in the row)', () => {
  /** Section 三's first rows set out in columns without rulings; an empty string leaves that cell blank. */
  async function borderless(rows: [string, string[]][]) {
    const page = new PdfPage()
      .text(60, 800, '某某局2023年政府信息公开工作年度报告')
      .text(60, 770, '三、收到和处理政府信息公开申请情况');
    rows.forEach(([label, numbers], r) => {
      page.text(60, 745 - r * 20, label);
      numbers.forEach((n, i) => n && page.text(300 + i * 35, 745 - r * 20, n));
    });
    return extractText(buildPdf([page]), 'borderless.pdf');
  }
  const carriedOver = (report: Awaited<ReturnType<typeof borderless>>) =>
    rowValues(valuesOf(report), 'requests', 'carried_over');

  it('its numbers are placed under the columns the rows printed whole use; the blank one is left unread, never filled', async () => {
    const report = await borderless([
      ['一、本年新收政府信息公开申请数量', ['5', '1', '2', '0', '0', '0', '8']],
      ['二、上年结转政府信息公开申请数量', ['1', '', '1', '0', '0', '0', '2']],
    ]);
    // 自然人, 商业企业 (blank), 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
    expect(carriedOver(report)).toEqual([1, undefined, 1, 0, 0, 0, 2]);
  });

  it('with no row printed whole, the short row is not read at all', async () => {
    const report = await borderless([['二、上年结转政府信息公开申请数量', ['', '1', '1', '0', '0', '0', '2']]]);
    expect(carriedOver(report)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(report.findings.map((f) => f.message)).toContain(
      'requests: row "二、上年结转政府信息公开申请数量": only 6 of 7 values printed, and which columns they stand in cannot be told; the row is not read',
    );
  });
});

describe('淮安市洪泽区人民政府 2023 (WPS PDF, hybrid, typo 2.其他法律行政止公开)', () => {
  it('reads every printed number', async () => {
    const report = await extractCorpus('huaian-hongze-district-gov-2023.pdf');
    const values = valuesOf(report);
    expect(report.agency).toBe('洪泽区人民政府');
    expect(report.year).toBe(2023);
    expect(report.formatVersion).toBe('hybrid');
    expect(report.cells).toHaveLength(186);
    expect(rowValues(values, 'active', 'normative_documents', ['issued', 'repealed', 'in_force'])).toEqual([0, 5, 5]);
    expect([
      values.get('active:licensing:decisions'),
      values.get('active:penalty:decisions'),
      values.get('active:enforcement:decisions'),
    ]).toEqual([550, 4119, 195]);
    expect(values.get('active:fees:amount_10k_yuan')).toBe(7730.28);
    expect(rowValues(values, 'requests', 'new_received')).toEqual([21, 0, 0, 0, 0, 0, 21]);
    expect(rowValues(values, 'requests', 'partially_granted')).toEqual([4, 0, 0, 0, 0, 0, 4]);
    expect(rowValues(values, 'requests', 'denied.prohibited_by_law')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(rowValues(values, 'requests', 'unable.not_held')).toEqual([10, 0, 0, 0, 0, 0, 10]);
    expect(rowValues(values, 'requests', 'unable.needs_creation')).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(rowValues(values, 'requests', 'other')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(rowValues(values, 'requests', 'total')).toEqual([21, 0, 0, 0, 0, 0, 21]);
    expect(rowValues(values, 'review_litigation', 'review', REVIEW_RESULTS)).toEqual([10, 1, 0, 0, 0]);
    expect(rowValues(values, 'review_litigation', 'litigation_direct', REVIEW_RESULTS)).toEqual([0, 0, 0, 0, 0]);
    expect(rowValues(values, 'review_litigation', 'litigation_after_review', REVIEW_RESULTS)).toEqual([5, 0, 0, 0, 0]);
  });

  it('says that the section 四 totals really do not add up, citing the cells and their pages', async () => {
    const report = await extractCorpus('huaian-hongze-district-gov-2023.pdf');
    expect(report.status).toBe('flagged');
    expect(flagsOf(report)).toEqual(['review_litigation_sum:litigation_after_review', 'review_litigation_sum:review']);
    const review = report.findings.find((f) => f.scope === 'review')!;
    expect(review).toMatchObject({ expected: 0, actual: 11 });
    expect(review.message).toBe('行政复议: 总计 = 0, but 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 11');
    const total = report.cells.find(
      (c) => c.table === 'review_litigation' && c.row === 'review' && c.column === 'total',
    )!;
    expect(total.source.page).toBe(4);
  });
});

describe('淮安市洪泽区人民政府 2024 (section 一 contradicts the table)', () => {
  it('reads the table (95 requests) and warns that the text says 17', async () => {
    const report = await extractCorpus('huaian-hongze-district-gov-2024.pdf');
    const values = valuesOf(report);
    expect(report.status).toBe('ok');
    expect(rowValues(values, 'requests', 'new_received')).toEqual([95, 0, 0, 0, 0, 0, 95]);
    expect(rowValues(values, 'requests', 'unable.not_held')).toEqual([31, 0, 0, 0, 0, 0, 31]);
    expect(values.get('active:licensing:decisions')).toBe(9487);
    expect(report.findings.find((f) => f.rule === 'narrative_mismatch')).toMatchObject({ expected: 95, actual: 17 });
  });
});

describe('淮安市人民政府 2024 (tables over pages, numbers in the millions)', () => {
  it('reads every printed number and finds every rule holding', async () => {
    const report = await extractCorpus('huaian-city-gov-2024.pdf');
    const values = valuesOf(report);
    expect(report.status).toBe('ok');
    expect(report.cells).toHaveLength(200);
    expect(rowValues(values, 'active', 'regulations', ['issued', 'repealed', 'in_force'])).toEqual([1, 0, 11]);
    expect(rowValues(values, 'active', 'normative_documents', ['issued', 'repealed', 'in_force'])).toEqual([8, 26, 66]);
    expect([
      values.get('active:licensing:decisions'),
      values.get('active:penalty:decisions'),
      values.get('active:enforcement:decisions'),
    ]).toEqual([447228, 3985758, 88283]);
    expect(values.get('active:fees:amount_10k_yuan')).toBe(96171.6);
    expect(rowValues(values, 'requests', 'new_received')).toEqual([3001, 53, 0, 0, 61, 4, 3119]);
    expect(rowValues(values, 'requests', 'granted')).toEqual([1288, 21, 0, 0, 50, 3, 1362]);
    expect(rowValues(values, 'requests', 'partially_granted')).toEqual([447, 7, 0, 0, 0, 0, 454]);
    expect(rowValues(values, 'requests', 'denied.administrative_query')).toEqual([105, 0, 0, 0, 0, 0, 105]);
    expect(rowValues(values, 'requests', 'unable.not_held')).toEqual([746, 12, 0, 0, 10, 1, 769]);
    expect(rowValues(values, 'requests', 'not_processed.petition_complaint')).toEqual([56, 6, 0, 0, 0, 0, 62]);
    expect(rowValues(values, 'requests', 'other.no_amendment_overdue')).toEqual([67, 3, 0, 0, 1, 0, 71]);
    expect(rowValues(values, 'requests', 'other.other')).toEqual([108, 2, 0, 0, 0, 0, 110]);
    expect(rowValues(values, 'requests', 'total')).toEqual([2932, 53, 0, 0, 61, 4, 3050]);
    expect(rowValues(values, 'requests', 'carried_forward')).toEqual([103, 0, 0, 0, 0, 0, 103]);
    expect(rowValues(values, 'review_litigation', 'review', REVIEW_RESULTS)).toEqual([72, 64, 178, 37, 351]);
    expect(rowValues(values, 'review_litigation', 'litigation_direct', REVIEW_RESULTS)).toEqual([13, 4, 8, 1, 26]);
    expect(rowValues(values, 'review_litigation', 'litigation_after_review', REVIEW_RESULTS)).toEqual([
      12, 1, 1, 6, 20,
    ]);
    expect(flagsOf(report)).toEqual([]);
  });
});

describe('bad PDFs', () => {
  it('an encrypted PDF is refused as password-protected', async () => {
    const report = await extractText(readFileSync(fixturePath('report-31-encrypted.pdf')), 'locked.pdf');
    expect(report.status).toBe('failed');
    expect(report.reason).toBe('encrypted: the PDF is password-protected');
  });

  it('a truncated PDF fails with a reason', async () => {
    const bytes = readFileSync(fixturePath('report-31.pdf'));
    const report = await extractText(bytes.subarray(0, 4000), 'cut.pdf');
    expect(report.status).toBe('failed');
    expect(report.reason).toMatch(/^(truncated|corrupt): /);
  });

  it('bytes that are not a PDF, named .pdf, are read by what they are', async () => {
    const report = await extractText('<html><body><p>404 Not Found</p></body></html>', 'attachment.pdf');
    expect(report.reader).toBe('html');
    expect(report.status).toBe('not_a_report');
    expect(report.messages[0]!.message).toBe('the file is named .pdf but holds a web page; read as a web page');
  });
});
