import Database from 'better-sqlite3';
import { bothLanguages } from '../core/i18n/lang.js';

/**
 * Which files a run started reading and which results depend on the run rather than on the bytes.
 *
 * A file is marked as started (committed) before a worker reads it and unmarked once its result is recorded, so a
 * mark left over means the process died while reading it — a native crash, the machine's OOM killer, or kill -9.
 * Those files, and those whose result says a worker crashed, are read by the next run in a child process of their
 * own (`isolated.ts`): a poison file is then recorded as `failed: crashed` instead of taking the batch down again,
 * and a file that was only in flight at a kill -9 is read as usual (outputs identical to an uninterrupted run).
 *
 * Kept in a table of its own in the store's file (its own connection): an older xxgk ignores it.
 */

const SCHEMA = `CREATE TABLE IF NOT EXISTS attempts (
  content_key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  started_at TEXT NOT NULL
)`;

/** Failure reasons that depend on the run (its limits, its machine), not on the file: the next run reads the file again. */
const RUN_DEPENDENT = /^(timeout|max_memory|crashed):/;

/** The reason recorded for a file whose reader took its process down. */
export function crashedReason(how: string): string {
  return `crashed: ${bothLanguages({ zh: `读取此文件时进程崩溃（${how}）`, en: `the process reading this file died (${how})` })}`;
}

export class Attempts {
  private readonly db: Database.Database;
  private readonly statements;
  /** Files left marked by an earlier run that died: read apart this run. */
  private readonly leftOver: Set<string>;

  constructor(dbPath: string) {
    this.db = new Database(dbPath);
    this.db.pragma('busy_timeout = 60000');
    this.db.exec(SCHEMA);
    this.leftOver = new Set(this.db.prepare('SELECT content_key FROM attempts').pluck().all() as string[]);
    this.statements = {
      start: this.db.prepare(
        `INSERT INTO attempts (content_key, name, started_at) VALUES (?, ?, ?)
         ON CONFLICT(content_key) DO UPDATE SET name = excluded.name, started_at = excluded.started_at`,
      ),
      finish: this.db.prepare('DELETE FROM attempts WHERE content_key = ?'),
      result: this.db.prepare('SELECT status, reason FROM contents WHERE content_key = ?'),
    };
  }

  /** Mark the content as being read; committed at once, so that it outlives a crash of this process. */
  start(contentKey: string, name: string): void {
    this.statements.start.run(contentKey, name, new Date().toISOString());
  }

  finish(contentKey: string): void {
    this.statements.finish.run(contentKey);
    this.leftOver.delete(contentKey);
  }

  /** Whether a content already recorded must be read again: its result depends on the run, or a run died reading it. */
  retry(contentKey: string): boolean {
    if (this.leftOver.has(contentKey)) return true;
    const row = this.statements.result.get(contentKey) as { status: string; reason: string | null } | undefined;
    return row?.status === 'failed' && RUN_DEPENDENT.test(row.reason ?? '');
  }

  /** Whether the content must be read in a process of its own: a run died reading it, or a worker crashed on it. */
  suspect(contentKey: string): boolean {
    if (this.leftOver.has(contentKey)) return true;
    const row = this.statements.result.get(contentKey) as { status: string; reason: string | null } | undefined;
    return row?.status === 'failed' && (row.reason ?? '').startsWith('crashed:');
  }

  close(): void {
    this.db.close();
  }
}
