import { describe, expect, it } from 'vitest';
import type { PageCell, PageItem, PageTable, PageText } from '../../../extractors/geometry/page-items.js';
import { stitchPages, type StitchedItem } from '../../../extractors/geometry/stitch.js';

/**
 * Tables printed across pages, joined: every branch of the stitching, on page layouts written out cell by cell
 * (what the PDF reader's lattice and layout stages hand over). Whole PDFs: test/extractors/pdf/pdf.test.ts.
 */

type Entry = string | [text: string, colSpan: number];

/** A ruled table on `page`: column boundaries `xs`, rows 20 pt high from `top`; a cell spanning columns is `[text, span]`. */
function ruled(
  page: number,
  xs: number[],
  rows: Entry[][],
  top = 100,
  structure: PageTable['structure'] = 'ruled',
): PageTable {
  const cells: PageCell[] = rows.flatMap((row, r) => {
    let col = 0;
    return row.map((entry) => {
      const [text, colSpan] = typeof entry === 'string' ? [entry, 1] : entry;
      const cell = {
        row: r,
        col,
        rowSpan: 1,
        colSpan,
        text,
        page,
        x0: xs[col]!,
        x1: xs[col + colSpan]!,
        y0: top + 20 * r,
        y1: top + 20 * (r + 1),
      };
      col += colSpan;
      return cell;
    });
  });
  return {
    kind: 'table',
    page,
    structure,
    cells,
    xs,
    rows: rows.length,
    x0: xs[0]!,
    y0: top,
    x1: xs[xs.length - 1]!,
    y1: top + 20 * rows.length,
  };
}

const text = (page: number, words: string): PageText => ({
  kind: 'text',
  page,
  text: words,
  x0: 60,
  y0: 60,
  x1: 300,
  y1: 72,
});

/** Each stitched table as rows of its cells, `text` or `text@colSpan` for a cell spanning columns, in column order. */
function tablesOf(items: StitchedItem[]): { pages: number[]; rows: string[][] }[] {
  return items.flatMap((item) => {
    if (item.kind !== 'table') return [];
    const rows: string[][] = [];
    for (const cell of [...item.cells].sort((a, b) => a.row - b.row || a.col - b.col)) {
      (rows[cell.row] ??= []).push(
        `${cell.text}${cell.colSpan > 1 ? `@${cell.colSpan}` : ''}${cell.rowSpan > 1 ? `^${cell.rowSpan}` : ''}`,
      );
    }
    return [{ pages: item.pages, rows: Array.from(rows, (row) => row ?? []) }];
  });
}

const XS = [60, 210, 270, 330];
const HEADER = ['项目', '自然人', '总计'];

describe('stitching: which tables continue on the next page', () => {
  it('joins a ruled table ending a page with the ruled table opening the next, same columns, rows renumbered', () => {
    const items = stitchPages([
      [text(1, '三、收到和处理政府信息公开申请情况'), ruled(1, XS, [HEADER, ['一、本年新收', '3', '3']])],
      [ruled(2, XS, [['二、上年结转', '1', '1']], 800), text(2, '四、政府信息公开行政复议、行政诉讼情况')],
    ]);
    expect(items.map((item) => item.kind)).toEqual(['text', 'table', 'text']);
    expect(tablesOf(items)).toEqual([
      { pages: [1, 2], rows: [HEADER, ['一、本年新收', '3', '3'], ['二、上年结转', '1', '1']] },
    ]);
    const joined = items[1]!.kind === 'table' ? items[1]!.cells : [];
    expect(joined.filter((c) => c.row === 2).map((c) => [c.page, c.col, c.y0])).toEqual([
      [2, 0, 800],
      [2, 1, 800],
      [2, 2, 800],
    ]);
  });

  it('joins over three pages', () => {
    const items = stitchPages([
      [ruled(1, XS, [HEADER, ['一、', '1', '1']])],
      [ruled(2, XS, [['二、', '2', '2']])],
      [
        ruled(3, XS, [
          ['三、', '3', '3'],
          ['四、', '4', '4'],
        ]),
      ],
    ]);
    expect(tablesOf(items)).toEqual([
      {
        pages: [1, 2, 3],
        rows: [HEADER, ['一、', '1', '1'], ['二、', '2', '2'], ['三、', '3', '3'], ['四、', '4', '4']],
      },
    ]);
  });

  it.each([
    [
      'text ends the first page',
      [[ruled(1, XS, [['一、', '1', '1']]), text(1, '注：单位为件。')], [ruled(2, XS, [['二、', '2', '2']])]],
    ],
    [
      'text opens the next page',
      [[ruled(1, XS, [['一、', '1', '1']])], [text(2, '（续表）'), ruled(2, XS, [['二、', '2', '2']])]],
    ],
    [
      'the next table has no rulings',
      [[ruled(1, XS, [['一、', '1', '1']])], [ruled(2, XS, [['二、', '2', '2']], 800, 'text-aligned')]],
    ],
    [
      'the first column starts 5 pt apart',
      [[ruled(1, XS, [['一、', '1', '1']])], [ruled(2, [65, 210, 270, 330], [['二、', '2', '2']])]],
    ],
    [
      'the last column ends 5 pt apart',
      [[ruled(1, XS, [['一、', '1', '1']])], [ruled(2, [60, 210, 270, 335], [['二、', '2', '2']])]],
    ],
    [
      'inner columns differ both ways',
      [[ruled(1, XS, [['一、', '1', '1']])], [ruled(2, [60, 180, 300, 330], [['二、', '2', '2']])]],
    ],
    [
      'the next table runs past the last column',
      [[ruled(1, XS, [['一、', '1', '1']])], [ruled(2, [...XS, 390], [['二、', '2', '2', '2']])]],
    ],
    [
      'the next table starts left of the first column',
      [[ruled(1, XS, [['一、', '1', '1']])], [ruled(2, [20, ...XS], [['', '二、', '2', '2']])]],
    ],
  ])('keeps two tables apart when %s', (_, pages) => {
    expect(tablesOf(stitchPages(pages as PageItem[][])).map((t) => t.pages)).toEqual([[1], [2]]);
  });

  it('keeps two tables on one page apart', () => {
    expect(
      tablesOf(stitchPages([[ruled(1, XS, [['一、', '1', '1']]), ruled(1, XS, [['二、', '2', '2']], 400)]])).map(
        (t) => t.pages,
      ),
    ).toEqual([[1], [1]]);
  });

  it('allows 4 pt between the column boundaries of the two pages', () => {
    const items = stitchPages([
      [ruled(1, XS, [['一、', '1', '1']])],
      [ruled(2, [64, 213, 266, 334], [['二、', '2', '2']])],
    ]);
    expect(tablesOf(items)).toEqual([
      {
        pages: [1, 2],
        rows: [
          ['一、', '1', '1'],
          ['二、', '2', '2'],
        ],
      },
    ]);
  });
});

describe('stitching: columns that only one page shows', () => {
  it('a continuation whose merged cells hide a boundary keeps each cell in its column, spanning the columns it covers', () => {
    const items = stitchPages([
      [ruled(1, XS, [HEADER, ['一、', '1', '1']])],
      [ruled(2, [60, 210, 330], [['二、', '无']])],
    ]);
    expect(tablesOf(items)).toEqual([{ pages: [1, 2], rows: [HEADER, ['一、', '1', '1'], ['二、', '无@2']] }]);
  });

  it('a first page whose merged cells hide a boundary gets the finer columns of the next', () => {
    const items = stitchPages([[ruled(1, [60, 210, 330], [['项目', '申请人']])], [ruled(2, XS, [['一、', '1', '1']])]]);
    expect(tablesOf(items)).toEqual([
      {
        pages: [1, 2],
        rows: [
          ['项目', '申请人@2'],
          ['一、', '1', '1'],
        ],
      },
    ]);
    const cells = items[0]!.kind === 'table' ? items[0]!.cells : [];
    expect(cells.map((c) => [c.text, c.col, c.colSpan])).toEqual([
      ['项目', 0, 1],
      ['申请人', 1, 2],
      ['一、', 0, 1],
      ['1', 1, 1],
      ['1', 2, 1],
    ]);
  });
});

describe('stitching: header rows repeated on the next page', () => {
  it('drops the repeated header rows of the continuation', () => {
    const second = ['（本列数据的勾稽关系）', '法人', '合计'];
    const items = stitchPages([
      [ruled(1, XS, [HEADER, second, ['一、', '1', '1']])],
      [ruled(2, XS, [HEADER, second, ['二、', '2', '2']])],
    ]);
    expect(tablesOf(items)).toEqual([
      { pages: [1, 2], rows: [HEADER, second, ['一、', '1', '1'], ['二、', '2', '2']] },
    ]);
  });

  it('keeps a first row that differs, and a repeated row holding numbers (data printed twice is not a header)', () => {
    const differs = stitchPages([
      [ruled(1, XS, [HEADER, ['一、', '1', '1']])],
      [
        ruled(2, XS, [
          ['项目', '自然人', '合计'],
          ['二、', '2', '2'],
        ]),
      ],
    ]);
    expect(tablesOf(differs)[0]!.rows).toEqual([
      HEADER,
      ['一、', '1', '1'],
      ['项目', '自然人', '合计'],
      ['二、', '2', '2'],
    ]);
    const numbered = stitchPages([
      [
        ruled(1, XS, [
          ['第1页', '1', '1'],
          ['一、', '1', '1'],
        ]),
      ],
      [
        ruled(2, XS, [
          ['第1页', '1', '1'],
          ['二、', '2', '2'],
        ]),
      ],
    ]);
    expect(tablesOf(numbered)[0]!.rows).toEqual([
      ['第1页', '1', '1'],
      ['一、', '1', '1'],
      ['第1页', '1', '1'],
      ['二、', '2', '2'],
    ]);
  });

  it('a continuation that only repeats the header adds nothing, and the table goes on after it', () => {
    const items = stitchPages([
      [ruled(1, XS, [HEADER, ['一、', '1', '1']])],
      [ruled(2, XS, [HEADER])],
      [ruled(3, XS, [['二、', '2', '2']])],
    ]);
    expect(tablesOf(items)).toEqual([{ pages: [1, 2, 3], rows: [HEADER, ['一、', '1', '1'], ['二、', '2', '2']] }]);
  });

  it('compares header rows cell by cell, not as run-together text', () => {
    const items = stitchPages([
      [ruled(1, XS, [HEADER, ['一、', '1', '1']])],
      [
        ruled(2, XS, [
          ['项目自然人', '', '总计'],
          ['二、', '2', '2'],
        ]),
      ],
    ]);
    expect(tablesOf(items)[0]!.rows[2]).toEqual(['项目自然人', '', '总计']);
  });

  it('drops at most six repeated rows', () => {
    const header = Array.from({ length: 7 }, (_, i) => [`表头${'一二三四五六七'[i]}`, '甲', '乙']);
    const items = stitchPages([
      [ruled(1, XS, [...header, ['一、', '1', '1']])],
      [ruled(2, XS, [...header, ['二、', '2', '2']])],
    ]);
    expect(tablesOf(items)[0]!.rows.map((r) => r[0])).toEqual([...header.map((r) => r[0]), '一、', '表头七', '二、']);
  });
});

describe('stitching: a row the page break cut in two', () => {
  it('numbers above, the rest of the label below: one row, the rows after it move up', () => {
    const items = stitchPages([
      [
        ruled(1, XS, [
          ['（一）予以公开', '3', '3'],
          ['（二）部分公开（区分处理', '4', '4'],
        ]),
      ],
      [
        ruled(
          2,
          XS,
          [
            ['的，只计这一情形）', '', ''],
            ['（三）不予公开', '5', '5'],
          ],
          800,
        ),
      ],
    ]);
    expect(tablesOf(items)).toEqual([
      {
        pages: [1, 2],
        rows: [
          ['（一）予以公开', '3', '3'],
          ['（二）部分公开（区分处理的，只计这一情形）', '4', '4'],
          ['（三）不予公开', '5', '5'],
        ],
      },
    ]);
    const joined = items[0]!.kind === 'table' ? items[0]!.cells.find((c) => c.text.startsWith('（二）'))! : undefined;
    expect([joined?.row, joined?.rowSpan, joined?.y0, joined?.y1]).toEqual([1, 1, 120, 820]);
  });

  it('the start of the label above empty cells, the numbers below with the rest of the label: one row', () => {
    const items = stitchPages([
      [
        ruled(1, XS, [
          ['（一）予以公开', '3', '3'],
          ['（二）部分公开（区分处理', '', ''],
        ]),
      ],
      [
        ruled(
          2,
          XS,
          [
            ['的，只计这一情形）', '4', '4'],
            ['（三）不予公开', '5', '5'],
          ],
          800,
        ),
      ],
    ]);
    expect(tablesOf(items)[0]!.rows).toEqual([
      ['（一）予以公开', '3', '3'],
      ['（二）部分公开（区分处理的，只计这一情形）', '4', '4'],
      ['（三）不予公开', '5', '5'],
    ]);
    const joined = items[0]!.kind === 'table' ? items[0]!.cells.filter((c) => c.row === 1) : [];
    // The number cells below take the place of the empty ones above; the label keeps the lower edge of its second half.
    expect(joined.map((c) => [c.text, c.page, c.y1])).toEqual([
      ['（二）部分公开（区分处理的，只计这一情形）', 1, 820],
      ['4', 1, 820],
      ['4', 1, 820],
    ]);
  });

  it('joins the halves of a cut row on a page printed up to 4 pt to the side', () => {
    const items = stitchPages([
      [
        ruled(1, XS, [
          ['（一）予以公开', '3', '3'],
          ['（二）部分公开（区分处理', '4', '4'],
        ]),
      ],
      [
        ruled(
          2,
          XS.map((x) => x + 4),
          [['的，只计这一情形）', '', '']],
          800,
        ),
      ],
    ]);
    expect(tablesOf(items)[0]!.rows).toEqual([
      ['（一）予以公开', '3', '3'],
      ['（二）部分公开（区分处理的，只计这一情形）', '4', '4'],
    ]);
  });

  it('takes a cell of spaces above the numbers for an empty one', () => {
    const items = stitchPages([
      [ruled(1, XS, [['（二）部分公开（区分处理', ' ', ' ']])],
      [ruled(2, XS, [['的，只计这一情形）', '4', '4']], 800)],
    ]);
    // One row (the blanks of the upper half stay in the text, and go when the number is read).
    expect(tablesOf(items)[0]!.rows.map((row) => row.map((text) => text.replace(/\s+/g, '')))).toEqual([
      ['（二）部分公开（区分处理的，只计这一情形）', '4', '4'],
    ]);
  });

  it('a label cell spanning rows below grows the row it joins', () => {
    const first = ruled(1, XS, [
      ['（一）予以公开', '3', '3'],
      ['（二）部分公开（区分处理', '4', '4'],
    ]);
    const second = ruled(
      2,
      XS,
      [
        ['的，只计这一情形）', '', ''],
        ['', '5', '5'],
      ],
      800,
    );
    second.cells[0]!.rowSpan = 2;
    second.cells.splice(3, 1);
    const items = stitchPages([[first], [second]]);
    const joined = items[0]!.kind === 'table' ? items[0]!.cells.find((c) => c.text.startsWith('（二）'))! : undefined;
    expect([joined?.text, joined?.row, joined?.rowSpan]).toEqual(['（二）部分公开（区分处理的，只计这一情形）', 1, 2]);
  });

  it.each([
    ['the row below opens with an outline number', [['（二）部分公开', '4', '4']], [['（三）不予公开', '', '']]],
    ['the row below holds numbers too', [['（二）部分公开', '4', '4']], [['的情形', '5', '5']]],
    ['the row below has no label', [['（二）部分公开', '', '']], [['', '4', '4']]],
    ['the row above is a header over a data row', [['项目', '自然人', '总计']], [['合计', '4', '4']]],
    ['two labels above the numbers below', [['（二）部分', '公开', '']], [['的情形', '4', '4']]],
    ['nothing is empty above the numbers below', [['（二）部分公开', '—', '—']], [['的情形', '4', '4']]],
    ['both halves hold numbers', [['（二）部分公开', '4', '']], [['的情形', '5', '']]],
    ['neither half holds numbers', [['（二）部分公开', '', '']], [['的情形', '', '']]],
    ['the row below opens with 三、', [['（二）部分公开', '4', '4']], [['三、本年度办理结果', '', '']]],
    ['the row below opens with 十二、', [['（二）部分公开', '4', '4']], [['十二、其他', '', '']]],
    ['the row below opens with （十二）', [['（二）部分公开', '4', '4']], [['（十二）其他', '', '']]],
    ['the row below opens with 1.', [['（二）部分公开', '4', '4']], [['1.属于国家秘密', '', '']]],
    ['the row below opens with 12.', [['（二）部分公开', '4', '4']], [['12.其他', '', '']]],
    ['the row below opens with 第一条', [['（二）部分公开', '4', '4']], [['第一条', '', '']]],
    ['the row below opens with 第十二条', [['（二）部分公开', '4', '4']], [['第十二条', '', '']]],
  ])('keeps two rows when %s', (_, above, below) => {
    const items = stitchPages([[ruled(1, XS, above as Entry[][])], [ruled(2, XS, below as Entry[][])]]);
    expect(tablesOf(items)[0]!.rows).toEqual([...(above as string[][]), ...(below as string[][])]);
  });

  it('an outline number inside the rest of a label does not open a row', () => {
    const items = stitchPages([
      [ruled(1, XS, [['（二）部分公开（区分处理', '4', '4']])],
      [ruled(2, XS, [['的，见（二）', '', '']], 800)],
    ]);
    expect(tablesOf(items)[0]!.rows).toEqual([['（二）部分公开（区分处理的，见（二）', '4', '4']]);
  });

  it('keeps two rows when the cells below are not under the cells above', () => {
    const items = stitchPages([
      [ruled(1, XS, [['（二）部分公开', '4', '4']])],
      [ruled(2, [60, 210, 330], [['的情形', '']])],
    ]);
    expect(tablesOf(items)[0]!.rows).toEqual([
      ['（二）部分公开', '4', '4'],
      ['的情形', '@2'],
    ]);
  });

  it('keeps two rows when words below stand under a number or an empty cell (a header repeated in other words)', () => {
    const items = stitchPages([
      [ruled(1, XS, [['（七）总计', '7', '']])],
      [ruled(2, XS, [['项目', '自然人', '合计']])],
    ]);
    expect(tablesOf(items)[0]!.rows).toEqual([
      ['（七）总计', '7', ''],
      ['项目', '自然人', '合计'],
    ]);
  });

  it('joins a cut row whose label cell OCR read as a digit: only cells right of the last label are the values', () => {
    const xs = [60, 120, 210, 270, 330];
    const items = stitchPages([
      [ruled(1, xs, [['1', '1.本机', '3', '3']])],
      [ruled(2, xs, [['无法提供', '关不掌握相关政府信息', '', '']])],
    ]);
    expect(tablesOf(items)[0]!.rows).toEqual([['1\n无法提供', '1.本机关不掌握相关政府信息', '3', '3']]);
  });

  it('keeps two rows when words below stand under the numbers of a row that has no label', () => {
    const items = stitchPages([[ruled(1, XS, [['', '7', '7']])], [ruled(2, XS, [['', '自然人', '']])]]);
    expect(tablesOf(items)[0]!.rows).toEqual([
      ['', '7', '7'],
      ['', '自然人', ''],
    ]);
  });

  it('a split row on the second page break of a table continued over three pages', () => {
    const items = stitchPages([
      [ruled(1, XS, [HEADER, ['（一）予以公开', '3', '3']])],
      [ruled(2, XS, [HEADER, ['（二）部分公开', '', ''], ['（三）不予公开（含', '5', '5']])],
      [ruled(3, XS, [HEADER, ['国家秘密）', '', ''], ['（四）无法提供', '6', '6']])],
    ]);
    expect(tablesOf(items)[0]!.rows).toEqual([
      HEADER,
      ['（一）予以公开', '3', '3'],
      ['（二）部分公开', '', ''],
      ['（三）不予公开（含国家秘密）', '5', '5'],
      ['（四）无法提供', '6', '6'],
    ]);
  });
});

/** A table on a scanned page: the cells read by OCR, each reading as given (confirmed with 0.95 unless said). */
function scanned(
  page: number,
  xs: number[],
  rows: Entry[][],
  readings: Record<string, { confidence: number; confirmed: boolean }> = {},
  top = 100,
): PageTable {
  const table = ruled(page, xs, rows, top, 'ocr');
  for (const cell of table.cells)
    cell.ocr = readings[`${cell.row}:${cell.col}`] ?? { confidence: 0.95, confirmed: true };
  return table;
}

describe('stitching: tables on scanned pages', () => {
  it('joins a scanned continuation whose sheet lay a little to the side, and marks the whole table as read by OCR', () => {
    const shifted = XS.map((x) => x + 9);
    const items = stitchPages([
      [ruled(1, XS, [HEADER, ['（一）予以公开', '3', '3']])],
      [scanned(2, shifted, [['（二）部分公开', '4', '4']])],
    ]);
    expect(tablesOf(items)).toEqual([
      { pages: [1, 2], rows: [HEADER, ['（一）予以公开', '3', '3'], ['（二）部分公开', '4', '4']] },
    ]);
    expect(items[0]!.kind === 'table' && items[0]!.structure).toBe('ocr');
    // The cells keep the open table's grid: the scanned cells sit in its columns.
    const cells = items[0]!.kind === 'table' ? items[0]!.cells : [];
    expect(cells.filter((c) => c.row === 2).map((c) => [c.col, c.colSpan])).toEqual([
      [0, 1],
      [1, 1],
      [2, 1],
    ]);
  });

  it('does not join digital pages whose columns moved as much: only a scanned sheet is compared from its left edge', () => {
    const shifted = XS.map((x) => x + 9);
    const items = stitchPages([
      [ruled(1, XS, [HEADER, ['（一）予以公开', '3', '3']])],
      [ruled(2, shifted, [['（二）部分公开', '4', '4']])],
    ]);
    expect(tablesOf(items).map((t) => t.pages)).toEqual([[1], [2]]);
  });

  it('drops a header the scan repeats read a little differently, only on a scanned page, and never a row of other length', () => {
    const misread = ['项目', '自然入', '总计'];
    const onScan = stitchPages([
      [scanned(1, XS, [HEADER, ['一、', '1', '1']])],
      [scanned(2, XS, [misread, ['二、', '2', '2']])],
    ]);
    expect(tablesOf(onScan)[0]!.rows).toEqual([HEADER, ['一、', '1', '1'], ['二、', '2', '2']]);
    const digital = stitchPages([
      [ruled(1, XS, [HEADER, ['一、', '1', '1']])],
      [ruled(2, XS, [misread, ['二、', '2', '2']])],
    ]);
    expect(tablesOf(digital)[0]!.rows).toEqual([HEADER, ['一、', '1', '1'], misread, ['二、', '2', '2']]);
    const wider = stitchPages([
      [scanned(1, XS, [HEADER, ['一、', '1', '1']])],
      [
        scanned(2, XS, [
          [['项目自然人', 2], '总计'],
          ['二、', '2', '2'],
        ]),
      ],
    ]);
    expect(tablesOf(wider)[0]!.rows).toContainEqual(['项目自然人@2', '总计']);
  });

  it('a row cut by the break of two scanned pages is as sure as its less sure half; an empty half vouches for nothing', () => {
    const first = scanned(1, XS, [HEADER, ['（三）不予公开（含', '5', '5']], {
      '1:1': { confidence: 0.97, confirmed: true },
      '1:2': { confidence: 0.96, confirmed: true },
    });
    const rest = scanned(2, XS, [['国家秘密）', '', '']], {
      '0:0': { confidence: 0.6, confirmed: false },
      '0:1': { confidence: 0.1, confirmed: false },
    });
    const [table] = stitchPages([[first], [rest]]);
    const cells = table!.kind === 'table' ? table!.cells.filter((c) => c.row === 1) : [];
    expect(cells.map((c) => [c.text, c.ocr])).toEqual([
      ['（三）不予公开（含国家秘密）', { confidence: 0.6, confirmed: false }],
      ['5', { confidence: 0.97, confirmed: true }],
      ['5', { confidence: 0.96, confirmed: true }],
    ]);
  });
});

describe('stitching: label lines continuing a table without rulings', () => {
  /** A table without rulings (text-aligned): label column, sub-label column, one number column. */
  const TXS = [60, 120, 270, 330];
  const aligned = (page: number, rows: Entry[][], continued?: [text: string, x0: number][]): PageTable => {
    const table = ruled(page, TXS, rows, 100, 'text-aligned');
    if (continued)
      table.continued = continued.map(([text, x0]) => ({
        row: 0,
        col: 0,
        rowSpan: 1,
        colSpan: 1,
        text,
        page,
        x0,
        x1: x0 + 40,
        y0: 80,
        y1: 92,
      }));
    return table;
  };

  it('joins each line to the last row of the table ending the page before, in its column', () => {
    const items = stitchPages([
      [aligned(1, [['（三）不予公开', '1.属于国家', '2']])],
      [aligned(2, [['（四）无法提供', '', '6']], [['秘密', 120]])],
    ]);
    expect(tablesOf(items).map((t) => t.rows)).toEqual([
      [['（三）不予公开', '1.属于国家秘密', '2']],
      [['（四）无法提供', '', '6']],
    ]);
  });

  it('puts a line where the last row has no cell in a cell of its own, or joins it to the label left of it', () => {
    const own = stitchPages([
      [
        aligned(
          1,
          [
            ['（三）不予公开', '1.属于国家', '2'],
            ['', '2.其他', '3'],
          ].map((r) => r.filter((c) => c !== '')),
        ),
      ],
      [aligned(2, [['（四）无法提供', '', '6']], [['其他法律', 200]])],
    ]);
    expect(tablesOf(own)[0]!.rows.at(-1)).toEqual(['2.其他', '3', '其他法律']);
    const taken = stitchPages([
      [aligned(1, [['（三）不予公开', '1.属于国家', '2']])],
      [aligned(2, [['（四）', '', '6']], [['秘密', 140]])],
    ]);
    expect(tablesOf(taken)[0]!.rows).toEqual([['（三）不予公开', '1.属于国家秘密', '2']]);
  });

  it('keeps the lines as the first row of their own table when no table without rulings ends the page before', () => {
    const afterText = stitchPages([
      [aligned(1, [['一、', '', '1']]), text(1, '（注）')],
      [aligned(2, [['（四）无法提供', '', '6']], [['秘密', 120]])],
    ]);
    expect(tablesOf(afterText)[1]!.rows).toEqual([['秘密'], ['（四）无法提供', '', '6']]);
    const onFirstPage = stitchPages([[aligned(1, [['（四）无法提供', '', '6']], [['秘密', 120]])]]);
    expect(tablesOf(onFirstPage)[0]!.rows).toEqual([['秘密'], ['（四）无法提供', '', '6']]);
    const afterRuled = stitchPages([
      [ruled(1, TXS, [['一、', '', '1']])],
      [aligned(2, [['（四）无法提供', '', '6']], [['秘密', 120]])],
    ]);
    expect(tablesOf(afterRuled).map((t) => t.rows)).toEqual([
      [['一、', '', '1']],
      [['秘密'], ['（四）无法提供', '', '6']],
    ]);
  });
});
