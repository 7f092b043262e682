import { describe, expect, it } from 'vitest';
import { csvRecords } from '../../src/export/csv.js';
import { DATASET_CELLS, DATASET_COLUMNS, datasetRecord, datasetRow } from '../../src/export/dataset.js';
import { extractCorpus } from '../helpers.js';

describe('the wide dataset', () => {
  it('has one column per template cell of either format, each once, named table.row.column', () => {
    const names = DATASET_CELLS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(DATASET_COLUMNS.slice(0, 5)).toEqual(['file', 'agency', 'year', 'format_version', 'status']);
    // Section 二: 10 cells (2021) + 22 (2019) − 3 both print (decisions of 许可, 处罚, 强制); section 三: the 25 data rows
    // of 2021 and the single （六）其他处理 row, × 7 columns; section 四: 3 groups × 5.
    const count = (table: string) => DATASET_CELLS.filter((c) => c.table === table).length;
    expect([count('active'), count('requests'), count('review_litigation')]).toEqual([29, 26 * 7, 15]);
    expect(DATASET_CELLS).toHaveLength(29 + 26 * 7 + 15);
    expect(DATASET_COLUMNS).toEqual([...DATASET_COLUMNS.slice(0, 5), ...names]);
    expect(names).toContain('requests.denied.state_secret.total');
    expect(names).toContain('requests.other.total');
    expect(names).toContain('active.procurement.amount');
    expect(names).toContain('review_litigation.litigation_after_review.pending');
    expect(DATASET_CELLS.find((c) => c.name === 'requests.denied.state_secret.natural_person')).toEqual({
      name: 'requests.denied.state_secret.natural_person',
      table: 'requests',
      row: 'denied.state_secret',
      column: 'natural_person',
    });
  });

  it('puts each value of a report under its own column, as cells.csv writes it', async () => {
    const report = await extractCorpus('shanghai-gov-office-2019_content-fragment.html');
    const row = datasetRow(report);
    const at = (name: string) => row[DATASET_COLUMNS.indexOf(name)];
    expect(row.slice(0, 5)).toEqual([report.file, '上海市人民政府办公厅', 2019, '2019', report.status]);
    // 251000元 printed in the 万元 column.
    expect(at('active.procurement.amount')).toBe('25.1');
    for (const cell of report.cells) {
      expect(at(`${cell.table}.${cell.row}.${cell.column}`)).toBe(cell.value === null ? '' : String(cell.value));
    }
    expect(report.cells.length).toBeGreaterThan(150);
    // A 2019 report prints none of the 2021-only columns.
    expect(at('active.regulations.issued')).toBe('');
  });

  it("writes a report's dataset.csv record as its row quoted field by field: names with commas and quotes, a cell printed twice", async () => {
    const report = await extractCorpus('huaian-city-gov-2024.pdf');
    const twice = report.cells.find((c) => c.value !== null)!;
    const reports = [
      report,
      {
        ...report,
        file: 'a,"b".pdf',
        agency: '甲,"乙"局',
        year: null,
        cells: [...report.cells, { ...twice, value: 12.5 }],
      },
      { ...(await extractCorpus('pingtan-2016_page-flattened_pre2019-format.txt')), file: 'x\ny.txt' },
    ];
    for (const r of reports) expect(datasetRecord(r)).toBe(csvRecords([datasetRow(r)]));
    // The later of two cells with one key is the one written.
    expect(datasetRow(reports[1]!)[DATASET_COLUMNS.indexOf(`${twice.table}.${twice.row}.${twice.column}`)]).toBe(
      '12.5',
    );
  });
});
