import Database from 'better-sqlite3';
import { cellRef, type Cell, type Report } from '../core/model/report.js';
import { MONEY_COLUMNS } from '../core/template/template.js';
import { agencyKey } from '../core/text/agency.js';
import { packCells, packDocument, unpackCells, unpackReport, unpackValues, type CellKey, type ReportColumns } from './codec.js';
import { SCHEMA, SCHEMA_VERSION, VERSION_1_TABLES } from './schema.js';

/**
 * The ingest database (SQLite, one file): what each input file is (name, size, content hash) and what its content
 * yielded, each kept once (`schema.ts`). One transaction per file, in WAL mode, so a run killed at any moment keeps
 * every file it finished and a rerun picks up the rest. Results are keyed by content, so a file seen before under
 * any name is not read again. Reading a report back costs the same however many the store holds: every lookup goes
 * through an index, and the outputs are streamed from it one report at a time.
 */

export interface FileRecord {
  name: string;
  path: string;
  size: number;
  mtimeMs: number;
  contentKey: string;
  ms: number;
}

/** A report of the last run, as the outputs need it. */
export interface RunReport {
  /** Position of the file in the run (the outputs' order). */
  ord: number;
  name: string;
  /** Absolute path when the file was ingested. */
  path: string;
  /** What its content is known by (`FileRecord.contentKey`). */
  contentKey: string;
  report: Report;
}

/** A file of the last run whose report names an agency and a year: what the rules across files group by. */
export interface RunCopy {
  ord: number;
  name: string;
  contentId: number;
  agency: string;
  agencyKey: string;
  year: number;
}

export class StoreVersionError extends Error {}


interface ContentRow extends ReportColumns {
  cells: Uint8Array;
  document: Uint8Array;
}

export class Store {
  private readonly db: Database.Database;
  private readonly writer: ContentWriter;
  private readonly statements;
  private readonly keysById = new Map<number, CellKey>();
  private readonly labelsById = new Map<number, string>();
  private readonly refsById = new Map<number, string>();
  /** Connections reading the findings across files (closed when their file is deleted, or with the store). */

  constructor(readonly path: string) {
    this.db = new Database(path);
    // The main thread and the workers each hold a connection; a writer waits for another's transaction to end.
    this.db.pragma('busy_timeout = 60000');
    refuseLaterVersion(this.db);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    openSchema(this.db);
    this.writer = new ContentWriter(this.db);
    this.statements = {
      file: this.db.prepare(
        'SELECT f.name, f.path, f.size, f.mtime_ms AS mtimeMs, c.content_key AS contentKey, f.ms FROM files f JOIN contents c ON c.id = f.content_id WHERE f.name = ?',
      ),
      contentId: this.db.prepare('SELECT id FROM contents WHERE content_key = ?').pluck(),
      upsertFile: this.db.prepare(
        `INSERT INTO files (name, path, size, mtime_ms, content_id, ms, ingested_at)
         SELECT @name, @path, @size, @mtimeMs, id, @ms, @ingestedAt FROM contents WHERE content_key = @contentKey
         ON CONFLICT(name) DO UPDATE SET path = excluded.path, size = excluded.size, mtime_ms = excluded.mtime_ms,
           content_id = excluded.content_id, ms = excluded.ms, ingested_at = excluded.ingested_at`,
      ),
      key: this.db.prepare('SELECT "table", "row", "column" FROM cell_keys WHERE id = ?'),
      label: this.db.prepare('SELECT label FROM labels WHERE id = ?').pluck(),
      cells: this.db.prepare('SELECT cells FROM contents WHERE id = ?').pluck(),
    };
  }

  /** The file as last ingested, if its size and modification time are unchanged (no need to hash it again). */
  unchangedFile(name: string, size: number, mtimeMs: number): FileRecord | undefined {
    const row = this.statements.file.get(name) as FileRecord | undefined;
    return row && row.size === size && row.mtimeMs === mtimeMs ? row : undefined;
  }

  hasContent(contentKey: string): boolean {
    return this.statements.contentId.get(contentKey) !== undefined;
  }

  /** Record a file whose content is already ingested. */
  recordFile(file: FileRecord): void {
    this.statements.upsertFile.run({ ...file, ingestedAt: new Date().toISOString() });
  }

  /** Record a file and what its content yielded, in one transaction. */
  recordReport(file: FileRecord, report: Report): void {
    try {
      this.db
        .transaction(() => {
          this.writer.write(file.contentKey, report);
          this.recordFile(file);
        })
        .immediate();
      this.writer.committed();
    } catch (error) {
      this.writer.rolledBack();
      throw error;
    }
  }

  private cellKey(id: number): CellKey {
    let key = this.keysById.get(id);
    // Stryker disable next-line ConditionalExpression: equivalent, a cache: without it the same key is read again
    if (!key) {
      key = this.statements.key.get(id) as CellKey;
      this.keysById.set(id, key);
    }
    return key;
  }

  private labelOf(id: number): string {
    let label = this.labelsById.get(id);
    // Stryker disable next-line ConditionalExpression: equivalent, a cache: without it the same label is read again
    if (label === undefined) {
      label = this.statements.label.get(id) as string;
      this.labelsById.set(id, label);
    }
    return label;
  }

  /** A content's cells as `table:row:column` → value (a key printed twice: the later cell). */
  cellValues(contentId: number): Map<string, number | null> {
    const { key, value } = unpackValues(this.statements.cells.get(contentId) as Uint8Array);
    const values = new Map<string, number | null>();
    key.forEach((id, i) => values.set(this.refOf(id), value[i]!));
    return values;
  }

  /** A cell key as `table:row:column`, written once per key (the rules across files look up millions). */
  private refOf(id: number): string {
    let ref = this.refsById.get(id);
    // Stryker disable next-line ConditionalExpression: equivalent, a cache: without it the same text is written again
    if (ref === undefined) {
      const k = this.cellKey(id);
      this.refsById.set(id, (ref = cellRef(k)));
    }
    return ref;
  }

  /** Remember the files of this run, in the order the outputs list them. */
  setRunFiles(names: string[]): void {
    const insert = this.db.prepare('INSERT INTO run_files (ord, name) VALUES (?, ?)');
    this.db.transaction(() => {
      this.db.exec('DELETE FROM run_files');
      names.forEach((name, ord) => insert.run(ord, name));
    })();
  }

  /** Whether every count cell of the run's reports holds a whole number (then counts are typed as integers). */
  runCountsAreWhole(): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM run_files r JOIN files f ON f.name = r.name JOIN contents c ON c.id = f.content_id WHERE c.whole_counts = 0 LIMIT 1')
        .get() === undefined
    );
  }

  /**
   * The run's files whose reports name an agency and a year, ordered by agency key and year (so one agency's years
   * follow each other), streamed from a second connection: the caller may write while it reads.
   */
  *runCopies(): Generator<RunCopy> {
    const reader = this.readConnection();
    try {
      yield* reader
        .prepare(
          `SELECT r.ord, r.name, c.id AS contentId, c.agency, c.agency_key AS agencyKey, c.year FROM run_files r
           JOIN files f ON f.name = r.name JOIN contents c ON c.id = f.content_id
           WHERE c.agency_key IS NOT NULL ORDER BY c.agency_key, c.year`,
        )
        .iterate() as Generator<RunCopy>;
      // Stryker disable next-line BlockStatement: equivalent, an unclosed reading connection is closed with the process
    } finally {
      reader.close();
    }
  }

  /** The run's reports in the run's order, whole (cells with provenance, findings, messages), one at a time. */
  *runReports(): Generator<RunReport> {
    const reader = this.readConnection();
    try {
      const rows = reader
        .prepare(
          `SELECT r.ord, r.name, f.path, c.content_key AS contentKey, c.status, c.reason, c.reader, c.format_version AS formatVersion, c.agency, c.year, c.cells, c.document
           FROM run_files r JOIN files f ON f.name = r.name JOIN contents c ON c.id = f.content_id ORDER BY r.ord`,
        )
        .iterate() as Iterable<ContentRow & { ord: number; name: string; path: string; contentKey: string }>;
      for (const row of rows) {
        const cells = unpackCells(row.cells, (id) => this.cellKey(id), (id) => this.labelOf(id));
        yield { ord: row.ord, name: row.name, path: row.path, contentKey: row.contentKey, report: unpackReport(row.name, row, row.document, cells) };
      }
    } finally {
      reader.close();
    }
  }

  private readConnection(): Database.Database {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent, this store's own connection created the file
    const reader = new Database(this.path, { fileMustExist: true });
    reader.pragma('busy_timeout = 60000');
    return reader;
  }

  close(): void {
    this.db.close();
  }
}

function refuseLaterVersion(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new StoreVersionError(`${db.name} was written by a later version of xxgk (store version ${version}; this one reads ${SCHEMA_VERSION}): use that version, or another --db`);
  }
}

/** Create the tables, or migrate a version-1 store. */
function openSchema(db: Database.Database): void {
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
  const page = db.prepare('SELECT rowid, content_key AS contentKey, report FROM v1_reports WHERE rowid > ? ORDER BY rowid LIMIT 500');
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

/**
 * Writes contents and their cells. Template keys and labels are interned in dictionaries; ids this connection
 * added are trusted only once their transaction committed (a rolled-back id may be taken by another writer).
 */
class ContentWriter {
  private readonly keyIds = new Map<string, number>();
  private readonly labelIds = new Map<string, number>();
  private readonly pending = { keys: new Map<string, number>(), labels: new Map<string, number>() };
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      upsertContent: db
        .prepare(
          `INSERT INTO contents (content_key, status, reason, reader, format_version, agency, agency_key, year, whole_counts, cells, document)
           VALUES (@contentKey, @status, @reason, @reader, @formatVersion, @agency, @agencyKey, @year, @wholeCounts, @cells, @document)
           ON CONFLICT(content_key) DO UPDATE SET status = excluded.status, reason = excluded.reason, reader = excluded.reader,
             format_version = excluded.format_version, agency = excluded.agency, agency_key = excluded.agency_key, year = excluded.year,
             whole_counts = excluded.whole_counts, cells = excluded.cells, document = excluded.document`,
        ),
      keyId: db.prepare('SELECT id FROM cell_keys WHERE "table" = ? AND "row" = ? AND "column" = ?').pluck(),
      insertKey: db.prepare('INSERT INTO cell_keys ("table", "row", "column") VALUES (?, ?, ?)'),
      labelId: db.prepare('SELECT id FROM labels WHERE label = ?').pluck(),
      insertLabel: db.prepare('INSERT INTO labels (label) VALUES (?)'),
    };
  }

  /** Inside a transaction: the content's report (replacing what the content had). */
  write(contentKey: string, report: Report): void {
    this.statements.upsertContent.run({
      contentKey,
      status: report.status,
      reason: report.reason ?? null,
      reader: report.reader,
      formatVersion: report.formatVersion,
      agency: report.agency,
      agencyKey: report.agency && report.year ? agencyKey(report.agency) : null,
      year: report.year,
      wholeCounts: report.cells.every((c) => MONEY_COLUMNS.has(c.column) || c.value === null || Number.isInteger(c.value)) ? 1 : 0,
      cells: packCells(report.cells, (cell) => this.keyIdOf(cell), (label) => this.labelIdOf(label)),
      document: packDocument(report),
    });
  }

  // Stryker disable next-line BlockStatement: equivalent, ids left pending are looked up in the database again once cleared
  committed(): void {
    for (const [key, id] of this.pending.keys) this.keyIds.set(key, id);
    for (const [label, id] of this.pending.labels) this.labelIds.set(label, id);
    this.rolledBack();
  }

  rolledBack(): void {
    this.pending.keys.clear();
    this.pending.labels.clear();
  }

  private keyIdOf(cell: Cell): number {
    const key = `${cell.table}\u0000${cell.row}\u0000${cell.column}`;
    // Stryker disable next-line LogicalOperator: equivalent, a cache: an id it misses is looked up in the database
    const known = this.keyIds.get(key) ?? this.pending.keys.get(key);
    // Stryker disable next-line ConditionalExpression: equivalent, a cache: an id it misses is looked up in the database
    if (known !== undefined) return known;
    const s = this.statements;
    const id = (s.keyId.get(cell.table, cell.row, cell.column) as number | undefined) ?? Number(s.insertKey.run(cell.table, cell.row, cell.column).lastInsertRowid);
    this.pending.keys.set(key, id);
    return id;
  }

  private labelIdOf(label: string): number {
    // Stryker disable next-line LogicalOperator: equivalent, a cache: an id it misses is looked up in the database
    const known = this.labelIds.get(label) ?? this.pending.labels.get(label);
    // Stryker disable next-line ConditionalExpression: equivalent, a cache: an id it misses is looked up in the database
    if (known !== undefined) return known;
    const s = this.statements;
    const id = (s.labelId.get(label) as number | undefined) ?? Number(s.insertLabel.run(label).lastInsertRowid);
    this.pending.labels.set(label, id);
    return id;
  }
}
