import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';
import type { Report } from '../core/model/report.js';
import { withPath } from './write-path.js';
import type { DataResource, Exporter } from './exporter.js';

/**
 * Every report whole — section texts, every cell with its provenance, findings, messages — as one gzip-compressed
 * JSON Lines file, `reports.jsonl.gz`, one report a line in the run's order (`zcat`, pandas
 * `read_json(lines=True)`, DuckDB `read_json`). One file rather than one per report: at national scale that is
 * 700,000 files, which file systems and people handle badly; written only when asked for (`--json`), since the
 * store holds the same and the CSV/Parquet files hold every number.
 */
export class JsonLinesExport implements Exporter {
  private readonly gzip: Gzip;
  private readonly file: WriteStream;

  constructor(outDir: string) {
    this.gzip = createGzip();
    this.file = createWriteStream(join(outDir, 'reports.jsonl.gz'));
    this.gzip.pipe(this.file);
  }

  async add(report: Report): Promise<void> {
    if (!this.gzip.write(`${JSON.stringify(report)}\n`)) await once(this.gzip, 'drain');
  }

  async close(): Promise<DataResource[]> {
    this.gzip.end();
    await once(this.file, 'finish').catch(withPath(this.file.path.toString()));
    return [
      {
        name: 'reports-json',
        path: 'reports.jsonl.gz',
        format: 'jsonl',
        mediatype: 'application/jsonl+gzip',
        description:
          '每份报告一行 JSON（gzip 压缩）：各部分正文、每个数值及其出处、发现 / every report whole, one JSON object a line, gzip-compressed',
      },
    ];
  }
}
