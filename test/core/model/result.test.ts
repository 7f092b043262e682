import { describe, expect, it } from 'vitest';
import { warning } from '../../../src/core/model/messages.js';
import { andThen, combine, mapResult, result, withMessages } from '../../../src/core/model/result.js';

describe('Result: a value with the messages noticed on the way', () => {
  const a = warning('read', 'a');
  const b = warning('read', 'b');
  const c = warning('read', 'c');

  it('combines several results into their values, keeping every message in order', () => {
    expect(combine([result(1, [a]), result(2), result(3, [b, c])])).toEqual({ value: [1, 2, 3], messages: [a, b, c] });
    expect(combine([])).toEqual({ value: [], messages: [] });
  });

  it('maps a value and chains a step with messages of its own after the first', () => {
    expect(mapResult(result(2, [a]), (n) => n * 10)).toEqual({ value: 20, messages: [a] });
    expect(andThen(result(2, [a]), (n) => result(`${n}`, [b]))).toEqual({ value: '2', messages: [a, b] });
    expect(withMessages(result('x', [a]), [b, c])).toEqual({ value: 'x', messages: [a, b, c] });
    const same = result('y', [a]);
    expect(withMessages(same, [])).toBe(same);
  });
});
