import { explainFinding, type Term } from '../audit/explain.js';
import { SEVERITY_ORDER } from '../core/i18n/catalogue.js';
import { findingText } from '../core/i18n/findings.js';
import type { Lang } from '../core/i18n/lang.js';
import type { Cell, Report } from '../core/model/report.js';
import type { CellPlace } from '../audit/explain.js';

/**
 * findings.csv and findings.parquet, one row per finding: errors first, then warnings, then notes (info), each
 * group in the order the audit found them; the message in the language chosen; and where the finding is — the pages
 * of the cells involved, their printed table, row and column labels, and for each cell its table, row and column in
 * the document (as cells.csv's source_table/source_row/source_col, space-separated in the order of `cells`, `-` for
 * a cell the report does not have).
 */

export type Row = (string | number | null | undefined)[];

/** The columns after the first eight (file … cells), in this order. */
export const WHERE_COLUMNS = [
  'page',
  'table_label',
  'row_label',
  'column_label',
  'source_table',
  'source_row',
  'source_col',
] as const;

export function findingRows(report: Report, lang: Lang = 'zh'): Row[] {
  const cells = new Map<string, Cell>(report.cells.map((c) => [`${c.table}:${c.row}:${c.column}`, c]));
  return report.findings
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) => SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] || a.order - b.order)
    .map(({ finding: f }) => {
      const terms = f.cells.length > 0 ? explainFinding(f, cells).terms : [];
      const message = findingText(f.rule, f.message, lang);
      return [
        report.file,
        f.rule,
        f.scope,
        f.severity,
        f.expected,
        f.actual,
        message,
        f.cells.join(' '),
        ...where(terms),
      ];
    });
}

function where(terms: Term[]): Row {
  const placed = terms.flatMap((t) => (t.cell ? [t.cell.place] : []));
  const pages = [...new Set(placed.flatMap((p) => (p.page !== undefined ? [p.page] : [])))].sort((a, b) => a - b);
  const labels = (pick: (t: Term) => string) => [...new Set(terms.map(pick))].join('；');
  const source = (pick: (p: CellPlace) => number) =>
    placed.length > 0 ? terms.map((t) => (t.cell ? String(pick(t.cell.place)) : '-')).join(' ') : '';
  return [
    pages.join(' '),
    labels((t) => t.labels.table),
    labels((t) => t.labels.row),
    labels((t) => t.labels.column),
    source((p) => p.table),
    source((p) => p.row),
    source((p) => p.col),
  ];
}

/** reports.csv's `reason` in the language chosen. */
export function reasonText(report: Report, lang: Lang): string | undefined {
  return report.reason === undefined ? undefined : findingText('reason', report.reason, lang);
}
