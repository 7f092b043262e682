import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Store, type FileRecord } from '../../src/bulk/store.js';
import type { Report } from '../../src/model/report.js';
import { extractReport } from '../../src/pipeline.js';
import { mixedReportFolder } from '../helpers.js';
import { errorFinding, storedReport } from '../fixtures/stored-report.js';

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

/** Rows of a query, read with a connection of the test's own. */
function query(path: string, sql: string, ...params: unknown[]): Record<string, unknown>[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

const file = (name: string, contentKey: string, size = 1000, mtimeMs = 1_700_000_000_123.5): FileRecord => ({ name, path: `/in/${name}`, size, mtimeMs, contentKey, ms: 12.5 });

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
    const [row] = query(path, 'SELECT f.path, c.content_key, c.status, c.agency, c.year, f.ingested_at FROM files f JOIN contents c ON c.id = f.content_id');
    expect(row).toMatchObject({ path: '/moved/a.html', content_key: 'key-b', status: 'flagged', agency: '乙局', year: 2022 });
    expect(Date.now() - Date.parse(row!.ingested_at as string)).toBeLessThan(60_000);
  });
});

describe('ingest store: what is kept', () => {
  const contentId = (path: string, key: string) => query(path, 'SELECT id FROM contents WHERE content_key = ?', key)[0]?.id as number;

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
    store.recordReport(file('b.html', 'key-b'), storedReport('b.html', { status: 'incomplete', reason: 'tables not found: requests' }));
    expect(query(path, 'SELECT status, reason FROM contents')).toEqual([{ status: 'incomplete', reason: 'tables not found: requests' }]);
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
    const tenth = (report: Report): Report => ({
      ...report,
      cells: report.cells.map((c) => (c.source.box ? { ...c, source: { ...c.source, box: c.source.box.map((v) => Number(v.toFixed(1))) as typeof c.source.box } } : c)),
    });
    const pdf = read.find((r) => r.file === 'a.pdf')!;
    expect(pdf.cells.filter((c) => c.source.box).length).toBeGreaterThan(100);
    for (const r of back) expect(JSON.stringify(r.report)).toBe(JSON.stringify(tenth(read.find((x) => x.file === r.name)!)));
  });
});
