import { extractFromBytes } from '../pipeline/extract.js';
import { Store, type FileRecord } from '../store/store.js';

/**
 * Child process reading one suspect file (see `attempts.ts`) and recording its report itself, as a worker thread
 * does: if the reader crashes, only this process dies, and the parent records the crash.
 */

export interface IsolatedTask {
  dbPath: string;
  file: FileRecord;
  bytes: Uint8Array;
}

process.once('message', (task: IsolatedTask) => {
  void read(task).then(
    () => process.exit(0),
    () => process.exit(70),
  );
});

async function read({ dbPath, file, bytes }: IsolatedTask): Promise<void> {
  const started = performance.now();
  const report = await extractFromBytes(bytes, file.name, file.path);
  const store = new Store(dbPath);
  try {
    store.recordReport({ ...file, ms: performance.now() - started }, report);
  } finally {
    store.close();
  }
}
