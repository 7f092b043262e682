import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditedStatus, withExtraFindings } from '../../src/audit/status.js';
import type { Finding } from '../../src/core/model/report.js';
import { balancedReport, renderHtml } from '../fixtures/report-builder.js';
import { corpusPath, extractCorpus, extractText } from '../helpers.js';

/** One rule for a report's status, from what was read and what the rules found: never a false pass. */

const carryError: Finding = {
  rule: 'carry_continuity',
  scope: 'total',
  severity: 'error',
  expected: 3,
  actual: 2,
  message: 'total: 上年结转 2, but …',
  cells: ['requests:carried_over:total'],
};

describe("a report's status", () => {
  it('is ok for a complete report whose rules all ran and held; an error across files flags it', async () => {
    const report = await extractText(renderHtml(balancedReport(5)), 'report.html');
    expect(report.status).toBe('ok');
    expect(auditedStatus(report)).toBe('ok');
    expect(withExtraFindings(report, [carryError]).status).toBe('flagged');
    expect(withExtraFindings(report, [])).toBe(report);
  });

  it('is unchecked — never ok — when no number was read: a pre-2019 report, or tables that ran together', async () => {
    for (const name of ['pingtan-2016_page-flattened_pre2019-format.txt', 'pingtan-2021_page-flattened.txt']) {
      const report = await extractCorpus(name);
      expect(report.status, name).toBe('unchecked');
      expect(report.reason, name).toMatch(/^unchecked: .*no rule ran/);
    }
  });

  it('turns a stored report that was ok with no number read (stored before unchecked existed) into unchecked', async () => {
    const legacy = await extractCorpus('pingtan-2016_page-flattened_pre2019-format.txt');
    const stored = { ...legacy, status: 'ok' as const, reason: undefined };
    expect(withExtraFindings(stored, [])).toMatchObject({
      status: 'unchecked',
      reason: expect.stringMatching(/^unchecked: a report in the pre-2019 format/),
    });
  });

  it('is never ok on the bundled sample without numbers read', async () => {
    for (const name of readdirSync(corpusPath('.'))) {
      const report = await extractCorpus(name);
      if (report.status === 'ok')
        expect(
          report.cells.some((c) => c.value !== null),
          name,
        ).toBe(true);
    }
  });
});
