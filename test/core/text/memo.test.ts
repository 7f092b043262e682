import { describe, expect, it } from 'vitest';
import { memoize } from '../../../src/core/text/memo.js';

describe('a function of a text, its results kept', () => {
  it('computes once per text, and forgets everything once it holds its limit', () => {
    const computed: string[] = [];
    const upper = memoize((text: string) => {
      computed.push(text);
      return text.toUpperCase();
    }, 2);
    expect(['a', 'b', 'a', 'b'].map(upper)).toEqual(['A', 'B', 'A', 'B']);
    expect(computed).toEqual(['a', 'b']);
    expect(upper('c')).toBe('C');
    expect(upper('a')).toBe('A');
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});
