import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { staleOutputs } from '../../scripts/build-if-stale.js';

/**
 * vitest global setup: builds dist/ when it is older than the sources, so that the tests running the built command
 * line (BUILT_CODE_TESTS in vitest.config.ts) test the code as it is now, also when vitest is run on its own after an
 * edit. `npm test` builds just before, so there is nothing to do then.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));

export default function buildIfStale(): void {
  const stale = staleOutputs();
  if (stale.length === 0) return;
  const run = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
  if (run.status === 0) return;
  // tsc writes its output even when the types do not check: the tests can still run, on the code as it is now
  // (`npm test` type-checks before anything else). Only a build that did not write is a reason to stop.
  const still = staleOutputs();
  if (still.length > 0)
    throw new Error(`npm run build did not update dist/ (older than ${still[0]}):\n${run.stdout}${run.stderr}`);
  console.warn(`dist/ rebuilt, with type errors:\n${run.stdout}${run.stderr}`);
}
