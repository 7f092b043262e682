import { hostname } from 'node:os';
import { Queue, QueueEvents, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Outcome, PoolLimits } from '../pool.js';
import type { Readers } from '../readers.js';
import type { FileRecord, Store } from '../../store/store.js';
import {
  bytesKey,
  connectionOptions,
  describeRedisError,
  OWNER_KEY,
  QUEUE_NAME,
  QueueError,
  sha256,
  VERSION_KEY,
  xxgkVersion,
  type JobData,
  type JobResult,
} from './protocol.js';

/**
 * `xxgk extract … --queue redis://…`: the batch's files are read by `xxgk worker` processes anywhere, and every
 * report is recorded here, in the one store, by the same path a local run takes (src/batch.ts walks, skips, exports).
 * Only `window` files are in Redis at once, and each leaves it (job, bytes and result) once recorded, so Redis holds
 * a bounded amount whatever the batch's size. Jobs are named by content: a coordinator killed and run again finds the
 * jobs it had handed out (done or not) instead of handing them out twice.
 */

interface CoordinatorOptions {
  url: string;
  /** Files in flight. */
  window: number;
  limits: PoolLimits;
  /** Who this batch is (host and store): the one batch allowed on the queue; the same batch run again takes over. */
  batch: string;
  /** Called with each result's worker (`host:pid`), for progress. */
  onResult?: (worker: string) => void;
}

/** The owner's lease: a coordinator killed leaves the queue to others after this long. */
const LEASE_MS = 15_000;
/** Redis unreachable this long (reconnecting every RETRY_MS) ends the batch with a message. */
const RETRY_MS = 500;
const RETRIES = 10;
/** Closing the queue's connections when Redis is gone would wait forever. */
const CLOSE_WAIT_MS = 2_000;
const ATTEMPTS = 3;
const EVENTS_KEPT = 256;
/** BullMQ's reason for a job whose workers died under it more than maxStalledCount times. */
const STALLED = /stalled more than allowable limit/;

export async function queueReaders(store: Store, options: CoordinatorOptions): Promise<Readers> {
  const connection = connectionOptions(options.url);
  const retryStrategy = (n: number) => (n > RETRIES ? null : RETRY_MS);
  const redis = new Redis({ ...connection, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy });
  // ioredis reports why a connection failed (a refused password) as an event; the command then fails as "closed".
  let why: unknown;
  redis.on('error', (error) => (why = error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new QueueError(describeRedisError(why ?? error, options.url));
  }
  await takeOwnership(redis, options.batch);
  await redis.set(VERSION_KEY, xxgkVersion());
  // Every completed job's event carries its result (a report): the stream is kept short, or Redis would hold the
  // last 10,000 reports (BullMQ's default). The coordinator reads events as they come; a result missed is read
  // from its job.
  const streams = { events: { maxLen: Math.max(EVENTS_KEPT, 4 * options.window) } };
  const queue = new Queue<JobData, JobResult>(QUEUE_NAME, { connection, streams });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  await events.waitUntilReady();
  // Files that failed on the workers for other reasons than themselves (a refused build, bytes gone) are read again.
  await queue.clean(0, 0, 'failed');
  return new Coordinator(store, redis, queue, events, options);
}

async function takeOwnership(redis: Redis, batch: string): Promise<void> {
  const taken = await redis.set(OWNER_KEY, batch, 'PX', LEASE_MS, 'NX');
  const owner = taken ? batch : await redis.get(OWNER_KEY);
  if (owner !== null && owner !== batch) {
    redis.disconnect();
    throw new QueueError(
      `队列正被另一批次使用 / the queue is in use by another batch (${owner}): ` +
        'wait for it to end, or use another Redis database (…/db)',
    );
  }
  await redis.set(OWNER_KEY, batch, 'PX', LEASE_MS);
}

class Coordinator implements Readers {
  readonly window: number;
  private readonly version = xxgkVersion();
  private readonly lease: NodeJS.Timeout;
  /** Set when Redis is lost: every file in flight and every later one fails with it. */
  private fatal: QueueError | undefined;
  private readonly pending = new Set<(error: QueueError) => void>();

  constructor(
    private readonly store: Store,
    private readonly redis: Redis,
    private readonly queue: Queue<JobData, JobResult>,
    private readonly events: QueueEvents,
    private readonly options: CoordinatorOptions,
  ) {
    this.window = options.window;
    const renew = () => void redis.set(OWNER_KEY, options.batch, 'PX', LEASE_MS).catch(() => undefined);
    this.lease = setInterval(renew, LEASE_MS / 3);
    let why: unknown;
    redis.on('error', (error) => (why = error));
    redis.on('end', () => this.lose(why ?? new Error('the connection closed and could not be opened again')));
    // Each file in flight waits on the queue's connection while it reconnects, with a listener of its own.
    queue.setMaxListeners(2 * options.window + 10);
    // BullMQ's own connections retry for ever; the coordinator's client (above) is the one that gives up.
    queue.on('error', () => undefined);
    events.on('error', () => undefined);
  }

  private lose(error: unknown): void {
    this.fatal ??= new QueueError(describeRedisError(error, this.options.url));
    for (const reject of this.pending) reject(this.fatal);
    this.pending.clear();
  }

  async run(file: FileRecord, bytes: Uint8Array): Promise<Outcome> {
    if (this.fatal) throw this.fatal;
    let reject: (error: QueueError) => void = () => undefined;
    const lost = new Promise<never>((_, r) => (reject = r));
    this.pending.add(reject);
    const dispatching = this.dispatch(file, bytes);
    // Once Redis is lost the batch stops with that error; the dispatch's own failure later says nothing more.
    dispatching.catch(() => undefined);
    try {
      return await Promise.race([dispatching, lost]);
    } catch (error) {
      throw error instanceof QueueError ? error : new QueueError(describeRedisError(error, this.options.url));
    } finally {
      this.pending.delete(reject);
    }
  }

  private async dispatch(file: FileRecord, bytes: Uint8Array): Promise<Outcome> {
    const { limits } = this.options;
    const key = bytesKey(file.contentKey);
    const data: JobData = { file, bytesKey: key, sha256: sha256(bytes), limits, version: this.version };
    await this.redis.set(data.bytesKey, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    // An id already in the queue (handed out by a coordinator killed before it recorded the result) is not added again.
    const job = await this.queue.add('read', data, {
      jobId: file.contentKey,
      attempts: ATTEMPTS,
      backoff: { type: 'fixed', delay: 1000 },
      removeOnComplete: false,
      removeOnFail: false,
    });
    const outcome = await this.finished(job, file);
    await this.queue.remove(file.contentKey);
    await this.redis.del(data.bytesKey);
    return outcome;
  }

  /** The job's result, recorded; a job that failed for another reason than the file ends the batch. */
  private async finished(job: Job<JobData, JobResult>, file: FileRecord): Promise<Outcome> {
    let result: JobResult;
    try {
      result = (await job.waitUntilFinished(this.events)) as JobResult;
    } catch (error) {
      const reason = (error as Error).message;
      // The file itself killed the worker processes that took it: recorded as failed, like a crash in a local run.
      if (STALLED.test(reason)) return { failed: true, stopped: `crashed: the workers reading it died (${reason})` };
      throw new QueueError(`${file.name}: 工作端未能读取 / the workers could not read it: ${reason}`);
    }
    if (result.version !== this.version) {
      throw new QueueError(`${file.name}: read by xxgk ${result.version}, not ${this.version}`);
    }
    this.options.onResult?.(result.worker);
    if (result.stopped !== undefined) return { failed: true, stopped: result.stopped };
    const report = result.report!;
    this.store.recordReport({ ...file, ms: result.ms }, report);
    return { failed: report.status === 'failed' || report.status === 'needs_ocr' };
  }

  /**
   * At the end of a batch every file was recorded: jobs and bytes still in Redis were left by a coordinator killed
   * after recording them, and go.
   */
  private async leaveClean(): Promise<void> {
    await this.queue.clean(0, 0, 'completed');
    const stale = await this.redis.keys(bytesKey('*'));
    if (stale.length > 0) await this.redis.del(...stale);
    await this.redis.del(OWNER_KEY);
  }

  async close(): Promise<void> {
    clearInterval(this.lease);
    const closing = (async () => {
      if (!this.fatal) await this.leaveClean();
      await Promise.all([this.queue.close(), this.events.close()]);
    })().catch(() => undefined);
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
    this.redis.disconnect();
    if (this.fatal) {
      void this.queue.disconnect().catch(() => undefined);
      void this.events.disconnect().catch(() => undefined);
    }
  }
}

/** Who a batch is, for the queue's owner lease: this machine and the store it records in. */
export const batchIdentity = (dbPath: string) => `${hostname()}:${dbPath}`;
