import { parentPort } from 'node:worker_threads';
import { extractFromBytes } from '../../pipeline/extract.js';
import type { Report } from '../../core/model/report.js';

/**
 * A queue worker's reading thread: reads one file at a time and hands the report back (the coordinator records it;
 * a worker on another machine has no store). The thread is what a file's time and memory limits stop.
 */

export interface ReadTask {
  id: number;
  name: string;
  path: string;
  bytes: Uint8Array;
}

export type ReadMessage = { id: number; started: true } | { id: number; report: Report };

parentPort?.on('message', async (task: ReadTask) => {
  parentPort!.postMessage({ id: task.id, started: true } satisfies ReadMessage);
  const report = await extractFromBytes(task.bytes, task.name, task.path);
  parentPort!.postMessage({ id: task.id, report } satisfies ReadMessage);
});
