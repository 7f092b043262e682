import { describe, expect, it } from 'vitest';
import { balancedReport, expectedValues, renderTabText } from '../fixtures/report-builder.js';
import { extractText, valuesOf, wrongValues } from '../helpers.js';

/** Plain-text copies end to end: what a separator keeps, and what spaces lose. */
describe('text copies', () => {
  // Blank cells in three request rows (a 0 left unprinted), as reports often print them.
  const spec = balancedReport(51);
  const blanked = ['requests:carried_over:commercial_enterprise', 'requests:granted:research_institution', 'requests:carried_forward:other_org'];
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
