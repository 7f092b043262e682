import { mkdir } from 'node:fs/promises';
import { CsvExport } from '../export/csv.js';
import { writeDataPackage } from '../export/datapackage.js';
import { DatasetCsvExport } from '../export/dataset-csv.js';
import type { DataResource, Exporter } from '../export/exporter.js';
import { JsonLinesExport } from '../export/json.js';
import { PanelCsvExport, PanelParquetExport } from '../export/panel-files.js';
import { CellsParquet, DatasetParquet, FindingsParquet, ReportsParquet } from '../export/parquet.js';
import type { Finding, Report, ReportStatus } from '../model/report.js';
import { ViewExport } from '../view/exporter.js';
import { auditSortedCopies } from './across.js';
import { startExportWorker } from './export-thread.js';
import { ACROSS_PARTS, type Store } from './store.js';

/**
 * Outputs of a run, exported from the store in file-name order, so that the same inputs always give the same
 * files — whether the run went through at once or was killed and resumed. The rules that need several files are
 * checked here, over exactly the files of this run, from indexed queries, in two shares by agency (one per thread
 * when a worker writes part of the outputs; their findings wait in files beside the store until the export ends);
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
  /**
   * Write the audit view in a worker thread (from the built code: `export-worker.js` beside this module) while this
   * thread writes the data files: both read the store, and the export takes about the longer of the two.
   */
  inWorker?: boolean;
}

/** The outputs, in the order datapackage.json lists them. */
const OUTPUTS = ['csv', 'dataset-csv', 'cells-parquet', 'reports-parquet', 'findings-parquet', 'dataset-parquet', 'panel-csv', 'panel-parquet', 'json', 'view'] as const;
export type Output = (typeof OUTPUTS)[number];

export function createExporter(output: Output, outDir: string, wholeCounts: boolean): Exporter {
  switch (output) {
    case 'csv':
      return new CsvExport(outDir);
    case 'dataset-csv':
      return new DatasetCsvExport(outDir);
    case 'cells-parquet':
      return new CellsParquet(outDir);
    case 'reports-parquet':
      return new ReportsParquet(outDir);
    case 'findings-parquet':
      return new FindingsParquet(outDir);
    case 'dataset-parquet':
      return new DatasetParquet(outDir, { wholeCounts });
    case 'panel-csv':
      return new PanelCsvExport(outDir);
    case 'panel-parquet':
      return new PanelParquetExport(outDir);
    case 'json':
      return new JsonLinesExport(outDir);
    case 'view':
      return new ViewExport(outDir);
  }
}

/** The share of the rules across files an export worker checks. */
const WORKER_ACROSS_PART = ACROSS_PARTS - 1;

export async function exportOutputs(store: Store, names: string[], outDir: string, options: ExportOptions = {}): Promise<BatchSummary> {
  await mkdir(outDir, { recursive: true });
  store.setRunFiles(names);
  store.dropAcrossFindings();
  const outputs = OUTPUTS.filter((output) => output !== 'json' || options.json);
  const wholeCounts = store.runCountsAreWhole();
  // With a worker, each thread checks a share of the rules across files; the outputs wait for both shares.
  const threaded = options.inWorker ? startExportWorker(outputs, { dbPath: store.path, outDir, wholeCounts, acrossPart: WORKER_ACROSS_PART }) : undefined;
  const here = threaded?.here ?? outputs;
  const summary: BatchSummary = { total: 0, byStatus: {}, flagged: [] };
  try {
    for (let part = 0; part < ACROSS_PARTS; part++) if (!threaded || part !== WORKER_ACROSS_PART) recordAcrossPart(store, part);
    if (threaded) await threaded.worker.acrossRecorded();
    const resources = await writeReports(store, here.map((output) => createExporter(output, outDir, wholeCounts)), (report) => {
      summary.total++;
      summary.byStatus[report.status] = (summary.byStatus[report.status] ?? 0) + 1;
      if (report.status === 'flagged') {
        summary.flagged.push({ file: report.file, rules: report.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}:${f.scope}`) });
      }
    });
    const all = here.map((output, i) => ({ output, resources: resources[i]! }));
    if (threaded) all.push(...(await threaded.worker.resources));
    await writeDataPackage(outDir, OUTPUTS.flatMap((output) => all.filter((written) => written.output === output).flatMap((written) => written.resources)));
  } finally {
    await threaded?.worker.stop();
    store.dropAcrossFindings();
  }
  return summary;
}

/**
 * Check one share of the rules across files and keep its findings (`Store.recordAcrossFindings`). The run's copies
 * are dealt to the shares agency by agency (an agency's years and copies stay together, as the rules compare them),
 * so that the shares are about even and never check the same thing twice.
 */
export function recordAcrossPart(store: Store, part: number): void {
  store.recordAcrossFindings(part, (add) =>
    auditSortedCopies(
      (function* () {
        let agencies = 0;
        let last: string | undefined;
        for (const copy of store.runCopies()) {
          if (copy.agencyKey !== last) {
            agencies++;
            last = copy.agencyKey;
          }
          // Stryker disable next-line EqualityOperator: equivalent, the shares swapped are the same two shares
          if (agencies % ACROSS_PARTS === part) yield { ...copy, key: copy.agencyKey, cells: () => store.cellValues(copy.contentId) };
        }
      })(),
      (copy, finding) => add(copy.ord, finding),
    ),
  );
}

/**
 * The run's reports, each with the findings that needed other files, streamed from the store through the exporters
 * in file order; every exporter is closed (even when one fails), and the resources of each returned in their order.
 */
export async function writeReports(store: Store, exporters: Exporter[], each: (report: Report) => void = () => undefined): Promise<DataResource[][]> {
  const acrossOf = store.acrossFindingsOf();
  const resources: DataResource[][] = [];
  try {
    for (const { ord, path, contentKey, report: stored } of store.runReports()) {
      const report = withFindings(stored, acrossOf(ord));
      for (const exporter of exporters) await exporter.add(report, { path, contentKey });
      each(report);
    }
  } finally {
    for (const exporter of exporters) resources.push(await exporter.close());
  }
  return resources;
}

/** A report with the findings that needed other files; an error among them flags it. */
function withFindings(report: Report, extra: Finding[]): Report {
  // Stryker disable next-line ConditionalExpression: equivalent, with no extra finding the copy made below equals the report
  if (extra.length === 0) return report;
  const flagged = extra.some((f) => f.severity === 'error') && (report.status === 'ok' || report.status === 'incomplete');
  return { ...report, findings: [...report.findings, ...extra], ...(flagged ? { status: 'flagged' as const } : {}) };
}
