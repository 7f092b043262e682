import { mkdir } from 'node:fs/promises';
import { CsvExport } from './export/csv.js';
import { writeReportJson } from './export/json.js';
import { collectInputs } from './inputs.js';
import type { Report, ReportStatus } from './model/report.js';
import { extractReport } from './pipeline.js';

/** A run over many files: every input is extracted and written to the output folder as it completes. */

export interface BatchOptions {
  inputs: string[];
  outDir: string;
  onReport?: (report: Report, done: number, total: number) => void;
}

export interface BatchSummary {
  total: number;
  byStatus: Partial<Record<ReportStatus, number>>;
  flagged: { file: string; rules: string[] }[];
}

export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const inputs = await collectInputs(options.inputs);
  await mkdir(options.outDir, { recursive: true });
  const csv = new CsvExport(options.outDir);
  const summary: BatchSummary = { total: inputs.length, byStatus: {}, flagged: [] };
  let done = 0;
  try {
    for (const input of inputs) {
      const report = await extractReport(input.path, { name: input.name });
      csv.add(report);
      await writeReportJson(options.outDir, report);
      summary.byStatus[report.status] = (summary.byStatus[report.status] ?? 0) + 1;
      if (report.status === 'flagged') {
        summary.flagged.push({ file: report.file, rules: report.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}:${f.scope}`) });
      }
      options.onReport?.(report, ++done, inputs.length);
    }
  } finally {
    await csv.close();
  }
  return summary;
}
