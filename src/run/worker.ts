import { parentPort, workerData } from 'node:worker_threads';
import { extractFromBytes } from '../pipeline/extract.js';
import { Store, type FileRecord } from '../store/store.js';

/**
 * Worker thread: reads one file at a time and commits its report to the store itself (its own connection), so the
 * main thread only schedules.
 */

export interface WorkerTask {
  id: number;
  file: FileRecord;
  bytes: Uint8Array;
}

export interface WorkerDone {
  id: number;
  failed: boolean;
}

/** Sent when the worker takes the file up (its readers loaded): the file's time limit counts from here. */
export interface WorkerStarted {
  id: number;
  started: true;
}

export type WorkerMessage = WorkerDone | WorkerStarted;

const store = new Store((workerData as { dbPath: string }).dbPath);

parentPort?.on('message', async (task: WorkerTask) => {
  parentPort!.postMessage({ id: task.id, started: true } satisfies WorkerStarted);
  const started = performance.now();
  const report = await extractFromBytes(task.bytes, task.file.name, task.file.path);
  store.recordReport({ ...task.file, ms: performance.now() - started }, report);
  const done: WorkerDone = { id: task.id, failed: report.status === 'failed' || report.status === 'needs_ocr' };
  parentPort!.postMessage(done);
});
