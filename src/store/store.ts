import Database from 'better-sqlite3';
import { cellRef, type Report } from '../core/model/report.js';
import { memoize } from '../core/text/memo.js';
import { unpackCells, unpackReport, unpackValues, type CellKey, type ReportColumns } from './codec.js';
import { openSchema, refuseLaterVersion } from './migration.js';
import { ContentWriter } from './writer.js';

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

interface ContentRow extends ReportColumns {
  cells: Uint8Array;
  document: Uint8Array;
}

export class Store {
  private readonly db: Database.Database;
  private readonly writer: ContentWriter;
  private readonly statements;
  /** The dictionaries' entries, read once each: a few thousand keys and labels recur across millions of cells. */
  private readonly cellKey = memoize((id: number) => this.statements.key.get(id) as CellKey);
  private readonly labelOf = memoize((id: number) => this.statements.label.get(id) as string);
  /** A cell key as `table:row:column`, written once per key (the rules across files look up millions). */
  private readonly refOf = memoize((id: number) => cellRef(this.cellKey(id)));

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

  /** A content's cells as `table:row:column` → value (a key printed twice: the later cell). */
  cellValues(contentId: number): Map<string, number | null> {
    const { key, value } = unpackValues(this.statements.cells.get(contentId) as Uint8Array);
    const values = new Map<string, number | null>();
    key.forEach((id, i) => values.set(this.refOf(id), value[i]!));
    return values;
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
        .prepare(
          'SELECT 1 FROM run_files r JOIN files f ON f.name = r.name JOIN contents c ON c.id = f.content_id WHERE c.whole_counts = 0 LIMIT 1',
        )
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

  /** The agencies the run's reports name, each once: the hints for placing any one of them (`batchPlaces`). */
  runAgencies(): string[] {
    return this.db
      .prepare(
        `SELECT DISTINCT c.agency FROM run_files r JOIN files f ON f.name = r.name JOIN contents c ON c.id = f.content_id
         WHERE c.agency IS NOT NULL ORDER BY c.agency`,
      )
      .pluck()
      .all() as string[];
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
        const cells = unpackCells(
          row.cells,
          (id) => this.cellKey(id),
          (id) => this.labelOf(id),
        );
        yield {
          ord: row.ord,
          name: row.name,
          path: row.path,
          contentKey: row.contentKey,
          report: unpackReport(row.name, row, row.document, cells),
        };
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
