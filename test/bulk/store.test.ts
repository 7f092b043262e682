import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cellRows, findingRows } from '../../src/export/csv.js';
import { extractReport } from '../../src/pipeline.js';
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

/** The store as the first version of xxgk wrote it: each report's whole JSON, its cells and findings again as text. */
async function versionOneStore(dir: string, path: string): Promise<void> {
  const db = new Database(path);
  db.exec(`
    CREATE TABLE files (name TEXT PRIMARY KEY, path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ms REAL NOT NULL, content_key TEXT NOT NULL, ms REAL NOT NULL, ingested_at TEXT NOT NULL);
    CREATE TABLE reports (content_key TEXT PRIMARY KEY, status TEXT NOT NULL, reader TEXT, reason TEXT, format_version TEXT, agency TEXT, year INTEGER, report TEXT NOT NULL);
    CREATE TABLE cells (content_key TEXT NOT NULL, "table" TEXT NOT NULL, "row" TEXT NOT NULL, "column" TEXT NOT NULL, value REAL, raw TEXT, kind TEXT, note TEXT, label TEXT, page INTEGER,
      source_table INTEGER, source_row INTEGER, source_col INTEGER, box TEXT, ocr_confidence REAL, picture TEXT);
    CREATE INDEX cells_by_content ON cells (content_key);
    CREATE TABLE findings (content_key TEXT NOT NULL, rule TEXT NOT NULL, scope TEXT NOT NULL, severity TEXT NOT NULL, expected REAL, actual REAL, message TEXT, cells TEXT);
    CREATE INDEX findings_by_content ON findings (content_key);
  `);
  const sql = (v: unknown) => (v === undefined || v === null || v === '' ? null : typeof v === 'number' ? v : String(v));
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const bytes = readFileSync(path);
    const key = `${createHash('sha256').update(bytes).digest('hex')}${extname(name)}`;
    const report = await extractReport(path, { name });
    const info = statSync(path);
    db.prepare('INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)').run(name, path, info.size, info.mtimeMs, key, 1, 'version 1');
    db.prepare('INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(key, report.status, report.reader, report.reason ?? null, report.formatVersion, report.agency, report.year, JSON.stringify(report));
    for (const row of cellRows(report)) db.prepare('INSERT INTO cells VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(key, ...row.slice(1).map(sql));
    for (const row of findingRows(report)) db.prepare('INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(key, ...row.slice(1).map(sql));
  }
  db.close();
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
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('reports', 'findings') OR name LIKE 'v1_%'").all()).toEqual([]);
    db.close();
  });

  it('refuses a store written by a later version, saying so, without touching it', () => {
    const out = temp('later');
    const db = new Database(join(out, 'xxgk.db'));
    db.pragma('user_version = 99');
    db.close();
    const run = xxgk(mixedReportFolder(), '--out', out);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/xxgk\.db was written by a later version of xxgk \(store version 99; this one reads 2\)/);
  });
});
