import type { Progress } from '../progress.js';

/**
 * A coordinator's progress: the batch's own (files done/total, rate, ETA, failures), plus a line when a worker is
 * first seen and, at the end, how many files each worker read.
 */
export function withWorkers(
  progress: Progress,
  write: (line: string) => void,
): { progress: Progress; onResult: (worker: string) => void } {
  const done = new Map<string, number>();
  return {
    progress: {
      start: (total) => progress.start(total),
      tick: (failed) => progress.tick(failed),
      stop: () => {
        progress.stop();
        const each = [...done].map(([worker, n]) => `${worker} ${n} files`).join(', ');
        if (done.size > 0) write(`workers: ${done.size} (${each})`);
      },
    },
    onResult: (worker) => {
      if (!done.has(worker)) write(`worker ${worker} joined`);
      done.set(worker, (done.get(worker) ?? 0) + 1);
    },
  };
}
