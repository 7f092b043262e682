/**
 * Where the shared generated corpus is: `../shared/corpus/generated` beside the project, or beside the folder that
 * holds its work trees (`<trees>/<name>/` → `<trees>/../shared`). Benchmarks use it when it is there; the project
 * itself never needs it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT = fileURLToPath(new URL('..', import.meta.url));

const candidates = [join(PROJECT, '../shared/corpus/generated'), join(PROJECT, '../../shared/corpus/generated')];

/** The shared generated corpus's folder, or undefined when it is not beside the project. */
export const GENERATED: string | undefined = candidates.find((path) => existsSync(path));

/**
 * Node's arguments for one measured `xxgk extract` run of the built command line, as the `xxgk` command starts it (one
 * V8 background thread), with its peak memory reported by peak-rss.mjs.
 */
export function measuredExtractArgs(folder: string, out: string, jobs: number): string[] {
  const peakRss = new URL('./peak-rss.mjs', import.meta.url).pathname;
  return [
    '--v8-pool-size=1',
    '--import',
    peakRss,
    'dist/src/cli.js',
    'extract',
    folder,
    '--out',
    out,
    '--jobs',
    String(jobs),
    '-q',
  ];
}
