import { readFileSync } from 'node:fs';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { OperatorList } from '../../../extractors/pdf/graphics.js';
import type { PageCell, PageTable } from '../../../extractors/geometry/page-items.js';
import { openPdf } from '../../../extractors/pdf/pdfjs.js';
import { pagePicture, pictureItems } from '../../../extractors/pdf/scanned.js';
import { stitchPages } from '../../../extractors/geometry/stitch.js';
import { tableFromCells, type Block, type Box, type TableCell } from '../../../src/core/model/document.js';
import { fixturePath } from '../../helpers.js';

/** Pages without a text layer as pictures for OCR, and OCR's blocks back on the page. */

const opened: PDFDocumentProxy[] = [];
afterAll(async () => Promise.all(opened.map((pdf) => pdf.destroy())));

async function pictureOf(fixture: string, n = 1) {
  const pdf = await openPdf(readFileSync(fixturePath(fixture)));
  opened.push(pdf);
  const page = await pdf.getPage(n);
  const picture = await pagePicture(page, n, (await page.getOperatorList()) as OperatorList);
  if (picture.source.kind !== 'pixels') throw new Error('a page picture is pixels');
  return { picture, source: picture.source, page: page.getViewport({ scale: 1 }) };
}

/** Share of pixels darker than mid-grey (ink). */
function inkShare(source: { data: ArrayLike<number>; channels: number; width: number; height: number }): number {
  let dark = 0;
  for (let i = 0; i < source.data.length; i += source.channels) if (source.data[i]! < 128) dark++;
  return dark / (source.width * source.height);
}

describe('the picture of a page without text', () => {
  it('is the page’s one JPEG image as stored, at its own resolution, with pixel boxes scaled to page points', async () => {
    const { picture, source, page } = await pictureOf('report-31-scanned.pdf', 2);
    expect(picture.origin).toBe('image');
    // A US Letter page (612 × 792 pt) scanned at 150 dpi.
    expect([source.width, source.height, source.channels]).toEqual([1275, 1650, 3]);
    expect([page.width, page.height]).toEqual([612, 792]);
    expect(picture.toPoints([0, 0, 1275, 1650])).toEqual([0, 0, 612, 792]);
    expect(picture.toPoints([150, 300, 300, 450]).map((v) => Math.round(v * 10) / 10)).toEqual([72, 144, 144, 216]);
    expect(inkShare(source)).toBeGreaterThan(0.005);
  });

  it('a CCITT Group 4 (black and white) scan is unpacked to one byte per pixel, white paper and black ink', async () => {
    const { picture, source } = await pictureOf('report-31-page1-g4.pdf');
    expect(picture.origin).toBe('image');
    expect(source.channels).toBe(1);
    expect(new Set(source.data)).toEqual(new Set([0, 255]));
    // Print covers a few percent of a page; inverted, it would be most of it.
    expect(inkShare(source)).toBeGreaterThan(0.01);
    expect(inkShare(source)).toBeLessThan(0.2);
  });

  it('a page shown turned (/Rotate 90) is drawn upright, in the page’s own frame', async () => {
    const { picture, source, page } = await pictureOf('report-31-page1-g4-turned.pdf');
    expect(picture.origin).toBe('rendered');
    expect([page.width, page.height]).toEqual([792, 612]);
    expect(source.width).toBeGreaterThan(source.height);
    // Drawn at the resolution of its image (150 dpi), no finer.
    expect(source.width).toBeCloseTo((792 * 150) / 72, -1);
    expect(picture.toPoints([0, 0, source.width, source.height]).map(Math.round)).toEqual([0, 0, 792, 612]);
  });

  it('a page stored as two images is drawn whole, at the images’ resolution', async () => {
    const { picture, source, page } = await pictureOf('report-31-strips.pdf');
    expect(picture.origin).toBe('rendered');
    expect(source.width).toBeCloseTo(1275, -1);
    expect(picture.toPoints([0, 0, source.width, source.height]).map(Math.round)).toEqual([
      0,
      0,
      Math.round(page.width),
      Math.round(page.height),
    ]);
    expect(inkShare(source)).toBeGreaterThan(0.005);
  });

  it('a page whose image cannot be decoded is refused with the reason, not drawn blank', async () => {
    await expect(pictureOf('report-31-broken-scan.pdf', 2)).rejects.toThrow(/image is damaged/);
  });
});

describe('OCR blocks on the page', () => {
  const scale = 0.5;
  const toPoints = (box: Box) => box.map((v) => v * scale) as Box;
  const geometry = { toPoints, pageWidth: 600, pageHeight: 800 };
  const reading = { confidence: 0.9, confirmed: true };
  const cell = (row: number, col: number, text: string, box: Box, extra: Partial<TableCell> = {}): TableCell => ({
    row,
    col,
    rowSpan: 1,
    colSpan: 1,
    text,
    box,
    ocr: { ...reading, pixelBox: box },
    ...extra,
  });

  it('boxes in points (the outline on the scan as given), the pixel box and the page kept with each reading; columns from the straightened boxes; a text without a reading is not confirmed', () => {
    const blocks: Block[] = [
      {
        kind: 'text',
        text: '某局2023年政府信息公开工作年度报告',
        box: [200, 200, 1000, 240],
        ocr: { confidence: 0.7, confirmed: false },
      },
      { kind: 'text', text: '一、总体情况', box: [140, 300, 320, 330] },
      tableFromCells(
        0,
        [
          cell(0, 0, '规章', [140, 400, 400, 440]),
          cell(0, 1, '12', [400, 400, 600, 440], { ocr: { ...reading, pixelBox: [404, 398, 606, 442] } }),
          { row: 0, col: 2, rowSpan: 1, colSpan: 1, text: '', box: [600, 400, 800, 440] },
        ],
        'ocr',
      ),
    ];
    const items = pictureItems(blocks, 3, geometry);
    expect(items[0]).toMatchObject({
      kind: 'text',
      page: 3,
      x0: 100,
      y0: 100,
      x1: 500,
      y1: 120,
      ocr: { confidence: 0.7, confirmed: false, picture: 'page 3', pixelBox: [200, 200, 1000, 240] },
    });
    expect(items[1]).toMatchObject({ kind: 'text', ocr: { confidence: 0, confirmed: false, picture: 'page 3' } });
    const table = items[2] as PageTable;
    expect(table).toMatchObject({
      kind: 'table',
      page: 3,
      structure: 'ocr',
      rows: 1,
      xs: [70, 200, 300, 400],
      x0: 70,
      y0: 199,
      x1: 400,
      y1: 221,
    });
    expect(table.cells[1]).toMatchObject({
      text: '12',
      page: 3,
      x0: 202,
      y0: 199,
      x1: 303,
      y1: 221,
      ocr: { confirmed: true, picture: 'page 3', pixelBox: [404, 398, 606, 442] },
    });
    // An empty cell has nothing to confirm.
    expect(table.cells[2]!.ocr).toBeUndefined();
  });

  it('page numbers in the margins are dropped, however OCR read their dashes; a short line in the body is kept', () => {
    const line = (text: string, box: Box): Block => ({ kind: 'text', text, box, ocr: reading });
    const items = pictureItems(
      [
        line('— 3 —', [560, 1520, 640, 1540]),
        line('一2一', [570, 1520, 630, 1540]),
        line('一:迁一', [560, 20, 640, 40]),
        line('无。', [560, 700, 600, 720]),
        line('2024年1月25日', [900, 1520, 1100, 1540]),
      ],
      1,
      geometry,
    );
    expect(items.map((i) => (i.kind === 'text' ? i.text : ''))).toEqual(['无。', '2024年1月25日']);
  });
});

describe('tables continued over scanned pages', () => {
  /** A ruled table read from a scanned page: its columns shifted by `dx` points, as the sheet lay on the scanner. */
  function scannedTable(page: number, rows: string[][], dx: number, first = true): PageTable {
    const xs = [60, 200, 260, 320].map((x) => x + dx);
    const cells: PageCell[] = rows.flatMap((row, r) =>
      row.map((text, c) => ({
        row: r,
        col: c,
        rowSpan: 1,
        colSpan: 1,
        text,
        page,
        x0: xs[c]!,
        x1: xs[c + 1]!,
        y0: 100 + r * 20,
        y1: 120 + r * 20,
        ocr: { confidence: 0.9, confirmed: !text.includes('?') },
      })),
    );
    return {
      kind: 'table',
      page,
      structure: 'ocr',
      cells,
      xs,
      rows: rows.length,
      x0: xs[0]!,
      x1: xs[3]!,
      y0: first ? 100 : 60,
      y1: 100 + rows.length * 20,
    };
  }

  it('a table ending one scanned page and starting the next, the sheet lying 9 points to the right, is one table; its header, read a little differently, is not repeated', () => {
    const first = scannedTable(
      1,
      [
        ['项目', '自然人', '总计'],
        ['一、本年新收政府信息公开申请数量', '3', '5'],
      ],
      0,
    );
    const second = scannedTable(
      2,
      [
        ['项日', '自然人', '总计'],
        ['二、上年结转政府信息公开申请数量', '1', '1?'],
      ],
      9,
    );
    const [table, ...rest] = stitchPages([[first], [second]]);
    expect(rest).toEqual([]);
    expect(table).toMatchObject({ kind: 'table', pages: [1, 2], structure: 'ocr' });
    const cells = (table as { cells: PageCell[] }).cells;
    expect(cells.map((c) => [c.row, c.col, c.text])).toEqual([
      [0, 0, '项目'],
      [0, 1, '自然人'],
      [0, 2, '总计'],
      [1, 0, '一、本年新收政府信息公开申请数量'],
      [1, 1, '3'],
      [1, 2, '5'],
      [2, 0, '二、上年结转政府信息公开申请数量'],
      [2, 1, '1'],
      [2, 2, '1?'],
    ]);
    // Each cell keeps its own box on its own page, and its reading.
    expect(cells[8]).toMatchObject({ page: 2, x0: 269, ocr: { confirmed: false } });
  });

  it('a table with other columns at the top of the next scanned page is a table of its own', () => {
    const first = scannedTable(1, [['项目', '自然人', '总计']], 0);
    const other = { ...scannedTable(2, [['行政复议', '结果维持', '总计']], 9), xs: [69, 150, 269, 329] };
    expect(stitchPages([[first], [other]])).toHaveLength(2);
  });
});
