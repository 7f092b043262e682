import { mkdir } from 'node:fs/promises';
import { CsvExport } from '../export/csv.js';
import type { Exporter } from '../export/exporter.js';
import { JsonExport } from '../export/json.js';
import type { Finding, Report, ReportStatus } from '../model/report.js';
import { auditAcrossReports } from './across.js';
import type { Store } from './store.js';

/**
 * Outputs of a run, exported from the store in file-name order, so that the same inputs always give the same
 * files — whether the run went through at once or was killed and resumed. The rules that need several files are
 * checked here, over exactly the files of this run.
 */

export interface BatchSummary {
  total: number;
  byStatus: Partial<Record<ReportStatus, number>>;
  flagged: { file: string; rules: string[] }[];
}

export async function exportOutputs(store: Store, names: string[], outDir: string): Promise<BatchSummary> {
  await mkdir(outDir, { recursive: true });
  const summaries = store.summaries(names);
  const across = auditAcrossReports(
    summaries.map((s) => ({ name: s.name, agency: s.agency, year: s.year, cells: () => store.cellValues(s.contentKey) })),
  );
  const exporters: Exporter[] = [new CsvExport(outDir), new JsonExport(outDir)];
  const summary: BatchSummary = { total: summaries.length, byStatus: {}, flagged: [] };
  try {
    for (const { name, path, contentKey } of summaries) {
      const report = withFindings(store.report(contentKey, name), across.get(name) ?? []);
      for (const exporter of exporters) await exporter.add(report, { path });
      summary.byStatus[report.status] = (summary.byStatus[report.status] ?? 0) + 1;
      if (report.status === 'flagged') {
        summary.flagged.push({ file: name, rules: report.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}:${f.scope}`) });
      }
    }
  } finally {
    for (const exporter of exporters) await exporter.close();
  }
  return summary;
}

/** A report with the findings that needed other files; an error among them flags it. */
function withFindings(report: Report, extra: Finding[]): Report {
  // Stryker disable next-line ConditionalExpression: equivalent, with no extra finding the copy made below equals the report
  if (extra.length === 0) return report;
  const flagged = extra.some((f) => f.severity === 'error') && (report.status === 'ok' || report.status === 'incomplete');
  return { ...report, findings: [...report.findings, ...extra], ...(flagged ? { status: 'flagged' as const } : {}) };
}
