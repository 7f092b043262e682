import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { corpusPath, projectRoot } from '../helpers.js';

/**
 * A disk that refuses writes, while reading and while exporting: one line naming the file and why, exit 1, and
 * nothing recorded lost. A full disk is /dev/full (every write fails with ENOSPC) linked where an output goes.
 */

/** Permissions do not stop the superuser: run as `nobody` then. */
const ORDINARY_USER = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

function extract(input: string, out: string, extra: string[] = [], as: { uid?: number; gid?: number } = {}) {
  const child = spawnSync(
    process.execPath,
    [join(projectRoot, 'dist/src/cli.js'), 'extract', input, '--out', out, '--quiet', ...extra],
    { encoding: 'utf8', ...as },
  );
  return { code: child.status, stderr: child.stderr.trim() };
}

function folders() {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-disk-'));
  for (const sub of ['in', 'out', 'db']) mkdirSync(join(dir, sub));
  copyFileSync(corpusPath('lushi-defense-2023.txt'), join(dir, 'in', 'a.txt'));
  return { dir, input: join(dir, 'in'), out: join(dir, 'out'), db: join(dir, 'db') };
}

describe.skipIf(!existsSync('/dev/full'))('a full disk', () => {
  it.each(['reports.csv', 'cells.parquet'])(
    'while exporting %s: names the file, exit 1; with room again the run completes',
    (file) => {
      const { input, out } = folders();
      symlinkSync('/dev/full', join(out, file));
      const full = extract(input, out);
      expect(full.code).toBe(1);
      expect(full.stderr).toBe(`xxgk: cannot write ${join(out, file)}: 磁盘已满（the disk is full）`);
      rmSync(join(out, file));
      expect(extract(input, out).code).toBe(0);
      expect(readFileSync(join(out, 'reports.csv'), 'utf8')).toContain('a.txt');
    },
  );
});

describe('a store that cannot be written while reading', () => {
  it('names the store, exit 1, and keeps what it recorded', () => {
    const { dir, input, out, db } = folders();
    chmodSync(dir, 0o777);
    for (const sub of [input, out, db]) chmodSync(sub, 0o777);
    const store = join(db, 'x.db');
    expect(extract(input, out, ['--db', store], ORDINARY_USER).code).toBe(0);
    copyFileSync(corpusPath('pingtan-2019.html'), join(input, 'b.html'));
    chmodSync(store, 0o444);
    const refused = extract(input, out, ['--db', store], ORDINARY_USER);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`xxgk: cannot write ${store}: 文件只读，无法写入（the file is read-only）`);
    const kept = new Database(store, { readonly: true });
    expect(kept.prepare('SELECT name FROM files').pluck().all()).toEqual(['a.txt']);
    kept.close();
  });
});
