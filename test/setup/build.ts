import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * vitest global setup: builds dist/ when it is older than the sources, so that the tests running the built command
 * line (BUILT_CODE_TESTS in vitest.config.ts) test the code as it is now, also when vitest is run on its own after an
 * edit. `npm test` builds just before, so there is nothing to do then.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
/** What tsconfig.build.json compiles, and the settings it compiles with. */
const SOURCE_FOLDERS = ['src', 'extractors'];
const SETTINGS = ['tsconfig.json', 'tsconfig.build.json'];

export default function buildIfStale(): void {
  const stale = staleOutputs();
  if (stale.length === 0) return;
  const run = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' });
  if (run.status === 0) return;
  // tsc writes its output even when the types do not check: the tests can still run, on the code as it is now
  // (`npm test` type-checks before anything else). Only a build that did not write is a reason to stop.
  const still = staleOutputs();
  if (still.length > 0) throw new Error(`npm run build did not update dist/ (older than ${still[0]}):\n${run.stdout}${run.stderr}`);
  console.warn(`dist/ rebuilt, with type errors:\n${run.stdout}${run.stderr}`);
}

/** Sources whose compiled file is missing or older than the source (or than the compiler settings). */
export function staleOutputs(): string[] {
  const settingsChanged = Math.max(...SETTINGS.map((name) => statSync(join(root, name)).mtimeMs));
  return SOURCE_FOLDERS.flatMap((folder) => typeScriptFiles(join(root, folder))).filter((source) => {
    const output = outputOf(source);
    const built = statSync(output, { throwIfNoEntry: false })?.mtimeMs;
    return built === undefined || built < statSync(source).mtimeMs || built < settingsChanged;
  }).map((source) => relative(root, source));
}

/** A source's compiled file; the view's page code is bundled into one script (`npm run build:view`). */
function outputOf(source: string): string {
  const path = relative(root, source);
  if (path.startsWith(join('src', 'view', 'browser'))) return join(root, 'dist', 'src', 'view', 'browser', 'app.js');
  return join(root, 'dist', path).replace(/\.ts$/, '.js');
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}
