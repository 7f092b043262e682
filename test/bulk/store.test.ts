import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Store, type FileRecord } from '../../src/bulk/store.js';
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
    expect(store.summaries(['a.html'])).toEqual([{ name: 'a.html', path: '/moved/a.html', contentKey: 'key-b', status: 'flagged', agency: '乙局', year: 2022 }]);
    const [row] = query(path, 'SELECT ingested_at FROM files');
    expect(Date.now() - Date.parse(row!.ingested_at as string)).toBeLessThan(60_000);
  });
});

describe('ingest store: what is kept', () => {
  it('keeps every cell of a report as table:row:column → value, a total left empty as null', () => {
    const { store } = openStore();
    store.recordReport(file('b.html', 'key-b'), flagged());
    expect(store.cellValues('key-b')).toEqual(
      new Map<string, number | null>([
        ['requests:granted:total', 4],
        ['requests:total:total', 5],
        ['requests:total:natural_person', null],
      ]),
    );
    expect(store.cellValues('key-unknown').size).toBe(0);
  });

  it('recording a content again replaces its cells and findings instead of adding to them', () => {
    const { store, path } = openStore();
    store.recordReport(file('b.html', 'key-b'), flagged());
    const reread = storedReport('b.html', {
      cells: { 'requests:granted:total': 5 },
      findings: [errorFinding('balance', 'total', 1, 2, ['requests:total:total'])],
    });
    store.recordReport(file('b-copy.html', 'key-b'), reread);
    expect(store.cellValues('key-b')).toEqual(new Map([['requests:granted:total', 5]]));
    expect(query(path, 'SELECT rule, scope FROM findings WHERE content_key = ?', 'key-b')).toEqual([{ rule: 'balance', scope: 'total' }]);
    expect(query(path, 'SELECT content_key, status FROM reports')).toEqual([{ content_key: 'key-b', status: 'ok' }]);
  });

  it('writes each cells.csv field to its column: numbers as numbers, text as text, absent or empty text as NULL', () => {
    const { store, path } = openStore();
    const cells = [
      storedCell('requests:total:natural_person', null, { source: { label: '（七）总计', row: 9, col: 3 } }),
      storedCell('active:procurement:amount_10k_yuan', 25.1, { raw: '251000元', note: 'converted from 元', source: { page: 2, box: [10, 20.25, 30, 40], label: '政府集中采购' } }),
    ];
    store.recordReport(file('b.html', 'key-b'), storedReport('b.html', { cells, findings: [errorFinding('balance', 'total', 1, 2, ['requests:total:total', 'requests:new_received:total'])] }));
    expect(query(path, 'SELECT * FROM cells ORDER BY "table"')).toEqual([
      {
        content_key: 'key-b', table: 'active', row: 'procurement', column: 'amount_10k_yuan', value: 25.1, raw: '251000元', kind: 'number', note: 'converted from 元',
        label: '政府集中采购', page: 2, source_table: 1, source_row: 3, source_col: 2, box: '10.0 20.3 30.0 40.0', ocr_confidence: null, picture: null,
      },
      {
        content_key: 'key-b', table: 'requests', row: 'total', column: 'natural_person', value: null, raw: null, kind: 'empty', note: null,
        label: '（七）总计', page: null, source_table: 1, source_row: 9, source_col: 3, box: null, ocr_confidence: null, picture: null,
      },
    ]);
    expect(query(path, 'SELECT * FROM findings')).toEqual([
      { content_key: 'key-b', rule: 'balance', scope: 'total', severity: 'error', expected: 1, actual: 2, message: 'balance total: 1 ≠ 2', cells: 'requests:total:total requests:new_received:total' },
    ]);
    expect(query(path, 'SELECT content_key, status, reader, reason, format_version, agency, year FROM reports')).toEqual([
      { content_key: 'key-b', status: 'ok', reader: 'html', reason: null, format_version: '2021', agency: '甲局', year: 2023 },
    ]);
  });

  it('keeps why a report is what it is, and leaves a figure a finding could not compare empty', () => {
    const { store, path } = openStore();
    const skipped = { rule: 'blank_total', scope: 'balance:total', severity: 'warning' as const, expected: null, actual: null, message: 'not checked', cells: [] };
    store.recordReport(file('b.html', 'key-b'), storedReport('b.html', { status: 'incomplete', reason: 'tables not found: requests', findings: [skipped] }));
    expect(query(path, 'SELECT status, reason FROM reports')).toEqual([{ status: 'incomplete', reason: 'tables not found: requests' }]);
    expect(query(path, 'SELECT rule, expected, actual, cells FROM findings')).toEqual([{ rule: 'blank_total', expected: null, actual: null, cells: null }]);
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

  it('files the stored report under the name asked, and sums up files in the order asked, skipping unknown names', () => {
    const { store } = openStore();
    store.recordReport(file('a.html', 'key-a'), balanced());
    store.recordFile(file('copy/a.html', 'key-a'));
    store.recordReport(file('b.html', 'key-b'), flagged());
    expect(store.report('key-a', 'copy/a.html')).toEqual({ ...balanced(), file: 'copy/a.html' });
    expect(store.summaries(['b.html', 'never.html', 'copy/a.html'])).toEqual([
      { name: 'b.html', path: '/in/b.html', contentKey: 'key-b', status: 'flagged', agency: '乙局', year: 2022 },
      { name: 'copy/a.html', path: '/in/copy/a.html', contentKey: 'key-a', status: 'ok', agency: '甲局', year: 2023 },
    ]);
  });
});
