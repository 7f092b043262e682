import { mkdir } from 'node:fs/promises';
import type { ReportStatus } from '../core/model/report.js';
import type { Lang } from '../core/i18n/lang.js';
import type { YearRange } from '../view/year-range.js';
import type { AcrossFindingsFile } from '../audit/across/findings-file.js';
import { auditAcrossFiles } from '../audit/across/stage.js';
import { writeDataPackage } from '../export/datapackage.js';
import type { Store } from '../store/store.js';
import { batchPlaces } from '../core/places/gazetteer.js';
import { startExportWorker } from './export-thread.js';
import { createExporter, OUTPUTS, writeReports } from './outputs.js';

/**
 * Outputs of a run, exported from the store in file-name order, so that the same inputs always give the same
 * files — whether the run went through at once or was killed and resumed. The reports are streamed from the store
 * one at a time, with the findings of the audit across files beside them, so memory does not grow with the run.
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
  /** The language of the messages and reasons in the CSV and Parquet files (the view is in Chinese). */
  lang?: Lang;
  /** The years the view's agencies × years grid shows, beside the batch's own. */
  years?: YearRange;
}

/**
 * The run's last two stages, over exactly the files of this run: the audit across files, then every output written
 * from the store. The export's worker thread starts first, so that it loads its modules while the audit runs.
 */
export async function finishRun(
  store: Store,
  names: string[],
  outDir: string,
  options: ExportOptions = {},
): Promise<BatchSummary> {
  await mkdir(outDir, { recursive: true });
  store.setRunFiles(names);
  const outputs = OUTPUTS.filter((output) => output !== 'json' || options.json);
  const wholeCounts = store.runCountsAreWhole();
  const threaded = options.inWorker
    ? startExportWorker(outputs, {
        dbPath: store.path,
        outDir,
        wholeCounts,
        ...(options.years ? { years: options.years } : {}),
      })
    : undefined;
  const here = threaded?.here ?? outputs;
  const summary: BatchSummary = { total: 0, byStatus: {}, flagged: [] };
  let across: AcrossFindingsFile | undefined;
  try {
    across = auditAcrossFiles(store);
    threaded?.worker.begin();
    const settings = {
      wholeCounts,
      ...(options.lang ? { lang: options.lang } : {}),
      ...(options.years ? { years: options.years } : {}),
    };
    const resources = await writeReports(
      store,
      here.map((output) => createExporter(output, outDir, settings)),
      across.reader(),
      batchPlaces(store.runAgencies()),
      (report) => {
        summary.total++;
        summary.byStatus[report.status] = (summary.byStatus[report.status] ?? 0) + 1;
        if (report.status === 'flagged') {
          summary.flagged.push({
            file: report.file,
            rules: report.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}:${f.scope}`),
          });
        }
      },
    );
    const all = here.map((output, i) => ({ output, resources: resources[i]! }));
    if (threaded) all.push(...(await threaded.worker.resources));
    await writeDataPackage(
      outDir,
      OUTPUTS.flatMap((output) =>
        all.filter((written) => written.output === output).flatMap((written) => written.resources),
      ),
    );
  } finally {
    await threaded?.worker.stop();
    across?.drop();
  }
  return summary;
}
