import { UNCHECKED_REASONS } from '../core/i18n/catalogue.js';
import type { Twin } from '../core/i18n/lang.js';
import { TABLE_KEYS, type Cell, type Finding, type Report, type ReportStatus } from '../core/model/report.js';

/**
 * A report's status, decided in one place from what was read and what the rules found — for `extract` (when a
 * report is assembled, and again when the rules across files add their findings) and `check` alike.
 *
 * Never a false pass: `ok` means the rules ran on numbers that were read and all held. A report in which no number
 * was read (a pre-2019 report whose tables are not read, a report with no tables) is `unchecked` — 未核对 — however
 * clean its findings look, because no rule could fail on it.
 */

/** Statuses of a file read as a report and audited; the others (not_a_report, failed…) are kept as they are. */
const AUDITED: ReadonlySet<ReportStatus> = new Set(['ok', 'flagged', 'incomplete', 'unchecked']);

export type StatusFacts = Pick<Report, 'formatVersion' | 'tables' | 'cells' | 'findings'>;

/** The status of an audited report. */
export function auditedStatus(facts: StatusFacts): ReportStatus {
  if (hasErrors(facts.findings)) return 'flagged';
  if (!hasNumbers(facts.cells)) return 'unchecked';
  if (facts.formatVersion === 'legacy') return 'ok';
  const complete = TABLE_KEYS.every((key) => facts.tables.some((t) => t.key === key && t.cells > 0));
  const rowsMissing = facts.findings.some((f) => f.rule === 'missing_cells');
  return complete && !rowsMissing && unconfirmedCells(facts.cells).length === 0 ? 'ok' : 'incomplete';
}

const hasErrors = (findings: Finding[]) => findings.some((f) => f.severity === 'error');
const hasNumbers = (cells: Cell[]) => cells.some((c) => c.value !== null);

/**
 * A report with the findings that needed other files (copies, consecutive years). Its own status was decided when
 * it was assembled (auditedStatus); an error across files flags it, by the same first test. A report stored before
 * `unchecked` existed (an old-format report stored as ok, with no number read) is told by the same second test. A
 * file that was not audited keeps its status.
 */
export function withExtraFindings(report: Report, extra: Finding[]): Report {
  const findings = extra.length > 0 ? [...report.findings, ...extra] : report.findings;
  if (!AUDITED.has(report.status)) return extra.length > 0 ? { ...report, findings } : report;
  const status = hasErrors(findings) ? 'flagged' : hasNumbers(report.cells) ? report.status : 'unchecked';
  if (status === report.status && extra.length === 0) return report;
  const reason = status === 'unchecked' ? uncheckedReason(report).en : report.reason;
  return { ...report, findings, status, ...(reason !== undefined ? { reason } : {}) };
}

/** Cells whose picture reading OCR could not confirm: their numbers are not reported, so the report is not complete. */
export function unconfirmedCells(cells: Cell[]): Cell[] {
  return cells.filter((c) => c.value === null && c.source.ocr && !c.source.ocr.confirmed);
}

/** Why nothing was checked, in words: an old-format report, tables found but unread, or no table at all. */
export function uncheckedReason(facts: Pick<Report, 'formatVersion' | 'tables'>): Twin {
  if (facts.formatVersion === 'legacy') return UNCHECKED_REASONS.legacy;
  return facts.tables.length > 0 ? UNCHECKED_REASONS.unread : UNCHECKED_REASONS.noTables;
}
