import { describe, expect, it } from 'vitest';
import { bestMatch, candidates } from '../../../src/core/text/match.js';
import { splitNumbering } from '../../../src/core/text/normalize.js';
import { ACTIVE_COLUMNS, ACTIVE_ROWS, REQUEST_ROWS } from '../../../src/core/template/template.js';

describe('label matching', () => {
  const rows = candidates(REQUEST_ROWS);
  it('tolerates a typo that drops characters (2.其他法律行政止公开)', () => {
    expect(bestMatch('2.其他法律行政止公开', rows)?.key).toBe('denied.prohibited_by_law');
  });
  it('tolerates a wrong character (本年度止件数 for 本年废止件数)', () => {
    expect(bestMatch('本年度止件数', candidates(ACTIVE_COLUMNS))?.key).toBe('repealed');
  });
  it('ignores spaces, width and numbering variants', () => {
    expect(bestMatch('三 、本 年 度办 理 结果', rows)?.key).toBe('group.results');
    expect(bestMatch('(七)总计', rows)?.key).toBe('total');
    expect(bestMatch('４．无正 当理由大量反复申请', rows)?.key).toBe('not_processed.mass_repetitive');
  });
  it('ignores notes inside labels', () => {
    expect(bestMatch('规章(设区的市、自治州人民政府应提供相关数据)', candidates(ACTIVE_ROWS))?.key).toBe('regulations');
    expect(bestMatch('（二）部分公开', rows)?.key).toBe('partially_granted');
  });
  it('keeps 其他 (a numbered row) apart from （六）其他处理 (a group)', () => {
    expect(bestMatch('3.其他', rows)?.key).toBe('other.other');
    expect(bestMatch('（六）其他处理', rows)?.key).toBe('group.other');
  });
  it('matches nothing rather than a wrong row', () => {
    expect(bestMatch('其他主动公开文件', candidates(ACTIVE_ROWS))).toBeUndefined();
    expect(bestMatch('信息内容', candidates(ACTIVE_COLUMNS))).toBeUndefined();
  });
});

describe('splitNumbering', () => {
  it.each([
    ['一、总体情况', 1, 1, '总体情况'],
    ['（三）不予公开', 2, 3, '不予公开'],
    ['(3)不予公开', 3, 3, '不予公开'],
    ['5.属于三类内部事务信息', 3, 5, '属于三类内部事务信息'],
    ['2、重复申请', 3, 2, '重复申请'],
  ])('%s', (text, level, ordinal, rest) => {
    expect(splitNumbering(text.normalize('NFKC'))).toEqual({ level, ordinal, rest });
  });
  it('leaves a year alone', () => {
    expect(splitNumbering('2023年工作').level).toBeUndefined();
  });
});
