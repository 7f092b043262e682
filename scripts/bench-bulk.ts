/**
 * Bulk ingest benchmark: a generated corpus of mixed files (web pages, text copies, Word and PDF reports, each with
 * distinct content), read by the built CLI with --jobs 1 and --jobs 2; prints files/s, the speed-up, peak RSS and
 * the database size, and peak RSS at 200 files against 2,000 (memory must not grow with the corpus).
 * usage: npm run bench:bulk [-- files]   (default 2000; run `npm run build` first — npm run bench:bulk does)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDocx } from '../test/fixtures/docx-builder.js';
import { balancedReport, renderHtml, renderTabText } from '../test/fixtures/report-builder.js';
import { measuredExtractArgs } from './shared-corpus.js';

const total = Number(process.argv[2] ?? 2000);
const root = mkdtempSync(join(tmpdir(), 'xxgk-bulk-'));
const pdfs = [
  'test/fixtures/report-31.pdf',
  'test/fixtures/report-32-2019.pdf',
  'corpus/huaian-hongze-district-gov-2023.pdf',
].map((p) => readFileSync(p));

/** File i of the corpus: every fifth a PDF, every fifth a .docx, every fifth a text copy, the rest web pages. */
async function writeCorpus(folder: string, count: number): Promise<void> {
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) {
    const spec = balancedReport(1000 + i, {
      agency: `示例县第${i}局`,
      year: 2019 + (i % 6),
      ...(i % 7 === 0 ? { activeVersion: '2019' as const } : {}),
    });
    const dir = join(folder, `batch-${Math.floor(i / 500)}`);
    mkdirSync(dir, { recursive: true });
    const kind = i % 5;
    if (kind === 0)
      writeFileSync(join(dir, `r${i}.pdf`), Buffer.concat([pdfs[i % pdfs.length]!, Buffer.from(`\n% copy ${i}\n`)]));
    else if (kind === 1) writeFileSync(join(dir, `r${i}.docx`), await renderDocx(spec, { autoNumberedHeadings: true }));
    else if (kind === 2) writeFileSync(join(dir, `r${i}.txt`), renderTabText(spec));
    else writeFileSync(join(dir, `r${i}.html`), renderHtml(spec, { wordMarkup: i % 2 === 0 }));
  }
}

interface Run {
  seconds: number;
  peakMb: number;
  /** CPU time of the whole process over wall time: how many cores it kept busy. */
  cores: number;
  dbMb: number;
  summary: string;
}

/** One run of the CLI as the `xxgk` command starts it (its shebang gives V8 one background thread). */
function run(folder: string, jobs: number): Run {
  const out = join(root, `out-${jobs}-${Date.now()}`);
  const started = performance.now();
  const args = measuredExtractArgs(folder, out, jobs);
  const child = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(child.stderr);
  const peakKb = Number(/peak_rss_kb=(\d+)/.exec(child.stderr)?.[1]);
  const cpuMs = Number(/cpu_ms=(\d+)/.exec(child.stderr)?.[1]);
  const dbMb = statSync(join(out, 'xxgk.db')).size / 1024 ** 2;
  rmSync(out, { recursive: true, force: true });
  return { seconds, peakMb: peakKb / 1024, cores: cpuMs / 1000 / seconds, dbMb, summary: child.stdout.split('\n')[0]! };
}

const big = join(root, 'corpus');
const small = join(root, 'corpus-small');
await writeCorpus(big, total);
await writeCorpus(small, Math.round(total / 10));
console.log(`corpus: ${total} files (${Math.round(total / 10)} for the memory comparison) in ${root}`);
const one = run(big, 1);
console.log(
  `--jobs 1: ${(total / one.seconds).toFixed(1)} files/s (${one.seconds.toFixed(1)} s, ${one.cores.toFixed(2)} cores busy), peak RSS ${one.peakMb.toFixed(0)} MB, database ${one.dbMb.toFixed(1)} MB — ${one.summary}`,
);
const two = run(big, 2);
console.log(
  `--jobs 2: ${(total / two.seconds).toFixed(1)} files/s (${two.seconds.toFixed(1)} s, ${two.cores.toFixed(2)} cores busy), peak RSS ${two.peakMb.toFixed(0)} MB — speed-up ${(one.seconds / two.seconds).toFixed(2)}× (target ≥ 1.7×; the ceiling on this machine is ${availableParallelism()} cores / ${one.cores.toFixed(2)} = ${(availableParallelism() / one.cores).toFixed(2)}×)`,
);
const few = run(small, 2);
console.log(
  `--jobs 2 on ${Math.round(total / 10)} files: peak RSS ${few.peakMb.toFixed(0)} MB; at ${total} files ${two.peakMb.toFixed(0)} MB (${((two.peakMb / few.peakMb - 1) * 100).toFixed(0)}%, target within 20%)`,
);
rmSync(root, { recursive: true, force: true });
