import { describe, expect, it } from 'vitest';
import { packCells, unpackCells, type CellKey } from '../../src/store/codec.js';
import { cellRecords, cellRows, csvRecords } from '../../src/export/csv.js';
import { CELL_COLUMNS } from '../../src/export/fields.js';
import { extractText } from '../helpers.js';
import { LEGACY_VARIANTS, legacyReport, legacyText } from '../fixtures/legacy-reports.js';

/** The printed unit of legacy cells travels through the store and out as cells.csv's last column. */
describe('the unit of legacy cells', () => {
  it('is cells.csv last column, after the columns existing consumers read', async () => {
    expect(CELL_COLUMNS.at(-1)).toBe('unit');
    const report = await extractText(
      legacyText(legacyReport(LEGACY_VARIANTS.find((v) => v.name === 'B')!, 4)),
      'b.txt',
    );
    const fee = cellRows(report).find((row) => row[2] === 'fee_waivers')!;
    expect(fee.at(-1)).toBe('元');
    expect(cellRecords(report)).toBe(csvRecords(cellRows(report)));
  });

  it('survives the store', async () => {
    const report = await extractText(
      legacyText(legacyReport(LEGACY_VARIANTS.find((v) => v.name === 'D')!, 4)),
      'd.txt',
    );
    const keys: CellKey[] = [];
    const labels: string[] = [];
    const id = <T>(list: T[], item: T, same: (a: T) => boolean) => {
      const at = list.findIndex(same);
      return at >= 0 ? at : list.push(item) - 1;
    };
    const packed = packCells(
      report.cells,
      (c) =>
        id(
          keys,
          { table: c.table, row: c.row, column: c.column },
          (k) => k.table === c.table && k.row === c.row && k.column === c.column,
        ),
      (label) => id(labels, label, (l) => l === label),
    );
    const back = unpackCells(
      packed,
      (i) => keys[i]!,
      (i) => labels[i]!,
    );
    expect(back.map((c) => c.unit)).toEqual(report.cells.map((c) => c.unit));
    expect(back.filter((c) => c.unit === '人次').length).toBeGreaterThan(0);
  });
});
