import { parentPort, workerData } from 'node:worker_threads';
import { once } from 'node:events';
import { createExporter, recordAcrossPart, writeReports } from './export.js';
import { toWorkerError, type ExportWorkerData, type ExportWorkerMessage } from './export-thread.js';
import { Store } from './store.js';

/**
 * Worker thread of an export: checks its share of the rules across files while the main thread checks the other,
 * then, once both are recorded, writes its share of the outputs from the store (its own connection) while the main
 * thread writes the rest. Sends what each output wrote, or the error that stopped it.
 */

const { dbPath, outDir, outputs, wholeCounts, acrossPart } = workerData as ExportWorkerData;
const store = new Store(dbPath);
let message: ExportWorkerMessage;
try {
  const ready = once(parentPort!, 'message');
  recordAcrossPart(store, acrossPart);
  parentPort!.postMessage({ acrossRecorded: true } satisfies ExportWorkerMessage);
  await ready;
  const resources = await writeReports(store, outputs.map((output) => createExporter(output, outDir, wholeCounts)));
  message = { written: outputs.map((output, i) => ({ output, resources: resources[i]! })) };
} catch (error) {
  message = { error: toWorkerError(error) };
} finally {
  store.close();
}
parentPort!.postMessage(message);
