import { describe, expect, it } from 'vitest';
import { markText } from '../../src/view/browser/mark.js';

describe("a grid cell's mark", () => {
  it('counts copies of one status', () => {
    expect(markText(['ok'])).toEqual({ label: '正常', title: '1 份：正常 1' });
    expect(markText(['incomplete', 'incomplete'])).toEqual({ label: '不完整 ×2', title: '2 份：不完整 2' });
  });

  it('says so when copies differ, most serious first (not 「不完整 ×2」)', () => {
    expect(markText(['ok', 'incomplete'])).toEqual({ label: '不完整/正常', title: '2 份：不完整 1，正常 1' });
    expect(markText(['ok', 'flagged', 'ok']).label).toBe('有问题/正常');
  });
});
