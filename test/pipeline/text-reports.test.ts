import { describe, expect, it } from 'vitest';
import { balancedReport, expectedValues, renderTabText } from '../fixtures/report-builder.js';
import { extractText, valuesOf, wrongValues } from '../helpers.js';

/** Plain-text copies end to end: what a separator keeps, and what spaces lose. */
describe('text copies', () => {
  // Blank cells in three request rows (a 0 left unprinted), as reports often print them.
  const spec = balancedReport(51);
  const blanked = [
    'requests:carried_over:commercial_enterprise',
    'requests:granted:research_institution',
    'requests:carried_forward:other_org',
  ];
  for (const key of blanked) spec.cells[key] = '';
  const blankRows = new Set(blanked.map((key) => key.split(':')[1]!));

  it('tab-separated: every cell, blank ones included (the tab keeps their place)', async () => {
    const report = await extractText(renderTabText(spec), 'copy.txt');
    expect(valuesOf(report)).toEqual(expectedValues(spec));
  });

  it('space-separated: rows with a blank cell are not read (its place is lost), every other number is', async () => {
    const spaced = renderTabText(spec).replace(/\t+/g, '    ');
    const report = await extractText(spaced, 'layout.txt');
    const expected = expectedValues(spec);
    expect(wrongValues(report, expected)).toEqual([]);
    const readRows = new Set(report.cells.filter((c) => c.table === 'requests').map((c) => c.row));
    for (const row of blankRows) expect(readRows.has(row)).toBe(false);
    expect(readRows.has('new_received')).toBe(true);
    expect(report.cells.filter((c) => c.table === 'requests')).toHaveLength(25 * 7 - blankRows.size * 7);
    expect(report.findings.filter((f) => /blank cells cannot be located/.test(f.message))).toHaveLength(blankRows.size);
  });

  it('a copy that lost a blank cell (fewer cells than columns, as PDF-to-markdown converters print them): that row is not read, every other is', async () => {
    const lost = renderTabText(spec)
      .split('\n')
      .map((line) => (line.startsWith('二、上年结转') ? line.replace('\t\t', '\t') : line))
      .join('\n');
    const report = await extractText(lost, 'converted.txt');
    expect(wrongValues(report, expectedValues(spec))).toEqual([]);
    expect(report.cells.filter((c) => c.row === 'carried_over')).toEqual([]);
    expect(report.cells.filter((c) => c.row === 'new_received')).toHaveLength(7);
    expect(report.findings.filter((f) => /blank cells cannot be located/.test(f.message))).toHaveLength(1);
  });

  it('the vertical copy (each cell on a tab-indented line): blank cells, lines holding a tab alone, keep their place', async () => {
    const vertical = renderTabText(spec)
      .split('\n')
      .map((line) =>
        line.includes('\t')
          ? line
              .split('\t')
              .map((cell, i) => (i === 0 ? cell : `\t${cell}`))
              .join('\n')
          : line,
      )
      .join('\n');
    const report = await extractText(vertical, 'vertical.txt');
    expect(valuesOf(report)).toEqual(expectedValues(spec));
  });

  describe('section 四 printed as three small tables, one per group (converted from PDF)', () => {
    const four = balancedReport(53);
    const text = renderTabText(four);
    const heading = '四、政府信息公开行政复议、行政诉讼情况\n';
    const start = text.indexOf(heading) + heading.length;
    const end = text.indexOf('\n五、', start);
    const numbers = text.slice(start, end).trim().split('\n').at(-1)!.split('\t');
    const stacked = (names: string[]) =>
      names
        .map(
          (name, g) =>
            `### ${name}\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n| ${numbers.slice(g * 5, g * 5 + 5).join(' | ')} |\n`,
        )
        .join('\n');
    const withSectionFour = (names: string[]) => `${text.slice(0, start)}${stacked(names)}${text.slice(end)}`;

    it('each table read under its own group and headings; the first group, named before the tables, is the one the others leave', async () => {
      expect(numbers).toHaveLength(15);
      const report = await extractText(
        withSectionFour(['行政复议', '行政诉讼（未经复议直接起诉）', '行政诉讼（复议后起诉）']),
        'converted.md',
      );
      expect(valuesOf(report)).toEqual(expectedValues(four));
    });

    it('two tables with no group named: section 四 is not read, and nothing is placed in the wrong group', async () => {
      const report = await extractText(
        withSectionFour(['行政复议', '行政诉讼', '行政诉讼（复议后起诉）']),
        'converted.md',
      );
      expect(wrongValues(report, expectedValues(four))).toEqual([]);
      expect(report.cells.filter((c) => c.table === 'review_litigation')).toEqual([]);
    });
  });

  it('a numbered row whose words match nothing: placed by its number in a tab copy, left out of a space-separated one', async () => {
    const garbled = renderTabText(balancedReport(52)).replace('1.信访举报投诉类申请', '1.某某某某');
    const tabs = await extractText(garbled, 'copy.txt');
    expect(tabs.cells.some((c) => c.row === 'not_processed.petition_complaint')).toBe(true);
    expect(tabs.findings.map((f) => f.rule)).toContain('label_by_numbering');
    // In a layout copy such a label is more likely a fragment of a wrapped one, under a group it does not belong to.
    const spaced = await extractText(garbled.replace(/\t+/g, '    '), 'layout.txt');
    expect(spaced.cells.some((c) => c.row === 'not_processed.petition_complaint')).toBe(false);
    expect(spaced.findings.map((f) => f.rule)).not.toContain('label_by_numbering');
  });
});
