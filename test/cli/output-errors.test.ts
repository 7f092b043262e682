import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, projectRoot } from '../helpers.js';

/** An output that cannot be written ends the run with one line a person can act on: which path, and why. */

function extract(...args: string[]) {
  return run(args, {});
}

function run(args: string[], as: { uid?: number; gid?: number }) {
  const child = spawnSync(
    process.execPath,
    [join(projectRoot, 'dist/src/cli.js'), 'extract', corpusPath('lushi-defense-2023.txt'), ...args, '--quiet'],
    { encoding: 'utf8', ...as },
  );
  return { code: child.status, stderr: child.stderr, stdout: child.stdout };
}

/** Permissions do not stop the superuser: run as `nobody` then. */
const ORDINARY_USER = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

const temp = () => mkdtempSync(join(tmpdir(), 'xxgk-out-'));

/** Exactly one line on stderr, no stack trace. */
function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  return lines[0]!;
}

describe('an output folder that cannot be written', () => {
  it('is a file: says which, exit 1', () => {
    const dir = temp();
    writeFileSync(join(dir, 'out'), 'not a folder');
    const run = extract('--out', join(dir, 'out'));
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toBe(
      `xxgk: cannot create the output folder ${join(dir, 'out')}: a file is in the way (${join(dir, 'out')})`,
    );
  });

  it('lies under a file: names the file in the way', () => {
    const dir = temp();
    writeFileSync(join(dir, 'results'), '');
    const run = extract('--out', join(dir, 'results', '2024'));
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toBe(
      `xxgk: cannot create the output folder ${join(dir, 'results', '2024')}: a file is in the way (${join(dir, 'results')})`,
    );
  });

  it('holds a folder where an output file goes: names the file', () => {
    const dir = temp();
    mkdirSync(join(dir, 'reports.csv'));
    const run = extract('--out', dir);
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toBe(
      `xxgk: cannot write ${join(dir, 'reports.csv')}: 有文件夹挡在那里（a folder is in the way）`,
    );
  });

  it("holds a file where the audit view's folder goes (the view is written by a worker thread): names it", () => {
    const dir = temp();
    writeFileSync(join(dir, 'view'), '');
    const run = extract('--out', dir);
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toBe(
      `xxgk: cannot write ${join(dir, 'view', 'reports')}: a file is in the way (${join(dir, 'view')})`,
    );
  });

  it('--db in a folder that cannot be created: says so before reading anything', () => {
    const dir = temp();
    writeFileSync(join(dir, 'file'), '');
    const run = extract('--out', join(dir, 'out'), '--db', join(dir, 'file', 'xxgk.db'));
    expect(run.code).toBe(1);
    expect(oneLine(run.stderr)).toBe(
      `xxgk: cannot create the database folder ${join(dir, 'file')}: a file is in the way (${join(dir, 'file')})`,
    );
  });

  it('is not writable: permission denied', () => {
    const dir = temp();
    chmodSync(dir, 0o555);
    const denied = run(['--out', join(dir, 'out')], ORDINARY_USER);
    expect(denied.code).toBe(1);
    expect(oneLine(denied.stderr)).toBe(
      `xxgk: cannot create the output folder ${join(dir, 'out')}: 没有写入权限（permission denied）`,
    );
    // The folder exists but files cannot be created in it.
    const existing = run(['--out', dir], ORDINARY_USER);
    expect(existing.code).toBe(1);
    expect(oneLine(existing.stderr)).toBe(
      `xxgk: cannot write in the output folder ${dir}: 没有写入权限（permission denied）`,
    );
  });
});
