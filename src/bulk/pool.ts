import { Worker } from 'node:worker_threads';
import type { FileRecord } from './store.js';
import type { WorkerDone, WorkerTask } from './worker.js';

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
  worker: Worker;
  busy: boolean;
}

/** The compiled worker beside this module (the pool runs from dist/; tests run the built command line). */
const WORKER_URL = new URL('./worker.js', import.meta.url);

export class WorkerPool {
  private readonly slots: Slot[];
  private nextId = 0;

  constructor(
    size: number,
    private readonly dbPath: string,
    private readonly limits: PoolLimits,
  ) {
    this.slots = Array.from({ length: size }, () => ({ worker: this.spawn(), busy: false }));
  }

  private spawn(): Worker {
    return new Worker(WORKER_URL, {
      workerData: { dbPath: this.dbPath },
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb },
    });
  }

  /** Read one file on an idle worker. The caller keeps at most `size` files in flight. */
  run(file: FileRecord, bytes: Uint8Array): Promise<Outcome> {
    const slot = this.slots.find((s) => !s.busy);
    if (!slot) throw new Error('no idle worker: more files in flight than workers');
    slot.busy = true;
    const id = this.nextId++;
    const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    return new Promise<Outcome>((resolve) => {
      const worker = slot.worker;
      const finish = (outcome: Outcome, replace: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (replace) {
          void worker.terminate();
          slot.worker = this.spawn();
        }
        slot.busy = false;
        resolve(outcome);
      };
      const stopped = (reason: string) => finish({ failed: true, stopped: reason }, true);
      const onMessage = (message: WorkerDone) => {
        if (message.id === id) finish({ failed: message.failed }, false);
      };
      const onError = (error: Error & { code?: string }) =>
        stopped(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `too_large: stopped at the ${this.limits.maxMemoryMb} MB memory limit` : `crashed: the reader failed (${error.message})`);
      const onExit = (code: number) => stopped(`crashed: the reader exited (code ${code})`);
      const timer = setTimeout(() => stopped(`timeout: stopped after ${Math.round(this.limits.timeoutMs / 1000)} s`), this.limits.timeoutMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      const task: WorkerTask = { id, file, bytes: owned };
      worker.postMessage(task, [owned.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
