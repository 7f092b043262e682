import { describe, expect, it } from 'vitest';
import type { TableBlock } from '../../src/core/model/document.js';
import { normaliseRequests, splitLabelPieces } from '../../src/normalise/requests.js';
import { region, type PrintedCell } from '../fixtures/regions.js';

/** Section 三 read from its printed rows: which row each line of numbers is, which column each number is. */

const HEADER: PrintedCell[][] = [
  [
    { text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', rowSpan: 3, colSpan: 3 },
    { text: '申请人情况', colSpan: 7 },
  ],
  [
    { text: '自然人', rowSpan: 2 },
    { text: '法人或其他组织', colSpan: 5 },
    { text: '总计', rowSpan: 2 },
  ],
  ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
];
const COLUMNS = [
  'natural_person',
  'commercial_enterprise',
  'research_institution',
  'social_welfare_org',
  'legal_service_org',
  'other_org',
  'total',
];
/** Seven numbers starting at `n`. */
const seven = (n: number) => Array.from({ length: 7 }, (_, i) => String(n + i));
const wide = (text: string): PrintedCell => ({ text, colSpan: 3 });
const row2 = (text: string): PrintedCell => ({ text, colSpan: 2 });

function read(rows: PrintedCell[][], structure?: TableBlock['structure']) {
  const table = normaliseRequests(region('requests', rows, structure));
  const byRow = new Map<string, string[]>();
  for (const cell of table.cells) byRow.set(cell.row, [...(byRow.get(cell.row) ?? []), `${cell.column}=${cell.value}`]);
  return {
    version: table.version,
    rows: Object.fromEntries(byRow),
    warnings: table.messages.map((m) => `${m.code}: ${m.message}`),
  };
}
const columns = (n: number) => COLUMNS.map((column, i) => `${column}=${n + i}`);

describe('section 三: rows', () => {
  it('reads rows at each level, a numbered row by its group, every number under its column', () => {
    const table = read([
      ...HEADER,
      [wide('一、本年新收政府信息公开申请数量'), ...seven(10)],
      [{ text: '三、本年度办理结果', rowSpan: 4 }, row2('（一）予以公开'), ...seven(20)],
      [{ text: '（三）不予公开', rowSpan: 2 }, '1.属于国家秘密', ...seven(30)],
      ['2.其他法律行政法规禁止公开', ...seven(40)],
      [row2('（七）总计'), ...seven(50)],
    ]);
    expect(table).toEqual({
      version: null,
      rows: {
        new_received: columns(10),
        granted: columns(20),
        'denied.state_secret': columns(30),
        'denied.prohibited_by_law': columns(40),
        total: columns(50),
      },
      warnings: [],
    });
  });

  it("keeps each cell's printed label and place", () => {
    const table = normaliseRequests(
      region('requests', [
        ...HEADER,
        [{ text: '（三）不予公开', rowSpan: 1 }, { text: '1.属于国家秘密', colSpan: 2 }, ...seven(30)],
      ]),
    );
    expect(table.cells[0]).toMatchObject({
      table: 'requests',
      row: 'denied.state_secret',
      column: 'natural_person',
      value: 30,
      raw: '30',
      kind: 'number',
      source: { label: '1.属于国家秘密', row: 3, col: 3 },
    });
  });

  it('follows the printed order of the seven columns when the header shows all of them', () => {
    const header: PrintedCell[][] = [
      [{ text: '项目', colSpan: 3 }, '总计', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
    ];
    expect(read([...header, [wide('一、本年新收政府信息公开申请数量'), ...seven(10)]]).rows.new_received).toEqual([
      'total=10',
      'natural_person=11',
      'commercial_enterprise=12',
      'research_institution=13',
      'social_welfare_org=14',
      'legal_service_org=15',
      'other_org=16',
    ]);
    // Six of seven: the template's order.
    expect(
      read(
        [[header[0]!.slice(0, 7)].flat(), [wide('一、本年新收政府信息公开申请数量'), ...seven(10)]].map(
          (r) => r as PrintedCell[],
        ),
      ).rows.new_received,
    ).toEqual(columns(10));
  });

  it('reads the header only above the first row of numbers (a 总计 row below is no column heading)', () => {
    const header: PrintedCell[][] = [
      [wide('项目'), '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
    ];
    expect(
      read([...header, [wide('一、本年新收政府信息公开申请数量'), ...seven(10)], [wide('（七）总计'), ...seven(50)]])
        .rows,
    ).toEqual({ new_received: columns(10), total: columns(50) });
  });

  it('does not take a heading that only roughly reads like a column (的业企业) for that column', () => {
    const header: PrintedCell[][] = [
      [wide('项目'), '总计', '自然人', '的业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'],
    ];
    // Six headings of seven: the template's order, not the printed one.
    expect(read([...header, [wide('一、本年新收政府信息公开申请数量'), ...seven(10)]]).rows.new_received).toEqual(
      columns(10),
    );
  });

  it('header rows are skipped: a heading 其他 opens no group for the numbered rows that follow', () => {
    const garbled: PrintedCell[] = [wide('1.某某某某某'), ...seven(10)];
    const notPlaced = ['unknown_row: requests: row "1.某某某某某" is not in the template; its numbers are not used'];
    expect(read([...HEADER, garbled]).warnings).toEqual(notPlaced);
    // A row of two headings, and a row of one heading beside 申请人情况 or 勾稽关系, are header rows too.
    expect(read([[wide('项目'), '总计', '其他'], garbled]).warnings).toEqual(notPlaced);
    expect(read([[wide('申请人情况'), '其他'], garbled]).warnings).toEqual(notPlaced);
    expect(read([[wide('（本列数据的勾稽关系）'), '其他'], garbled]).warnings).toEqual(notPlaced);
  });

  it('a numbered row whose words match nothing is placed by its number in its group, with a warning; not after 三、', () => {
    const table = read([
      ...HEADER,
      [{ text: '（四）无法提供', rowSpan: 2 }, '1.本机关不掌握相关政府信息', ...seven(10)],
      ['2.某某某某某', ...seven(20)],
    ]);
    expect(table.rows['unable.needs_creation']).toEqual(columns(20));
    expect(table.warnings).toEqual([
      'label_by_numbering: requests: row "2.某某某某某" read as unable.needs_creation by its number in its group',
    ]);
    const results = read([
      ...HEADER,
      [{ text: '三、本年度办理结果', rowSpan: 2 }, row2('（一）予以公开'), ...seven(10)],
      [row2('2.某某某某某'), ...seven(20)],
    ]);
    expect(Object.keys(results.rows)).toEqual(['granted']);
  });

  it('in text split by spaces a number is no evidence: such a row is not placed', () => {
    const rows: PrintedCell[][] = [
      ['（四）无法提供'],
      ['1.本机关不掌握相关政府信息', ...seven(10)],
      ['2.某某某某某', ...seven(20)],
    ];
    expect(Object.keys(read(rows, 'text-spaced').rows)).toEqual(['unable.not_held']);
    expect(Object.keys(read(rows, 'text-separated').rows)).toEqual(['unable.not_held', 'unable.needs_creation']);
  });

  it('only a numbered row (1. 2. …) is placed by its number, not a garbled （八）', () => {
    expect(
      Object.keys(
        read([
          ...HEADER,
          [{ text: '（三）不予公开', rowSpan: 2 }, '1.属于国家秘密', ...seven(10)],
          ['（八）某某某某某', ...seven(20)],
        ]).rows,
      ),
    ).toEqual(['denied.state_secret']);
  });

  it("a row after a group's numbered rows closes the group: a garbled numbered row below is not placed in it", () => {
    const denied: PrintedCell[][] = [[wide('（三）不予公开')], [wide('1.属于国家秘密'), ...seven(10)]];
    const garbled: PrintedCell[] = [wide('2.某某某某某'), ...seven(30)];
    expect(Object.keys(read([...HEADER, ...denied, [wide('（一）予以公开'), ...seven(20)], garbled]).rows)).toEqual([
      'denied.state_secret',
      'granted',
    ]);
    expect(
      Object.keys(read([...HEADER, ...denied, [wide('四、结转下年度继续办理'), ...seven(20)], garbled]).rows),
    ).toEqual(['denied.state_secret', 'carried_forward']);
  });

  it('a numbered row the group does not have is not placed', () => {
    expect(
      Object.keys(
        read([
          ...HEADER,
          [{ text: '（四）无法提供', rowSpan: 2 }, '1.本机关不掌握相关政府信息', ...seven(10)],
          ['9.某某某某某', ...seven(20)],
        ]).rows,
      ),
    ).toEqual(['unable.not_held']);
  });

  it('labels run together in one cell are read by the last one', () => {
    expect(
      Object.keys(
        read([
          ...HEADER,
          [wide('三、本年度办理结果（一）予以公开'), ...seven(10)],
          [wide('（三）不予公开1.属于国家秘密'), ...seven(20)],
        ]).rows,
      ),
    ).toEqual(['granted', 'denied.state_secret']);
  });

  it('a template row printed with empty cells is a row: its components are 0, its totals not stated', () => {
    const table = normaliseRequests(
      region('requests', [...HEADER, [wide('二、上年结转政府信息公开申请数量'), '', '', '', '', '', '', '']]),
    );
    expect(table.cells.map((c) => `${c.column}=${c.value}`)).toEqual([
      ...COLUMNS.slice(0, 6).map((c) => `${c}=0`),
      'total=null',
    ]);
  });
});

describe('section 三: what is not read, and why', () => {
  it('rows of numbers that are not template rows are not used, with a warning naming them', () => {
    const table = read([...HEADER, [wide('其中：网上申请'), ...seven(10)], ['1', '2', '3', '4', '5', '6', '7']]);
    expect(table.rows).toEqual({});
    expect(table.warnings).toEqual([
      'unknown_row: requests: row "其中：网上申请" is not in the template; its numbers are not used',
      'unknown_row: requests: a row of numbers with no label (1 2 3 4 5 6 7) is not used',
    ]);
  });

  it('a row of numbers is a row even when its labels read like column headings (其他 | 总计)', () => {
    expect(read([...HEADER, [{ text: '其他' }, row2('总计'), ...seven(10)]]).rows).toEqual({ total: columns(10) });
  });

  it('names an unknown row by all its labels, spaces removed', () => {
    expect(read([...HEADER, [row2('其中：\n网上 申请'), '小计', ...seven(10)]]).warnings).toEqual([
      'unknown_row: requests: row "其中：网上申请 / 小计" is not in the template; its numbers are not used',
    ]);
  });

  it('a row of words only is not a row, and neither is a group label without numbers', () => {
    expect(
      read([...HEADER, [wide('注：本表数据截至12月31日')], [wide('三、本年度办理结果'), '', '', '', '', '', '', '']]),
    ).toEqual({ version: null, rows: {}, warnings: [] });
  });

  it('a template row printed twice: the first is kept', () => {
    const table = read([
      ...HEADER,
      [wide('一、本年新收政府信息公开申请数量'), ...seven(10)],
      [wide('一、本年新收政府信息公开申请数量'), ...seven(20)],
    ]);
    expect(table.rows.new_received).toEqual(columns(10));
    expect(table.warnings).toEqual([
      'duplicate_row: requests: row "一、本年新收政府信息公开申请数量" appears again; the first one is kept',
    ]);
  });

  it('group rows with numbers are subtotals, not template rows: not used, with one warning naming them', () => {
    const table = read([
      ...HEADER,
      [wide('三、本年度办理结果'), ...seven(10)],
      [wide('（三）不予公开'), ...seven(20)],
      [wide('（四）无法提供'), ...seven(30)],
    ]);
    expect(table).toEqual({
      version: null,
      rows: {},
      warnings: [
        'subtotal_row: requests: group rows with numbers (三、本年度办理结果、（三）不予公开、（四）无法提供) are not template data rows; not used',
      ],
    });
  });

  it('a row whose numbers do not fit the columns says so', () => {
    const table = read([...HEADER, [wide('一、本年新收政府信息公开申请数量'), '1', '2']], 'text-separated');
    expect(table.rows).toEqual({});
    expect(table).toMatchObject({
      warnings: [
        'row_columns: requests: row "一、本年新收政府信息公开申请数量": 2 cells for 7 columns; in a copy split by tabs or pipes the blank cells cannot be located, so the row is not read',
      ],
    });
  });
});

describe('section 三: the two shapes of （六）其他处理', () => {
  const other = (withNumbers: boolean): PrintedCell[] => [
    { text: '（六）其他处理', colSpan: 3 },
    ...(withNumbers ? seven(60) : ['', '', '', '', '', '', '']),
  ];
  const subRow = (label: string, n: number): PrintedCell[] => [{ text: label, colSpan: 3 }, ...seven(n)];

  it('one data row: the 2019 shape', () => {
    expect(read([...HEADER, other(true)])).toEqual({ version: '2019', rows: { other: columns(60) }, warnings: [] });
  });

  it('three numbered rows: the 2021 shape', () => {
    const table = read([
      ...HEADER,
      [wide('（六）其他处理')],
      subRow('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 10),
      subRow('2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 20),
      subRow('3.其他', 30),
    ]);
    expect(table).toEqual({
      version: '2021',
      rows: { 'other.no_amendment_overdue': columns(10), 'other.fee_unpaid': columns(20), 'other.other': columns(30) },
      warnings: [],
    });
  });

  it("numbers on the group row and numbered rows: 2021, the group row's numbers a subtotal, not used", () => {
    const table = read([
      ...HEADER,
      other(true),
      subRow('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 10),
    ]);
    expect(table).toEqual({
      version: '2021',
      rows: { 'other.no_amendment_overdue': columns(10) },
      warnings: [
        'subtotal_row: requests: （六）其他处理 has numbers and numbered rows; its own numbers are a subtotal and are not used',
      ],
    });
  });

  it('a group row with only some numbers printed is a subtotal as well', () => {
    const partly: PrintedCell[] = [{ text: '（六）其他处理', colSpan: 3 }, '1', '', '', '', '', '', '1'];
    expect(
      read([...HEADER, partly, subRow('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 10)])
        .warnings,
    ).toEqual([
      'subtotal_row: requests: （六）其他处理 has numbers and numbered rows; its own numbers are a subtotal and are not used',
    ]);
  });

  it('an empty group row above numbered rows: 2021, silently', () => {
    expect(
      read([...HEADER, other(false), subRow('1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 10)]),
    ).toEqual({
      version: '2021',
      rows: { 'other.no_amendment_overdue': columns(10) },
      warnings: [],
    });
  });
});

describe('labels run together', () => {
  it.each([
    ['三、本年度办理结果（一）予以公开', ['三、本年度办理结果', '（一）予以公开']],
    ['（三）不予公开1.属于国家秘密', ['（三）不予公开', '1.属于国家秘密']],
    ['（五）不予处理\n2. 重复申请', ['（五）不予处理', '2.重复申请']],
    ['1.属于国家秘密', ['1.属于国家秘密']],
    ['共计12.5万元', ['共计12.5万元']],
    ['', []],
  ])('%j splits into %j (compared in NFKC form)', (text, pieces) => {
    expect(splitLabelPieces(text)).toEqual(pieces.map((piece) => piece.normalize('NFKC')));
  });
});
