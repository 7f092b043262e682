import { describe, expect, it } from 'vitest';
import { detailOf } from '../../extractors/errors.js';

/** Reasons say what is wrong with the file: a library's word is kept (one line), the engine's never. */
describe('the detail of a refusal', () => {
  it("keeps a library's reason on one line, shortened", () => {
    expect(detailOf(new Error('invalid distance too far back'))).toBe(' (invalid distance too far back)');
    expect(detailOf(new Error('[xmldom error]\tunclosed xml attribute\n@#[line:1,col:10]'))).toBe(
      ' ([xmldom error] unclosed xml attribute)',
    );
    expect(detailOf(new Error('x'.repeat(300)))).toHaveLength(163);
  });

  it('drops what the JavaScript engine says, which is nothing about the file', () => {
    expect(detailOf(new TypeError("Cannot read properties of undefined (reading 'L')"))).toBe('');
    expect(detailOf(new RangeError('Maximum call stack size exceeded'))).toBe('');
    expect(detailOf('a string')).toBe('');
  });
});
