import { describe, expect, it } from 'vitest';
import { parseYearRange } from '../../src/view/year-range.js';

describe('--years', () => {
  it.each([
    ['2008-2025', { from: 2008, to: 2025 }],
    ['2019 至 2024', { from: 2019, to: 2024 }],
    ['2020', { from: 2020, to: 2020 }],
  ])('%s', (text, range) => {
    expect(parseYearRange(text)).toEqual(range);
  });

  it.each([
    ['2025-2008', '起始年度晚于结束年度'],
    ['20-25', '应为年度范围'],
    ['1066-2025', '年度应在'],
  ])('says why %s is not a range', (text, reason) => {
    expect(parseYearRange(text)).toMatchObject({ zh: expect.stringContaining(reason) as string });
  });
});
