import { describe, expect, it } from 'vitest';
import { readText, textToDocument } from '../../extractors/text.js';
import type { TableBlock } from '../../src/core/model/document.js';

const rowsOf = (text: string) =>
  textToDocument(text)
    .blocks.filter((b): b is TableBlock => b.kind === 'table')
    .map((t) => t.grid.map((row) => row.filter((i) => i >= 0).map((i) => t.cells[i]!.text)));

describe('text reader', () => {
  it('splits tab-separated rows, keeping empty cells', () => {
    expect(rowsOf('一、本年新收政府信息公开申请数量\t\t3\t0\n二、上年结转\t\t0\t1')).toEqual([
      [
        ['一、本年新收政府信息公开申请数量', '', '3', '0'],
        ['二、上年结转', '', '0', '1'],
      ],
    ]);
  });

  it('reads the vertical copy: a row is its first cell plus one tab-indented line per cell', () => {
    expect(rowsOf('信息内容\n\t本年制发件数\n\t本年废止件数\n\n规章\n\t12\n\t7\n')).toEqual([
      [
        ['信息内容', '本年制发件数', '本年废止件数'],
        ['规章', '12', '7'],
      ],
    ]);
  });

  it('keeps a blank cell of the vertical copy, a line holding its tab alone, in its place', () => {
    expect(
      rowsOf(
        '信息内容\n\t本年制发件数\n\t本年废止件数\n\t现行有效件数\n\n规章\n\t22\n\t\n\t235\n\n行政规范性文件\n\t\n\t3\n\t \n',
      ),
    ).toEqual([
      [
        ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
        ['规章', '22', '', '235'],
        ['行政规范性文件', '', '3', ''],
      ],
    ]);
  });

  it('a line holding a tab alone outside a vertical copy is a blank line, not a cell', () => {
    expect(textToDocument('一、总体情况\n\t\n本机关全年主动公开信息。').blocks).toEqual([
      { kind: 'text', text: '一、总体情况' },
      { kind: 'text', text: '本机关全年主动公开信息。' },
    ]);
    expect(rowsOf('规章\t22\t0\t235\n\t\n行政规范性文件\t1\t2\t3')).toEqual([
      [
        ['规章', '22', '0', '235'],
        ['行政规范性文件', '1', '2', '3'],
      ],
    ]);
  });

  it('keeps blank cells at the end of a tab-separated row (tabs before the line end)', () => {
    expect(rowsOf('规章\t22\t\t\n行政规范性文件\t\t3\t  ')).toEqual([
      [
        ['规章', '22', '', ''],
        ['行政规范性文件', '', '3', ''],
      ],
    ]);
  });

  it('reads markdown pipe tables and skips their rule lines', () => {
    expect(rowsOf('| 规章 | 22 | 235 |\n|---|---|---|\n| 行政规范性文件 | 34 | 189 |')).toEqual([
      [
        ['规章', '22', '235'],
        ['行政规范性文件', '34', '189'],
      ],
    ]);
  });

  it('reads a label followed by space-separated numbers, but not a sentence ending in a number', () => {
    const doc = textToDocument('一、本年新收政府信息公开申请数量   21   0   0\n全年共受理申请，共计 21\n10 1 0 0');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['table', 'text', 'table']);
    expect(rowsOf('（七）总计  21  0  —  21')).toEqual([[['（七）总计', '21', '0', '—', '21']]]);
  });

  it('does not read label-and-number lines as rows when their labels wrap onto lines of their own', () => {
    const copy = [
      '二、上年结转政府信息公     0   1   0   1   0   1   3',
      '开申请数量',
      '（三） 1.属于    2   1   0   3   2   1   9',
      '不予公 国家秘',
      '开    密',
      '2.其他   0   3   2   1   0   3   9',
      '法律行',
    ].join('\n');
    const read = readText(Buffer.from(copy));
    expect(read.value.blocks.every((b) => b.kind === 'text')).toBe(true);
    expect(read.messages).toEqual([expect.objectContaining({ code: 'wrapped_labels' })]);
  });

  it('still reads rows with a heading, an article line or a page number between them', () => {
    const copy = [
      '- 4 -',
      '信息内容 本年处理决定数量',
      '行政处罚 3985758',
      '第二十条 第（八）项',
      '行政事业性收费 96171.6',
      '三、',
      '本',
      '年',
      '（一）予以公开 1288 21 0 0 50 3 1362',
    ].join('\n');
    const read = readText(Buffer.from(copy));
    expect(read.messages).toEqual([]);
    // Each labelled row whole, every number in its column (the page number aside).
    const rows = read.value.blocks.flatMap((b) =>
      b.kind === 'table' ? b.grid.map((row) => row.map((i) => b.cells[i]!.text)) : [],
    );
    expect(rows.filter((row) => /\p{Script=Han}/u.test(row[0]!))).toEqual([
      ['行政处罚', '3985758'],
      ['行政事业性收费', '96171.6'],
      ['（一）予以公开', '1288', '21', '0', '0', '50', '3', '1362'],
    ]);
  });

  it('keeps prose lines as text blocks', () => {
    expect(textToDocument('一、总体情况\n本年度，我局认真贯彻落实。').blocks).toEqual([
      { kind: 'text', text: '一、总体情况' },
      { kind: 'text', text: '本年度，我局认真贯彻落实。' },
    ]);
  });
});
