import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Finding } from '../../core/model/report.js';

/**
 * The findings of the audit across files, kept between that stage and the export in a file of their own beside the
 * store (`<store>-across`), by the file's position in the run: the exporters of both export threads read them back
 * from their own connections, in file order, beside the reports; the store never keeps their pages (measured: the
 * store fell from 4.1 to 3.4 KB a report when they moved out of it). Deleted when the export ends.
 */
export class AcrossFindingsFile {
  private readonly readers: { close(): void }[] = [];

  constructor(private readonly storePath: string) {}

  get path(): string {
    return `${this.storePath}-across`;
  }

  /** Records the findings `record` adds (one transaction), replacing any left by an earlier run. */
  write(record: (add: (ord: number, finding: Finding) => void) => void): void {
    rmSync(this.path, { force: true });
    const db = new Database(this.path);
    try {
      db.exec('CREATE TABLE across_findings (ord INTEGER NOT NULL, finding TEXT NOT NULL)');
      const insert = db.prepare('INSERT INTO across_findings VALUES (?, ?)');
      db.transaction(() => record((ord, finding) => void insert.run(ord, JSON.stringify(finding))))();
      // Stryker disable next-line StringLiteral: equivalent, the index only makes the reading in file order faster
      db.exec('CREATE INDEX across_findings_by_ord ON across_findings (ord)');
    } finally {
      db.close();
    }
  }

  /** The findings of each file, for files asked in the run's order (as the store's `runReports` gives them). */
  reader(): (ord: number) => Finding[] {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent, guards against writes this code never makes
    const db = new Database(this.path, { readonly: true, fileMustExist: true });
    const rows = db
      .prepare('SELECT ord, finding FROM across_findings ORDER BY ord, rowid')
      .iterate() as IterableIterator<{
      ord: number;
      finding: string;
    }>;
    this.readers.push({
      close: () => {
        // Stryker disable next-line OptionalChaining: equivalent, better-sqlite3's iterators always have return()
        rows.return?.();
        db.close();
      },
    });
    const cursor = new OrdCursor(rows);
    return (ord) => cursor.take(ord).map((finding) => JSON.parse(finding) as Finding);
  }

  /** Closes this side's readers (the file stays for the other thread). */
  close(): void {
    for (const reader of this.readers.splice(0)) reader.close();
  }

  /** Closes the readers and deletes the file. */
  drop(): void {
    this.close();
    rmSync(this.path, { force: true });
  }
}

/** Rows in file order, handed out file by file as the files are asked in that order. */
class OrdCursor {
  private next: { ord: number; finding: string } | undefined;

  constructor(private readonly rows: Iterator<{ ord: number; finding: string }>) {
    this.next = this.read();
  }

  /** The findings of file `ord` (those of earlier files not asked for are passed over). */
  take(ord: number): string[] {
    const taken: string[] = [];
    while (this.next && this.next.ord <= ord) {
      if (this.next.ord === ord) taken.push(this.next.finding);
      this.next = this.read();
    }
    return taken;
  }

  private read(): { ord: number; finding: string } | undefined {
    const row = this.rows.next();
    return row.done ? undefined : row.value;
  }
}
