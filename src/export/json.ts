import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Report } from '../model/report.js';

/** One JSON file per report, at `<out>/reports/<file>.json`, holding every cell with its provenance. */
export async function writeReportJson(outDir: string, report: Report): Promise<string> {
  const path = join(outDir, 'reports', `${report.file}.json`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(report, null, 2) + '\n');
  return path;
}
