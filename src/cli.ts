#!/usr/bin/env -S node --v8-pool-size=1
// One V8 background thread: with the worker threads busy, more only compete for the same cores (measured: npm run bench:bulk).
import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_MS, runBatch, type BatchSummary } from './batch.js';
import { createProgress, silentProgress } from './bulk/progress.js';
import type { PoolLimits } from './bulk/pool.js';
import { StoreVersionError, type Store } from './bulk/store.js';
import { checkFiles, wantsColor } from './check.js';
import { describeWriteError } from './export/output-folder.js';
import { InputError } from './inputs.js';
import { batchIdentity, queueReaders } from './queue/coordinator.js';
import { QueueError } from './queue/protocol.js';
import { withWorkers } from './queue/progress.js';
import { runWorker } from './queue/worker.js';

/**
 * xxgk command line. Exit codes: 0 the run completed (flagged reports are results, not failures);
 * 2 usage error (unknown option, missing input); 1 the run could not complete (e.g. output not writable).
 */

const FLAGGED_SHOWN = 50;
/** Files in flight on a queue: enough to keep ~30 remote reading threads busy while results travel back. */
const DEFAULT_WINDOW = 64;

const program = new Command()
  .name('xxgk')
  .description('Extract and audit 政府信息公开工作年度报告 (government information-disclosure annual reports).')
  .exitOverride()
  .showHelpAfterError();

program
  .command('extract')
  .description(
    'read reports (PDF, Word, web pages, text copies, pictures), audit their tables, and write reports.csv, cells.csv, findings.csv, ' +
      'dataset.csv, the same as Parquet, datapackage.json and the audit view index.html; ' +
      'results are kept in a SQLite store, so a rerun reads only new or changed files',
  )
  .argument('<inputs...>', 'report files or folders (searched recursively)')
  .option('-o, --out <dir>', 'output folder', 'output')
  .option('-j, --jobs <n>', 'worker threads', positiveInteger, availableParallelism())
  .option('--db <file>', 'SQLite store (default: <out>/xxgk.db)')
  .option('--force', 're-read every file, even if its content was read before')
  .option('--json', 'also write every report whole (section texts, cells with provenance) to reports.jsonl.gz')
  .option('--timeout <seconds>', 'stop reading a file after this long', positiveInteger, DEFAULT_TIMEOUT_MS / 1000)
  .option('--max-memory <MB>', 'memory limit of each worker thread', positiveInteger, DEFAULT_MAX_MEMORY_MB)
  .option('-q, --quiet', 'no progress output, only the summary')
  .option('--queue <url>', 'files read by `xxgk worker` processes through Redis: redis://[:password@]host:port/db')
  .option('--window <files>', 'with --queue: files in flight (in Redis until recorded)', positiveInteger, DEFAULT_WINDOW)
  .action(async (inputs: string[], options: ExtractOptions) => {
    const quiet = options.quiet ? silentProgress : createProgress();
    const say = (line: string) => !options.quiet && process.stderr.write(`${line}\n`);
    const queued = options.queue ? withWorkers(quiet, say) : undefined;
    const summary = await runBatch({
      inputs,
      outDir: options.out,
      jobs: options.jobs,
      ...(options.db ? { dbPath: options.db } : {}),
      force: options.force ?? false,
      json: options.json ?? false,
      timeoutMs: options.timeout * 1000,
      maxMemoryMb: options.maxMemory,
      progress: queued?.progress ?? quiet,
      ...(options.queue
        ? { readers: queueOf(options.queue, options.window, queued!.onResult) }
        : {}),
    });
    printSummary(summary, options.out);
  });

program
  .command('worker')
  .description('read files for coordinators (`xxgk extract … --queue`) from Redis, until stopped (Ctrl-C)')
  .requiredOption('--queue <url>', 'redis://[:password@]host:port/db or rediss://, as given to the coordinator')
  .option('-j, --jobs <n>', 'files read at once (one thread each)', positiveInteger, availableParallelism())
  .option('--stalled-after <seconds>', 'a file whose worker stopped answering goes to another', positiveInteger, 30)
  .action(async (options: { queue: string; jobs: number; stalledAfter: number }) => {
    const log = process.stderr.isTTY ? (line: string) => process.stderr.write(`${line}\n`) : () => undefined;
    await runWorker({ url: options.queue, jobs: options.jobs, stalledAfterMs: options.stalledAfter * 1000, log });
  });

program
  .command('check')
  .description(
    'check reports before publishing them: every finding on the terminal, with the table, row and column, the numbers on both sides of a failing sum ' +
      'and where they are printed; exit 1 when any report is flagged, 0 when none is (no store, no output files)',
  )
  .argument('<files...>', 'report files or folders (searched recursively)')
  .action(async (files: string[]) => {
    const result = await checkFiles(files, wantsColor(process.stdout));
    process.stdout.write(result.lines.join('\n') + '\n');
    process.exitCode = result.flagged > 0 ? 1 : 0;
  });

interface ExtractOptions {
  out: string;
  jobs: number;
  db?: string;
  force?: boolean;
  json?: boolean;
  timeout: number;
  maxMemory: number;
  quiet?: boolean;
  queue?: string;
  window: number;
}

function queueOf(url: string, window: number, onResult: (worker: string) => void) {
  return (store: Store, dbPath: string, limits: PoolLimits) =>
    queueReaders(store, { url, window, limits, batch: batchIdentity(dbPath), onResult });
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

function printSummary(summary: BatchSummary, outDir: string): void {
  const counts = Object.entries(summary.byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  const failed = (summary.byStatus.failed ?? 0) + (summary.byStatus.needs_ocr ?? 0);
  console.log(`reports: ${summary.total} (${counts}); flagged: ${summary.flagged.length}; failed: ${failed}`);
  for (const flagged of summary.flagged.slice(0, FLAGGED_SHOWN)) console.log(`  flagged ${flagged.file}: ${flagged.rules.join(', ')}`);
  if (summary.flagged.length > FLAGGED_SHOWN) console.log(`  … and ${summary.flagged.length - FLAGGED_SHOWN} more flagged reports (see findings.csv)`);
  console.log(`output: ${outDir}/index.html (the audit view: open it in a browser), reports.csv, cells.csv, findings.csv, dataset.csv, *.parquet, datapackage.json, xxgk.db`);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = await reportError(error);
}

/** One line for what a person can fix (usage, inputs, a store or output that cannot be used); a stack trace only for bugs. */
async function reportError(error: unknown): Promise<number> {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof InputError) {
    console.error(`xxgk: ${error.message}`);
    return 2;
  }
  if (error instanceof StoreVersionError || error instanceof QueueError) {
    console.error(`xxgk: ${error.message}`);
    return 1;
  }
  const writeError = await describeWriteError(error);
  console.error(`xxgk: ${writeError ?? (error as Error).stack ?? error}`);
  return 1;
}
