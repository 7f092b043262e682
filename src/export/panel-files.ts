import { join } from 'node:path';
import type { Report } from '../core/model/report.js';
import { CsvFile } from './csv.js';
import type { DataResource, Exporter } from './exporter.js';
import { PANEL_COLUMNS, PANEL_FIELDS, PanelRows } from './panel.js';
import { ParquetFile, dataField, type ParquetColumn } from './parquet-file.js';

/** panel.csv and panel.parquet: the panel across all years (src/export/panel.ts), written when the run ends. */

const DESCRIPTION =
  '面板：每个机关每年一行，各年表式（2019 年以前、2019、2021）含义相同的指标及其来源单元格 / ' +
  'panel: one row per agency and year, the indicators that mean the same in every format, ' +
  'with the cells they came from';

const RESOURCE = { description: DESCRIPTION, schema: { fields: PANEL_FIELDS, primaryKey: ['agency_key', 'year'] } };

export class PanelCsvExport implements Exporter {
  private readonly rows = new PanelRows();

  constructor(private readonly outDir: string) {}

  add(report: Report): void {
    this.rows.add(report);
  }

  async close(): Promise<DataResource[]> {
    const file = new CsvFile(join(this.outDir, 'panel.csv'), PANEL_COLUMNS);
    await file.write(this.rows.rows());
    await file.close();
    return [{ name: 'panel', path: 'panel.csv', format: 'csv', ...RESOURCE }];
  }
}

const PARQUET_COLUMNS: ParquetColumn[] = PANEL_FIELDS.map((field) => ({
  name: field.name,
  type: field.type === 'integer' ? 'int32' : field.type === 'number' ? 'decimal' : 'string',
  description: field.description,
}));

export class PanelParquetExport implements Exporter {
  private readonly rows = new PanelRows();

  constructor(private readonly outDir: string) {}

  add(report: Report): void {
    this.rows.add(report);
  }

  async close(): Promise<DataResource[]> {
    const file = new ParquetFile(join(this.outDir, 'panel.parquet'), PARQUET_COLUMNS);
    for (const row of this.rows.rows()) {
      const pending = file.append(row.map((v) => (v === '' ? null : v)));
      if (pending) await pending;
    }
    await file.close();
    return [
      {
        name: 'panel-parquet',
        path: 'panel.parquet',
        format: 'parquet',
        mediatype: 'application/vnd.apache.parquet',
        description: DESCRIPTION,
        schema: { fields: PARQUET_COLUMNS.map(dataField) },
      },
    ];
  }
}
