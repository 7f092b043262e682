/**
 * The store and the export at scale, without reading documents: the sample reports (bundled and generated, read
 * once) are recorded again and again under new names, contents, agencies and years, as workers would record them,
 * then every output is written from the store. Prints the CPU time of recording a report in each tenth of the
 * store's growth (it must not grow with the store), the export's time per report and the peak RSS against a
 * 1,000-report store (each size in a process of its own), and the store's bytes per report.
 * usage: tsx scripts/bench-store.ts [reports]   (default 200000)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finishRun } from '../src/run/export.js';
import { Store } from '../src/store/store.js';
import type { Report } from '../src/core/model/report.js';
import { extractReport } from '../src/pipeline/extract.js';

import { GENERATED, PROJECT } from './shared-corpus.js';

async function samples(): Promise<Report[]> {
  const paths = readdirSync(join(PROJECT, 'corpus')).map((f) => join(PROJECT, 'corpus', f));
  // The shared generated corpus is optional.
  const generated = GENERATED;
  if (generated) {
    for (const kind of ['html', 'txt', 'docx', 'pdf']) {
      paths.push(
        ...readdirSync(join(generated, kind))
          .slice(0, 10)
          .map((f) => join(generated, kind, f)),
      );
    }
  }
  return Promise.all(paths.map((path, i) => extractReport(path, { name: `sample-${i}` })));
}

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

async function one(total: number): Promise<void> {
  const reports = await samples();
  const root = mkdtempSync(join(tmpdir(), 'xxgk-store-'));
  const store = new Store(join(root, 'xxgk.db'));
  const names: string[] = [];
  const tenths: number[] = [];
  let started = cpuMs();
  for (let i = 0; i < total; i++) {
    const sample = reports[i % reports.length]!;
    // Each agency over two consecutive years, so the rules across years have work.
    const report: Report = {
      ...sample,
      agency: sample.agency ? `${sample.agency}第${Math.floor(i / 2)}分局` : null,
      year: sample.year ? sample.year + (i % 2) : null,
    };
    const name = `batch-${Math.floor(i / 1000)}/r${i}`;
    names.push(name);
    store.recordReport(
      { name, path: join(root, name), size: i, mtimeMs: i, contentKey: `content-${i}`, ms: 0 },
      report,
    );
    if ((i + 1) % (total / 10) === 0) {
      tenths.push((cpuMs() - started) / (total / 10));
      started = cpuMs();
    }
  }
  const out = join(root, 'out');
  const before = { cpu: cpuMs(), wall: performance.now() };
  await finishRun(store, names, out);
  const exportCpu = (cpuMs() - before.cpu) / total;
  const exportWall = (performance.now() - before.wall) / total;
  store.close();
  const storeBytes = readdirSync(root)
    .filter((f) => f.startsWith('xxgk.db'))
    .reduce((s, f) => s + statSync(join(root, f)).size, 0);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ total, tenths, exportCpu, exportWall, peakMb, storeKb: storeBytes / 1024 / total }));
  rmSync(root, { recursive: true, force: true });
}

if (process.argv[2] === '--one') {
  await one(Number(process.argv[3]));
} else {
  const total = Number(process.argv[2] ?? 200_000);
  const runs = [1000, total].map((n) => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', String(n)], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) throw new Error(child.stderr);
    return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
      total: number;
      tenths: number[];
      exportCpu: number;
      exportWall: number;
      peakMb: number;
      storeKb: number;
    };
  });
  const [small, big] = runs as [(typeof runs)[0], (typeof runs)[0]];
  console.log(
    `recording a report, CPU ms in each tenth of ${big.total}: ${big.tenths.map((t) => t.toFixed(2)).join(', ')} (last against first: ${((big.tenths[9]! / big.tenths[0]! - 1) * 100).toFixed(0)}%)`,
  );
  console.log(
    `export: ${big.exportCpu.toFixed(2)} ms CPU, ${big.exportWall.toFixed(2)} ms wall a report at ${big.total} (${small.exportCpu.toFixed(2)} / ${small.exportWall.toFixed(2)} at ${small.total})`,
  );
  console.log(
    `peak RSS: ${big.peakMb.toFixed(0)} MB at ${big.total} reports, ${small.peakMb.toFixed(0)} MB at ${small.total} (${((big.peakMb / small.peakMb - 1) * 100).toFixed(0)}%); store ${big.storeKb.toFixed(1)} KB a report`,
  );
}
