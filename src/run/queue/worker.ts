import { hostname } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import {
  connectionOptions,
  describeRedisError,
  QUEUE_NAME,
  QueueError,
  redact,
  sha256,
  VERSION_KEY,
  xxgkVersion,
  type JobData,
  type JobResult,
} from './protocol.js';
import { ReadingThread } from './threads.js';

/**
 * `xxgk worker --queue redis://…`: takes files from the queue, reads each on a thread of its own under the batch's
 * limits, and hands the report back. A worker killed mid-file loses only its lease: after `stalledAfterMs` another
 * worker takes the file up again (BullMQ's stalled-job check). A worker of another build than the coordinator's
 * takes nothing: its readings could differ from the rest of the batch.
 */

interface WorkerOptions {
  url: string;
  jobs: number;
  /** A job whose worker stopped renewing its lease this long ago is given to another worker. */
  stalledAfterMs: number;
  /** One line per file read (on a terminal), and the refusals. */
  log: (line: string) => void;
}

/** Same reason as the local pool's (src/bulk/pool.ts): fewer full collections, which throw the readers' code away. */
const INITIAL_OLD_SPACE_MB = 256;

/** Runs until the process is stopped (SIGINT/SIGTERM close it cleanly) or refuses the coordinator's build. */
export async function runWorker(options: WorkerOptions): Promise<void> {
  const version = xxgkVersion();
  await checkVersion(options, version);
  setFlagsFromString(`--initial-old-space-size=${INITIAL_OLD_SPACE_MB}`);
  const threads = Array.from({ length: options.jobs }, () => new ReadingThread());
  const name = `${hostname()}:${process.pid}`;
  let refused: QueueError | undefined;
  const bytes = new Redis({ ...connectionOptions(options.url), maxRetriesPerRequest: null });
  bytes.on('error', () => undefined);
  const worker = new Worker<JobData, JobResult>(
    QUEUE_NAME,
    async (job) => {
      if (job.data.version !== version) {
        refused = new QueueError(refusal(job.data.version, version));
        void worker.close();
        throw refused;
      }
      return read(job, bytes, threads, { name, version, log: options.log });
    },
    {
      connection: connectionOptions(options.url),
      concurrency: options.jobs,
      lockDuration: options.stalledAfterMs,
      stalledInterval: options.stalledAfterMs,
      // A file whose worker dies twice is recorded as failed by the coordinator ("stalled more than allowable limit").
      maxStalledCount: 1,
    },
  );
  worker.on('error', (error) => options.log(describeRedisError(error, options.url)));
  const stop = () => void worker.close();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  await new Promise<void>((resolve) => worker.once('closed', resolve));
  await Promise.all(threads.map((t) => t.close()));
  bytes.disconnect();
  if (refused) throw refused;
}

/** Each thread reads one file at a time: a job takes the first idle one. */
async function read(job: Job<JobData>, redis: Redis, threads: ReadingThread[], me: Me): Promise<JobResult> {
  const { file, bytesKey, sha256: expected } = job.data;
  const bytes = await redis.getBuffer(bytesKey);
  if (!bytes) throw new Error(`the bytes of ${file.name} are no longer in Redis`);
  if (sha256(bytes) !== expected) throw new Error(`the bytes of ${file.name} arrived damaged (SHA-256 differs)`);
  const thread = threads.find((t) => !busy.has(t))!;
  busy.add(thread);
  const started = performance.now();
  try {
    me.log(`reading ${file.name}`);
    const reading = await thread.read(file.name, file.path, bytes, job.data.limits);
    return { version: me.version, worker: me.name, ms: performance.now() - started, ...reading };
  } finally {
    busy.delete(thread);
  }
}

const busy = new Set<ReadingThread>();

interface Me {
  name: string;
  version: string;
  log: (line: string) => void;
}

/** Wait for a coordinator to announce its build, then refuse to work for another one. */
async function checkVersion(options: WorkerOptions, version: string): Promise<void> {
  const once = { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null };
  const redis = new Redis({ ...connectionOptions(options.url), ...once });
  let why: unknown;
  redis.on('error', (error) => (why = error));
  try {
    await redis.connect();
    const theirs = await redis.get(VERSION_KEY);
    if (theirs && theirs !== version) throw new QueueError(refusal(theirs, version));
  } catch (error) {
    throw error instanceof QueueError ? error : new QueueError(describeRedisError(why ?? error, options.url));
  } finally {
    redis.disconnect();
  }
  options.log(`worker ${hostname()}:${process.pid} (xxgk ${version}) waiting for files on ${redact(options.url)}`);
}

function refusal(theirs: string, mine: string): string {
  return (
    `拒绝工作：协调端的 xxgk 版本不同 / refused: the coordinator runs xxgk ${theirs}, this worker ${mine}; ` +
    'its readings could differ — run the same build on both'
  );
}
