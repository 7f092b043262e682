import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { listRow, pagesWithErrors, reportDetail, VIEW_REFS } from '../../src/view/detail.js';
import { ViewExport } from '../../src/view/exporter.js';
import { placesOf } from '../../src/view/places.js';
import { rowLabel } from '../../src/core/template/labels.js';
import type { TableKey } from '../../src/core/template/template.js';
import { squash } from '../../src/core/text/normalize.js';
import { corpusPath, extractCorpus } from '../helpers.js';
import { OCR_BOXES, OCR_PICTURE, ocrReport } from '../fixtures/ocr-report.js';

/** What the audit view's page is given: rows for the list, report details, places to filter by. */

describe('places in agency names', () => {
  it.each([
    ['洪泽区人民政府', ['', '', '洪泽区', '']],
    ['淮安市洪泽区人民政府', ['', '淮安市', '洪泽区', '']],
    ['江苏省淮安市洪泽区高良涧街道办事处', ['江苏省', '淮安市', '洪泽区', '高良涧街道']],
    ['上海市黄浦区人民政府', ['上海市', '上海市', '黄浦区', '']],
    ['河南省汝州市人力资源和社会保障局', ['河南省', '汝州市', '', '']],
    ['内蒙古自治区鄂尔多斯市达拉特旗人民政府', ['内蒙古自治区', '鄂尔多斯市', '达拉特旗', '']],
    ['四川省凉山彝族自治州西昌市', ['四川省', '凉山彝族自治州', '西昌市', '']],
    ['示例县市场监督管理局', ['', '', '示例县', '']],
    ['中牟县白沙镇人民政府', ['', '', '中牟县', '白沙镇']],
    ['中共淮安市委办公室', ['', '淮安市', '', '']],
    ['国家税务总局', ['', '', '', '']],
  ])('%s → %j', (agency, [province, city, county, town]) => {
    expect(placesOf(agency)).toEqual({ province, city, county, town });
  });
});

describe("a report's data for the page", () => {
  it('lists the report in one small row, and keeps every cell with where it is printed and each finding explained', async () => {
    const report = await extractCorpus('huaian-hongze-district-gov-2023.pdf');
    expect(listRow(report, 7, 2)).toEqual([
      7,
      report.file,
      'flagged',
      '洪泽区人民政府',
      '洪泽区',
      2023,
      'pdf',
      'hybrid',
      2,
      1,
      'review_litigation_sum',
      null,
      ['', '', '洪泽区', ''],
      2,
    ]);
    const detail = reportDetail(report, 7, { path: '/x/report.pdf', pdf: 'abc' });
    expect(detail.cells).toHaveLength(report.cells.length);
    // Cells are written short: the key by its index among the template's cells, the box to a tenth of a point.
    const total = detail.cells.find((c) => c[0] === VIEW_REFS.indexOf('review_litigation:review:total'))!;
    const box = report.cells.find((c) => c.table === 'review_litigation' && c.row === 'review' && c.column === 'total')!
      .source.box!;
    expect(total).toEqual([
      VIEW_REFS.indexOf('review_litigation:review:total'),
      '0',
      0,
      4,
      box.map((v) => Math.round(v * 10) / 10),
      4,
      3,
      4,
    ]);
    // A printed row label is kept where it is not the template's: here, where the PDF's text runs labels together.
    const labelled = detail.cells.filter((c) => typeof c[9] === 'string');
    for (const cell of labelled) {
      const [table, row] = VIEW_REFS[cell[0] as number]!.split(':') as [TableKey, string];
      expect(squash(cell[9] as string)).not.toBe(squash(rowLabel(table, row)));
    }
    expect(labelled.length).toBeLessThan(report.cells.length / 4);
    expect(JSON.stringify(detail.cells).length / detail.cells.length).toBeLessThan(70);
    const [review] = detail.findings.filter((f) => f.severity === 'error');
    expect(review).toMatchObject({
      rule: 'review_litigation_sum',
      left: ['review_litigation:review:total'],
      right: [
        'review_litigation:review:upheld',
        'review_litigation:review:corrected',
        'review_litigation:review:other',
        'review_litigation:review:pending',
      ],
      by: 'column',
      concerns: 'review_litigation',
      expected: 0,
      actual: 11,
    });
    expect(pagesWithErrors(report)).toEqual([4]);
  });

  it('is written as scripts the page loads: the list, report details in chunks, a copy of each flagged PDF', async () => {
    const flagged = await extractCorpus('huaian-hongze-district-gov-2023.pdf');
    const ok = await extractCorpus('pingtan-2021.html');
    const out = mkdtempSync(join(tmpdir(), 'xxgk-viewdata-'));
    const view = new ViewExport(out);
    const count = 300;
    for (let i = 0; i < count; i++) {
      const report = i % 3 === 0 ? flagged : ok;
      view.add(
        { ...report, file: `r${String(i).padStart(3, '0')}` },
        { path: corpusPath(i % 3 === 0 ? 'huaian-hongze-district-gov-2023.pdf' : 'pingtan-2021.html') },
      );
    }
    const resources = await view.close();
    expect(resources.map((r) => r.path)).toEqual(['index.html', 'view/']);

    const received: {
      meta?: XxgkView.Meta;
      list?: XxgkView.Row[];
      reports: Map<number, XxgkView.ReportFile>;
      pdf: string[];
    } = { reports: new Map(), pdf: [] };
    const context = {
      xxgkMeta: (meta: XxgkView.Meta) => (received.meta = meta),
      xxgkList: (rows: XxgkView.Row[]) => (received.list = rows),
      xxgkReports: (chunk: number, reports: XxgkView.ReportFile[]) =>
        reports.forEach((r) => received.reports.set(r.id, { ...r, chunk } as XxgkView.ReportFile & { chunk: number })),
      xxgkPdf: (key: string) => received.pdf.push(key),
    };
    const load = (file: string) => runInNewContext(readFileSync(join(out, 'view', file), 'utf8'), context);
    load('meta.js');
    load('list.js');
    for (const file of readdirSync(join(out, 'view', 'reports'))) load(`reports/${file}`);
    for (const file of readdirSync(join(out, 'view', 'pdf'))) load(`pdf/${file}`);

    expect(received.meta).toMatchObject({ reports: count, pdfLibrary: expect.stringMatching(/^view\/lib\/pdfjs-/) });
    expect(received.meta!.chunks).toBeGreaterThan(1);
    expect(received.list!.map((r) => r[1])).toEqual(
      Array.from({ length: count }, (_, i) => `r${String(i).padStart(3, '0')}`),
    );
    for (const row of received.list!)
      expect((received.reports.get(row[0]) as XxgkView.ReportFile & { chunk: number }).chunk).toBe(row[13]);
    // Copies of one PDF are stored once; only reports with error-level findings carry one.
    expect(received.pdf).toHaveLength(1);
    expect([...received.reports.values()].filter((r) => r.pdf !== null)).toHaveLength(count / 3);
    expect(
      readdirSync(join(out, 'view', received.meta!.pdfLibrary!.slice('view/'.length), 'data')).some((f) =>
        f.startsWith('cMapUrl-UniGB-UCS2-H'),
      ),
    ).toBe(true);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<script src="view/list.js"></script>');
  });

  it("copies the picture a cell was read from by OCR beside the view, for the page to show with the cells' boxes", async () => {
    const { report, path } = await ocrReport();
    const out = mkdtempSync(join(tmpdir(), 'xxgk-viewdata-'));
    const view = new ViewExport(out);
    view.add(report, { path });
    await view.close();
    let detail: XxgkView.ReportFile | undefined;
    runInNewContext(readFileSync(join(out, 'view', 'reports', '00000.js'), 'utf8'), {
      xxgkReports: (_: number, reports: XxgkView.ReportFile[]) => (detail = reports[0]),
    });
    const copied = detail!.pictures[OCR_PICTURE]!;
    expect(copied).toMatch(/^view\/pictures\/[0-9a-f]{24}\.png$/);
    expect(readFileSync(join(out, copied))).toEqual(readFileSync(join(path, '..', OCR_PICTURE)));
    const total = detail!.cells.find((c) => c[0] === VIEW_REFS.indexOf('review_litigation:review:total'))!;
    expect(total[8]).toBe('ocr');
    expect(total[11]).toEqual({ confidence: 0.97, picture: OCR_PICTURE, pixelBox: OCR_BOXES[0] });
  });

  it("keeps on a rerun the PDF copies still referred to, known by the store's key without reading the file; removes the others", async () => {
    const flagged = await extractCorpus('huaian-hongze-district-gov-2023.pdf');
    const ok = await extractCorpus('pingtan-2021.html');
    const path = corpusPath('huaian-hongze-district-gov-2023.pdf');
    const contentKey = `${createHash('sha256').update(readFileSync(path)).digest('hex')}.pdf`;
    const out = mkdtempSync(join(tmpdir(), 'xxgk-viewdata-'));
    const pdfFolder = join(out, 'view', 'pdf');
    const exportView = async (reports: [typeof flagged, { path: string; contentKey?: string }][]) => {
      const view = new ViewExport(out);
      for (const [report, input] of reports) view.add(report, input);
      const meta = await view.close();
      let written: XxgkView.Meta | undefined;
      runInNewContext(readFileSync(join(out, 'view', 'meta.js'), 'utf8'), {
        xxgkMeta: (m: XxgkView.Meta) => (written = m),
      });
      return { resources: meta, meta: written!, copies: readdirSync(pdfFolder).sort() };
    };

    const first = await exportView([[flagged, { path, contentKey }]]);
    const key = contentKey.slice(0, 24);
    expect(first.copies).toEqual([`${key}.js`]);
    const copiedAt = statSync(join(pdfFolder, `${key}.js`)).mtimeMs;
    writeFileSync(join(pdfFolder, `${'f'.repeat(24)}.js`), 'xxgkPdf("ffff","");\n');
    writeFileSync(join(pdfFolder, `${'e'.repeat(24)}.js.partial`), 'xxgkPdf("eeee","JVBER');

    // The original moved away: the copy is known by the store's key, kept as it was, and the report still shows it.
    const second = await exportView([
      [ok, { path: corpusPath('pingtan-2021.html') }],
      [flagged, { path: '/moved/away.pdf', contentKey }],
    ]);
    expect(second.copies).toEqual([`${key}.js`]);
    expect(statSync(join(pdfFolder, `${key}.js`)).mtimeMs).toBe(copiedAt);
    expect(second.meta.pdfLibrary).toMatch(/^view\/lib\/pdfjs-/);

    // Without the store's key the file is read, and its copy named the same.
    expect((await exportView([[flagged, { path }]])).copies).toEqual([`${key}.js`]);
    const none = await exportView([[ok, { path: corpusPath('pingtan-2021.html') }]]);
    expect(none.copies).toEqual([]);
    expect(none.meta.pdfLibrary).toBeNull();
  });
});
