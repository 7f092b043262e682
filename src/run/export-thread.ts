import { Worker } from 'node:worker_threads';
import type { DataResource } from '../export/exporter.js';
import type { YearRange } from '../view/year-range.js';
import type { Output } from './outputs.js';

/**
 * The export's worker thread, seen from the main thread: which outputs it writes, starting it, and its answer — what
 * it wrote, or its error with the code and path that name the cause. The worker itself is `export-worker.ts`; it runs
 * from the built code, so the tests of the built command line cover both.
 */

/**
 * What the worker writes: the audit view (its pages, the copies of flagged PDFs) and dataset.parquet, which balance
 * the data files the main thread writes. Measured on 20,000 reports, 2 cores: the two threads each busy ~17 s.
 */
const WORKER_OUTPUTS: Output[] = ['dataset-parquet', 'view'];

export interface ExportWorkerData {
  dbPath: string;
  outDir: string;
  outputs: Output[];
  wholeCounts: boolean;
  years?: YearRange;
}

/** The worker's error as plain data: its message, and for a file-system error its code and path (they name the cause). */
export interface WorkerError {
  message: string;
  code?: string;
  path?: string;
}

type Written = { output: Output; resources: DataResource[] }[];

/** From the worker: what it wrote, or its error. */
export type ExportWorkerMessage = { written: Written } | { error: WorkerError };

export interface ExportWorker {
  /** Tells the worker the audit across files is done: it may write its outputs. */
  begin(): void;
  /** What the worker wrote, once it is done; rejected with its error if it failed. */
  resources: Promise<Written>;
  /** Ends the worker (if the main thread failed first, so that no file is left being written). */
  stop(): Promise<void>;
}

/** Starts the worker on its share of `outputs`; `here` is what is left for the main thread. */
export function startExportWorker(
  outputs: Output[],
  data: Omit<ExportWorkerData, 'outputs'>,
): { worker: ExportWorker; here: Output[] } {
  const worker = new Worker(new URL('./export-worker.js', import.meta.url), {
    workerData: { ...data, outputs: outputs.filter((o) => WORKER_OUTPUTS.includes(o)) } satisfies ExportWorkerData,
  });
  const resources = new Promise<Written>((resolve, reject) => {
    worker.on('message', (message: ExportWorkerMessage) => {
      if ('error' in message) reject(fromWorkerError(message.error));
      else resolve(message.written);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the export worker stopped (exit code ${code})`)));
  });
  // A failure is reported by whoever awaits the resources; stopping the worker must not leave it unhandled.
  resources.catch(() => undefined);
  // The worker waits for this message (any) to begin the outputs.
  const begin = () => worker.postMessage('across-ready');
  return {
    worker: { begin, resources, stop: async () => void (await worker.terminate()) },
    here: outputs.filter((o) => !WORKER_OUTPUTS.includes(o)),
  };
}

export function toWorkerError(error: unknown): WorkerError {
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  return {
    message: error instanceof Error ? error.message : String(error),
    ...(code ? { code } : {}),
    ...(path ? { path } : {}),
  };
}

function fromWorkerError(error: WorkerError): Error {
  return Object.assign(
    new Error(error.message),
    error.code ? { code: error.code } : {},
    error.path ? { path: error.path } : {},
  );
}
