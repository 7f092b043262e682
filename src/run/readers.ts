import type { Outcome } from './pool.js';
import type { FileRecord } from '../store/store.js';

/**
 * Who reads a batch's files: this process's worker threads (src/run/pool.ts) or workers on other machines through
 * a queue (src/run/queue/coordinator.ts). Either way a file read to the end is recorded in the store before `run`
 * resolves; a file stopped comes back with why, and the batch records it.
 */
export interface Readers {
  /** Files handed to the readers at once (the rest wait on disk, unread). */
  readonly window: number;
  run(file: FileRecord, bytes: Uint8Array): Promise<Outcome>;
  close(): Promise<void>;
}
