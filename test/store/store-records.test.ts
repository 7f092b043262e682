import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreVersionError } from '../../src/store/migration.js';
import { Store, type FileRecord } from '../../src/store/store.js';
import type { Report } from '../../src/core/model/report.js';
import { extractReport } from '../../src/pipeline/extract.js';
import { agencyKey } from '../../src/core/text/agency.js';
import { versionOneStore } from '../fixtures/version-one-store.js';
import { mixedReportFolder } from '../helpers.js';
import { errorFinding, storedCell, storedReport } from '../fixtures/stored-report.js';

/** The ingest store on its own, in this process: what decides that a file need not be read again, and what is kept. */

const opened: Store[] = [];
function openStore(): { store: Store; path: string } {
  const path = join(mkdtempSync(join(tmpdir(), 'xxgk-store-')), 'xxgk.db');
  const store = new Store(path);
  opened.push(store);
  return { store, path };
}
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `xxgk-${prefix}-`));

/** A report as the store gives it back: boxes to the tenth of a point that cells.csv prints. */
const tenth = (report: Report): Report => ({
  ...report,
  cells: report.cells.map((c) =>
    c.source.box
      ? { ...c, source: { ...c.source, box: c.source.box.map((v) => Number(v.toFixed(1))) as typeof c.source.box } }
      : c,
  ),
});

/** Rows of a query, read with a connection of the test's own. */
function query(path: string, sql: string, ...params: unknown[]): Record<string, unknown>[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

const file = (name: string, contentKey: string, size = 1000, mtimeMs = 1_700_000_000_123.5): FileRecord => ({
  name,
  path: `/in/${name}`,
  size,
  mtimeMs,
  contentKey,
  ms: 12.5,
});

const balanced = () => storedReport('a.html', { cells: { 'requests:granted:total': 4, 'requests:total:total': 4 } });
const flagged = () =>
  storedReport('b.html', {
    status: 'flagged',
    agency: '乙局',
    year: 2022,
    cells: { 'requests:granted:total': 4, 'requests:total:total': 5, 'requests:total:natural_person': null },
    findings: [errorFinding('outcome_sum', 'total', 5, 4, ['requests:total:total', 'requests:granted:total'])],
  });

describe('ingest store: is a file unchanged?', () => {
  it('a file is unchanged only while its size and modification time both stay as recorded', () => {
    const { store } = openStore();
    const recorded = file('a.html', 'key-a');
    store.recordReport(recorded, balanced());
    expect(store.unchangedFile('a.html', recorded.size, recorded.mtimeMs)).toEqual(recorded);
    // Edited in place, same size (a digit changed): a new modification time.
    expect(store.unchangedFile('a.html', recorded.size, recorded.mtimeMs + 1000)).toBeUndefined();
    expect(store.unchangedFile('a.html', recorded.size + 1, recorded.mtimeMs)).toBeUndefined();
    expect(store.unchangedFile('b.html', recorded.size, recorded.mtimeMs)).toBeUndefined();
  });

  it('a file whose content has no stored report is not unchanged, whatever its size and time', () => {
    const { store } = openStore();
    const recorded = file('a.html', 'key-never-read');
    store.recordFile(recorded);
    expect(store.hasContent('key-never-read')).toBe(false);
    expect(store.unchangedFile('a.html', recorded.size, recorded.mtimeMs)).toBeUndefined();
  });

  it('knows a content once its report is recorded, under any file name', () => {
    const { store } = openStore();
    expect(store.hasContent('key-a')).toBe(false);
    store.recordReport(file('a.html', 'key-a'), balanced());
    expect(store.hasContent('key-a')).toBe(true);
    expect(store.hasContent('key-b')).toBe(false);
  });

  it('a file recorded again with a new content takes the new content, size and time', () => {
    const { store, path } = openStore();
    store.recordReport(file('a.html', 'key-a', 1000, 1), balanced());
    const edited = { ...file('a.html', 'key-b', 1004, 2), path: '/moved/a.html', ms: 99 };
    store.recordReport(edited, flagged());
    expect(store.unchangedFile('a.html', 1004, 2)).toEqual(edited);
    expect(store.unchangedFile('a.html', 1000, 1)).toBeUndefined();
    const [row] = query(
      path,
      'SELECT f.path, c.content_key, c.status, c.agency, c.year, f.ingested_at FROM files f JOIN contents c ON c.id = f.content_id',
    );
    expect(row).toMatchObject({
      path: '/moved/a.html',
      content_key: 'key-b',
      status: 'flagged',
      agency: '乙局',
      year: 2022,
    });
    expect(Date.now() - Date.parse(row!.ingested_at as string)).toBeLessThan(60_000);
  });
});

describe('ingest store: what is kept', () => {
  const contentId = (path: string, key: string) =>
    query(path, 'SELECT id FROM contents WHERE content_key = ?', key)[0]?.id as number;

  it('keeps every cell of a report as table:row:column → value, a total left empty as null', () => {
    const { store, path } = openStore();
    store.recordReport(file('b.html', 'key-b'), flagged());
    expect(store.cellValues(contentId(path, 'key-b'))).toEqual(
      new Map<string, number | null>([
        ['requests:granted:total', 4],
        ['requests:total:total', 5],
        ['requests:total:natural_person', null],
      ]),
    );
  });

  it('recording a content again replaces its cells and findings instead of adding to them', () => {
    const { store, path } = openStore();
    store.recordReport(file('b.html', 'key-b'), flagged());
    const reread = storedReport('b.html', {
      cells: { 'requests:granted:total': 5 },
      findings: [errorFinding('balance', 'total', 1, 2, ['requests:total:total'])],
    });
    store.recordReport(file('b-copy.html', 'key-b'), reread);
    expect(store.cellValues(contentId(path, 'key-b'))).toEqual(new Map([['requests:granted:total', 5]]));
    expect(query(path, 'SELECT content_key, status FROM contents')).toEqual([{ content_key: 'key-b', status: 'ok' }]);
    expect(query(path, 'SELECT COUNT(*) AS n FROM files')).toEqual([{ n: 2 }]);
  });

  it('keeps why a report is what it is', () => {
    const { store, path } = openStore();
    store.recordReport(
      file('b.html', 'key-b'),
      storedReport('b.html', { status: 'incomplete', reason: 'tables not found: requests' }),
    );
    expect(query(path, 'SELECT status, reason FROM contents')).toEqual([
      { status: 'incomplete', reason: 'tables not found: requests' },
    ]);
  });

  it('closed, it leaves one self-contained database file (the write-ahead log merged into it)', () => {
    const { store, path } = openStore();
    store.recordReport(file('a.html', 'key-a'), balanced());
    expect(existsSync(`${path}-wal`)).toBe(true);
    store.close();
    opened.splice(opened.indexOf(store), 1);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(query(path, 'SELECT name FROM files')).toEqual([{ name: 'a.html' }]);
  });

  it('gives back each report as it was read: every cell with its provenance (boxes to a tenth of a point), texts, findings', async () => {
    const dir = mixedReportFolder();
    const store = new Store(join(temp('store'), 'xxgk.db'));
    const read: Report[] = [];
    for (const [i, name] of readdirSync(dir).sort().entries()) {
      const report = await extractReport(join(dir, name), { name });
      read.push(report);
      store.recordReport({ name, path: join(dir, name), size: 1, mtimeMs: 1, contentKey: `key-${i}`, ms: 1 }, report);
    }
    store.setRunFiles(['c.txt', 'a.pdf', 'b.html']);
    const back = [...store.runReports()];
    store.close();
    expect(back.map((r) => r.name)).toEqual(['c.txt', 'a.pdf', 'b.html']);
    const pdf = read.find((r) => r.file === 'a.pdf')!;
    expect(pdf.cells.filter((c) => c.source.box).length).toBeGreaterThan(100);
    for (const r of back)
      expect(JSON.stringify(r.report)).toBe(JSON.stringify(tenth(read.find((x) => x.file === r.name)!)));
  });
});

describe('ingest store: the run and its versions', () => {
  it('reopened, it is the same store: what was recorded is known', () => {
    const { store, path } = openStore();
    store.recordReport(file('a.html', 'key-a'), balanced());
    store.close();
    opened.splice(opened.indexOf(store), 1);
    const again = new Store(path);
    opened.push(again);
    expect(again.hasContent('key-a')).toBe(true);
    expect(again.unchangedFile('a.html', 1000, 1_700_000_000_123.5)).toEqual(file('a.html', 'key-a'));
  });

  it('converts a store the first version wrote when it opens it: every report as it was read, nothing read again, the old tables gone', async () => {
    const dir = mixedReportFolder();
    const path = join(temp('v1'), 'xxgk.db');
    await versionOneStore(dir, path);
    const names = readdirSync(dir).sort();
    const read = await Promise.all(names.map((name) => extractReport(join(dir, name), { name })));
    const store = new Store(path);
    opened.push(store);
    for (const name of names) {
      const { size, mtimeMs } = statSync(join(dir, name));
      expect(store.unchangedFile(name, size, mtimeMs)).toMatchObject({ name, path: join(dir, name), ms: 1 });
    }
    store.setRunFiles(names);
    expect([...store.runReports()].map((r) => JSON.stringify(r.report))).toEqual(
      read.map((r) => JSON.stringify(tenth(r))),
    );
    expect(query(path, 'SELECT DISTINCT ingested_at FROM files')).toEqual([{ ingested_at: 'version 1' }]);
    expect(
      query(path, "SELECT name FROM sqlite_master WHERE name IN ('reports', 'findings') OR name LIKE 'v1_%'"),
    ).toEqual([]);
    expect(query(path, 'PRAGMA user_version')).toEqual([{ user_version: 2 }]);
  });

  it('refuses a store a later version wrote, naming it and both versions, and leaves it as it was', () => {
    const path = join(temp('later'), 'xxgk.db');
    const db = new Database(path);
    db.exec('CREATE TABLE things_to_come (x)');
    db.pragma('user_version = 3');
    db.close();
    const before = readFileSync(path);
    expect(() => new Store(path)).toThrow(StoreVersionError);
    expect(() => new Store(path)).toThrow(
      `${path} was written by a later version of xxgk (store version 3; this one reads 2): use that version, or another --db`,
    );
    expect(readFileSync(path)).toEqual(before);
  });

  it('a report whose recording failed leaves nothing behind: the cell keys it added are not given to the next report', () => {
    const { store, path } = openStore();
    const unrecordable = {
      ...storedReport('x.html', { cells: { 'active:regulations:issued': 1 } }),
      reader: {} as unknown as string,
    };
    expect(() => store.recordReport(file('x.html', 'key-x'), unrecordable)).toThrow();
    expect(store.hasContent('key-x')).toBe(false);
    store.recordReport(file('y.html', 'key-y'), storedReport('y.html', { cells: { 'requests:total:total': 5 } }));
    store.recordReport(file('x.html', 'key-x'), storedReport('x.html', { cells: { 'active:regulations:issued': 1 } }));
    const contentId = (key: string) =>
      query(path, 'SELECT id FROM contents WHERE content_key = ?', key)[0]!.id as number;
    expect(store.cellValues(contentId('key-x'))).toEqual(new Map([['active:regulations:issued', 1]]));
    expect(store.cellValues(contentId('key-y'))).toEqual(new Map([['requests:total:total', 5]]));
  });

  it('types counts as whole numbers only while every count of the run is whole: money and empty cells aside', () => {
    const { store } = openStore();
    const cells = [
      storedCell('requests:total:total', 4),
      storedCell('active:fees:amount_10k_yuan', 25.1),
      storedCell('requests:total:natural_person', null),
    ];
    store.recordReport(file('a.html', 'key-a'), storedReport('a.html', { cells }));
    store.recordReport(file('b.html', 'key-b'), storedReport('b.html', { cells: { 'requests:total:total': 4.5 } }));
    store.recordReport(
      file('c.html', 'key-c'),
      storedReport('c.html', { cells: { 'active:regulations:issued': 1.5 } }),
    );
    store.setRunFiles(['a.html']);
    expect(store.runCountsAreWhole()).toBe(true);
    store.setRunFiles(['a.html', 'b.html']);
    expect(store.runCountsAreWhole()).toBe(false);
    // Each run's files replace the last run's.
    store.setRunFiles(['a.html']);
    expect(store.runCountsAreWhole()).toBe(true);
    // A count of section 二 is a count too: only its money columns may hold fractions.
    store.setRunFiles(['a.html', 'c.html']);
    expect(store.runCountsAreWhole()).toBe(false);
  });

  it("lists for the rules across files only the run's reports that name both an agency and a year, by agency key and year", () => {
    const { store } = openStore();
    store.recordReport(file('a.html', 'key-a'), storedReport('a.html', { agency: '甲县财政局', year: null }));
    store.recordReport(file('b.html', 'key-b'), storedReport('b.html', { agency: null, year: 2023 }));
    store.recordReport(file('c.html', 'key-c'), storedReport('c.html', { agency: '郑州市中牟县财政局', year: 2023 }));
    store.recordReport(file('d.html', 'key-d'), storedReport('d.html', { agency: '中牟县财政局', year: 2022 }));
    store.setRunFiles(['a.html', 'b.html', 'c.html', 'd.html']);
    const key = agencyKey('中牟县财政局');
    expect(agencyKey('郑州市中牟县财政局')).toBe(key);
    expect([...store.runCopies()].map((c) => [c.name, c.agencyKey, c.year])).toEqual([
      ['d.html', key, 2022],
      ['c.html', key, 2023],
    ]);
  });
});
