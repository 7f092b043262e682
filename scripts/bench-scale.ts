/**
 * Scale benchmark: a mixed corpus of N reports (scripts/scale-corpus.ts: web pages, text copies, Word and PDF files
 * from the bundled samples, with varied bytes, agencies and years) read by the built command line on 2 jobs, against
 * a 1,000-report run of the same mix. Prints files/s in each tenth of the big run (from the store's commit times),
 * peak RSS of both runs, store and output bytes per report, and the export time per report (the time from the last
 * file committed to the end of the run: rules across files, then every output written from the store), and the
 * same again for a rerun, which reads nothing and only exports.
 * usage: npm run bench:scale [-- reports [jobs]]   (default 100000 on 2 jobs; run under `nice` on a shared machine)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { writeScaleCorpus } from './scale-corpus.js';
import { measuredExtractArgs } from './shared-corpus.js';

const total = Number(process.argv[2] ?? 100_000);
const jobs = Number(process.argv[3] ?? 2);
const small = Math.min(1000, total);
const root = mkdtempSync(join(tmpdir(), 'xxgk-scale-'));

interface Run {
  seconds: number;
  peakMb: number;
  summary: string;
  startedAt: number;
  endedAt: number;
}

function run(folder: string, out: string): Run {
  const args = measuredExtractArgs(folder, out, jobs);
  const startedAt = Date.now();
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const endedAt = Date.now();
  if (child.status !== 0) throw new Error(child.stderr);
  const peakKb = Number(/peak_rss_kb=(\d+)/.exec(child.stderr)?.[1]);
  return {
    seconds: (endedAt - startedAt) / 1000,
    peakMb: peakKb / 1024,
    summary: child.stdout.split('\n')[0]!,
    startedAt,
    endedAt,
  };
}

/** Commit times of the run's files, in order. */
function commitTimes(out: string): number[] {
  const db = new Database(join(out, 'xxgk.db'), { readonly: true });
  const times = (db.prepare('SELECT ingested_at FROM files ORDER BY ingested_at').pluck().all() as string[]).map((t) =>
    Date.parse(t),
  );
  db.close();
  return times;
}

/** Bytes of each entry of the output folder, a folder (the view) counted whole. */
function bytes(out: string): Record<string, number> {
  const size = (path: string): number => {
    const stat = statSync(path);
    return stat.isDirectory() ? readdirSync(path).reduce((sum, f) => sum + size(join(path, f)), 0) : stat.size;
  };
  return Object.fromEntries(readdirSync(out).map((f) => [f, size(join(out, f))]));
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const bigCorpus = join(root, 'corpus');
const smallCorpus = join(root, 'corpus-small');
await writeScaleCorpus(bigCorpus, total);
await writeScaleCorpus(smallCorpus, small);
console.log(`corpus: ${total} files (and ${small} for the memory comparison) in ${root}; ${jobs} jobs`);

const few = run(smallCorpus, join(root, 'out-small'));
console.log(
  `${small} reports: ${(small / few.seconds).toFixed(1)} files/s, peak RSS ${few.peakMb.toFixed(0)} MB — ${few.summary}`,
);

const out = join(root, 'out');
const big = run(bigCorpus, out);
const times = commitTimes(out);
const lastCommit = times.at(-1)!;
console.log(
  `${total} reports: ${big.seconds.toFixed(0)} s, ${(total / big.seconds).toFixed(1)} files/s overall, peak RSS ${big.peakMb.toFixed(0)} MB (${((big.peakMb / few.peakMb - 1) * 100).toFixed(0)}% against ${small} reports; target within 20%) — ${big.summary}`,
);
const tenths: string[] = [];
for (let t = 0; t < 10; t++) {
  const from = t === 0 ? big.startedAt : times[Math.floor((t * times.length) / 10) - 1]!;
  const to = times[Math.floor(((t + 1) * times.length) / 10) - 1]!;
  tenths.push((times.length / 10 / ((to - from) / 1000)).toFixed(1));
}
console.log(
  `files/s in each tenth: ${tenths.join(', ')} (last against first: ${((Number(tenths[9]) / Number(tenths[0]) - 1) * 100).toFixed(0)}%; target within 10%)`,
);
const exportMs = big.endedAt - lastCommit;
console.log(
  `export after the last file: ${(exportMs / 1000).toFixed(1)} s, ${(exportMs / total).toFixed(2)} ms per report (target ≤ 1 ms)`,
);

const sizes = bytes(out);
const store = Object.entries(sizes)
  .filter(([f]) => f.startsWith('xxgk.db'))
  .reduce((s, [, n]) => s + n, 0);
// The audit view (index.html and view/) is counted apart from the data outputs, as the issue asks.
const isView = (f: string) => f === 'view' || f === 'index.html';
const outputs = Object.entries(sizes).filter(([f]) => !f.startsWith('xxgk.db') && !isView(f));
const outputBytes = outputs.reduce((s, [, n]) => s + n, 0);
const viewBytes = Object.entries(sizes)
  .filter(([f]) => isView(f))
  .reduce((s, [, n]) => s + n, 0);
console.log(
  `per report: store ${kb(store / total)}, outputs ${kb(outputBytes / total)} (${outputs.map(([f, n]) => `${f} ${kb(n / total)}`).join(', ')}), together ${kb((store + outputBytes) / total)}; the audit view apart: ${kb(viewBytes / total)}`,
);

const again = run(bigCorpus, out);
console.log(
  `rerun (nothing to read, every output written again): ${again.seconds.toFixed(1)} s, ${((again.seconds * 1000) / total).toFixed(2)} ms per report, peak RSS ${again.peakMb.toFixed(0)} MB`,
);
rmSync(root, { recursive: true, force: true });
