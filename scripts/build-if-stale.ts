import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` builds only when something changed: dist/ is rebuilt when a compiled file is missing or older than its
 * source (or than the compiler settings), else the build is skipped. Measured on this machine (2 shared cores): a
 * full `npm run build` takes 27–46 s; this check, with nothing changed, well under a second. The tests' global setup
 * (test/setup/build.ts) uses the same check.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
/** What the build compiles (tsconfig.build.json, and src/view/browser within src), and the settings it compiles with. */
const SOURCE_FOLDERS = ['src', 'extractors'];
const SETTINGS = ['tsconfig.json', 'tsconfig.build.json', 'src/view/browser/tsconfig.json'];

/** Sources whose compiled file is missing or older than the source (or than the compiler settings). */
export function staleOutputs(): string[] {
  const settingsChanged = Math.max(...SETTINGS.map((name) => statSync(join(root, name)).mtimeMs));
  return SOURCE_FOLDERS.flatMap((folder) => typeScriptFiles(join(root, folder)))
    .filter((source) => {
      const output = outputOf(source);
      const built = statSync(output, { throwIfNoEntry: false })?.mtimeMs;
      return built === undefined || built < statSync(source).mtimeMs || built < settingsChanged;
    })
    .map((source) => relative(root, source));
}

/** A source's compiled file; the view's page code is bundled into one script (`npm run build:view`). */
function outputOf(source: string): string {
  const path = relative(root, source);
  if (path.startsWith(join('src', 'view', 'browser'))) return join(root, 'dist', 'src', 'view', 'browser', 'app.js');
  return join(root, 'dist', path).replace(/\.ts$/, '.js');
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter(
      (entry) =>
        entry.isFile() &&
        entry.name.endsWith('.ts') &&
        !entry.name.endsWith('.d.ts') &&
        !entry.name.endsWith('.test.ts'),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Builds dist/ if it is stale; returns the exit code of the build (0 when it was skipped). */
export function buildIfStale(): number {
  const stale = staleOutputs();
  if (stale.length === 0) return 0;
  console.error(`xxgk: building (${stale.length} changed, e.g. ${stale[0]})`);
  return spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' }).status ?? 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = buildIfStale();
