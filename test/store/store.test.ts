import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { versionOneStore } from '../fixtures/version-one-store.js';
import { mixedReportFolder, projectRoot } from '../helpers.js';

const CLI = join(projectRoot, 'dist/src/cli.js');
const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `xxgk-${prefix}-`));

function xxgk(...args: string[]) {
  return spawnSync(process.execPath, [CLI, 'extract', ...args, '--quiet'], { encoding: 'utf8' });
}

/** Every output file but the store, as bytes, by its path in the output folder. */
function outputs(out: string): Record<string, Buffer> {
  return Object.fromEntries(
    readdirSync(out, { recursive: true, encoding: 'utf8' })
      .filter((f) => !f.startsWith('xxgk.db') && statSync(join(out, f)).isFile())
      .map((f) => [f, readFileSync(join(out, f))]),
  );
}

describe('the store', () => {
  it('migrates a store written by the first version when opened: nothing is read again, the outputs are the same', async () => {
    const dir = mixedReportFolder();
    const fresh = temp('fresh');
    expect(xxgk(dir, '--out', fresh).status).toBe(0);

    const migrated = temp('migrated');
    await versionOneStore(dir, join(migrated, 'xxgk.db'));
    const run = xxgk(dir, '--out', migrated);
    expect(run.stderr).toBe('');
    expect(outputs(migrated)).toEqual(outputs(fresh));
    const db = new Database(join(migrated, 'xxgk.db'), { readonly: true });
    expect(db.prepare('SELECT DISTINCT ingested_at FROM files').pluck().all()).toEqual(['version 1']);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name IN ('reports', 'findings') OR name LIKE 'v1_%'").all(),
    ).toEqual([]);
    db.close();
  });

  it('refuses a store written by a later version, saying so, without touching it', () => {
    const out = temp('later');
    const db = new Database(join(out, 'xxgk.db'));
    db.pragma('user_version = 99');
    db.close();
    const run = xxgk(mixedReportFolder(), '--out', out);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /xxgk\.db was written by a later version of xxgk \(store version 99; this one reads 2\)/,
    );
  });
});
