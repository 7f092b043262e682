import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../../src/core/text/numbers.js';

describe('parseNumber', () => {
  it.each([
    ['12', 12],
    ['１２３', 123],
    ['1,234', 1234],
    ['11,398,889', 11398889],
    ['4068.208', 4068.208],
    ['+2', 2],
    ['-1', -1],
    ['－3', -3],
    ['22件', 22],
    [' 7 ', 7],
  ])('reads %j as %d', (raw, value) => {
    expect(parseNumber(raw)).toMatchObject({ kind: 'number', value, raw });
  });

  it.each(['—', '-', '－', '/', '无', '——'])('reads the placeholder %j as zero, keeping the raw text', (raw) => {
    expect(parseNumber(raw)).toEqual({ kind: 'placeholder', value: 0, raw });
  });

  it('keeps a note printed beside the number', () => {
    expect(parseNumber('22（其中修订16件）')).toMatchObject({ value: 22, note: '其中修订16件' });
    expect(parseNumber('55(含自然失效29件)')).toMatchObject({ value: 55, note: '含自然失效29件' });
  });

  it('converts 元 to 万元 only where asked', () => {
    expect(parseNumber('251000元', { tenThousandYuan: true })).toMatchObject({ value: 25.1, unit: '元' });
    expect(parseNumber('251000元')).toMatchObject({ value: 251000 });
    expect(parseNumber('25.1万元', { tenThousandYuan: true })).toMatchObject({ value: 25.1, unit: '万元' });
    // A header in 元 converts figures printed without a unit, not those that print their own.
    expect(parseNumber('251000', { tenThousandYuan: true, headerUnit: '元' })).toMatchObject({ value: 25.1 });
    expect(parseNumber('25.1万元', { tenThousandYuan: true, headerUnit: '元' })).toMatchObject({ value: 25.1 });
  });

  it('tells an empty cell from zero and refuses text that is not a number', () => {
    expect(parseNumber('  ')).toEqual({ kind: 'empty', value: null, raw: '  ' });
    expect(parseNumber('详见附件')).toMatchObject({ kind: 'unreadable', value: null });
    expect(parseNumber('1.2.3')).toMatchObject({ kind: 'unreadable' });
  });
});
