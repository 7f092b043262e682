import Database from 'better-sqlite3';
import { cellRows, findingRows } from '../export/csv.js';
import type { Report } from '../model/report.js';

/**
 * The ingest database (SQLite, one file): what each input file is (name, size, content hash) and what its content
 * yielded (report, cells with provenance, findings). One transaction per file, in WAL mode, so a run killed at any
 * moment keeps every file it finished and a rerun picks up the rest. Results are keyed by content, so a file seen
 * before under any name is not parsed again.
 */

export interface FileRecord {
  name: string;
  path: string;
  size: number;
  mtimeMs: number;
  contentKey: string;
  ms: number;
}

export interface ReportSummary {
  name: string;
  /** Absolute path when the file was ingested. */
  path: string;
  contentKey: string;
  status: Report['status'];
  agency: string | null;
  year: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS files (
  name TEXT PRIMARY KEY,      -- path relative to the folder given (reports.csv 'file')
  path TEXT NOT NULL,         -- absolute path when ingested
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  content_key TEXT NOT NULL,  -- sha256 of the bytes + the file extension (the reader takes it as a hint)
  ms REAL NOT NULL,           -- time spent reading this file, in milliseconds
  ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reports (
  content_key TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  reader TEXT,
  reason TEXT,
  format_version TEXT,
  agency TEXT,
  year INTEGER,
  report TEXT NOT NULL        -- the whole report as JSON
);
CREATE TABLE IF NOT EXISTS cells (
  content_key TEXT NOT NULL, "table" TEXT NOT NULL, "row" TEXT NOT NULL, "column" TEXT NOT NULL,
  value REAL, raw TEXT, kind TEXT, note TEXT, label TEXT, page INTEGER,
  source_table INTEGER, source_row INTEGER, source_col INTEGER, box TEXT, ocr_confidence REAL, picture TEXT
);
CREATE INDEX IF NOT EXISTS cells_by_content ON cells (content_key);
CREATE TABLE IF NOT EXISTS findings (
  content_key TEXT NOT NULL, rule TEXT NOT NULL, scope TEXT NOT NULL, severity TEXT NOT NULL,
  expected REAL, actual REAL, message TEXT, cells TEXT
);
CREATE INDEX IF NOT EXISTS findings_by_content ON findings (content_key);
`;

export class Store {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // The main thread and the workers each hold a connection; a writer waits for another's transaction to end.
    this.db.pragma('busy_timeout = 60000');
    this.db.exec(SCHEMA);
    this.statements = {
      file: this.db.prepare('SELECT name, path, size, mtime_ms AS mtimeMs, content_key AS contentKey, ms FROM files WHERE name = ?'),
      hasContent: this.db.prepare('SELECT 1 FROM reports WHERE content_key = ?'),
      upsertFile: this.db.prepare(
        `INSERT INTO files (name, path, size, mtime_ms, content_key, ms, ingested_at) VALUES (@name, @path, @size, @mtimeMs, @contentKey, @ms, @ingestedAt)
         ON CONFLICT(name) DO UPDATE SET path = excluded.path, size = excluded.size, mtime_ms = excluded.mtime_ms,
           content_key = excluded.content_key, ms = excluded.ms, ingested_at = excluded.ingested_at`,
      ),
      deleteCells: this.db.prepare('DELETE FROM cells WHERE content_key = ?'),
      deleteFindings: this.db.prepare('DELETE FROM findings WHERE content_key = ?'),
      insertReport: this.db.prepare(
        `INSERT OR REPLACE INTO reports (content_key, status, reader, reason, format_version, agency, year, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertCell: this.db.prepare('INSERT INTO cells VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      insertFinding: this.db.prepare('INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      report: this.db.prepare('SELECT report FROM reports WHERE content_key = ?'),
      cellValues: this.db.prepare('SELECT "table", "row", "column", value FROM cells WHERE content_key = ?'),
      summary: this.db.prepare(
        'SELECT f.name, f.path, f.content_key AS contentKey, r.status, r.agency, r.year FROM files f JOIN reports r ON r.content_key = f.content_key WHERE f.name = ?',
      ),
    };
  }

  /** The file as last ingested, if its size and modification time are unchanged (no need to hash it again). */
  unchangedFile(name: string, size: number, mtimeMs: number): FileRecord | undefined {
    const row = this.statements.file.get(name) as FileRecord | undefined;
    return row && row.size === size && row.mtimeMs === mtimeMs && this.hasContent(row.contentKey) ? row : undefined;
  }

  hasContent(contentKey: string): boolean {
    return this.statements.hasContent.get(contentKey) !== undefined;
  }

  /** Record a file whose content is already ingested. */
  recordFile(file: FileRecord): void {
    this.statements.upsertFile.run({ ...file, ingestedAt: new Date().toISOString() });
  }

  /** Record a file and what its content yielded, in one transaction. */
  recordReport(file: FileRecord, report: Report): void {
    const key = file.contentKey;
    const s = this.statements;
    this.db.transaction(() => {
      s.deleteCells.run(key);
      s.deleteFindings.run(key);
      s.insertReport.run(key, report.status, report.reader, report.reason ?? null, report.formatVersion, report.agency, report.year, JSON.stringify(report));
      for (const row of cellRows(report)) s.insertCell.run(key, ...row.slice(1).map(sqlValue));
      for (const row of findingRows(report)) s.insertFinding.run(key, ...row.slice(1).map(sqlValue));
      this.recordFile(file);
    })();
  }

  /** The report of a content, filed under a file name (validated when it was recorded). */
  report(contentKey: string, name: string): Report {
    const row = this.statements.report.get(contentKey) as { report: string };
    return { ...(JSON.parse(row.report) as Report), file: name };
  }

  /** A content's cells as `table:row:column` → value. */
  cellValues(contentKey: string): Map<string, number | null> {
    const rows = this.statements.cellValues.all(contentKey) as { table: string; row: string; column: string; value: number | null }[];
    return new Map(rows.map((r) => [`${r.table}:${r.row}:${r.column}`, r.value]));
  }

  summaries(names: string[]): ReportSummary[] {
    return names.flatMap((name) => {
      const row = this.statements.summary.get(name) as ReportSummary | undefined;
      return row ? [row] : [];
    });
  }

  close(): void {
    this.db.close();
  }
}

function sqlValue(value: unknown): string | number | null {
  if (value === undefined || value === null || value === '') return null;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: equivalent, SQLite's column affinity stores a number written as text in a REAL or INTEGER column as that number
  return typeof value === 'number' ? value : String(value);
}
