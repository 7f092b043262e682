import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Report } from '../model/report.js';
import type { DataResource, Exporter } from './exporter.js';

/** One JSON file per report, at `<out>/reports/<file>.json`, holding every cell with its provenance. */
export async function writeReportJson(outDir: string, report: Report): Promise<string> {
  const path = join(outDir, 'reports', `${report.file}.json`);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(report, null, 2) + '\n');
  return path;
}

/** The JSON files as an exporter. */
export class JsonExport implements Exporter {
  constructor(private readonly outDir: string) {}

  async add(report: Report): Promise<void> {
    await writeReportJson(this.outDir, report);
  }

  async close(): Promise<DataResource[]> {
    return [{ name: 'reports-json', path: 'reports/', format: 'json', description: '每份报告一个 JSON 文件 / one JSON file per report, every cell with its provenance' }];
  }
}
