import { parentPort, workerData } from 'node:worker_threads';
import { createExporter, writeReports } from './export.js';
import { toWorkerError, type ExportWorkerData, type ExportWorkerMessage } from './export-thread.js';
import { Store } from './store.js';

/**
 * Worker thread of an export: writes its share of the outputs from the store (its own connection) while the main
 * thread writes the rest. Sends what each output wrote, or the error that stopped it.
 */

const { dbPath, outDir, outputs, wholeCounts } = workerData as ExportWorkerData;
const store = new Store(dbPath);
let message: ExportWorkerMessage;
try {
  const resources = await writeReports(store, outputs.map((output) => createExporter(output, outDir, wholeCounts)));
  message = { written: outputs.map((output, i) => ({ output, resources: resources[i]! })) };
} catch (error) {
  message = { error: toWorkerError(error) };
} finally {
  store.close();
}
parentPort!.postMessage(message);
