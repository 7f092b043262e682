import { join } from 'node:path';
import type { Report } from '../core/model/report.js';
import { MONEY_COLUMNS } from '../core/template/template.js';
import { agencyKey } from '../core/text/agency.js';
import { memoize } from '../core/text/memo.js';
import { cellLabel, reportRow } from './csv.js';
import { findingRows } from './finding-rows.js';
import type { Lang } from '../core/i18n/lang.js';
import { DATASET_CELLS, DATASET_FIELDS, datasetValues } from './dataset.js';
import type { DataField, DataResource, Exporter } from './exporter.js';
import { CELL_FIELDS_LIST, FINDING_FIELDS_LIST, REPORT_FIELDS_LIST } from './fields.js';
import { ParquetFile, dataField, type ColumnType, type ParquetColumn } from './parquet-file.js';

/**
 * Parquet beside the CSV files, for analysts who query rather than open: cells.parquet, reports.parquet,
 * findings.parquet and the wide dataset.parquet hold the same rows as cells.csv, reports.csv, findings.csv and
 * dataset.csv, typed (counts as integers, 万元 amounts as Decimal(38, 8), the box as four numbers) so that DuckDB,
 * pandas/pyarrow and R arrow read them without casts. Files from several runs (or machines) concatenate:
 * `SELECT * FROM 'out-*\/cells.parquet'`.
 */

export interface ParquetOptions {
  /** Every count cell of the run holds a whole number: count columns of dataset.parquet are integers (else decimals). */
  wholeCounts: boolean;
}

/**
 * Columns that are also CSV columns take the CSV field's description (fields.ts, dataset.ts): one text for both files.
 */
function typed(fields: DataField[], types: Record<string, ColumnType>): ParquetColumn[] {
  return Object.entries(types).map(([name, type]) => {
    const field = fields.find((f) => f.name === name);
    if (!field) throw new Error(`no CSV field named ${name}`);
    return { name, type, description: field.description };
  });
}

/** Shared close: the file and its description as a data resource. */
abstract class ParquetExport implements Exporter {
  protected readonly file: ParquetFile;

  constructor(
    outDir: string,
    private readonly name: string,
    columns: ParquetColumn[],
    private readonly description: string,
  ) {
    this.file = new ParquetFile(join(outDir, `${name}.parquet`), columns);
  }

  abstract add(report: Report): Promise<void>;

  async close(): Promise<DataResource[]> {
    await this.file.close();
    return [
      {
        name: `${this.name}-parquet`,
        path: `${this.name}.parquet`,
        format: 'parquet',
        mediatype: 'application/vnd.apache.parquet',
        description: this.description,
        schema: { fields: this.file.columns.map(dataField) },
      },
    ];
  }
}

/** cells.csv's columns, but the box as four numbers. */
const CELL_COLUMNS: ParquetColumn[] = [
  ...typed(CELL_FIELDS_LIST, {
    file: 'dictionary',
    table: 'dictionary',
    row: 'dictionary',
    column: 'dictionary',
    value: 'decimal',
    raw: 'string',
    kind: 'dictionary',
    note: 'string',
    label: 'dictionary',
    page: 'int32',
    source_table: 'int32',
    source_row: 'int32',
    source_col: 'int32',
  }),
  { name: 'box_x0', type: 'float64', description: '位置：左（磅，自页面左上角）/ box left, points from the top-left' },
  { name: 'box_y0', type: 'float64', description: '位置：上 / box top' },
  { name: 'box_x1', type: 'float64', description: '位置：右 / box right' },
  { name: 'box_y1', type: 'float64', description: '位置：下 / box bottom' },
  ...typed(CELL_FIELDS_LIST, { ocr_confidence: 'float64', picture: 'dictionary', unit: 'dictionary' }),
];

/** The box as cells.csv prints it (a tenth of a point); most coordinates are already whole tenths (`formatTenth`). */
const tenth = (value: number | undefined): number | null =>
  value === undefined ? null : Math.round(value * 10) / 10 === value ? value : Number(value.toFixed(1));

export class CellsParquet extends ParquetExport {
  /** Labels as cells.csv prints them (spaces collapsed), each printed label cleaned once. */
  private readonly label = memoize(cellLabel);

  constructor(outDir: string) {
    super(outDir, 'cells', CELL_COLUMNS, '每个数值一行（同 cells.csv）/ one row per number, as cells.csv');
  }

  async add(report: Report): Promise<void> {
    for (const cell of report.cells) {
      const box = cell.source.box;
      const ocr = cell.source.ocr;
      const pending = this.file.append([
        report.file,
        cell.table,
        cell.row,
        cell.column,
        cell.value,
        cell.raw,
        cell.kind,
        cell.note,
        this.label(cell.source.label),
        cell.source.page,
        cell.source.table,
        cell.source.row,
        cell.source.col,
        tenth(box?.[0]),
        tenth(box?.[1]),
        tenth(box?.[2]),
        tenth(box?.[3]),
        ocr ? Number(ocr.confidence.toFixed(3)) : null,
        ocr?.picture,
        cell.unit,
      ]);
      if (pending) await pending;
    }
  }
}

/** reports.csv's columns, and agency_key. */
const REPORT_COLUMNS: ParquetColumn[] = [
  ...typed(REPORT_FIELDS_LIST, {
    file: 'dictionary',
    status: 'dictionary',
    format_version: 'dictionary',
    agency: 'dictionary',
    year: 'int32',
    reader: 'dictionary',
    encoding: 'dictionary',
    pages: 'int32',
    tables: 'dictionary',
    cells: 'int32',
    errors: 'int32',
    warnings: 'int32',
    reason: 'string',
    province: 'dictionary',
    city: 'dictionary',
    county: 'dictionary',
    place_code: 'dictionary',
  }),
  {
    name: 'agency_key',
    type: 'dictionary',
    description:
      '机关归一名（去上级地名，人民政府=政府），跨年对比所用 / the agency however its name is printed, as the rules across years match it',
  },
];

export class ReportsParquet extends ParquetExport {
  constructor(outDir: string) {
    super(
      outDir,
      'reports',
      REPORT_COLUMNS,
      '每个输入文件一行（同 reports.csv，另加 agency_key）/ one row per input file, as reports.csv, and agency_key',
    );
  }

  async add(report: Report): Promise<void> {
    await this.file.append([...reportRow(report), report.agency ? agencyKey(report.agency) : null]);
  }
}

const FINDING_COLUMNS: ParquetColumn[] = typed(FINDING_FIELDS_LIST, {
  file: 'dictionary',
  rule: 'dictionary',
  scope: 'dictionary',
  severity: 'dictionary',
  expected: 'decimal',
  actual: 'decimal',
  message: 'string',
  cells: 'string',
  page: 'string',
  table_label: 'dictionary',
  row_label: 'string',
  column_label: 'string',
  source_table: 'string',
  source_row: 'string',
  source_col: 'string',
});

export class FindingsParquet extends ParquetExport {
  constructor(
    outDir: string,
    private readonly lang: Lang = 'zh',
  ) {
    super(outDir, 'findings', FINDING_COLUMNS, '每个发现一行（同 findings.csv）/ one row per finding, as findings.csv');
  }

  async add(report: Report): Promise<void> {
    for (const row of findingRows(report, this.lang)) {
      const pending = this.file.append(row);
      if (pending) await pending;
    }
  }
}

/** dataset.csv's columns: counts as integers when every count of the run is whole, amounts (万元) as decimals. */
function datasetColumns(wholeCounts: boolean): ParquetColumn[] {
  const types: Record<string, ColumnType> = {
    file: 'dictionary',
    agency: 'dictionary',
    year: 'int32',
    format_version: 'dictionary',
    status: 'dictionary',
  };
  for (const cell of DATASET_CELLS)
    types[cell.name] = MONEY_COLUMNS.has(cell.column) || !wholeCounts ? 'decimal' : 'int64';
  return typed(DATASET_FIELDS, types);
}

/** dataset.parquet: one row per input file, one typed column per template cell (as dataset.csv). */
export class DatasetParquet extends ParquetExport {
  constructor(outDir: string, options: ParquetOptions) {
    super(
      outDir,
      'dataset',
      datasetColumns(options.wholeCounts),
      '宽表：每个文件一行，每个模板单元格一列（同 dataset.csv）/ the wide dataset, as dataset.csv',
    );
  }

  async add(report: Report): Promise<void> {
    await this.file.append([
      report.file,
      report.agency,
      report.year,
      report.formatVersion,
      report.status,
      ...datasetValues(report),
    ]);
  }
}
