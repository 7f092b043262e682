import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, extname, join, relative, resolve } from 'node:path';
import PQueue from 'p-queue';
import { finishRun, type BatchSummary } from './export.js';
import { WorkerPool, type PoolLimits } from './pool.js';
import type { Readers } from './readers.js';
import { silentProgress, type Progress } from './progress.js';
import { Store, type FileRecord } from '../store/store.js';
import { prepareOutputFolder } from '../export/output-folder.js';
import { Attempts } from './attempts.js';
import { asDiskError } from './disk-error.js';
import { readIsolated } from './isolate.js';
import { notRegularReason } from './special-file.js';
import { unopenedReason } from './special-file.js';
import { archiveMembers, type ArchiveMember } from './archive-inputs.js';
import { collectInputs, type InputFile } from './inputs.js';
import { failedReport } from '../pipeline/extract.js';
import type { Lang } from '../core/i18n/lang.js';
import type { YearRange } from '../view/year-range.js';

/**
 * A run over many files: each file is hashed and skipped if its content was ingested before; otherwise a worker
 * thread reads it and commits its report to the store on its own. The outputs are then exported from the store.
 * Killing the run at any point loses only the files in flight; running the same command again finishes the rest.
 */

export interface BatchOptions {
  inputs: string[];
  outDir: string;
  /** Worker threads (default: the machine's cores). */
  jobs?: number;
  /** The SQLite store (default: `<outDir>/xxgk.db`). */
  dbPath?: string;
  /** Re-read every file, even if its content was ingested before. */
  force?: boolean;
  /** Also write every report whole to reports.jsonl.gz. */
  json?: boolean;
  /** The language of findings.csv's messages and reports.csv's reasons (Chinese by default). */
  lang?: Lang;
  /** The years the view's agencies × years grid shows (`--years`), beside the batch's own. */
  years?: YearRange;
  /** Per-file limits. */
  timeoutMs?: number;
  maxMemoryMb?: number;
  progress?: Progress;
  /** Who reads the files (default: this process's worker threads, `jobs` of them; `src/run/queue/`: workers elsewhere). */
  readers?: (store: Store, dbPath: string, limits: PoolLimits) => Promise<Readers>;
}

export type { BatchSummary };

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_MEMORY_MB = 1536;

export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const inputs = await collectInputs(options.inputs);
  await prepareOutputFolder(options.outDir);
  const dbPath = resolve(options.dbPath ?? join(options.outDir, 'xxgk.db'));
  if (options.dbPath) await prepareOutputFolder(dirname(dbPath), 'database folder');
  try {
    const store = new Store(dbPath);
    try {
      const members = await ingestAll(inputs, store, dbPath, options);
      // An archive's rows are its files'.
      const names = inputs.flatMap((i) => members.get(i.name) ?? [i.name]);
      return await finishRun(store, names, options.outDir, {
        json: options.json ?? false,
        inWorker: true,
        lang: options.lang ?? 'zh',
        ...(options.years ? { years: options.years } : {}),
      });
    } finally {
      store.close();
    }
  } catch (error) {
    throw asDiskError(error, dbPath);
  }
}

/** Reads every input; returns the names of the files found in each archive, by the archive's name. */
async function ingestAll(
  inputs: InputFile[],
  store: Store,
  dbPath: string,
  options: BatchOptions,
): Promise<Map<string, string[]>> {
  const jobs = Math.max(1, options.jobs ?? availableParallelism());
  const progress = options.progress ?? silentProgress;
  const limits: PoolLimits = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxMemoryMb: options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB,
  };
  const pool: Readers = options.readers
    ? await options.readers(store, dbPath, limits)
    : Object.assign(new WorkerPool(jobs, dbPath, limits), { window: jobs });
  const attempts = new Attempts(dbPath);
  const isolated = { dbPath, limits };
  const context: IngestContext = {
    store,
    pool,
    attempts,
    isolated,
    force: options.force ?? false,
    inFlight: new Map(),
    saved: savedWith(inputs),
    members: new Map(),
  };
  try {
    // One file more than workers: the next file is read and hashed while the workers are busy.
    const queue = new PQueue({ concurrency: pool.window + 1 });
    progress.start(inputs.length);
    // The store refused a write (a full disk): no more files are started, and the run ends with that error.
    let refused: { error: unknown } | undefined;
    for (const input of inputs) {
      // A few files queued at a time, not the whole run: 100,000 waiting tasks held ~100 MB until the end.
      await queue.onSizeLessThan(pool.window + 1);
      if (refused) break;
      void queue
        .add(async () => progress.tick(await ingest(input, context)))
        .catch((error: unknown) => void (refused ??= { error }));
    }
    await queue.onIdle();
    progress.stop();
    if (refused) throw refused.error;
  } finally {
    await pool.close();
    attempts.close();
  }
  return context.members;
}

interface IngestContext {
  store: Store;
  pool: Readers;
  /** Files being read, and results to read again (`bulk/attempts.ts`). */
  attempts: Attempts;
  /** Where a suspect file is read in a process of its own. */
  isolated: { dbPath: string; limits: PoolLimits };
  force: boolean;
  /** Contents being read right now: a second file with the same bytes waits for the first. */
  inFlight: Map<string, Promise<unknown>>;
  /** Each web page's saved files (`<page>_files/…`), by the page's name. */
  saved: Map<string, InputFile[]>;
  /** The names of the files read from each archive, by the archive's name. */
  members: Map<string, string[]>;
}

/** Ingest one file; returns whether it failed. */
async function ingest(input: InputFile, context: IngestContext): Promise<boolean> {
  const { store, attempts, force, saved } = context;
  const info = await stat(input.path).catch(() => undefined);
  const base = { name: input.name, path: input.path, size: info?.size ?? 0, mtimeMs: info?.mtimeMs ?? 0, ms: 0 };
  const pictures = saved.get(input.name) ?? [];
  // A page's pictures may change while the page does not: such a page is always hashed again, with them. (An archive
  // opened into its files has no record of its own, so it is always opened again: its files' names are its rows.)
  const known =
    !force && info && pictures.length === 0 ? store.unchangedFile(input.name, base.size, base.mtimeMs) : undefined;
  if (known && !attempts.retry(known.contentKey)) return false;
  if (input.attachedTo) {
    const reason = `saved with ${input.attachedTo}: read as part of that page, not as a report of its own`;
    store.recordReport(
      { ...base, contentKey: `attached:${input.name}` },
      failedReport(input.name, null, 'attached', reason),
    );
    return false;
  }
  const special = info && notRegularReason(info);
  if (special) {
    store.recordReport(
      { ...base, contentKey: `unreadable:${input.name}` },
      failedReport(input.name, null, 'failed', special),
    );
    return true;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(input.path);
  } catch (error) {
    store.recordReport(
      { ...base, contentKey: `unreadable:${input.name}` },
      failedReport(input.name, null, 'failed', unopenedReason(error)),
    );
    return true;
  }
  const members = await archiveMembers(input, bytes);
  if (members) return ingestMembers(input, members, base.mtimeMs, context);
  const file: FileRecord = {
    ...base,
    contentKey: `${await contentHash(bytes, input.path, pictures)}${extname(input.name).toLowerCase()}`,
  };
  return ingestContent(file, bytes, context);
}

/** The files of an archive, each ingested as a file: its content key (its bytes' hash) skips it if read before. */
async function ingestMembers(
  archive: InputFile,
  members: ArchiveMember[],
  mtimeMs: number,
  context: IngestContext,
): Promise<boolean> {
  context.members.set(
    archive.name,
    members.map((m) => m.input.name),
  );
  let failed = false;
  for (const { input, bytes, refused } of members) {
    const base = { name: input.name, path: input.path, size: bytes.length, mtimeMs, ms: 0 };
    if (refused) {
      const reason = `${refused.code}: ${refused.message}`;
      context.store.recordReport(
        { ...base, contentKey: `refused:${input.name}` },
        failedReport(input.name, null, 'failed', reason),
      );
      failed = true;
      continue;
    }
    const contentKey = `${createHash('sha256').update(bytes).digest('hex')}${extname(input.name).toLowerCase()}`;
    failed = (await ingestContent({ ...base, contentKey }, bytes, context)) || failed;
  }
  return failed;
}

/** Reads content not read before (by its key) in a worker, or records the file as a copy of what was. */
async function ingestContent(file: FileRecord, bytes: Uint8Array, context: IngestContext): Promise<boolean> {
  const { store, attempts, force, inFlight } = context;
  const pending = inFlight.get(file.contentKey);
  if (pending) await pending;
  if (pending || (!force && store.hasContent(file.contentKey) && !attempts.retry(file.contentKey))) {
    store.recordFile(file);
    return false;
  }
  const reading = read(file, bytes, context);
  inFlight.set(file.contentKey, reading);
  try {
    const outcome = await reading;
    // A file the worker could not finish (time or memory limit, crash) is recorded here instead.
    if (outcome.stopped) store.recordReport(file, failedReport(file.name, null, 'failed', outcome.stopped));
    attempts.finish(file.contentKey);
    return outcome.failed;
  } finally {
    inFlight.delete(file.contentKey);
  }
}

/** Marked as started first, so that a file that takes the process down is known to the next run, which reads it apart. */
function read(file: FileRecord, bytes: Uint8Array, { pool, attempts, isolated }: IngestContext) {
  const suspect = attempts.suspect(file.contentKey);
  attempts.start(file.contentKey, file.name);
  return suspect ? readIsolated(isolated.dbPath, file, bytes, isolated.limits) : pool.run(file, bytes);
}

/**
 * The content a report is read from: the file's bytes, and for a web page the files saved with it (their names and
 * bytes), whose pictures are part of its report — a picture replaced in `<page>_files/` makes the page be read again.
 */
async function contentHash(bytes: Uint8Array, path: string, saved: InputFile[]): Promise<string> {
  const hash = createHash('sha256').update(bytes);
  for (const file of saved) {
    const content = await readFile(file.path).catch(() => Buffer.alloc(0));
    hash.update(`\0${relative(dirname(path), file.path)}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex');
}

function savedWith(inputs: InputFile[]): Map<string, InputFile[]> {
  const saved = new Map<string, InputFile[]>();
  for (const input of inputs)
    if (input.attachedTo) saved.set(input.attachedTo, [...(saved.get(input.attachedTo) ?? []), input]);
  return saved;
}
