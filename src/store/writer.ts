import type Database from 'better-sqlite3';
import type { Cell, Report } from '../core/model/report.js';
import { MONEY_COLUMNS } from '../core/template/template.js';
import { agencyKey } from '../core/text/agency.js';
import { packCells, packDocument } from './codec.js';

/**
 * Writes contents and their cells. Template keys and labels are interned in dictionaries; ids this connection
 * added are trusted only once their transaction committed (a rolled-back id may be taken by another writer).
 */
export class ContentWriter {
  private readonly keyIds = new Map<string, number>();
  private readonly labelIds = new Map<string, number>();
  private readonly pending = { keys: new Map<string, number>(), labels: new Map<string, number>() };
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      upsertContent: db.prepare(
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
      wholeCounts: report.cells.every(
        (c) => MONEY_COLUMNS.has(c.column) || c.value === null || Number.isInteger(c.value),
      )
        ? 1
        : 0,
      cells: packCells(
        report.cells,
        (cell) => this.keyIdOf(cell),
        (label) => this.labelIdOf(label),
      ),
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
    const id =
      (s.keyId.get(cell.table, cell.row, cell.column) as number | undefined) ??
      Number(s.insertKey.run(cell.table, cell.row, cell.column).lastInsertRowid);
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
