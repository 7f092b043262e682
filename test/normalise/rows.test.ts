import { describe, expect, it } from 'vitest';
import type { RegionCell, RegionRow } from '../../src/locate/tables.js';
import type { TableBlock } from '../../src/core/model/document.js';
import { cellRef } from '../../src/core/model/report.js';
import {
  analyseRow,
  assignColumns,
  columnsOf,
  completeRowSlots,
  hasNumbers,
  hasReliableGrid,
  toCell,
  type HeaderColumn,
} from '../../src/normalise/rows.js';

/** The row helpers every table normaliser shares: label and value cells, which value is which column, printed cell → model cell. */

const cell = (text: string, col: number, extra: Partial<RegionCell> = {}): RegionCell => ({
  text,
  col,
  colSpan: 1,
  rowSpan: 1,
  isOrigin: true,
  table: 2,
  row: 7,
  ...extra,
});
const row = (cells: RegionCell[], structure: TableBlock['structure'] = 'markup'): RegionRow => ({
  cells,
  structure,
  table: 2,
  row: 7,
});
/** A row: a label in column 0, then the given value texts in columns 1, 2, … */
const printed = (label: string, values: string[], structure: TableBlock['structure'] = 'markup') =>
  analyseRow(row([cell(label, 0), ...values.map((text, i) => cell(text, i + 1))], structure));
const heading = (key: string, col: number, colSpan = 1): HeaderColumn => ({ key, col, colSpan, text: key });
const placed = (assignment: ReturnType<typeof assignColumns>) =>
  assignment.assigned.map(({ key, cell: c }) => `${key}=${c.text}@${c.col}`);

describe('a row: its labels and its values', () => {
  it('labels are the word cells up to the last one; values are the cells after it that start in this row', () => {
    const analysed = analyseRow(
      row([
        cell('三、本年度办理结果', 0, { isOrigin: false }),
        cell('', 1),
        cell('（一）予以公开', 2),
        cell('12', 3),
        cell('', 4),
        cell('3', 5, { isOrigin: false }),
        cell('—', 6),
      ]),
    );
    expect(analysed.labels.map((c) => c.text)).toEqual(['三、本年度办理结果', '（一）予以公开']);
    expect(analysed.values.map((c) => [c.text, c.col])).toEqual([
      ['12', 3],
      ['', 4],
      ['—', 6],
    ]);
  });

  it('a row without words has no labels and all its cells as values; a row of words has no values', () => {
    expect(analyseRow(row([cell('1', 0), cell('2', 1)])).labels).toEqual([]);
    expect(analyseRow(row([cell('1', 0), cell('2', 1)])).values.map((c) => c.text)).toEqual(['1', '2']);
    expect(analyseRow(row([cell('自然人', 0), cell('总计', 1)])).values).toEqual([]);
  });

  it('has numbers when a value cell holds anything but blanks', () => {
    expect(hasNumbers(printed('规章', ['', ' ']))).toBe(false);
    expect(hasNumbers(printed('规章', ['', '0']))).toBe(true);
    expect(hasNumbers(printed('规章', ['—']))).toBe(true);
  });

  it('trusts grid positions of markup, rulings and text alignment, not of cells split by separators or spaces', () => {
    const structures = ['markup', 'ruled', 'text-aligned', 'ocr', 'text-separated', 'text-spaced'] as const;
    expect(structures.map((s) => hasReliableGrid(printed('规章', ['1'], s)))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('which value is which column', () => {
  const expected = ['a', 'b', 'c'];
  const header = [heading('a', 1), heading('b', 2), heading('c', 3)];

  it('as many values as columns: in order, whatever the header says', () => {
    expect(
      assignColumns(printed('规章', ['1', '2', '3']), expected, [heading('a', 3), heading('b', 2), heading('c', 1)]),
    ).toEqual({
      assigned: [
        { key: 'a', cell: cell('1', 1) },
        { key: 'b', cell: cell('2', 2) },
        { key: 'c', cell: cell('3', 3) },
      ],
    });
  });

  it('text split by spaces with fewer numbers than columns: nothing is read, and the problem says why', () => {
    expect(assignColumns(printed('规章', ['1', '2'], 'text-spaced'), expected, header)).toEqual({
      assigned: [],
      problem:
        '2 numbers for 3 columns; in text split by spaces the blank cells cannot be located, so the row is not read',
    });
  });

  it('an empty cell under no heading is not a value (the sub-label slot of a row without a sub-label)', () => {
    const analysed = analyseRow(row([cell('（七）总计', 0), cell('', 1), cell('1', 2), cell('', 3), cell('3', 4)]));
    const assignment = assignColumns(analysed, expected, [heading('a', 2), heading('b', 3), heading('c', 4)]);
    expect(placed(assignment)).toEqual(['a=1@2', 'b=@3', 'c=3@4']);
    expect(assignment.problem).toBeUndefined();
  });

  it("more values than columns, placed by the header's slots, with a problem", () => {
    const analysed = analyseRow(
      row([cell('规章', 0), cell('9', 1), cell('1', 2), cell('2', 3, { colSpan: 2 }), cell('3', 5)]),
    );
    const assignment = assignColumns(analysed, expected, [heading('a', 2), heading('b', 3, 2), heading('c', 5)]);
    expect(placed(assignment)).toEqual(['a=1@2', 'b=2@3', 'c=3@5']);
    expect(assignment.problem).toBe("4 values for 3 columns; placed by the header's columns");
  });

  it('by slots, a value goes to the heading it shares most columns with, and each heading takes one value', () => {
    const analysed = analyseRow(
      row([cell('规章', 0), cell('1', 1, { colSpan: 2 }), cell('2', 3), cell('8', 4), cell('9', 5)]),
    );
    const assignment = assignColumns(analysed, expected, [heading('a', 1), heading('b', 2, 2), heading('c', 4)]);
    expect(placed(assignment)).toEqual(['a=1@1', 'b=2@3', 'c=8@4']);
  });

  it("without a reliable grid the header's slots are not used: empty cells at the ends are dropped", () => {
    const analysed = printed('规章', ['', '1', '2', '3', ''], 'text-separated');
    const assignment = assignColumns(analysed, expected, header);
    expect(placed(assignment)).toEqual(['a=1@2', 'b=2@3', 'c=3@4']);
    expect(assignment.problem).toBe('5 cells for 3 columns; empty cells at the ends dropped');
  });

  it('drops empty cells at the ends only down to the number of columns, the start first', () => {
    expect(placed(assignColumns(printed('规章', ['', '', '1', '2'], 'text-separated'), expected, []))).toEqual([
      'a=@2',
      'b=1@3',
      'c=2@4',
    ]);
    expect(placed(assignColumns(printed('规章', ['1', '2', '', ''], 'text-separated'), expected, []))).toEqual([
      'a=1@1',
      'b=2@2',
      'c=@3',
    ]);
  });

  it('a copy split by tabs or pipes with fewer cells than columns (a blank dropped somewhere): nothing is read, and the problem says why', () => {
    expect(assignColumns(printed('规章', ['22', '235'], 'text-separated'), expected, header)).toEqual({
      assigned: [],
      problem:
        '2 cells for 3 columns; in a copy split by tabs or pipes the blank cells cannot be located, so the row is not read',
    });
  });

  it('a grid row with fewer values than columns and no heading: the first columns, as the grid shows them, and a problem naming what is missing', () => {
    const assignment = assignColumns(printed('规章', ['1', '2']), expected, []);
    expect(placed(assignment)).toEqual(['a=1@1', 'b=2@2']);
    expect(assignment.problem).toBe('only 2 of 3 values printed; the rest are missing');
  });

  it('text split by spaces with more numbers than columns: not read either', () => {
    expect(assignColumns(printed('规章', ['1', '2', '3', '4'], 'text-spaced'), expected, header)).toEqual({
      assigned: [],
      problem: '4 values for 3 columns; row not read',
    });
  });

  it('a blank cell (spaces only) under no heading is not a value either', () => {
    const analysed = analyseRow(row([cell('（七）总计', 0), cell('1', 1), cell(' ', 2), cell('2', 3), cell('3', 4)]));
    expect(assignColumns(analysed, expected, [heading('a', 1), heading('b', 3), heading('c', 4)])).toEqual({
      assigned: [
        { key: 'a', cell: cell('1', 1) },
        { key: 'b', cell: cell('2', 3) },
        { key: 'c', cell: cell('3', 4) },
      ],
    });
  });

  it('without header slots an empty cell between numbers is not dropped: the row is not read', () => {
    expect(assignColumns(printed('规章', ['1', '', '2', '3'], 'text-separated'), expected, header)).toEqual({
      assigned: [],
      problem: '4 values for 3 columns; row not read',
    });
  });

  it('drops blank cells (spaces only) at the ends as empty ones', () => {
    expect(placed(assignColumns(printed('规章', [' ', '1', '2', '3'], 'text-separated'), expected, []))).toEqual([
      'a=1@2',
      'b=2@3',
      'c=3@4',
    ]);
    expect(placed(assignColumns(printed('规章', ['1', '2', '3', '\u3000'], 'text-separated'), expected, []))).toEqual([
      'a=1@1',
      'b=2@2',
      'c=3@3',
    ]);
  });

  it('more numbers than columns with nothing to place them by: the row is not read', () => {
    expect(assignColumns(printed('规章', ['1', '2', '3', '4']), expected, [])).toEqual({
      assigned: [],
      problem: '4 values for 3 columns; row not read',
    });
  });

  it('a header whose slots place no value: the count decides as if there were no header', () => {
    const far = [heading('a', 8), heading('b', 9), heading('c', 10)];
    expect(assignColumns(printed('规章', ['', '1', '2', '3', '4']), expected, far)).toEqual({
      assigned: [],
      problem: '4 values for 3 columns; row not read',
    });
    const fewer = assignColumns(printed('规章', ['1', '2']), expected, far);
    expect([placed(fewer), fewer.problem]).toEqual([
      ['a=1@1', 'b=2@2'],
      'only 2 of 3 values printed; the rest are missing',
    ]);
  });
});

describe('which value is which column: a row with more cells than columns and no heading placing them', () => {
  const expected = ['a', 'b', 'c'];
  const notRead = (cells: number) => ({
    assigned: [],
    problem: `${cells} cells for 3 columns, empty cells at both ends: which are blank values cannot be told, so the row is not read`,
  });

  it('is not read when empty cells at both ends are more than the extra cells: any of them may be a blank value', () => {
    expect(assignColumns(printed('规章', ['', '1', '2', '']), expected, [])).toEqual(notRead(4));
    expect(assignColumns(printed('规章', ['', '1', '', '']), expected, [])).toEqual(notRead(4));
    expect(assignColumns(printed('规章', ['', '', '1', '']), expected, [])).toEqual(notRead(4));
    expect(assignColumns(printed('规章', [' ', '1', '2', '\u3000']), expected, [])).toEqual(notRead(4));
  });

  it('in a copy split by tabs or pipes too: an empty field for a label spanning two columns, an empty column at the end, and a blank value', () => {
    expect(assignColumns(printed('规章', ['', '', '1', '2', ''], 'text-separated'), expected, [])).toEqual(notRead(5));
    expect(placed(assignColumns(printed('规章', ['', '1', '2', '3', ''], 'text-separated'), expected, []))).toEqual([
      'a=1@2',
      'b=2@3',
      'c=3@4',
    ]);
  });

  it('drops the empty cells at one end, or exactly as many as are extra at both ends', () => {
    expect(placed(assignColumns(printed('规章', ['', '', '1', '2', '3']), expected, []))).toEqual([
      'a=1@3',
      'b=2@4',
      'c=3@5',
    ]);
    expect(placed(assignColumns(printed('规章', ['1', '2', '3', '', '']), expected, []))).toEqual([
      'a=1@1',
      'b=2@2',
      'c=3@3',
    ]);
    expect(placed(assignColumns(printed('规章', ['', '1', '2', '3', '']), expected, []))).toEqual([
      'a=1@2',
      'b=2@3',
      'c=3@4',
    ]);
    expect(placed(assignColumns(printed('规章', [' ', '1', '2', '3', '\u3000']), expected, []))).toEqual([
      'a=1@2',
      'b=2@3',
      'c=3@4',
    ]);
    // More empty cells than extra ones, all at one end: the ones nearest that end go.
    expect(placed(assignColumns(printed('规章', ['', '', '', '1', '2']), expected, []))).toEqual([
      'a=@3',
      'b=1@4',
      'c=2@5',
    ]);
    expect(placed(assignColumns(printed('规章', ['1', '2', '', '', '']), expected, []))).toEqual([
      'a=1@1',
      'b=2@2',
      'c=@3',
    ]);
    expect(placed(assignColumns(printed('规章', ['', '', '', '']), expected, []))).toEqual(['a=@2', 'b=@3', 'c=@4']);
  });
});

describe('which value is which column: a short row in a table without rulings, placed by the rows printed whole', () => {
  const expected = ['a', 'b', 'c'];
  /** A text-aligned row in table block `table`: a label, then values at the given columns. */
  const aligned = (values: [string, number][], table = 2) =>
    analyseRow({
      cells: [cell('规章', 0, { table }), ...values.map(([text, col]) => cell(text, col, { table }))],
      structure: 'text-aligned',
      table,
      row: 7,
    });
  const whole = aligned([
    ['1', 1],
    ['2', 2],
    ['3', 3],
  ]);

  it('a blank leaves no cell, so the short row is placed by the columns the whole rows use', () => {
    const short = aligned([
      ['5', 1],
      ['6', 3],
    ]);
    const assignment = assignColumns(
      short,
      expected,
      completeRowSlots(
        [
          whole,
          short,
          aligned([
            ['7', 1],
            ['8', 2],
            ['9', 3],
          ]),
        ],
        expected,
      ),
    );
    expect(placed(assignment)).toEqual(['a=5@1', 'c=6@3']);
    expect(assignment.problem).toBe('2 values for 3 columns; placed by the columns the rows printed whole use');
  });

  it('without a whole row, or with whole rows that disagree, the short row is not read (its first value may be the blank)', () => {
    const short = aligned([
      ['5', 2],
      ['6', 3],
    ]);
    const unread = {
      assigned: [],
      problem: 'only 2 of 3 values printed, and which columns they stand in cannot be told; the row is not read',
    };
    expect(assignColumns(short, expected, completeRowSlots([short], expected))).toEqual(unread);
    expect(
      completeRowSlots(
        [
          whole,
          aligned([
            ['1', 1],
            ['2', 2],
            ['3', 4],
          ]),
          short,
        ],
        expected,
      ),
    ).toEqual([]);
    // A row with a cell of spaces is not whole.
    expect(
      completeRowSlots(
        [
          aligned([
            ['1', 1],
            [' ', 2],
            ['3', 3],
          ]),
        ],
        expected,
      ),
    ).toEqual([]);
    // Another table block's whole rows say nothing of this one's columns.
    expect(
      assignColumns(
        short,
        expected,
        completeRowSlots(
          [
            aligned(
              [
                ['1', 1],
                ['2', 2],
                ['3', 3],
              ],
              3,
            ),
            short,
          ],
          expected,
        ),
      ),
    ).toEqual(unread);
  });

  it('the header places a block it covers; the whole rows only the blocks it does not', () => {
    const header = [{ ...heading('a', 1), table: 2 }];
    expect(
      columnsOf(
        header,
        [
          whole,
          aligned(
            [
              ['1', 5],
              ['2', 6],
              ['3', 7],
            ],
            3,
          ),
        ],
        expected,
      ).map((h) => `${h.key}@${h.table}:${h.col}`),
    ).toEqual(['a@2:1', 'a@3:5', 'b@3:6', 'c@3:7']);
    expect(columnsOf([heading('a', 1)], [whole], expected)).toEqual([heading('a', 1)]);
    // A short row of the block the header covers is placed by the header, and says so.
    const placing = columnsOf(
      header,
      [
        whole,
        aligned(
          [
            ['1', 5],
            ['2', 6],
            ['3', 7],
          ],
          3,
        ),
      ],
      expected,
    );
    expect(
      assignColumns(
        aligned([
          ['4', 1],
          ['5', 2],
        ]),
        expected,
        placing,
      ).problem,
    ).toBe("2 values for 3 columns; placed by the header's columns");
  });

  it('a grid row of cells side by side keeps its first columns; with a gap or a merged cell among them it is not read', () => {
    const gap = analyseRow(row([cell('规章', 0), cell('1', 1), cell('2', 3)]));
    expect(assignColumns(gap, expected, []).assigned).toEqual([]);
    const merged = analyseRow(row([cell('规章', 0), cell('1', 1, { colSpan: 2 }), cell('2', 3)]));
    expect(assignColumns(merged, expected, []).assigned).toEqual([]);
    const mergedLast = analyseRow(row([cell('规章', 0), cell('1', 1), cell('2', 2, { colSpan: 2 })]));
    expect(assignColumns(mergedLast, expected, []).assigned).toEqual([]);
    // Empty cells at both ends of a short row are not extra cells: the row is as the grid shows it.
    expect(placed(assignColumns(printed('规章', ['', '1', '']), ['a', 'b', 'c', 'd'], []))).toEqual([
      'a=@1',
      'b=1@2',
      'c=@3',
    ]);
    expect(placed(assignColumns(analyseRow(row([cell('规章', 0), cell('1', 1), cell('2', 2)])), expected, []))).toEqual(
      ['a=1@1', 'b=2@2'],
    );
  });
});

describe('a printed cell as a model cell', () => {
  const context = { table: 'requests' as const, row: 'granted', column: 'natural_person', label: '（一）予以公开' };

  it('a number keeps its text, its place, its page and its box', () => {
    expect(toCell(cell('1,288', 3, { page: 2, box: [10, 20, 30, 40] }), context)).toEqual({
      table: 'requests',
      row: 'granted',
      column: 'natural_person',
      value: 1288,
      raw: '1,288',
      kind: 'number',
      source: { table: 2, row: 7, col: 3, page: 2, box: [10, 20, 30, 40], label: '（一）予以公开' },
    });
  });

  it('an empty component cell is 0; an empty total is not stated (null), in its row or in its column', () => {
    expect(toCell(cell('', 3), context)).toMatchObject({ value: 0, kind: 'empty', raw: '' });
    expect(toCell(cell('', 3), { ...context, column: 'total' })).toMatchObject({ value: null, kind: 'empty' });
    expect(toCell(cell(' ', 3), { ...context, row: 'total' })).toMatchObject({ value: null, kind: 'empty' });
    expect(
      toCell(cell('', 3), { ...context, table: 'review_litigation', row: 'review', column: 'total' }),
    ).toMatchObject({ value: null, kind: 'empty' });
    expect(
      toCell(cell('', 3), { ...context, table: 'review_litigation', row: 'review', column: 'upheld' }),
    ).toMatchObject({ value: 0, kind: 'empty' });
    expect(toCell(cell('', 3), { ...context, table: 'active', row: 'regulations', column: 'issued' })).toMatchObject({
      value: 0,
      kind: 'empty',
    });
  });

  it('a placeholder is 0; words are unreadable (null); a note travels with the number', () => {
    expect(toCell(cell('—', 3), context)).toMatchObject({ value: 0, kind: 'placeholder' });
    expect(toCell(cell('见附件', 3), context)).toMatchObject({ value: null, kind: 'unreadable', raw: '见附件' });
    expect(toCell(cell('3（注1）', 3), context)).toMatchObject({ value: 3, kind: 'number', note: '注1' });
    expect(toCell(cell('3', 3), context)).not.toHaveProperty('note');
  });

  it("reads a figure printed in 元 in a 万元 column as 万元, by its own unit or its header's", () => {
    const amount = { table: 'active' as const, row: 'fees', column: 'amount_10k_yuan', label: '行政事业性收费' };
    expect(toCell(cell('251000元', 3), { ...amount, units: { tenThousandYuan: true } }).value).toBe(25.1);
    expect(toCell(cell('251000', 3), { ...amount, units: { tenThousandYuan: true, headerUnit: '元' } }).value).toBe(
      25.1,
    );
    expect(toCell(cell('25.1', 3), { ...amount, units: { tenThousandYuan: true } }).value).toBe(25.1);
  });

  it('a number read by OCR is kind ocr, with its reading; an unconfirmed reading is unreadable whatever it looks like', () => {
    const ocr = {
      confidence: 0.93,
      confirmed: true,
      picture: 'page-2.png',
      pixelBox: [1, 2, 3, 4] as [number, number, number, number],
    };
    expect(toCell(cell('12', 3, { ocr }), context)).toEqual({
      table: 'requests',
      row: 'granted',
      column: 'natural_person',
      value: 12,
      raw: '12',
      kind: 'ocr',
      source: { table: 2, row: 7, col: 3, label: '（一）予以公开', ocr },
    });
    expect(toCell(cell('—', 3, { ocr }), context)).toMatchObject({ value: 0, kind: 'placeholder' });
    expect(toCell(cell('12', 3, { ocr: { ...ocr, confirmed: false } }), context)).toMatchObject({
      value: null,
      kind: 'unreadable',
      raw: '12',
      note: 'OCR reading not confirmed',
    });
  });

  it('is referred to as table:row:column', () => {
    expect(cellRef({ table: 'requests', row: 'denied.state_secret', column: 'total' })).toBe(
      'requests:denied.state_secret:total',
    );
  });
});
