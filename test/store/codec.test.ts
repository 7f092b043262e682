import { describe, expect, it } from 'vitest';
import { brotliDecompressSync } from 'node:zlib';
import { packCells, packDocument, unpackCells, unpackReport, type CellKey } from '../../src/store/codec.js';
import { cellRows } from '../../src/export/csv.js';
import { cellSchema, type Cell, type Report } from '../../src/core/model/report.js';

const cell = (overrides: Omit<Partial<Cell>, 'source'> & { source?: Partial<Cell['source']> } = {}): Cell => ({
  table: 'active',
  row: 'fees',
  column: 'amount_10k_yuan',
  value: 25.1,
  raw: '251000元',
  kind: 'number',
  ...overrides,
  source: { table: 0, row: 18, col: 3, label: '行政事业性收费', ...overrides.source },
});

/** Cells through the store's encoding, with dictionaries of their own. */
function roundTrip(cells: Cell[]): Cell[] {
  const keys: CellKey[] = [];
  const labels: string[] = [];
  const packed = packCells(
    cells,
    (c) => keys.push({ table: c.table, row: c.row, column: c.column }) - 1,
    (label) => labels.push(label) - 1,
  );
  return unpackCells(
    packed,
    (id) => keys[id]!,
    (id) => labels[id]!,
  );
}

const storedRaw = (c: Cell) =>
  (
    JSON.parse(
      brotliDecompressSync(
        packCells(
          [c],
          () => 0,
          () => 0,
        ),
      ).toString(),
    ) as { raw: (string | null)[] }
  ).raw[0];

describe('compact store cells', () => {
  it('gives back every cell as it was read: raw text, note, OCR reading, page, document position', () => {
    const cells: Cell[] = [
      cell(),
      cell({ value: 12, raw: '12', source: { page: 3 } }),
      cell({ value: 0, raw: '', kind: 'empty' }),
      cell({ value: 0, raw: '—', kind: 'placeholder' }),
      cell({ value: null, raw: '', kind: 'empty', row: 'total', column: 'total' }),
      cell({ value: null, raw: '1O', kind: 'unreadable' }),
      cell({ value: 22, raw: '22（其中修订16件）', note: '其中修订16件' }),
      cell({ value: 7, raw: '７' }),
      cell({
        value: 3,
        raw: '3',
        kind: 'ocr',
        source: { ocr: { confidence: 0.9731, confirmed: true, picture: 'page 2', pixelBox: [10, 20, 30, 40] } },
      }),
      // A document table far larger than a report's: its position is kept all the same.
      cell({ source: { table: 3, row: 5000, col: 250 } }),
      // On both sides of the limits of the packed position (1,024 rows, 64 columns).
      cell({ source: { table: 2, row: 1023, col: 63 } }),
      cell({ source: { table: 2, row: 1024, col: 63 } }),
      cell({ source: { table: 2, row: 1023, col: 64 } }),
    ];
    expect(roundTrip(cells)).toStrictEqual(cells);
    // Property for property, in the order a freshly read (schema-validated) cell has them.
    expect(JSON.stringify(roundTrip(cells))).toBe(JSON.stringify(cells.map((c) => cellSchema.parse(c))));
  });

  it('keeps only the printed text that differs from the value', () => {
    expect(storedRaw(cell({ value: 12, raw: '12' }))).toBeNull();
    expect(storedRaw(cell({ value: 25.1, raw: '25.1' }))).toBeNull();
    expect(storedRaw(cell({ value: 0, raw: '', kind: 'empty' }))).toBeNull();
    expect(storedRaw(cell({ value: 7, raw: '７' }))).toBe('７');
    expect(storedRaw(cell({ value: 0, raw: '—', kind: 'placeholder' }))).toBe('—');
    expect(storedRaw(cell({ value: 3, raw: '3', kind: 'ocr' }))).toBeNull();
    expect(storedRaw(cell({ value: null, raw: '1O', kind: 'unreadable' }))).toBe('1O');
  });

  it('keeps a box to the tenth of a point cells.csv prints, so the CSV row is the same from the store', () => {
    // Values on both sides of a rounding boundary, a very large page, a box partly off the page.
    const boxes: [number, number, number, number][] = [
      [72.04999, 100.25, 541.2800000001, 118.95],
      [0.05, 0.15, 3500.75, 4800.04],
      [-12.34, 5, 90.1, 91],
    ];
    for (const box of boxes) {
      const original = cell({ source: { page: 1, box } });
      const [stored] = roundTrip([original]) as [Cell];
      const report = { file: 'a.pdf', cells: [original] } as Report;
      expect(cellRows({ ...report, cells: [stored] })).toEqual(cellRows(report));
      stored.source.box!.forEach((v, i) => expect(Math.abs(v - box[i]!)).toBeLessThanOrEqual(0.05 + 1e-9));
    }
  });

  it('gives back the rest of the report from its compressed document', () => {
    const report: Report = {
      file: 'a.html',
      status: 'flagged',
      reader: 'html',
      encoding: 'gb18030',
      formatVersion: '2021',
      title: '某县2023年政府信息公开工作年度报告',
      agency: '某县人民政府',
      year: 2023,
      sections: [{ key: 'overview', heading: '一、总体情况', text: '本年度……'.repeat(50) }],
      tables: [{ key: 'active', version: '2021', sourceTables: [0], pages: [], structure: ['markup'], cells: 1 }],
      cells: [cell()],
      findings: [
        {
          rule: 'balance',
          scope: 'total',
          severity: 'error',
          expected: 3,
          actual: 4,
          message: '…',
          cells: ['requests:total:total'],
        },
      ],
      messages: [{ level: 'warning', code: 'read', message: 'declared charset differs' }],
    };
    const columns = {
      status: report.status,
      reason: null,
      reader: report.reader,
      formatVersion: report.formatVersion,
      agency: report.agency,
      year: report.year,
    };
    const back = unpackReport('a.html', columns, packDocument(report), report.cells);
    expect(back).toStrictEqual(report);
    expect(JSON.stringify(back)).toBe(JSON.stringify(report));
  });
});
