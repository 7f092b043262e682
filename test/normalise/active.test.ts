import { describe, expect, it } from 'vitest';
import { tableRows, type TableRegion } from '../../src/locate/tables.js';
import { tableFromRows, type TableBlock } from '../../src/core/model/document.js';
import { normaliseActive } from '../../src/normalise/active.js';

/** Section 二 read from its printed rows (as a table of cell texts), every number checked in its row and column. */

function region(rows: string[][], structure: TableBlock['structure'] = 'markup'): TableRegion {
  return {
    key: 'active',
    rows: tableRows(tableFromRows(0, rows, structure)),
    tables: [0],
    pages: [],
    structure: [structure],
  };
}

/** `row.column=value` for every cell read, and the warnings as `code: message`. */
function read(rows: string[][], structure?: TableBlock['structure']) {
  const table = normaliseActive(region(rows, structure));
  return {
    version: table.version,
    cells: table.cells.map((c) => `${c.row}.${c.column}=${c.value}`),
    warnings: table.messages.map((m) => `${m.code}: ${m.message}`),
  };
}

const HEADER_2021 = ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'];

describe('section 二: rows under their headers', () => {
  it('reads each block under the header above it, in the 2021 format', () => {
    expect(
      read([
        ['第二十条第（一）项'],
        HEADER_2021,
        ['规章', '1', '2', '3'],
        ['行政规范性文件', '4', '5', '6'],
        ['第二十条第（五）项'],
        ['信息内容', '本年处理决定数量'],
        ['行政许可', '7'],
        ['第二十条第（八）项'],
        ['信息内容', '本年收费金额（单位：万元）'],
        ['行政事业性收费', '8.5'],
      ]),
    ).toEqual({
      version: '2021',
      cells: [
        'regulations.issued=1',
        'regulations.repealed=2',
        'regulations.in_force=3',
        'normative_documents.issued=4',
        'normative_documents.repealed=5',
        'normative_documents.in_force=6',
        'licensing.decisions=7',
        'fees.amount_10k_yuan=8.5',
      ],
      warnings: [],
    });
  });

  it('reads the 2019 format by its headers, or by its 政府集中采购 row', () => {
    const rows = [
      ['信息内容', '本年新制作数量', '本年新公开数量', '对外公开总数量'],
      ['规章', '1', '2', '3'],
    ];
    expect(read(rows)).toMatchObject({
      version: '2019',
      cells: ['regulations.new_made=1', 'regulations.new_published=2', 'regulations.total_published=3'],
    });
    const procurement = [
      ['信息内容', '采购项目数量', '采购总金额'],
      ['政府集中采购', '2', '30'],
    ];
    expect(read(procurement)).toMatchObject({
      version: '2019',
      cells: ['procurement.items=2', 'procurement.amount=30'],
    });
    // Headers shared by both formats only, and the 2019 row: 2019.
    expect(
      read([['信息内容', '本年处理决定数量'], ['行政许可', '7'], ['第二十条第（九）项'], ['政府集中采购', '2']])
        .version,
    ).toBe('2019');
  });

  it.each([
    ['本年制发件数', '2021'],
    ['本年废止件数', '2021'],
    ['现行有效件数', '2021'],
    ['本年收费金额（单位：万元）', '2021'],
    ['本年新制作数量', '2019'],
    ['本年新公开数量', '2019'],
    ['对外公开总数量', '2019'],
    ['上一年项目数量', '2019'],
    ['本年增/减', '2019'],
    ['采购项目数量', '2019'],
    ['采购总金额', '2019'],
  ])('a header showing %s is the %s format', (heading, version) => {
    expect(
      read([
        ['信息内容', '本年处理决定数量', heading],
        ['行政许可', '1', '2'],
      ]).version,
    ).toBe(version);
  });

  it('takes 第二十条第（九）项 for the 2019 format, in either width of brackets', () => {
    expect(read([['信息内容', '本年处理决定数量'], ['行政许可', '7'], ['第二十条第（九）项']]).version).toBe('2019');
    expect(read([['信息内容', '本年处理决定数量'], ['行政许可', '7'], ['第二十条第(九)项']]).version).toBe('2019');
  });

  it('takes a row of 政府集中采购 for the 2019 format, among other labels too', () => {
    expect(
      read([
        ['信息内容', '本年处理决定数量'],
        ['行政许可', '7'],
        ['其中', '政府集中采购', '2'],
      ]).version,
    ).toBe('2019');
  });

  it("calls a tie between the formats' headers 2021", () => {
    const rows = [
      ['信息内容', '本年制发件数', '本年新制作数量'],
      ['规章', '1', '2'],
    ];
    expect(read(rows).version).toBe('2021');
  });

  it('with no format, reads rows under a header that tells none, and does not check them against a layout', () => {
    expect(
      read([
        ['信息内容', '本年处理决定数量'],
        ['行政许可', '7'],
      ]),
    ).toEqual({ version: null, cells: ['licensing.decisions=7'], warnings: [] });
  });

  it('does not take a heading that only roughly reads like a column (的年增/减) for that column', () => {
    expect(
      read([
        ['信息内容', '上一年项目数量', '的年增/减', '本年处理决定数量'],
        ['行政许可', '1', '2', '3'],
      ]),
    ).toEqual({
      version: '2019',
      cells: ['licensing.prev_year_items=1', 'licensing.decisions=3'],
      warnings: ['row_columns: active: row "行政许可": 3 values for 2 columns; placed by the header\'s columns'],
    });
  });

  it('has no format when no header tells, and then reads no row printed without a header', () => {
    expect(read([['规章', '1', '2', '3']])).toEqual({
      version: null,
      cells: [],
      warnings: ['missing_header: active: row "规章" has no column header; its numbers are not used'],
    });
  });

  it('reads a row printed without its header by the columns of its block in the format the other headers show', () => {
    expect(read([HEADER_2021, ['规章', '1', '2', '3'], ['行政处罚', '9']]).cells).toEqual([
      'regulations.issued=1',
      'regulations.repealed=2',
      'regulations.in_force=3',
      'penalty.issued=9',
    ]);
    expect(
      read([['信息内容', '本年处理决定数量'], ['行政处罚', '9'], ['第二十条第（八）项'], ['行政事业性收费', '8']])
        .cells,
    ).toEqual(['penalty.decisions=9', 'fees.decisions=8']);
    expect(
      read([
        ['第二十条第（一）项'],
        ['规章', '1', '2', '3'],
        ['信息内容', '本年收费金额（单位：万元）'],
        ['行政事业性收费', '8'],
      ]),
    ).toEqual({
      version: '2021',
      cells: ['regulations.issued=1', 'regulations.repealed=2', 'regulations.in_force=3', 'fees.amount_10k_yuan=8'],
      warnings: [],
    });
  });
});

describe('section 二: what is not read, and why', () => {
  it('a row of numbers the template does not have is not used, with a warning; an article heading with numbers is no row', () => {
    expect(
      read([
        HEADER_2021,
        ['规章', '1', '2', '3'],
        ['地方性法规', '4', '5', '6'],
        ['第二十条第（一）项', '1', '2', '3'],
        ['7', '8', '9'],
      ]).warnings,
    ).toEqual([
      'unknown_row: active: row "地方性法规" is not in the template; its numbers are not used',
      'unknown_row: active: row "7 8 9" is not in the template; its numbers are not used',
    ]);
  });

  it('names an unknown row by all its labels; a row of a column heading and numbers is a row, not a header', () => {
    expect(read([HEADER_2021, ['其中', '地方性法规', '4', '5', '6'], ['本年制发件数', '5']]).warnings).toEqual([
      'unknown_row: active: row "其中地方性法规" is not in the template; its numbers are not used',
      'unknown_row: active: row "本年制发件数" is not in the template; its numbers are not used',
    ]);
  });

  it('a row printed without a header in a block the format does not have is not read', () => {
    expect(read([['其他对外管理服务事项', '9'], HEADER_2021, ['规章', '1', '2', '3']])).toEqual({
      version: '2021',
      cells: ['regulations.issued=1', 'regulations.repealed=2', 'regulations.in_force=3'],
      warnings: ['missing_header: active: row "其他对外管理服务事项" has no column header; its numbers are not used'],
    });
  });

  it('an empty cell inside a row printed without a header is not dropped: the row is not read', () => {
    expect(
      read([
        ['第二十条第（一）项'],
        ['规章', '1', '', '2', '3'],
        ['信息内容', '本年收费金额（单位：万元）'],
        ['行政事业性收费', '8'],
      ]),
    ).toEqual({
      version: '2021',
      cells: ['fees.amount_10k_yuan=8'],
      warnings: ['row_columns: active: row "规章": 4 values for 3 columns; row not read'],
    });
  });

  it('a template row printed twice: the first is kept, with a warning', () => {
    expect(read([HEADER_2021, ['规章', '1', '2', '3'], ['规章', '4', '5', '6']])).toEqual({
      version: '2021',
      cells: ['regulations.issued=1', 'regulations.repealed=2', 'regulations.in_force=3'],
      warnings: ['duplicate_row: active: row "规章" appears again; the first one is kept'],
    });
  });

  it('a template row with no value cells is skipped silently', () => {
    expect(read([HEADER_2021, ['规章'], ['行政规范性文件', '4', '5', '6']])).toMatchObject({
      cells: ['normative_documents.issued=4', 'normative_documents.repealed=5', 'normative_documents.in_force=6'],
      warnings: [],
    });
  });

  it('a row whose values do not fit its columns says so', () => {
    expect(read([HEADER_2021, ['规章', '1', '2']]).warnings).toEqual([
      'row_columns: active: row "规章": 2 values for 3 columns; placed by the header\'s columns',
    ]);
    // A PDF converted to markdown that dropped the blank 本年废止件数: 235 is the number in force, never the repealed.
    expect(read([HEADER_2021, ['规章', '22', '235']], 'text-separated')).toMatchObject({
      cells: [],
      warnings: [
        'row_columns: active: row "规章": 2 cells for 3 columns; in a copy split by tabs or pipes the blank cells cannot be located, so the row is not read',
      ],
    });
  });

  it("a cell outside the format's layout is read, with a warning naming it", () => {
    expect(
      read([
        ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
        ['行政许可', '1', '2', '3'],
      ]),
    ).toEqual({
      version: '2021',
      cells: ['licensing.issued=1', 'licensing.repealed=2', 'licensing.in_force=3'],
      warnings: [
        'template_deviation: active: cells outside the 2021 format: licensing.issued, licensing.repealed, licensing.in_force',
      ],
    });
  });
});

describe('section 二: money columns', () => {
  const fees = (header: string, value: string) =>
    read([['第二十条第（八）项'], ['信息内容', header], ['行政事业性收费', value]]);

  it('converts a figure in 元 to 万元 when the header states 元, not when it states 万元', () => {
    expect(fees('本年收费金额（单位：元）', '251000')).toEqual({
      version: '2021',
      cells: ['fees.amount_10k_yuan=25.1'],
      warnings: [],
    });
    expect(fees('本年收费金额（单位：万元）', '25.1').cells).toEqual(['fees.amount_10k_yuan=25.1']);
  });

  it('warns about a 万元 figure of a million or more printed with no unit anywhere; takes it as printed', () => {
    expect(fees('本年收费金额', '1000000')).toEqual({
      version: '2021',
      cells: ['fees.amount_10k_yuan=1000000'],
      warnings: [
        'unit_suspect: active: fees.amount_10k_yuan = 1000000 has no unit; taken as 万元, but its size suggests 元',
      ],
    });
    expect(fees('本年收费金额', '-1000000').warnings).toHaveLength(1);
    expect(fees('本年收费金额', '999999.99').warnings).toEqual([]);
    expect(fees('本年收费金额（单位：万元）', '1000000').warnings).toEqual([]);
    expect(fees('本年收费金额', '1000000元')).toMatchObject({ cells: ['fees.amount_10k_yuan=100'], warnings: [] });
  });

  it('warns about a million printed with no unit in a row printed without a header', () => {
    expect(read([['行政事业性收费', '1000000'], HEADER_2021])).toEqual({
      version: '2021',
      cells: ['fees.amount_10k_yuan=1000000'],
      warnings: [
        'unit_suspect: active: fees.amount_10k_yuan = 1000000 has no unit; taken as 万元, but its size suggests 元',
      ],
    });
  });

  it('a 元 in the header of another column says nothing about the unit of this one', () => {
    expect(
      read([
        ['信息内容', '采购总金额（元）', '本年收费金额'],
        ['行政事业性收费', '1', '1000000'],
      ]).warnings,
    ).toContain(
      'unit_suspect: active: fees.amount_10k_yuan = 1000000 has no unit; taken as 万元, but its size suggests 元',
    );
    expect(
      read([
        ['信息内容', '本年处理决定数量', '本年收费金额（万元）'],
        ['行政事业性收费', '3', '1000000'],
      ]).warnings,
    ).not.toContain(
      'unit_suspect: active: fees.amount_10k_yuan = 1000000 has no unit; taken as 万元, but its size suggests 元',
    );
  });

  it('does not check a column that is not money, or an empty amount', () => {
    expect(read([HEADER_2021, ['规章', '1000000', '0', '0']]).warnings).toEqual([]);
    expect(fees('本年收费金额', '')).toEqual({ version: '2021', cells: ['fees.amount_10k_yuan=0'], warnings: [] });
  });
});
