import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../extractors/pdf/index.js';
import { itemsToGlyphs } from '../../../extractors/geometry/glyphs.js';
import type { Block, TableBlock } from '../../../src/core/model/document.js';
import {
  A4,
  buildPdf,
  gridCells,
  PdfPage,
  ruledTable,
  type PageOptions,
  type PdfCell,
  type Turn,
} from '../../fixtures/pdf-writer.js';
import { fixturePath, projectRoot } from '../../helpers.js';

const tables = (blocks: Block[]) => blocks.filter((b): b is TableBlock => b.kind === 'table');
const texts = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
/** The grid as cell texts, each slot showing its origin cell ('' for empty cells). */
const slots = (table: TableBlock) => table.grid.map((row) => row.map((i) => (i < 0 ? null : table.cells[i]!.text)));

async function readPages(...pages: PdfPage[]) {
  return readPdf(buildPdf(pages));
}

describe('PDF reader: text', () => {
  it('reads Chinese in a non-embedded CJK font through the packed cMaps', async () => {
    const page = new PdfPage().text(60, 780, '一、总体情况').text(60, 760, '全年受理政府信息公开申请21件。');
    const { value: document } = await readPages(page);
    expect(texts(document.blocks)).toEqual(['一、总体情况', '全年受理政府信息公开申请21件。']);
  });

  it('drops page numbers in the margins and keeps the title from the metadata', async () => {
    const page = new PdfPage().text(60, 780, '正文第一段。').text(290, 30, '- 3 -').text(290, 812, '— 5 —');
    const { value: document } = await readPdf(buildPdf([page], { title: '某局2023年政府信息公开工作年度报告' }));
    expect(texts(document.blocks)).toEqual(['正文第一段。']);
    expect(document.title).toBe('某局2023年政府信息公开工作年度报告');
  });

  it('removes fake-bold duplicate glyphs printed a fraction of a point apart', async () => {
    const page = new PdfPage().text(60, 780, '行政许可', { fakeBold: 0.3 });
    expect(texts((await readPages(page)).value.blocks)).toEqual(['行政许可']);
  });
});

/** A small ruled table: spans, a heading stacked one character a line, numbers. */
const RULED_CELLS: PdfCell[] = [
  { row: 0, col: 0, rowSpan: 2, text: '项目' },
  { row: 0, col: 1, colSpan: 2, text: '行政诉讼' },
  { row: 1, col: 1, text: '结\n果\n维\n持' },
  { row: 1, col: 2, text: '总计' },
  { row: 2, col: 0, text: '件数' },
  { row: 2, col: 1, text: '3' },
  { row: 2, col: 2, text: '3' },
];

describe('PDF reader: ruled tables', () => {
  const cells = RULED_CELLS;

  it('rebuilds cells with their spans from the rulings, reading a header stacked one character per line as one label', async () => {
    const page = new PdfPage();
    ruledTable(page, 60, 760, [120, 40, 60], [20, 60, 20], cells);
    const [table] = tables((await readPages(page)).value.blocks);
    expect(slots(table!)).toEqual([
      ['项目', '行政诉讼', '行政诉讼'],
      ['项目', '结果维持', '总计'],
      ['件数', '3', '3'],
    ]);
    expect(table!.structure).toBe('ruled');
    expect(table!.cells[0]).toMatchObject({ page: 1, rowSpan: 2 });
    expect(table!.cells[0]!.box![0]).toBeCloseTo(60, 0);
  });

  it('reads borders drawn as thin filled rectangles the same way', async () => {
    const page = new PdfPage();
    ruledTable(page, 60, 760, [120, 40, 60], [20, 60, 20], cells, { filledBorders: true });
    const [table] = tables((await readPages(page)).value.blocks);
    expect(slots(table!)[1]).toEqual(['项目', '结果维持', '总计']);
  });

  it('ignores white rules and clipping paths', async () => {
    const page = new PdfPage();
    page.clipRect(60, 700, 60, 30);
    ruledTable(
      page,
      60,
      760,
      [120, 60],
      [20, 20],
      gridCells([
        ['规章', '12'],
        ['行政许可', '7'],
      ]),
    );
    page.line(90, 760, 90, 720, { gray: 1 });
    const [table] = tables((await readPages(page)).value.blocks);
    expect(slots(table!)).toEqual([
      ['规章', '12'],
      ['行政许可', '7'],
    ]);
  });

  it('splits a text run that crosses a cell border between the two cells', async () => {
    const page = new PdfPage();
    ruledTable(
      page,
      60,
      760,
      [100, 11, 11],
      [20],
      [
        { row: 0, col: 0, text: '行政处罚' },
        { row: 0, col: 1, text: '' },
        { row: 0, col: 2, text: '' },
      ],
    );
    page.text(163, 746, '12', { size: 10 });
    const [table] = tables((await readPages(page)).value.blocks);
    expect(slots(table!)).toEqual([['行政处罚', '1', '2']]);
  });
});

describe('PDF reader: turned pages', () => {
  const cells = RULED_CELLS;
  /** A heading, a ruled table and a page number, laid out upright on the page's canvas (turned or not). */
  const tablePage = (options: PageOptions) => {
    const page = new PdfPage(options);
    const top = page.canvas.height;
    page.text(60, top - 50, '四、政府信息公开行政复议、行政诉讼情况');
    ruledTable(page, 60, top - 82 + 2, [120, 40, 60], [20, 60, 20], cells);
    page.text(60, top - 200, '五、存在的主要问题及改进情况').text(page.canvas.width / 2, 30, '- 3 -');
    return page;
  };
  const expected = [
    ['项目', '行政诉讼', '行政诉讼'],
    ['项目', '结果维持', '总计'],
    ['件数', '3', '3'],
  ];
  // The first cell (项目) as the page displays it, per clockwise turn of the content or /Rotate of the page.
  const portraitBoxes: Record<Turn, number[]> = {
    0: [60, 80, 180, 160],
    90: [682, 60, 762, 180],
    180: [415, 682, 535, 762],
    270: [80, 415, 160, 535],
  };

  it.each([90, 180, 270] as const)(
    'reads a page displayed turned by /Rotate %i as upright, boxes as displayed',
    async (rotate) => {
      const { value: document } = await readPages(tablePage({ rotate }));
      expect(texts(document.blocks)).toEqual([
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
      ]);
      const [table] = tables(document.blocks);
      expect(slots(table!)).toEqual(expected);
      table!.cells[0]!.box!.forEach((v, i) => expect(v).toBeCloseTo(portraitBoxes[rotate][i]!, 0));
    },
  );

  it.each([90, 180, 270] as const)(
    'reads content drawn turned by %i degrees (rotated text matrices) on a landscape or portrait page',
    async (turn) => {
      const landscape = turn === 180 ? {} : { width: A4.height, height: A4.width };
      const { value: document } = await readPages(tablePage({ turn, ...landscape }));
      expect(texts(document.blocks)).toEqual([
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
      ]);
      const [table] = tables(document.blocks);
      expect(slots(table!)).toEqual(expected);
      table!.cells[0]!.box!.forEach((v, i) => expect(v).toBeCloseTo(portraitBoxes[turn][i]!, 0));
    },
  );

  it('reads a landscape table drawn sideways on a portrait page', async () => {
    const { value: document } = await readPages(tablePage({ turn: 270 }));
    expect(slots(tables(document.blocks)[0]!)).toEqual(expected);
  });

  it('reads a sideways table under an upright heading, each in its own frame, in the order shown', async () => {
    const page = tablePage({ turn: 90, width: A4.height, height: A4.width });
    page.text(60, 20, '表三（续）', { upright: true });
    page.text(400, 560, '某县人民政府办公室', { upright: true });
    const { value: document } = await readPages(page);
    // Each frame's text in its own reading order; the frame that starts higher on the displayed page first.
    expect(texts(document.blocks)).toEqual([
      '某县人民政府办公室',
      '表三（续）',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
    ]);
    expect(slots(tables(document.blocks)[0]!)).toEqual(expected);
  });

  it('leaves sideways text inside an upright table out of that table', async () => {
    const page = new PdfPage();
    ruledTable(page, 60, 760, [120, 40, 60], [20, 60, 20], cells);
    page.text(110, 720, '旁注', { turn: 90 });
    const [table] = tables((await readPages(page)).value.blocks);
    expect(slots(table!)).toEqual(expected);
  });
});

describe('PDF reader: tables across pages', () => {
  const header = [['项目', '自然人', '总计']];
  const rows = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => [
      `${from + i + 1}.第${from + i + 1}行`,
      String(from + i),
      String(from + i),
    ]);

  it('joins a table continued on the next page, with a page number between and the header repeated', async () => {
    const first = new PdfPage();
    ruledTable(first, 60, 200, [150, 60, 60], Array(6).fill(20), gridCells([...header, ...rows(0, 5)]));
    first.text(290, 30, '- 1 -');
    const second = new PdfPage();
    ruledTable(second, 60, 800, [150, 60, 60], Array(4).fill(20), gridCells([...header, ...rows(5, 8)]));
    second.text(60, 600, '四、政府信息公开行政复议、行政诉讼情况');
    const { value: document } = await readPages(first, second);
    const [table] = tables(document.blocks);
    expect(tables(document.blocks)).toHaveLength(1);
    expect(table!.pages).toEqual([1, 2]);
    expect(slots(table!).map((r) => r[0])).toEqual(['项目', ...rows(0, 8).map((r) => r[0])]);
    expect(table!.cells.find((c) => c.text === '6.第6行')).toMatchObject({ page: 2 });
  });

  it('rejoins a row the page break cut in two (numbers above, the rest of its label below)', async () => {
    const first = new PdfPage();
    ruledTable(
      first,
      60,
      100,
      [150, 60],
      [20, 20],
      gridCells([
        ['（一）予以公开', '3'],
        ['（二）部分公开（区分处理', '4'],
      ]),
    );
    const second = new PdfPage();
    ruledTable(
      second,
      60,
      800,
      [150, 60],
      [20, 20],
      gridCells([
        ['的，只计这一情形）', ''],
        ['（七）总计', '7'],
      ]),
    );
    const [table] = tables((await readPages(first, second)).value.blocks);
    expect(slots(table!)).toEqual([
      ['（一）予以公开', '3'],
      ['（二）部分公开（区分处理的，只计这一情形）', '4'],
      ['（七）总计', '7'],
    ]);
  });

  it('keeps two tables apart when text separates them', async () => {
    const first = new PdfPage();
    ruledTable(first, 60, 100, [150, 60], [20], gridCells([['规章', '3']]));
    first.text(60, 50, '注：以上为本年数据。');
    const second = new PdfPage();
    ruledTable(second, 60, 800, [150, 60], [20], gridCells([['行政许可', '4']]));
    expect(tables((await readPages(first, second)).value.blocks)).toHaveLength(2);
  });
});

describe('PDF reader: tables without rulings', () => {
  it('reads label-and-number lines as a lower-confidence text-aligned table', async () => {
    const page = new PdfPage();
    page
      .text(60, 760, '一、本年新收政府信息公开申请数量')
      .text(300, 760, '21')
      .text(340, 760, '0')
      .text(380, 760, '21');
    page.text(60, 740, '二、上年结转政府信息公开申请数量').text(300, 740, '0').text(340, 740, '0').text(380, 740, '0');
    const [table] = tables((await readPages(page)).value.blocks);
    expect(table!.structure).toBe('text-aligned');
    expect(slots(table!)).toEqual([
      ['一、本年新收政府信息公开申请数量', '21', '0', '21'],
      ['二、上年结转政府信息公开申请数量', '0', '0', '0'],
    ]);
  });
});

describe('PDF reader: tables without rulings whose labels wrap', () => {
  /** Lines from the top: a label piece, and the row's numbers when the line carries them. */
  const borderless = (lines: [number, string, string?][]) => {
    const page = new PdfPage();
    for (const [y, label, numbers] of lines) {
      page.text(60, y, label);
      numbers?.split(' ').forEach((n, i) => page.text(300 + i * 40, y, n));
    }
    return page;
  };
  const wrappedRows: [number, string, string?][] = [
    [760, '1.本机关不掌', '2 0 2'],
    [745, '握相关政府信'],
    [730, '息'],
    [715, '2.没有现成信', '1 1 2'],
    [700, '息需要另行制'],
    [685, '作'],
    [670, '3.补正后申请', '0 0 0'],
  ];

  it('gives each label line to the row whose band it lies in, when every label starts on its number line', async () => {
    const { value: document, messages: warnings } = await readPages(borderless(wrappedRows));
    expect(warnings).toEqual([]);
    const [table] = tables(document.blocks);
    expect(table!.structure).toBe('text-aligned');
    expect(slots(table!)).toEqual([
      ['1.本机关不掌握相关政府信息', '2', '0', '2'],
      ['2.没有现成信息需要另行制作', '1', '1', '2'],
      ['3.补正后申请', '0', '0', '0'],
    ]);
  });

  it('continues the last row of a page with the label lines at the top of the next page', async () => {
    const next = borderless([[760, '2.没有', '1 1 2']])
      .text(60, 790, '关不掌握')
      .text(60, 775, '政府信息');
    const { value: document } = await readPages(borderless(wrappedRows.slice(0, 1)), next);
    expect(tables(document.blocks).map(slots)).toEqual([
      [['1.本机关不掌关不掌握政府信息', '2', '0', '2']],
      [['2.没有', '1', '1', '2']],
    ]);
  });

  it('splits label columns set closer together than a character (a 12-point label filling its cell) at their edges', async () => {
    const page = new PdfPage();
    const rows: [number, string, string, string?][] = [
      [760, '三、本', '（一）予以公开', '1 2 3'],
      [745, '年度办', '（二）部分公开', '4 5 6'],
      [730, '理结果', '（区分处理的，'],
      [715, '', '只计这一情形）'],
      [700, '', '（三）不予公开', '7 8 9'],
    ];
    for (const [y, group, label, numbers] of rows) {
      if (group) page.text(60, y, group, { size: 12 });
      page.text(106, y, label, { size: 12 });
      numbers?.split(' ').forEach((n, i) => page.text(300 + i * 40, y, n, { size: 12 }));
    }
    const { value: document, messages: warnings } = await readPages(page);
    expect(warnings).toEqual([]);
    expect(slots(tables(document.blocks)[0]!)).toEqual([
      ['三、本', '（一）予以公开', '1', '2', '3'],
      ['年度办理结果', '（二）部分公开（区分处理的，只计这一情形）', '4', '5', '6'],
      [null, '（三）不予公开', '7', '8', '9'],
    ]);
  });

  const refused = async (lines: [number, string, string?][]) => {
    const { value: document, messages: warnings } = await readPages(borderless(lines));
    expect(tables(document.blocks)).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'wrapped_labels' })]);
  };

  it('refuses labels centred on their numbers (a row label starts above its number line)', async () => {
    await refused([
      [775, '1.本机关不掌'],
      [760, '握相关政府信', '2 0 2'],
      [745, '息'],
      [730, '2.没有现成信'],
      [715, '息需要另行制', '1 1 2'],
      [700, '作'],
    ]);
  });

  it('refuses the rows under a numbered label line without numbers (a blank row, or a label set lower in its cell)', async () => {
    const { value: document, messages: warnings } = await readPages(
      borderless(wrappedRows.map(([y, label, numbers]) => (y === 715 ? [y, label] : [y, label, numbers]))),
    );
    // The row above is whole (its band ends at the numbered line); the row below could own the lines above it.
    expect(tables(document.blocks).map(slots)).toEqual([[['1.本机关不掌握相关政府信息', '2', '0', '2']]]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'wrapped_labels' })]);
    expect(texts(document.blocks).join('|')).toContain('2.没有现成信');
  });

  it('refuses label lines that sit between whole line pitches below their row', async () => {
    await refused([
      [760, '1.本机关不掌', '2 0 2'],
      [737.5, '握相关政府信'],
      [715, '2.没有现成信', '1 1 2'],
      [700, '息需要另行制'],
    ]);
  });
});

describe('PDF reader: pages without text', () => {
  // Each page is an 8 × 8 pixel image stretched over the page: a thumbnail OCR cannot read.
  it('a scanned PDF whose pages OCR cannot read needs OCR, saying why, pages refused alike named together', async () => {
    await expect(
      readPages(new PdfPage().image(0, 0, 595, 842), new PdfPage().image(0, 0, 595, 842)),
    ).rejects.toMatchObject({
      code: 'needs_ocr',
      message:
        'no text layer on any page, and OCR could not read them: pages 1, 2: the scan is 8 × 8 pixels: too small to hold readable text',
    });
  });

  it('a partly scanned PDF is read, with the scanned pages OCR could not read named', async () => {
    const { messages: warnings, usedOcr } = await readPages(
      new PdfPage().text(60, 780, '一、总体情况'),
      new PdfPage().image(0, 0, 595, 842),
    );
    expect(warnings).toEqual([
      {
        level: 'warning',
        code: 'needs_ocr',
        message:
          'scanned pages OCR could not read, left out: page 2: the scan is 8 × 8 pixels: too small to hold readable text',
      },
    ]);
    expect(usedOcr).toBeUndefined();
  });

  it('past 12 scanned pages the rest are named, not read (a long scan still gives its first pages within the time limit)', async () => {
    const pages = Array.from({ length: 14 }, () => new PdfPage().image(0, 0, 595, 842));
    await expect(readPages(new PdfPage().text(60, 780, '一、总体情况'), ...pages)).resolves.toMatchObject({
      messages: [
        {
          code: 'needs_ocr',
          message:
            'scanned pages OCR could not read, left out: pages 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13: the scan is 8 × 8 pixels: too small to hold readable text; pages 14, 15: OCR reads at most 12 scanned pages of a file',
        },
      ],
    });
  });

  it('a page without text that paints nothing is blank, not a scan', async () => {
    const { messages: warnings, value: document } = await readPages(
      new PdfPage().text(60, 780, '一、总体情况'),
      new PdfPage(),
    );
    expect(warnings).toEqual([]);
    expect(texts(document.blocks)).toEqual(['一、总体情况']);
  });
});

describe('glyphs', () => {
  it('places the characters of a run along its width, CJK twice as wide as digits', () => {
    const glyphs = itemsToGlyphs(
      [{ str: '年12', transform: [10, 0, 0, 10, 100, 700], width: 20 }],
      [1, 0, 0, -1, 0, 842],
    );
    expect(glyphs.map((g) => [g.char, g.x0, g.x1])).toEqual([
      ['年', 100, 110],
      ['1', 110, 115],
      ['2', 115, 120],
    ]);
  });
});

describe('PDF reader: long files', () => {
  it('reads a 500-page PDF up to its page limit and says so (time and memory: npm run bench)', async () => {
    const pages = Array.from({ length: 500 }, (_, i) => new PdfPage().text(60, 780, `第${i + 1}页内容`));
    const { value: document, messages: warnings } = await readPdf(buildPdf(pages));
    expect(warnings).toEqual([
      { level: 'warning', code: 'read', message: 'the PDF has 500 pages; only the first 200 were read' },
    ]);
    expect(document.pageCount).toBe(500);
    expect(texts(document.blocks)).toHaveLength(200);
  });
});

describe('PDF reader: the process around it', () => {
  // pdfjs-dist's polyfills replace JSON.stringify (13× slower) and Array.prototype.push for the whole thread, once
  // when it loads and again when its worker code loads; a fresh process shows whether the natives survive both.
  it('leaves JSON.stringify, JSON.parse and Array.prototype.push native after reading a PDF', () => {
    const script = `
      const natives = [JSON.stringify, JSON.parse, Array.prototype.push];
      const { readPdf } = await import(${JSON.stringify(`${projectRoot}extractors/pdf/index.ts`)});
      const { readFileSync } = await import('node:fs');
      const { value: document } = await readPdf(readFileSync(${JSON.stringify(fixturePath('report-31.pdf'))}));
      const now = [JSON.stringify, JSON.parse, Array.prototype.push];
      console.log(JSON.stringify({ blocks: document.blocks.length, same: natives.map((f, i) => f === now[i]) }));`;
    // The sources, run through tsx: the reader as it is now, with no build needed.
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      cwd: projectRoot,
    });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { blocks: number; same: boolean[] };
    expect(result.blocks).toBeGreaterThan(10);
    expect(result.same).toEqual([true, true, true]);
  });
});
