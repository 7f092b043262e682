import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';

/**
 * The files a run was given: folders are walked recursively (hidden entries skipped), files taken as they are.
 * Every file found is kept — an unreadable or unknown one still gets a row in reports.csv.
 * Each input gets a stable name: its path relative to the folder given (or to the common folder of all inputs).
 * A file a browser saved with a web page (`<page>_files/…`, next to `<page>.html`) is part of that page's report.
 */

export interface InputFile {
  path: string;
  name: string;
  /** The name of the web page this file was saved with: it is read as part of that page, not as a report. */
  attachedTo?: string;
}

export class InputError extends Error {}

export async function collectInputs(args: string[]): Promise<InputFile[]> {
  if (args.length === 0) throw new InputError('no input given: name files or folders to extract');
  const roots = await Promise.all(
    args.map(async (arg) => {
      const path = resolve(arg);
      const info = await stat(path).catch(() => undefined);
      if (!info) throw new InputError(`no such file or folder: ${arg}`);
      return { path, isDirectory: info.isDirectory() };
    }),
  );
  const base =
    roots.length === 1 && roots[0]!.isDirectory
      ? roots[0]!.path
      : commonFolder(roots.map((r) => (r.isDirectory ? r.path : dirname(r.path))));
  const files: string[] = [];
  for (const root of roots) {
    if (root.isDirectory) files.push(...(await walk(root.path)));
    else files.push(root.path);
  }
  const unique = [...new Set(files)].sort();
  const inputs = unique.map(
    (path): InputFile => ({ path, name: relative(base, path).split(sep).join('/') || basename(path) }),
  );
  return markAttached(inputs);
}

const PAGE_EXTENSIONS = ['.html', '.htm', '.shtml', '.xhtml', '.mht'];
/** The folder names browsers give a saved page's resources: `<page>_files` (Chrome, Firefox), `<page>.files` (IE, Word). */
const RESOURCE_FOLDER = /^(.+)(?:_files|\.files)$/;

/** Files inside `<page>_files/` whose page `<page>.html` is among the inputs belong to that page. */
function markAttached(inputs: InputFile[]): InputFile[] {
  const pages = new Map(
    inputs.filter((i) => PAGE_EXTENSIONS.includes(extname(i.path).toLowerCase())).map((i) => [i.path, i.name]),
  );
  return inputs.map((input) => {
    for (let folder = dirname(input.path); folder !== dirname(folder); folder = dirname(folder)) {
      const stem = RESOURCE_FOLDER.exec(basename(folder))?.[1];
      if (!stem) continue;
      for (const extension of PAGE_EXTENSIONS) {
        const page = pages.get(join(dirname(folder), stem + extension));
        if (page) return { ...input, attachedTo: page };
      }
    }
    return input;
  });
}

async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    // Anything else is an input too, and gets a row: a symbolic link (even a broken one), a named pipe, a socket or a
    // device (these last are not opened: the batch records them as not regular files).
    else files.push(path);
  }
  return files;
}

function commonFolder(folders: string[]): string {
  const split = folders.map((f) => f.split(sep));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((parts) => parts[n] === first[n])) n++;
  return first.slice(0, n).join(sep) || sep;
}
