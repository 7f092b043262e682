#!/usr/bin/env -S node --v8-pool-size=1
// One V8 background thread: with the worker threads busy, more only compete for the same cores (measured: npm run bench:bulk).
import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_MS, runBatch, type BatchSummary } from './run/batch.js';
import { createProgress, silentProgress } from './run/progress.js';
import { StoreVersionError } from './store/migration.js';
import { checkFiles, wantsColor } from './check.js';
import { describeWriteError } from './export/output-folder.js';
import { InputError } from './run/inputs.js';
import { printable } from './core/text/printable.js';
import { chooseLang, pick } from './core/i18n/lang.js';
import { CHECK_HELP, EXTRACT_HELP, PROGRAM_HELP, readVersion } from './cli-text.js';
import { batchSummaryText } from './core/i18n/catalogue.js';
import { HELP_TITLES, QUEUE_HELP } from './cli-text.js';
import type { PoolLimits } from './run/pool.js';
import type { Store } from './store/store.js';
import { batchIdentity, queueReaders } from './run/queue/coordinator.js';
import { QueueError } from './run/queue/protocol.js';
import { withWorkers } from './run/queue/progress.js';
import { runWorker } from './run/queue/worker.js';

/** Files in flight on a queue: enough to keep ~30 remote reading threads busy while results travel back. */
const DEFAULT_WINDOW = 64;
import { parseYearRange, type YearRange } from './view/year-range.js';

/**
 * xxgk command line. Exit codes: 0 the run completed (flagged reports are results, not failures);
 * 2 usage error (unknown option, missing input); 1 the run could not complete (e.g. output not writable).
 */

const FLAGGED_SHOWN = 50;

/** The language of --help and `check`: --lang (looked for before parsing, as the help is built first), else the locale. */
const LANG = chooseLang(langFlag(process.argv));
const say = (twin: { zh: string; en: string }) => pick(twin, LANG);

const program = new Command()
  .name('xxgk')
  .description(say(PROGRAM_HELP.description))
  .version(await readVersion(), '-V, --version', say(PROGRAM_HELP.version))
  .helpOption('-h, --help', say(PROGRAM_HELP.help))
  .option('--lang <zh|en>', say(PROGRAM_HELP.lang))
  .helpCommand('help [command]', say(PROGRAM_HELP.helpCommand))
  // commander's titles (Usage:, Options:…) in the language chosen; the subcommands inherit this.
  .configureHelp({ styleTitle: (title) => (LANG === 'zh' ? (HELP_TITLES[title] ?? title) : title) })
  .exitOverride()
  .showHelpAfterError();

program
  .command('extract')
  .description(say(EXTRACT_HELP.description))
  .argument('<inputs...>', say(EXTRACT_HELP.inputs))
  .option('-o, --out <dir>', say(EXTRACT_HELP.out), 'output')
  .option('-j, --jobs <n>', say(EXTRACT_HELP.jobs), positiveInteger, availableParallelism())
  .option('--db <file>', say(EXTRACT_HELP.db))
  .option('--force', say(EXTRACT_HELP.force))
  .option('--json', say(EXTRACT_HELP.json))
  .option('--timeout <seconds>', say(EXTRACT_HELP.timeout), positiveInteger, DEFAULT_TIMEOUT_MS / 1000)
  .option('--max-memory <MB>', say(EXTRACT_HELP.maxMemory), positiveInteger, DEFAULT_MAX_MEMORY_MB)
  .option('-q, --quiet', say(EXTRACT_HELP.quiet))
  .option('--queue <url>', say(QUEUE_HELP.queue))
  .option('--window <files>', say(QUEUE_HELP.window), positiveInteger, DEFAULT_WINDOW)
  .option('--years <from-to>', say(EXTRACT_HELP.years), yearRange)
  .action(async (inputs: string[], options: ExtractOptions) => {
    const quiet = options.quiet ? silentProgress : createProgress();
    const note = (line: string) => !options.quiet && process.stderr.write(`${printable(line)}\n`);
    const queued = options.queue ? withWorkers(quiet, note) : undefined;
    const summary = await runBatch({
      inputs,
      outDir: options.out,
      jobs: options.jobs,
      ...(options.db ? { dbPath: options.db } : {}),
      force: options.force ?? false,
      json: options.json ?? false,
      lang: LANG,
      timeoutMs: options.timeout * 1000,
      maxMemoryMb: options.maxMemory,
      ...(options.years ? { years: options.years } : {}),
      progress: queued?.progress ?? quiet,
      ...(options.queue ? { readers: queueOf(options.queue, options.window, queued!.onResult) } : {}),
    });
    printSummary(summary, options.out);
  });

program
  .command('worker')
  .description(say(QUEUE_HELP.worker))
  .requiredOption('--queue <url>', say(QUEUE_HELP.workerQueue))
  .option('-j, --jobs <n>', say(QUEUE_HELP.workerJobs), positiveInteger, availableParallelism())
  .option('--stalled-after <seconds>', say(QUEUE_HELP.stalledAfter), positiveInteger, 30)
  .action(async (options: { queue: string; jobs: number; stalledAfter: number }) => {
    const log = process.stderr.isTTY ? (line: string) => process.stderr.write(`${printable(line)}\n`) : () => undefined;
    await runWorker({ url: options.queue, jobs: options.jobs, stalledAfterMs: options.stalledAfter * 1000, log });
  });

program
  .command('check')
  .description(say(CHECK_HELP.description))
  .argument('<files...>', say(EXTRACT_HELP.inputs))
  .option('-e, --errors-only', say(CHECK_HELP.errorsOnly))
  .option('-v, --verbose', say(CHECK_HELP.verbose))
  .action(async (files: string[], options: { errorsOnly?: boolean; verbose?: boolean }) => {
    const shown = options.errorsOnly ? 'errors' : options.verbose ? 'all' : 'warnings';
    const result = await checkFiles(files, { color: wantsColor(process.stdout), lang: LANG, shown });
    process.stdout.write(`${result.lines.join('\n')}\n`);
    process.exitCode = result.flagged > 0 ? 1 : 0;
  });

/** The value of --lang (`--lang en` or `--lang=en`), if given. */
function langFlag(argv: string[]): string | undefined {
  const at = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (at < 0) return undefined;
  return argv[at]!.includes('=') ? argv[at]!.slice('--lang='.length) : argv[at + 1];
}

function yearRange(value: string): YearRange {
  const range = parseYearRange(value);
  if (!('from' in range)) throw new InvalidArgumentError(say(range));
  return range;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(say({ zh: '应为正整数', en: 'expected a positive whole number' }));
  return n;
}

function printSummary(summary: BatchSummary, outDir: string): void {
  const failed = (summary.byStatus.failed ?? 0) + (summary.byStatus.needs_ocr ?? 0);
  console.log(batchSummaryText(LANG, summary.total, summary.byStatus, summary.flagged.length, failed));
  for (const flagged of summary.flagged.slice(0, FLAGGED_SHOWN))
    console.log(`  ${say({ zh: '有问题', en: 'flagged' })} ${printable(flagged.file)}: ${flagged.rules.join(', ')}`);
  const more = summary.flagged.length - FLAGGED_SHOWN;
  if (more > 0)
    console.log(
      `  ${say({ zh: `另有 ${more} 份有问题的报告（见 findings.csv）`, en: `… and ${more} more flagged reports (see findings.csv)` })}`,
    );
  console.log(
    say({
      zh: `输出：${printable(outDir)}/index.html（审核页面，用浏览器打开）、reports.csv、cells.csv、findings.csv、dataset.csv、*.parquet、datapackage.json、xxgk.db`,
      en: `output: ${printable(outDir)}/index.html (the audit view: open it in a browser), reports.csv, cells.csv, findings.csv, dataset.csv, *.parquet, datapackage.json, xxgk.db`,
    }),
  );
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
    console.error(`xxgk: ${printable(error.message)}`);
    return 2;
  }
  if (error instanceof StoreVersionError || error instanceof QueueError) {
    console.error(`xxgk: ${error.message}`);
    return 1;
  }
  const writeError = await describeWriteError(error);
  console.error(`xxgk: ${writeError ? printable(writeError) : ((error as Error).stack ?? error)}`);
  return 1;
}

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
  years?: YearRange;
}

function queueOf(url: string, window: number, onResult: (worker: string) => void) {
  return (store: Store, dbPath: string, limits: PoolLimits) =>
    queueReaders(store, { url, window, limits, batch: batchIdentity(dbPath), onResult });
}
