import { Worker } from 'node:worker_threads';
import type { PoolLimits } from '../pool.js';
import type { Report } from '../../core/model/report.js';
import type { ReadMessage, ReadTask } from './read-thread.js';

/**
 * One reading thread of a queue worker, under the same limits as a local batch's (src/bulk/pool.ts): a file that
 * runs past its time, out of its memory, or crashes its thread comes back with the same reason a local run records,
 * and the thread is replaced. It is apart from the local pool because that pool's threads record into the store,
 * which a worker on another machine does not have.
 */

type Reading = { report: Report } | { stopped: string };

const THREAD_URL = new URL('./read-thread.js', import.meta.url);

export class ReadingThread {
  private worker: Worker | undefined;
  private nextId = 0;
  /** The coordinator's limits, sent with each file (the same for a whole batch). */
  private limits: PoolLimits = { timeoutMs: 0, maxMemoryMb: 0 };

  read(name: string, path: string, bytes: Uint8Array, limits: PoolLimits): Promise<Reading> {
    if (limits.maxMemoryMb !== this.limits.maxMemoryMb) void this.close();
    this.limits = limits;
    const resourceLimits = { maxOldGenerationSizeMb: limits.maxMemoryMb };
    const worker = (this.worker ??= new Worker(THREAD_URL, { resourceLimits }));
    const id = this.nextId++;
    const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    return new Promise<Reading>((resolve) => {
      const finish = (reading: Reading, replace: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (replace) {
          void worker.terminate();
          this.worker = undefined;
        }
        resolve(reading);
      };
      const stopped = (reason: string) => finish({ stopped: reason }, true);
      const onMessage = (message: ReadMessage) => {
        if (message.id !== id) return;
        if ('started' in message) {
          clearTimeout(timer);
          timer = startTimer();
        } else finish({ report: message.report }, false);
      };
      const onError = (error: Error & { code?: string }) =>
        stopped(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `too_large: stopped at the ${this.limits.maxMemoryMb} MB memory limit`
            : `crashed: the reader failed (${error.message})`,
        );
      const onExit = (code: number) => stopped(`crashed: the reader exited (code ${code})`);
      const seconds = Math.round(limits.timeoutMs / 1000);
      const startTimer = () => setTimeout(() => stopped(`timeout: stopped after ${seconds} s`), limits.timeoutMs);
      let timer = startTimer();
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      const task: ReadTask = { id, name, path, bytes: owned };
      worker.postMessage(task, [owned.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}
