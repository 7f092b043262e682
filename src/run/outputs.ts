import type { Finding, Report } from '../core/model/report.js';
import type { Place } from '../core/places/gazetteer.js';
import { withExtraFindings } from '../audit/status.js';
import type { Lang } from '../core/i18n/lang.js';
import { CsvExport } from '../export/csv.js';
import { DatasetCsvExport } from '../export/dataset-csv.js';
import type { DataResource, Exporter } from '../export/exporter.js';
import { JsonLinesExport } from '../export/json.js';
import { PanelCsvExport, PanelParquetExport } from '../export/panel-files.js';
import { CellsParquet, DatasetParquet, FindingsParquet, ReportsParquet } from '../export/parquet.js';
import type { Store } from '../store/store.js';
import { ViewExport } from '../view/exporter.js';
import type { YearRange } from '../view/year-range.js';

/**
 * The outputs a run can write, each an exporter, and the stream of the run's reports through them: what both the
 * main thread and the export's worker thread do with their share of the outputs.
 */

/** The outputs, in the order datapackage.json lists them. */
export const OUTPUTS = [
  'csv',
  'dataset-csv',
  'cells-parquet',
  'reports-parquet',
  'findings-parquet',
  'dataset-parquet',
  'panel-csv',
  'panel-parquet',
  'json',
  'view',
] as const;
export type Output = (typeof OUTPUTS)[number];

/** How the exporters write: whole counts in the dataset, the language of messages, the view's years. */
interface ExporterSettings {
  wholeCounts: boolean;
  lang?: Lang;
  years?: YearRange;
}

export function createExporter(output: Output, outDir: string, settings: ExporterSettings): Exporter {
  const { wholeCounts, lang = 'zh', years } = settings;
  switch (output) {
    case 'csv':
      return new CsvExport(outDir, lang);
    case 'dataset-csv':
      return new DatasetCsvExport(outDir);
    case 'cells-parquet':
      return new CellsParquet(outDir);
    case 'reports-parquet':
      return new ReportsParquet(outDir);
    case 'findings-parquet':
      return new FindingsParquet(outDir, lang);
    case 'dataset-parquet':
      return new DatasetParquet(outDir, { wholeCounts });
    case 'panel-csv':
      return new PanelCsvExport(outDir);
    case 'panel-parquet':
      return new PanelParquetExport(outDir);
    case 'json':
      return new JsonLinesExport(outDir);
    case 'view':
      return new ViewExport(outDir, years);
  }
}

/**
 * The run's reports, each with the findings that needed other files, streamed from the store through the exporters
 * in file order; every exporter is closed (even when one fails), and the resources of each returned in their order.
 */
export async function writeReports(
  store: Store,
  exporters: Exporter[],
  acrossOf: (ord: number) => Finding[],
  placeOf: (agency: string | null) => Place | null,
  each: (report: Report) => void = () => undefined,
): Promise<DataResource[][]> {
  const resources: DataResource[][] = [];
  try {
    for (const { ord, path, contentKey, report: stored } of store.runReports()) {
      const audited = withExtraFindings(stored, acrossOf(ord));
      const place = placeOf(stored.agency);
      const report = place ? { ...audited, place } : audited;
      for (const exporter of exporters) await exporter.add(report, { path, contentKey });
      each(report);
    }
  } finally {
    for (const exporter of exporters) resources.push(await exporter.close());
  }
  return resources;
}
