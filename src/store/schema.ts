/**
 * The store's tables, versioned with SQLite's `user_version`. Version 1 was the first store (every report's whole
 * JSON, then every cell again as a row of text, ~100 KB a report); version 2 keeps each thing once (~3 KB a report):
 *
 * - `files`: every input file by name, pointing at the content its bytes hash to.
 * - `contents`: one row per content read — the columns reports are searched by (status, agency and its normalised
 *   key, year, indexed for the rules across files), its cells and the rest of the report as two Brotli-compressed
 *   JSON documents (`compact.ts`).
 * - `cell_keys`, `labels`: the dictionaries the cells point into (template keys, printed row labels).
 * - `run_files`: the files of the last run, in the order the outputs list them.
 *
 * A version-1 store is migrated when it is opened (each report's JSON is split into these tables); a store written by
 * a later version is refused with a message.
 */

export const SCHEMA_VERSION = 2;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS files (
  name TEXT PRIMARY KEY,        -- path relative to the folder given (reports.csv 'file')
  path TEXT NOT NULL,           -- absolute path when ingested
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  content_id INTEGER NOT NULL,  -- contents.id
  ms REAL NOT NULL,             -- time spent reading this file, in milliseconds
  ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS contents (
  id INTEGER PRIMARY KEY,
  content_key TEXT NOT NULL UNIQUE, -- sha256 of the bytes + the file extension (the reader takes it as a hint)
  status TEXT NOT NULL,
  reason TEXT,
  reader TEXT,
  format_version TEXT,
  agency TEXT,
  agency_key TEXT,              -- the agency however its name is printed (src/core/text/agency.ts); null without agency or year
  year INTEGER,
  whole_counts INTEGER NOT NULL, -- 1 when every count cell (all but the 万元 columns) holds a whole number
  cells BLOB NOT NULL,          -- Brotli-compressed JSON, one array per cell property (compact.ts)
  document BLOB NOT NULL        -- Brotli-compressed JSON: title, encoding, pages, sections, tables, findings, messages
);
CREATE INDEX IF NOT EXISTS contents_by_agency_year ON contents (agency_key, year) WHERE agency_key IS NOT NULL;
CREATE TABLE IF NOT EXISTS cell_keys (
  id INTEGER PRIMARY KEY,
  "table" TEXT NOT NULL, "row" TEXT NOT NULL, "column" TEXT NOT NULL,
  UNIQUE ("table", "row", "column")
);
CREATE TABLE IF NOT EXISTS labels (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS run_files (
  ord INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);
`;

/** Tables of a version-1 store, renamed while it is migrated. */
export const VERSION_1_TABLES = ['files', 'reports', 'cells', 'findings'] as const;
