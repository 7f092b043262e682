import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingText } from '../../src/core/i18n/findings.js';
import { extractFromBytes } from '../../src/pipeline/extract.js';
import { fixturePath } from '../helpers.js';

/** A picture given alone is a report only when it looks like one: a report's title or section headings. */

const picture = (name: string) => readFileSync(fixturePath(`ocr/${name}`));

describe('a picture read alone', () => {
  it('holding only a table (a screenshot of part of a report) is not a report, and says why; no verdict, no rule', async () => {
    const report = await extractFromBytes(picture('table.png'), 'screenshot.png');
    expect(report.status).toBe('not_a_report');
    expect(report.findings).toEqual([]);
    expect(report.cells).toEqual([]);
    expect(findingText('reason', report.reason!, 'zh')).toBe(
      '一张图片，没有报告标题或章节标题（至多是表格的一部分），不作为年度报告核对',
    );
  });

  it('showing a whole report page (title, sections, tables) is read as a report', async () => {
    const report = await extractFromBytes(picture('report-page.png'), 'report-page.png');
    expect(report.status).not.toBe('not_a_report');
    expect(report.agency).toBe('示例县市场监督管理局');
  });
});
