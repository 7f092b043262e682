import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { AcrossFindingsFile } from '../audit/across/findings-file.js';
import { batchPlaces } from '../core/places/gazetteer.js';
import { Store } from '../store/store.js';
import { toWorkerError, type ExportWorkerData, type ExportWorkerMessage } from './export-thread.js';
import { createExporter, writeReports } from './outputs.js';

/**
 * Worker thread of an export: loads its modules and opens the store (its own connection) while the main thread
 * audits across files, then, once told to begin, writes its share of the outputs with those findings while the main
 * thread writes the rest. Sends what each output wrote, or the error that stopped it.
 */

const { dbPath, outDir, outputs, wholeCounts, years } = workerData as ExportWorkerData;
const store = new Store(dbPath);
const across = new AcrossFindingsFile(dbPath);
let message: ExportWorkerMessage;
try {
  await once(parentPort!, 'message');
  const exporters = outputs.map((output) =>
    createExporter(output, outDir, { wholeCounts, ...(years ? { years } : {}) }),
  );
  const resources = await writeReports(store, exporters, across.reader(), batchPlaces(store.runAgencies()));
  message = { written: outputs.map((output, i) => ({ output, resources: resources[i]! })) };
} catch (error) {
  message = { error: toWorkerError(error) };
} finally {
  across.close();
  store.close();
}
parentPort!.postMessage(message);
