import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AcrossFindingsFile } from '../../src/audit/across/findings-file.js';
import { errorFinding } from '../fixtures/stored-report.js';

/** The scratch file the audit across files hands its findings to the export through. */
describe('findings across files, kept beside the store between the audit and the export', () => {
  it('gives them back file by file in the order they were recorded, asked in file order, then deletes the file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'xxgk-across-'));
    const file = new AcrossFindingsFile(join(folder, 'xxgk.db'));
    const finding = (rule: string) => errorFinding(rule, 'total', 1, 2, ['requests:total:total']);
    file.write((add) => {
      add(3, finding('a'));
      add(1, finding('b'));
      add(2, finding('d'));
      add(3, finding('c'));
      add(5, finding('e'));
      add(4, finding('g'));
      add(2, finding('f'));
    });
    expect(readdirSync(folder)).toEqual(['xxgk.db-across']);
    const of = file.reader();
    // Asked in file order, as the export streams the reports: files with none, and a file never asked (4), in between.
    expect([0, 1, 2, 3, 5, 6].map((ord) => [ord, of(ord).map((f) => f.rule)])).toEqual([
      [0, []],
      [1, ['b']],
      [2, ['d', 'f']],
      [3, ['a', 'c']],
      [5, ['e']],
      [6, []],
    ]);
    expect(of(3)).toEqual([]);
    file.drop();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('replaces what an earlier run left, and leaves the file to the other thread when one side closes', () => {
    const folder = mkdtempSync(join(tmpdir(), 'xxgk-across-'));
    const file = new AcrossFindingsFile(join(folder, 'xxgk.db'));
    file.write((add) => add(0, errorFinding('old', 'total', 1, 2, [])));
    file.write((add) => add(1, errorFinding('new', 'total', 1, 2, [])));
    const other = new AcrossFindingsFile(join(folder, 'xxgk.db'));
    const of = other.reader();
    expect([0, 1].map((ord) => of(ord).map((f) => f.rule))).toEqual([[], ['new']]);
    other.close();
    expect(readdirSync(folder)).toEqual(['xxgk.db-across']);
    file.drop();
    // Dropped once more (a run that failed after its export began cleans up again): nothing to delete, no error.
    expect(() => file.drop()).not.toThrow();
  });
});
