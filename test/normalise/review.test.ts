import { describe, expect, it } from 'vitest';
import { normaliseReview } from '../../src/normalise/review.js';
import type { TableRegion } from '../../src/locate/tables.js';
import { region, type PrintedCell } from '../fixtures/regions.js';

/** Section 四 read from its printed rows: the three-level header, and the one row of fifteen numbers under it. */

const RESULTS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
const KEYS = ['upheld', 'corrected', 'other', 'pending', 'total'];
/** The three-level header, its results printed in the order given. */
const headerWith = (results: string[]): PrintedCell[][] => [
  [
    { text: '行政复议', colSpan: 5 },
    { text: '行政诉讼', colSpan: 10 },
  ],
  [
    ...results.map((text) => ({ text, rowSpan: 2 })),
    { text: '未经复议直接起诉', colSpan: 5 },
    { text: '复议后起诉', colSpan: 5 },
  ],
  [...results, ...results],
];
const HEADER = headerWith(RESULTS);
const NUMBERS = Array.from({ length: 15 }, (_, i) => String(i + 1));
const TEMPLATE = ['review', 'litigation_direct', 'litigation_after_review'].flatMap((group) =>
  KEYS.map((column) => `${group}.${column}`),
);

function read(rows: PrintedCell[][], structure?: Parameters<typeof region>[2]) {
  const table = normaliseReview(region('review_litigation', rows, structure));
  return {
    cells: table.cells.map((c) => `${c.row}.${c.column}=${c.value}`),
    warnings: table.messages.map((m) => `${m.code}: ${m.message}`),
    version: table.version,
  };
}

describe('section 四', () => {
  it('reads the fifteen numbers under their header, each keyed by its group and result, with its label', () => {
    const table = normaliseReview(region('review_litigation', [...HEADER, NUMBERS]));
    expect(table.cells.map((c) => `${c.row}.${c.column}=${c.value}`)).toEqual(
      TEMPLATE.map((key, i) => `${key}=${i + 1}`),
    );
    expect(table.cells[7]).toMatchObject({
      table: 'review_litigation',
      row: 'litigation_direct',
      column: 'other',
      raw: '8',
      source: { label: '行政诉讼·未经复议直接起诉 其他结果', row: 3, col: 7 },
    });
    expect([table.key, table.version, table.messages]).toEqual(['review_litigation', null, []]);
  });

  it('follows the printed order of the results when the header shows another order', () => {
    const header = headerWith(['结果纠正', '结果维持', '其他结果', '尚未审结', '总计']);
    expect(read([...header, NUMBERS]).cells.slice(0, 2)).toEqual(['review.corrected=1', 'review.upheld=2']);
    expect(read([...header, NUMBERS]).cells.slice(5, 7)).toEqual([
      'litigation_direct.corrected=6',
      'litigation_direct.upheld=7',
    ]);
  });

  it("uses the template's order when the header cannot be read as fifteen distinct leaves under their groups", () => {
    const swapped = ['结果纠正', '结果维持', '其他结果', '尚未审结', '总计'];
    // A text copy shifts header cells: its header is not trusted.
    const copy: PrintedCell[][] = [
      ['行政复议', '行政诉讼'],
      [...swapped, '未经复议直接起诉', '复议后起诉'],
      [...swapped, ...swapped],
      NUMBERS,
    ];
    expect(read(copy, 'text-separated').cells.slice(0, 2)).toEqual(['review.upheld=1', 'review.corrected=2']);
    // A leaf repeated under one group (复议后起诉 prints 结果维持 twice): the other groups' printed order is not trusted either.
    const repeated: PrintedCell[][] = [
      HEADER[0]!,
      HEADER[1]!,
      [...swapped, ...RESULTS.slice(0, 4), '结果维持'],
      NUMBERS,
    ];
    expect(read(repeated).cells.slice(5, 7)).toEqual(['litigation_direct.upheld=6', 'litigation_direct.corrected=7']);
    // Leaves under no group.
    expect(read([RESULTS.concat(RESULTS, RESULTS), NUMBERS]).cells).toEqual(
      TEMPLATE.map((key, i) => `${key}=${i + 1}`),
    );
  });

  it('reads the header above the row of numbers only', () => {
    const swapped = ['结果纠正', '结果维持', '其他结果', '尚未审结', '总计'];
    const header: PrintedCell[][] = [
      HEADER[0]!,
      [...swapped.map((text) => ({ text, rowSpan: 2 })), HEADER[1]![5]!, HEADER[1]![6]!],
      [...swapped, ...swapped],
    ];
    // The leaves printed again under the numbers (a note, a second table) would make the header's leaves repeat.
    expect(read([...header, NUMBERS, ...HEADER]).cells.slice(0, 2)).toEqual(['review.corrected=1', 'review.upheld=2']);
  });

  it('does not trust the header of a text copy, however its cells line up', () => {
    const swapped = ['结果纠正', '结果维持', '其他结果', '尚未审结', '总计'];
    const header: PrintedCell[][] = [
      HEADER[0]!,
      [...swapped.map((text) => ({ text, rowSpan: 2 })), HEADER[1]![5]!, HEADER[1]![6]!],
      [...swapped, ...swapped],
    ];
    expect(read([...header, NUMBERS], 'text-separated').cells.slice(0, 2)).toEqual([
      'review.upheld=1',
      'review.corrected=2',
    ]);
  });

  it('orders the leaves by column, whichever row of the header they are printed in', () => {
    // 行政诉讼's leaves in the upper row, 行政复议's below them.
    const header: PrintedCell[][] = [
      [
        { text: '行政复议', colSpan: 5, rowSpan: 2 },
        { text: '未经复议直接起诉', colSpan: 5 },
        { text: '复议后起诉', colSpan: 5 },
      ],
      [...RESULTS.map((text) => ({ text, rowSpan: 2 })), ...RESULTS.map((text) => ({ text, rowSpan: 2 }))],
      ['结果纠正', '结果维持', '其他结果', '尚未审结', '总计'],
    ];
    expect(read([...header, NUMBERS]).cells.slice(0, 7)).toEqual([
      'review.corrected=1',
      'review.upheld=2',
      'review.other=3',
      'review.pending=4',
      'review.total=5',
      'litigation_direct.upheld=6',
      'litigation_direct.corrected=7',
    ]);
  });

  it('gives each leaf the group whose columns hold it, whichever row the group is printed in', () => {
    const swapped = ['结果纠正', '结果维持', '其他结果', '尚未审结', '总计'];
    const header: PrintedCell[][] = [
      [
        { text: '', colSpan: 5 },
        { text: '未经复议直接起诉', colSpan: 5 },
        { text: '复议后起诉', colSpan: 5 },
      ],
      [
        { text: '行政复议', colSpan: 5 },
        ...swapped.map((text) => ({ text, rowSpan: 2 })),
        ...RESULTS.map((text) => ({ text, rowSpan: 2 })),
      ],
      RESULTS,
    ];
    expect(read([...header, NUMBERS]).cells.slice(0, 7)).toEqual([
      'review.upheld=1',
      'review.corrected=2',
      'review.other=3',
      'review.pending=4',
      'review.total=5',
      'litigation_direct.corrected=6',
      'litigation_direct.upheld=7',
    ]);
  });

  it('does not take headings that only roughly read like a group or a result (的政复议, 的果维持)', () => {
    const swapped = ['结果纠正', '结果维持', '其他结果', '尚未审结', '总计'];
    const header = (group: string, leaves: string[]): PrintedCell[][] => [
      [
        { text: group, colSpan: 5 },
        { text: '行政诉讼', colSpan: 10 },
      ],
      [...leaves.map((text) => ({ text, rowSpan: 2 })), HEADER[1]![5]!, HEADER[1]![6]!],
      [...RESULTS, ...RESULTS],
    ];
    expect(read([...header('行政复议', swapped), NUMBERS]).cells[0]).toBe('review.corrected=1');
    expect(read([...header('的政复议', swapped), NUMBERS]).cells[0]).toBe('review.upheld=1');
    expect(read([...header('行政复议', ['的果纠正', ...swapped.slice(1)]), NUMBERS]).cells[0]).toBe('review.upheld=1');
  });

  it('with a header that cannot be read, an empty cell among the numbers is not dropped: the row is not read', () => {
    const repeated: PrintedCell[][] = [HEADER[0]!, HEADER[1]!, [...RESULTS, ...RESULTS.slice(0, 4), '结果维持']];
    const numbers = [...NUMBERS.slice(0, 7), '', ...NUMBERS.slice(7)];
    expect(read([...repeated, numbers])).toMatchObject({
      cells: [],
      warnings: ['row_columns: review_litigation: 16 values for 15 columns; row not read'],
    });
  });

  it('a text copy with an empty cell among its numbers is not read', () => {
    const copy = [
      ['行政复议', '行政诉讼'],
      [...NUMBERS.slice(0, 7), '', ...NUMBERS.slice(7)],
    ];
    expect(read(copy, 'text-separated')).toMatchObject({
      cells: [],
      warnings: ['row_columns: review_litigation: 16 values for 15 columns; row not read'],
    });
  });

  describe('the groups printed as rows of five (a table turned, or three small tables)', () => {
    const values = (from: number) => [1, 2, 3, 4, 5].map((n) => String(from + n));
    const sorted = (cells: string[]) => [...cells].sort();
    const inGroups = TEMPLATE.map((key, i) => `${key}=${i + 1}`);

    it('each row read in the group it names, under the result headings above it, in whatever order the rows come', () => {
      const turned: PrintedCell[][] = [
        [{ text: '', colSpan: 2 }, '结果纠正', '结果维持', '其他结果', '尚未审结', '总计'],
        [{ text: '行政诉讼', rowSpan: 2 }, '复议后起诉', ...values(10)],
        ['未经复议直接起诉', ...values(5)],
        [{ text: '行政复议', colSpan: 2 }, ...values(0)],
      ];
      const printedOrder = ['corrected', 'upheld', 'other', 'pending', 'total'];
      const expected = ['review', 'litigation_direct', 'litigation_after_review'].flatMap((group, g) =>
        printedOrder.map((column, j) => `${group}.${column}=${g * 5 + j + 1}`),
      );
      expect(sorted(read(turned).cells)).toEqual(sorted(expected));
      expect(read(turned).warnings).toEqual([]);
    });

    it('a group named by the text between the tables; one table unnamed takes the group left over', () => {
      const tables = (names: string[]) =>
        names.flatMap((name, g): PrintedCell[][] => [...(name ? [[name]] : []), RESULTS, values(g * 5)]);
      expect(
        sorted(read(tables(['', '行政诉讼（未经复议直接起诉）', '行政诉讼（复议后起诉）']), 'text-separated').cells),
      ).toEqual(sorted(inGroups));
      expect(sorted(read(tables(['行政复议', '', '行政诉讼（复议后起诉）']), 'text-separated').cells)).toEqual(
        sorted(inGroups),
      );
      // Only a line of its own names a table: not a row of several headings, nor a row with a number.
      const noise: PrintedCell[][] = [
        ['复议后起诉', '行政复议'],
        ['复议后起诉', '1'],
      ];
      expect(
        sorted(
          read([...noise, ...tables(['', '行政诉讼（未经复议直接起诉）', '行政诉讼（复议后起诉）'])], 'text-separated')
            .cells,
        ),
      ).toEqual(sorted(inGroups));
    });

    it('two rows unnamed, a group named twice, or no row of the five headings: section 四 is not read', () => {
      const unread = {
        cells: [],
        warnings: [
          'template_deviation: review_litigation: 3 rows of numbers, none of all fifteen cells, whose groups cannot be told; not read',
        ],
      };
      expect(read([RESULTS, values(0), RESULTS, values(5), ['复议后起诉'], RESULTS, values(10)])).toMatchObject(unread);
      expect(
        read([['行政复议'], RESULTS, values(0), ['行政复议'], RESULTS, values(5), ['复议后起诉'], RESULTS, values(10)]),
      ).toMatchObject(unread);
      expect(
        read([['行政复议'], values(0), ['未经复议直接起诉'], values(5), ['复议后起诉'], values(10)]),
      ).toMatchObject(unread);
      // Two groups named above one table; headings naming one result twice.
      expect(
        read([
          ['行政复议'],
          ['复议后起诉'],
          RESULTS,
          values(0),
          ['未经复议直接起诉'],
          RESULTS,
          values(5),
          RESULTS,
          values(10),
        ]),
      ).toMatchObject(unread);
      const twice = ['结果维持', '结果维持', '其他结果', '尚未审结', '总计'];
      expect(
        read([
          ['行政复议'],
          twice,
          values(0),
          ['未经复议直接起诉'],
          twice,
          values(5),
          ['复议后起诉'],
          twice,
          values(10),
        ]),
      ).toMatchObject(unread);
      // A row of six numbers among them: not rows of five.
      expect(
        read([
          ['行政复议'],
          RESULTS,
          values(0),
          ['未经复议直接起诉'],
          RESULTS,
          [...values(5), '99'],
          ['复议后起诉'],
          RESULTS,
          values(10),
        ]),
      ).toMatchObject(unread);
    });

    it('headings printed again lower in the table (after a page break) hold for the rows below them only', () => {
      const turned: PrintedCell[][] = [
        ['类别', ...RESULTS],
        ['行政', '复议', ...values(0)],
        ['未经复议直接起诉', ...values(5)],
        ['类别', '结果纠正', '结果维持', '其他结果', '尚未审结', '总计'],
        ['复议后', '起诉', ...values(10)],
      ];
      expect(read(turned).cells.filter((c) => c.startsWith('review.'))).toEqual([
        'review.upheld=1',
        'review.corrected=2',
        'review.other=3',
        'review.pending=4',
        'review.total=5',
      ]);
      expect(
        read(turned)
          .cells.filter((c) => c.startsWith('litigation_after_review.'))
          .slice(0, 2),
      ).toEqual(['litigation_after_review.corrected=11', 'litigation_after_review.upheld=12']);
    });

    it("a table's own headings only: a table printed without them is not read under the headings of the one before", () => {
      const block = (rows: PrintedCell[][], table: number): TableRegion['rows'] =>
        region('review_litigation', rows, 'text-separated').rows.map((row) => ({
          ...row,
          table,
          cells: row.cells.map((cell) => ({ ...cell, table })),
        }));
      const rows = [
        ...block([RESULTS, values(0)], 1),
        ...block([['未经复议直接起诉'], RESULTS, values(5)], 2),
        ...block([['复议后起诉'], values(10)], 3),
      ];
      expect(
        normaliseReview({ key: 'review_litigation', rows, tables: [1, 2, 3], pages: [], structure: ['text-separated'] })
          .cells,
      ).toEqual([]);
    });
  });

  it('reads only the first row of numbers, saying how many there were', () => {
    expect(read([...HEADER, NUMBERS, NUMBERS.map((n) => `${Number(n) * 10}`)])).toMatchObject({
      cells: TEMPLATE.map((key, i) => `${key}=${i + 1}`),
      warnings: ['template_deviation: review_litigation: 2 rows of numbers; only the first is read'],
    });
  });

  it('needs a row of at least five numbers', () => {
    expect(read([...HEADER, ['1', '2', '3', '4']])).toEqual({
      cells: [],
      warnings: ['table_unreadable: review_litigation: no row of numbers found in the table'],
      version: null,
    });
    expect(normaliseReview(region('review_litigation', [['1', '2']])).key).toBe('review_litigation');
    expect(read([...HEADER, ['1', '2', '3', '4', '5']])).toMatchObject({
      cells: ['review.upheld=1', 'review.corrected=2', 'review.other=3', 'review.pending=4', 'review.total=5'],
      warnings: ["row_columns: review_litigation: 5 values for 15 columns; placed by the header's columns"],
    });
    expect(read([...HEADER, ['', '', '', '', '', '']])).toMatchObject({
      cells: [],
      warnings: ['table_unreadable: review_litigation: no row of numbers found in the table'],
    });
  });
});

describe('section 四 printed blank', () => {
  const BLANK = Array<string>(15).fill('');
  const blankCells = TEMPLATE.map((key) => `${key}=${key.endsWith('.total') ? null : 0}`);
  const unreadable = ['table_unreadable: review_litigation: no row of numbers found in the table'];

  it('a row of fifteen blank cells under the header: components 0, totals not stated, each keyed by its heading', () => {
    expect(read([...HEADER, BLANK])).toEqual({ cells: blankCells, warnings: [], version: null });
    const table = normaliseReview(region('review_litigation', [...HEADER, BLANK]));
    expect(table.cells[0]).toMatchObject({
      row: 'review',
      column: 'upheld',
      value: 0,
      raw: '',
      kind: 'empty',
      source: { label: '行政复议 结果维持', row: 3, col: 0 },
    });
  });

  it('keyed in the printed order of the results', () => {
    const header = headerWith(['结果维持', '结果纠正', '其他结果', '总计', '尚未审结']);
    expect(read([...header, BLANK]).cells.slice(3, 5)).toEqual(['review.total=null', 'review.pending=0']);
  });

  it('is not read without a header above it, with fewer than fifteen cells, or from a copy that keeps no blank cells', () => {
    expect(read([BLANK])).toEqual({ cells: [], warnings: unreadable, version: null });
    expect(read([...HEADER, BLANK.slice(1)]).warnings).toEqual(unreadable);
    expect(read([...HEADER, BLANK], 'text-spaced').warnings).toEqual(unreadable);
    // Words in one cell: not a row printed blank.
    expect(read([...HEADER, ['另见附件', ...BLANK.slice(1)]]).warnings).toEqual(unreadable);
  });
});
