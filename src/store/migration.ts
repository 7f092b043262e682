import type Database from 'better-sqlite3';
import type { Report } from '../core/model/report.js';
import { SCHEMA, SCHEMA_VERSION, VERSION_1_TABLES } from './schema.js';
import { ContentWriter } from './writer.js';

/**
 * The store's schema over its versions: a store written by a later version is refused untouched, a new store gets
 * the schema, and a store written by the first version is converted in place the first time it is opened (nothing
 * is read again: its reports are re-encoded).
 */

/** Thrown when the store was written by a later version of xxgk: its format may hold what this one cannot read. */
export class StoreVersionError extends Error {}

export function refuseLaterVersion(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new StoreVersionError(
      `${db.name} was written by a later version of xxgk (store version ${version}; this one reads ${SCHEMA_VERSION}): use that version, or another --db`,
    );
  }
}

/** Create the tables, or migrate a version-1 store. */
export function openSchema(db: Database.Database): void {
  // Stryker disable next-line ConditionalExpression,ObjectLiteral,BooleanLiteral: equivalent, the schema is created only where missing (IF NOT EXISTS)
  if (db.pragma('user_version', { simple: true }) === SCHEMA_VERSION) return;
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  db.transaction(() => {
    if (tables.has('reports')) migrateVersion1(db);
    else db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, VACUUM only gives the dropped tables' pages back to the file system
  if (tables.has('reports')) db.exec('VACUUM');
}

/**
 * A version-1 store kept every report's whole JSON: each is recorded again in the version-2 tables (cells and
 * findings come from that JSON, so nothing is read again), then the old tables are dropped.
 */
function migrateVersion1(db: Database.Database): void {
  for (const table of VERSION_1_TABLES) db.exec(`ALTER TABLE "${table}" RENAME TO "v1_${table}"`);
  // Stryker disable next-line StringLiteral: equivalent, the indexes go with their tables when these are dropped below
  db.exec('DROP INDEX IF EXISTS cells_by_content; DROP INDEX IF EXISTS findings_by_content');
  db.exec(SCHEMA);
  const writer = new ContentWriter(db);
  const page = db.prepare(
    'SELECT rowid, content_key AS contentKey, report FROM v1_reports WHERE rowid > ? ORDER BY rowid LIMIT 500',
  );
  for (let after = 0; ; ) {
    const rows = page.all(after) as { rowid: number; contentKey: string; report: string }[];
    if (rows.length === 0) break;
    for (const row of rows) writer.write(row.contentKey, JSON.parse(row.report) as Report);
    after = rows.at(-1)!.rowid;
  }
  db.exec(`INSERT INTO files (name, path, size, mtime_ms, content_id, ms, ingested_at)
           SELECT f.name, f.path, f.size, f.mtime_ms, c.id, f.ms, f.ingested_at FROM v1_files f JOIN contents c ON c.content_key = f.content_key`);
  for (const table of VERSION_1_TABLES) db.exec(`DROP TABLE "v1_${table}"`);
}
