import { fork } from 'node:child_process';
import { crashedReason } from './attempts.js';
import type { IsolatedTask } from './isolated.js';
import type { Outcome, PoolLimits } from './pool.js';
import type { FileRecord } from '../store/store.js';

/** The child's entry beside this module (runs from dist/, as the pool's workers do). */
const CHILD_URL = new URL('./isolated.js', import.meta.url);

/**
 * Read one suspect file in a child process with the run's limits. A child that ends by a signal (a segfault) or
 * with an error comes back as `crashed`, with how it ended; one past the time limit is killed.
 */
export function readIsolated(
  dbPath: string,
  file: FileRecord,
  bytes: Uint8Array,
  limits: PoolLimits,
): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    const child = fork(CHILD_URL, {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      execArgv: [`--max-old-space-size=${limits.maxMemoryMb}`],
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limits.timeoutMs);
    child.once('error', () => undefined);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        // The words of the pool's own time limit (bulk/pool.ts): one reason, whichever way the file was read.
        resolve({ failed: true, stopped: `timeout: stopped after ${Math.round(limits.timeoutMs / 1000)} s` });
      } else if (code === 0) resolve({ failed: false });
      else resolve({ failed: true, stopped: crashedReason(signal ?? `exit ${code}`) });
    });
    const task: IsolatedTask = { dbPath, file, bytes };
    child.send(task);
  });
}
