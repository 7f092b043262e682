import cliProgress from 'cli-progress';

/**
 * Progress of a batch: a bar on a terminal (files done/total, rate, ETA, failures so far), plain periodic lines
 * when the output is a file or a pipe (CI logs, nohup).
 */

export interface Progress {
  start(total: number): void;
  tick(failed: boolean): void;
  stop(): void;
}

const LINE_INTERVAL_MS = 5000;

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  return stream.isTTY ? barProgress(stream) : lineProgress(stream);
}

export const silentProgress: Progress = { start() {}, tick() {}, stop() {} };

function barProgress(stream: NodeJS.WriteStream): Progress {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{bar} {value}/{total} files | {rate} files/s | ETA {eta_formatted} | failed {failed}',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let done = 0;
  let failed = 0;
  const rate = () => (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1);
  return {
    start: (total) => bar.start(total, 0, { failed: 0, rate: '0.0' }),
    tick: (isFailed) => {
      done++;
      if (isFailed) failed++;
      bar.update(done, { failed, rate: rate() });
    },
    stop: () => bar.stop(),
  };
}

function lineProgress(stream: NodeJS.WriteStream): Progress {
  let total = 0;
  let done = 0;
  let failed = 0;
  let started = Date.now();
  let last = 0;
  const line = () => {
    const seconds = (Date.now() - started) / 1000;
    const rate = done / Math.max(0.001, seconds);
    const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
    stream.write(`progress: ${done}/${total} files, ${rate.toFixed(1)} files/s, ETA ${eta} s, failed ${failed}\n`);
  };
  return {
    start: (n) => {
      total = n;
      started = Date.now();
      last = started;
    },
    tick: (isFailed) => {
      done++;
      if (isFailed) failed++;
      if (Date.now() - last >= LINE_INTERVAL_MS) {
        last = Date.now();
        line();
      }
    },
    stop: line,
  };
}
