import { join } from 'node:path';
import type { Report } from '../core/model/report.js';
import { CsvFile } from './csv.js';
import { DATASET_COLUMNS, DATASET_FIELDS, datasetRecord } from './dataset.js';
import type { DataResource, Exporter } from './exporter.js';

/** dataset.csv: the wide dataset, one row per input file, written as reports come (docs/spec/template.md, output contract). */
export class DatasetCsvExport implements Exporter {
  private readonly file: CsvFile;

  constructor(outDir: string) {
    this.file = new CsvFile(join(outDir, 'dataset.csv'), DATASET_COLUMNS);
  }

  async add(report: Report): Promise<void> {
    await this.file.writeText(datasetRecord(report));
  }

  async close(): Promise<DataResource[]> {
    await this.file.close();
    return [
      {
        name: 'dataset',
        path: 'dataset.csv',
        format: 'csv',
        description:
          '宽格式：每个输入文件一行，每个模板单元格一列（table.row.column），数值同 cells.csv / wide format: one row per input file, one column per template cell, values as in cells.csv',
        schema: { fields: DATASET_FIELDS, primaryKey: ['file'] },
      },
    ];
  }
}
