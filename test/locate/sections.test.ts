import { describe, expect, it } from 'vitest';
import { findSections, sectionHeading } from '../../src/locate/sections.js';
import type { Block } from '../../src/core/model/document.js';

const text = (t: string): Block => ({ kind: 'text', text: t });

describe('section headings', () => {
  it.each([
    ['一、总体情况', 'overview'],
    ['一．总体情况：', 'overview'],
    ['二、主动公开政府信息情况', 'active'],
    ['三、收到和处理政府信息公开申请情况', 'requests'],
    ['三、收到及处理政府信息公开申请情况', 'requests'],
    ['四、因政府信息公开工作被申请行政复议、提起行政诉讼情况', 'review_litigation'],
    ['五、政府信息公开工作存在的主要问题及改进情况', 'problems'],
    ['六、存在的主要问题及整改措施', 'problems'],
    ['七、其他需要报告的事项', 'other'],
    ['收到和处理政府信息公开申请情况', 'requests'],
  ])('%s → %s', (heading, key) => {
    expect(sectionHeading(heading)).toBe(key);
  });

  it.each([
    '（一）主动公开方面',
    '本年度报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等内容。',
    '总体来看',
  ])('is not fooled by %s', (line) => {
    expect(sectionHeading(line)).toBeUndefined();
  });

  it('orders sections and gives each the blocks up to the next heading', () => {
    const sections = findSections([
      text('一、总体情况'),
      text('正文'),
      text('二、主动公开政府信息情况'),
      text('三、收到和处理政府信息公开申请情况'),
      text('一、总体情况'),
    ]);
    expect(sections.map((s) => [s.key, s.start, s.end])).toEqual([
      ['overview', 0, 2],
      ['active', 2, 3],
      ['requests', 3, 5],
    ]);
  });
});
