import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { FileRecord } from '../store/store.js';
import { bothLanguages } from '../core/i18n/lang.js';
import { crashedReason } from './attempts.js';
import type { WorkerMessage, WorkerTask } from './worker.js';

/**
 * A fixed set of worker threads, each reading one file at a time and committing its report. A file that runs past
 * its time limit, or whose worker runs out of its memory limit or dies, comes back with the reason it was stopped
 * (the caller records it), and the worker is replaced: one pathological file never stops the batch.
 */

export interface Outcome {
  failed: boolean;
  /** Why the file was stopped before the worker could record it. */
  stopped?: string;
}

export interface PoolLimits {
  /** Per file. */
  timeoutMs: number;
  /** Heap limit of each worker, in MB. */
  maxMemoryMb: number;
}

interface Slot {
  /** Started when the slot first takes a file: a rerun with nothing new to read starts none. */
  worker: Worker | undefined;
  busy: boolean;
}

/** The compiled worker beside this module (the pool runs from dist/; tests run the built command line). */
const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * Old-generation size (MB) a worker's heap reaches before its first full garbage collection. Every full collection
 * throws away the machine code V8 compiled for the readers (the closures and object shapes of the last document die
 * with it), and the next files pay to compile it again on V8's background thread: with V8's default of growing from
 * a few MB, a worker collected every 15 files and spent a third of the batch's CPU recompiling. Starting at 256 MB
 * it collects every ~60 files; measured on 600 mixed files, 20% less CPU for ~140 MB more memory per worker.
 */
const INITIAL_OLD_SPACE_MB = 256;

export class WorkerPool {
  private readonly slots: Slot[];
  /** Files waiting for a worker, served in order as workers come free. */
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private nextId = 0;

  constructor(
    size: number,
    private readonly dbPath: string,
    private readonly limits: PoolLimits,
  ) {
    // V8 flags are per process; an isolate reads this one when it is created, so it reaches only the workers.
    setFlagsFromString(
      `--initial-old-space-size=${Math.min(INITIAL_OLD_SPACE_MB, Math.floor(limits.maxMemoryMb / 2))}`,
    );
    this.slots = Array.from({ length: size }, () => ({ worker: undefined, busy: false }));
  }

  private spawn(): Worker {
    return new Worker(WORKER_URL, {
      workerData: { dbPath: this.dbPath },
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb },
    });
  }

  /**
   * Read one file on the next idle worker. Callers may hand in more files than there are workers, so that the next
   * file is read from disk and hashed while the workers are busy; its time limit starts when a worker takes it.
   */
  async run(file: FileRecord, bytes: Uint8Array): Promise<Outcome> {
    return this.runOn(await this.idleSlot(), file, bytes);
  }

  private idleSlot(): Promise<Slot> {
    const slot = this.slots.find((s) => !s.busy);
    if (slot) {
      slot.busy = true;
      return Promise.resolve(slot);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** A worker came free: the first waiting file takes it, or it goes idle. */
  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  private runOn(slot: Slot, file: FileRecord, bytes: Uint8Array): Promise<Outcome> {
    const id = this.nextId++;
    const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    return new Promise<Outcome>((resolve) => {
      const worker = (slot.worker ??= this.spawn());
      const finish = (outcome: Outcome, replace: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (replace) {
          void worker.terminate();
          slot.worker = undefined;
        }
        this.release(slot);
        resolve(outcome);
      };
      const stopped = (reason: string) => finish({ failed: true, stopped: reason }, true);
      const onMessage = (message: WorkerMessage) => {
        if (message.id !== id) return;
        if ('started' in message) {
          // The file's time starts now: a fresh worker first loads the readers, which on a busy machine takes seconds.
          clearTimeout(timer);
          timer = startTimer();
        } else finish({ failed: message.failed }, false);
      };
      const onError = (error: Error & { code?: string }) =>
        stopped(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? memoryReason(this.limits.maxMemoryMb)
            : crashedReason('an uncaught error'),
        );
      const onExit = (code: number) => stopped(crashedReason(`exit ${code}`));
      const startTimer = () =>
        setTimeout(
          () => stopped(`timeout: stopped after ${Math.round(this.limits.timeoutMs / 1000)} s`),
          this.limits.timeoutMs,
        );
      // Until the worker says it started the file, the limit also bounds its start-up.
      let timer = startTimer();
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      const task: WorkerTask = { id, file, bytes: owned };
      worker.postMessage(task, [owned.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
    // Back to V8's default (0: not set), so that threads started later (the export's) collect garbage as usual.
    setFlagsFromString('--initial-old-space-size=0');
  }
}

/** `max_memory`, not `too_large`: the limit is the run's (`--max-memory`), and the next run reads the file again. */
function memoryReason(mb: number): string {
  return `max_memory: ${bothLanguages({ zh: `超出 ${mb} MB 内存上限而停止`, en: `stopped at the ${mb} MB memory limit` })}`;
}
