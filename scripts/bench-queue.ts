/**
 * The queue against a local run: the same mixed files read by `xxgk extract --jobs 2`, and by a coordinator
 * (`--queue`) with two `xxgk worker --jobs 1` processes on this machine and a redis-server of its own, in interleaved
 * rounds. Prints files/s of each, the queue's overhead per file, Redis's peak memory (INFO memory, sampled) and the
 * coordinator's peak RSS; with a second count, the queued run again at that size, to show both stay flat.
 * usage: npm run bench:queue [-- files [rounds [files-for-flatness]]]   (default 2000 2; e.g. 2000 2 20000)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis, type RedisServer } from '../test/run/queue/redis-server.js';
import { writeScaleCorpus } from './scale-corpus.js';

const [total = 2000, rounds = 2, flat = 0] = process.argv.slice(2).map(Number);
const root = mkdtempSync(join(tmpdir(), 'xxgk-queue-bench-'));
const PEAK = new URL('./peak-rss.mjs', import.meta.url).pathname;
const node = (args: string[]) =>
  [process.execPath, ['--v8-pool-size=1', '--import', PEAK, 'dist/src/cli.js', ...args]] as const;

interface Run {
  seconds: number;
  peakMb: number;
  redisMb?: number;
}

function local(folder: string): Run {
  const out = join(root, `local-${Date.now()}`);
  const started = performance.now();
  const child = spawnSync(...node(['extract', folder, '--out', out, '--jobs', '2', '-q']), { encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(child.stderr);
  rmSync(out, { recursive: true, force: true });
  return { seconds, peakMb: Number(/peak_rss_kb=(\d+)/.exec(child.stderr)?.[1]) / 1024 };
}

async function queued(folder: string, server: RedisServer): Promise<Run> {
  const client = server.client();
  await client.flushdb();
  const out = join(root, `queued-${Date.now()}`);
  const workerArgs = ['worker', '--queue', server.url, '--jobs', '1'];
  const workers: ChildProcess[] = [0, 1].map(() => spawn(...node(workerArgs), { stdio: 'ignore' }));
  let redisPeak = 0;
  const sampler = setInterval(() => {
    const used = (info: string) => Number(/used_memory:(\d+)/.exec(info)?.[1]);
    void client.info('memory').then((info) => (redisPeak = Math.max(redisPeak, used(info))));
  }, 200);
  const started = performance.now();
  const args = ['extract', folder, '--out', out, '--queue', server.url, '-q'];
  const coordinator = spawn(...node(args), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  coordinator.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => coordinator.once('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  for (const worker of workers) worker.kill('SIGTERM');
  client.disconnect();
  if (code !== 0) throw new Error(stderr);
  rmSync(out, { recursive: true, force: true });
  return { seconds, peakMb: Number(/peak_rss_kb=(\d+)/.exec(stderr)?.[1]) / 1024, redisMb: redisPeak / 1024 ** 2 };
}

const line = (what: string, files: number, run: Run) =>
  `${what}: ${(files / run.seconds).toFixed(1)} files/s (${run.seconds.toFixed(1)} s), ` +
  `peak RSS ${run.peakMb.toFixed(0)} MB` +
  (run.redisMb !== undefined ? `, Redis peak ${run.redisMb.toFixed(1)} MB` : '');

const corpus = join(root, 'corpus');
await writeScaleCorpus(corpus, total);
const server = await startRedis();
console.log(`corpus: ${total} files in ${root}; redis-server on port ${server.port}`);
const locals: Run[] = [];
const queues: Run[] = [];
for (let round = 0; round < rounds; round++) {
  // Interleaved: a machine slowing down over the bench weighs on both alike.
  locals.push(local(corpus));
  console.log(line(`round ${round + 1} local --jobs 2`, total, locals.at(-1)!));
  queues.push(await queued(corpus, server));
  console.log(line(`round ${round + 1} queued, 2 workers × 1 job`, total, queues.at(-1)!));
}
const best = (runs: Run[]) => Math.min(...runs.map((r) => r.seconds));
const overhead = ((best(queues) - best(locals)) / best(locals)) * 100;
const perFileMs = ((best(queues) - best(locals)) / total) * 1000;
const rate = (runs: Run[]) => (total / best(runs)).toFixed(1);
console.log(
  `best of ${rounds}: local ${rate(locals)} files/s, queued ${rate(queues)} files/s; ` +
    `queue overhead ${overhead.toFixed(1)}% of the local run's time (${perFileMs.toFixed(1)} ms a file; goal ≤ 5%)`,
);
if (flat > 0) {
  const large = join(root, 'corpus-large');
  await writeScaleCorpus(large, flat);
  const run = await queued(large, server);
  const small = queues.reduce((a, b) => (a.peakMb > b.peakMb ? a : b));
  console.log(line(`queued ${flat} files`, flat, run));
  console.log(
    `flat: coordinator peak RSS ${small.peakMb.toFixed(0)} → ${run.peakMb.toFixed(0)} MB, ` +
      `Redis peak ${small.redisMb!.toFixed(1)} → ${run.redisMb!.toFixed(1)} MB (${total} → ${flat} files)`,
  );
}
await server.stop();
rmSync(root, { recursive: true, force: true });
