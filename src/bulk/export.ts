import { mkdir } from 'node:fs/promises';
import { CsvExport } from '../export/csv.js';
import { writeDataPackage } from '../export/datapackage.js';
import { DatasetCsvExport } from '../export/dataset-csv.js';
import type { DataResource, Exporter } from '../export/exporter.js';
import { JsonLinesExport } from '../export/json.js';
import { parquetExporters } from '../export/parquet.js';
import type { Finding, Report, ReportStatus } from '../model/report.js';
import { ViewExport } from '../view/exporter.js';
import { auditSortedCopies } from './across.js';
import type { Store } from './store.js';

/**
 * Outputs of a run, exported from the store in file-name order, so that the same inputs always give the same
 * files — whether the run went through at once or was killed and resumed. The rules that need several files are
 * checked here, over exactly the files of this run, from indexed queries (their findings wait in a temporary table);
 * then the reports are streamed from the store one at a time, so memory does not grow with the run.
 */

export interface BatchSummary {
  total: number;
  byStatus: Partial<Record<ReportStatus, number>>;
  flagged: { file: string; rules: string[] }[];
}

export interface ExportOptions {
  /** Also write every report whole to reports.jsonl.gz. */
  json?: boolean;
}

export async function exportOutputs(store: Store, names: string[], outDir: string, options: ExportOptions = {}): Promise<BatchSummary> {
  await mkdir(outDir, { recursive: true });
  store.setRunFiles(names);
  const across = store.acrossFindings();
  auditSortedCopies(
    (function* () {
      for (const copy of store.runCopies()) yield { ...copy, key: copy.agencyKey, cells: () => store.cellValues(copy.contentId) };
    })(),
    (copy, finding) => across.add(copy.ord, finding),
  );
  const exporters: Exporter[] = [
    new CsvExport(outDir),
    new DatasetCsvExport(outDir),
    ...parquetExporters(outDir, { wholeCounts: store.runCountsAreWhole() }),
    ...(options.json ? [new JsonLinesExport(outDir)] : []),
    new ViewExport(outDir),
  ];
  const summary: BatchSummary = { total: 0, byStatus: {}, flagged: [] };
  const resources: DataResource[] = [];
  try {
    for (const { ord, path, report: stored } of store.runReports()) {
      const report = withFindings(stored, across.of(ord));
      for (const exporter of exporters) await exporter.add(report, { path });
      summary.total++;
      summary.byStatus[report.status] = (summary.byStatus[report.status] ?? 0) + 1;
      if (report.status === 'flagged') {
        summary.flagged.push({ file: report.file, rules: report.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}:${f.scope}`) });
      }
    }
  } finally {
    for (const exporter of exporters) resources.push(...(await exporter.close()));
  }
  await writeDataPackage(outDir, resources);
  return summary;
}

/** A report with the findings that needed other files; an error among them flags it. */
function withFindings(report: Report, extra: Finding[]): Report {
  // Stryker disable next-line ConditionalExpression: equivalent, with no extra finding the copy made below equals the report
  if (extra.length === 0) return report;
  const flagged = extra.some((f) => f.severity === 'error') && (report.status === 'ok' || report.status === 'incomplete');
  return { ...report, findings: [...report.findings, ...extra], ...(flagged ? { status: 'flagged' as const } : {}) };
}
