import { mkdir } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { CsvExport } from '../export/csv.js';
import { writeDataPackage } from '../export/datapackage.js';
import { DatasetCsvExport } from '../export/dataset-csv.js';
import type { DataResource, Exporter } from '../export/exporter.js';
import { JsonLinesExport } from '../export/json.js';
import { CellsParquet, DatasetParquet, FindingsParquet, ReportsParquet } from '../export/parquet.js';
import type { Finding, Report, ReportStatus } from '../model/report.js';
import { ViewExport } from '../view/exporter.js';
import { auditSortedCopies } from './across.js';
import type { Store } from './store.js';

/**
 * Outputs of a run, exported from the store in file-name order, so that the same inputs always give the same
 * files — whether the run went through at once or was killed and resumed. The rules that need several files are
 * checked here, over exactly the files of this run, from indexed queries (their findings wait in a table of the
 * store until the export ends); then the reports are streamed from the store one at a time, so memory does not grow
 * with the run.
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
const OUTPUTS = ['csv', 'dataset-csv', 'cells-parquet', 'reports-parquet', 'findings-parquet', 'dataset-parquet', 'json', 'view'] as const;
export type Output = (typeof OUTPUTS)[number];
/**
 * What the worker writes: the audit view, a third of the export's work (its pages, the copies of flagged PDFs).
 * Measured on 20,000 reports, 2 cores: 33 s → 25 s; other splits did no better, the two threads then share the cores.
 */
const WORKER_OUTPUTS: Output[] = ['view'];

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
    case 'json':
      return new JsonLinesExport(outDir);
    case 'view':
      return new ViewExport(outDir);
  }
}

export async function exportOutputs(store: Store, names: string[], outDir: string, options: ExportOptions = {}): Promise<BatchSummary> {
  await mkdir(outDir, { recursive: true });
  store.setRunFiles(names);
  store.recordAcrossFindings((add) =>
    auditSortedCopies(
      (function* () {
        for (const copy of store.runCopies()) yield { ...copy, key: copy.agencyKey, cells: () => store.cellValues(copy.contentId) };
      })(),
      (copy, finding) => add(copy.ord, finding),
    ),
  );
  const outputs = OUTPUTS.filter((output) => output !== 'json' || options.json);
  const wholeCounts = store.runCountsAreWhole();
  const worker = options.inWorker ? startWorker({ dbPath: store.path, outDir, outputs: outputs.filter((o) => WORKER_OUTPUTS.includes(o)), wholeCounts }) : undefined;
  const here = outputs.filter((output) => !worker || !WORKER_OUTPUTS.includes(output));
  const summary: BatchSummary = { total: 0, byStatus: {}, flagged: [] };
  try {
    const resources = await writeReports(store, here.map((output) => createExporter(output, outDir, wholeCounts)), (report) => {
      summary.total++;
      summary.byStatus[report.status] = (summary.byStatus[report.status] ?? 0) + 1;
      if (report.status === 'flagged') {
        summary.flagged.push({ file: report.file, rules: report.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}:${f.scope}`) });
      }
    });
    const all = [...here.map((output, i) => ({ output, resources: resources[i]! })), ...(worker ? await worker.resources : [])];
    await writeDataPackage(outDir, OUTPUTS.flatMap((output) => all.filter((written) => written.output === output).flatMap((written) => written.resources)));
  } finally {
    await worker?.stop();
    store.dropAcrossFindings();
  }
  return summary;
}

/**
 * The run's reports, each with the findings that needed other files, streamed from the store through the exporters
 * in file order; every exporter is closed (even when one fails), and the resources of each returned in their order.
 */
export async function writeReports(store: Store, exporters: Exporter[], each: (report: Report) => void = () => undefined): Promise<DataResource[][]> {
  const acrossOf = store.acrossFindingsOf();
  const resources: DataResource[][] = [];
  try {
    for (const { ord, path, report: stored } of store.runReports()) {
      const report = withFindings(stored, acrossOf(ord));
      for (const exporter of exporters) await exporter.add(report, { path });
      each(report);
    }
  } finally {
    for (const exporter of exporters) resources.push(await exporter.close());
  }
  return resources;
}

export interface ExportWorkerData {
  dbPath: string;
  outDir: string;
  outputs: Output[];
  wholeCounts: boolean;
}

/** The worker's error as plain data: its message, and for a file-system error its code and path (they name the cause). */
export interface WorkerError {
  message: string;
  code?: string;
  path?: string;
}

export type ExportWorkerMessage = { written: { output: Output; resources: DataResource[] }[] } | { error: WorkerError };

export function toWorkerError(error: unknown): WorkerError {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  return { message: error instanceof Error ? error.message : String(error), ...(code ? { code } : {}), ...(path ? { path } : {}) };
}

function fromWorkerError(error: WorkerError): Error {
  return Object.assign(new Error(error.message), error.code ? { code: error.code } : {}, error.path ? { path: error.path } : {});
}

interface ExportWorker {
  /** What the worker wrote, once it is done; rejected with its error if it failed. */
  resources: Promise<{ output: Output; resources: DataResource[] }[]>;
  /** Ends the worker (if this thread failed first, so that no file is left being written). */
  stop(): Promise<void>;
}

function startWorker(data: ExportWorkerData): ExportWorker {
  const worker = new Worker(new URL('./export-worker.js', import.meta.url), { workerData: data });
  const resources = new Promise<{ output: Output; resources: DataResource[] }[]>((resolve, reject) => {
    worker.once('message', (message: ExportWorkerMessage) => ('error' in message ? reject(fromWorkerError(message.error)) : resolve(message.written)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the export worker stopped (exit code ${code})`)));
  });
  // A failure is reported by whoever awaits the resources; stopping the worker must not leave it unhandled.
  resources.catch(() => undefined);
  return { resources, stop: async () => void (await worker.terminate()) };
}

/** A report with the findings that needed other files; an error among them flags it. */
function withFindings(report: Report, extra: Finding[]): Report {
  // Stryker disable next-line ConditionalExpression: equivalent, with no extra finding the copy made below equals the report
  if (extra.length === 0) return report;
  const flagged = extra.some((f) => f.severity === 'error') && (report.status === 'ok' || report.status === 'incomplete');
  return { ...report, findings: [...report.findings, ...extra], ...(flagged ? { status: 'flagged' as const } : {}) };
}
