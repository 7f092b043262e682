import { describe, expect, it } from 'vitest';
import { fileLink } from '../../src/view/file-link.js';

describe('the link to an original file', () => {
  it('is relative to the output folder, each part escaped', () => {
    expect(fileLink('/data/run/output', '/data/run/reports/2023 年#1.pdf')).toBe('../reports/2023%20%E5%B9%B4%231.pdf');
    expect(fileLink('out', 'out/../in/a.html')).toBe('../in/a.html');
  });
});
