import { join } from 'node:path';
import type { Report } from '../model/report.js';
import { ACTIVE_COLUMNS, ACTIVE_ROWS, REQUEST_COLUMNS, REQUEST_ROWS, REVIEW_COLUMNS, REVIEW_GROUPS, type Label, type TableKey } from '../template/template.js';
import { agencyKey } from '../text/agency.js';
import { reportRow } from './csv.js';
import { DATASET_CELLS } from './dataset.js';
import type { DataResource, Exporter } from './exporter.js';
import { ParquetFile, dataField, type ParquetColumn, type ParquetValue } from './parquet-file.js';

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

export function parquetExporters(outDir: string, options: ParquetOptions): Exporter[] {
  return [new CellsParquet(outDir), new ReportsParquet(outDir), new FindingsParquet(outDir), new DatasetParquet(outDir, options)];
}

const FILE: ParquetColumn = { name: 'file', type: 'dictionary', description: '文件（相对输入文件夹的路径）/ file, its path relative to the folder given' };

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

const CELL_COLUMNS: ParquetColumn[] = [
  FILE,
  { name: 'table', type: 'dictionary', description: '表（active 二、requests 三、review_litigation 四）/ template table' },
  { name: 'row', type: 'dictionary', description: '模板行 / template row key' },
  { name: 'column', type: 'dictionary', description: '模板列 / template column key' },
  { name: 'value', type: 'decimal', description: '数值（金额为万元；未填写或无法识别时为空）/ the number (万元 for amounts; empty when not stated or unreadable)' },
  { name: 'raw', type: 'string', description: '原文 / the text as printed' },
  { name: 'kind', type: 'dictionary', description: '类型：number、placeholder、empty、unreadable、ocr / how the cell was read' },
  { name: 'note', type: 'string', description: '附注（如“其中修订16件”）/ a note printed with the number' },
  { name: 'label', type: 'dictionary', description: '匹配的行标签原文 / the printed row label the cell was matched by' },
  { name: 'page', type: 'int32', description: '页码 / page' },
  { name: 'source_table', type: 'int32', description: '文档中的表序号（从0起）/ table in the document, from 0' },
  { name: 'source_row', type: 'int32', description: '表中行号 / row in that table' },
  { name: 'source_col', type: 'int32', description: '表中列号 / column in that table' },
  { name: 'box_x0', type: 'float64', description: '位置：左（磅，自页面左上角）/ box left, points from the top-left' },
  { name: 'box_y0', type: 'float64', description: '位置：上 / box top' },
  { name: 'box_x1', type: 'float64', description: '位置：右 / box right' },
  { name: 'box_y1', type: 'float64', description: '位置：下 / box bottom' },
  { name: 'ocr_confidence', type: 'float64', description: 'OCR 置信度（0–1）/ OCR confidence' },
  { name: 'picture', type: 'dictionary', description: 'OCR 所读图片 / the picture the cell was read from' },
];

/** The box as cells.csv prints it (a tenth of a point). */
const tenth = (value: number | undefined): number | null => (value === undefined ? null : Number(value.toFixed(1)));

export class CellsParquet extends ParquetExport {
  /** Labels as cells.csv prints them (spaces collapsed), by printed label: a few thousand labels, millions of cells. */
  private readonly labels = new Map<string, string>();

  private label(printed: string): string {
    let label = this.labels.get(printed);
    if (label === undefined) {
      if (this.labels.size > 100_000) this.labels.clear();
      this.labels.set(printed, (label = printed.replace(/\s+/g, ' ')));
    }
    return label;
  }

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
      ]);
      if (pending) await pending;
    }
  }
}

const REPORT_COLUMNS: ParquetColumn[] = [
  FILE,
  { name: 'status', type: 'dictionary', description: '状态：ok、flagged、incomplete、not_a_report、needs_ocr、attached、failed / status' },
  { name: 'format_version', type: 'dictionary', description: '格式：2021、2019、hybrid、legacy / report format' },
  { name: 'agency', type: 'dictionary', description: '机关 / agency' },
  { name: 'year', type: 'int32', description: '年度 / year reported on' },
  { name: 'reader', type: 'dictionary', description: '读取方式 / reader' },
  { name: 'encoding', type: 'dictionary', description: '字符编码 / text encoding' },
  { name: 'pages', type: 'int32', description: '页数 / pages' },
  { name: 'tables', type: 'dictionary', description: '读到的表（以;分隔）/ tables read, separated by ;' },
  { name: 'cells', type: 'int32', description: '数值个数 / numbers read' },
  { name: 'errors', type: 'int32', description: '错误级发现数 / error-level findings' },
  { name: 'warnings', type: 'int32', description: '警告数 / warnings' },
  { name: 'reason', type: 'string', description: '原因（失败或不完整时）/ why, when failed or incomplete' },
  {
    name: 'agency_key',
    type: 'dictionary',
    description: '机关归一名（去上级地名，人民政府=政府），跨年对比所用 / the agency however its name is printed, as the rules across years match it',
  },
];

export class ReportsParquet extends ParquetExport {
  constructor(outDir: string) {
    super(outDir, 'reports', REPORT_COLUMNS, '每个输入文件一行（同 reports.csv，另加 agency_key）/ one row per input file, as reports.csv, and agency_key');
  }

  async add(report: Report): Promise<void> {
    await this.file.append([...reportRow(report), report.agency ? agencyKey(report.agency) : null]);
  }
}

const FINDING_COLUMNS: ParquetColumn[] = [
  FILE,
  { name: 'rule', type: 'dictionary', description: '规则 / rule' },
  { name: 'scope', type: 'dictionary', description: '范围（列、行或组）/ the column, row or group checked' },
  { name: 'severity', type: 'dictionary', description: '级别：error、warning / severity' },
  { name: 'expected', type: 'decimal', description: '应为 / expected' },
  { name: 'actual', type: 'decimal', description: '实际 / actual' },
  { name: 'message', type: 'string', description: '说明 / message' },
  { name: 'cells', type: 'string', description: '涉及的单元格（table:row:column，以空格分隔）/ the cells involved' },
];

export class FindingsParquet extends ParquetExport {
  constructor(outDir: string) {
    super(outDir, 'findings', FINDING_COLUMNS, '每个发现一行（同 findings.csv）/ one row per finding, as findings.csv');
  }

  async add(report: Report): Promise<void> {
    for (const f of report.findings) {
      const pending = this.file.append([report.file, f.rule, f.scope, f.severity, f.expected, f.actual, f.message, f.cells.join(' ')]);
      if (pending) await pending;
    }
  }
}

const MONEY_COLUMNS = new Set(ACTIVE_COLUMNS.filter((c) => c.tenThousandYuan).map((c) => c.key));
const ROW_LABELS: Record<TableKey, Label[]> = { active: ACTIVE_ROWS, requests: REQUEST_ROWS, review_litigation: REVIEW_GROUPS };
const COLUMN_LABELS: Record<TableKey, Label[]> = { active: ACTIVE_COLUMNS, requests: REQUEST_COLUMNS, review_litigation: REVIEW_COLUMNS };

function datasetColumns(wholeCounts: boolean): ParquetColumn[] {
  const fixed: ParquetColumn[] = [FILE, REPORT_COLUMNS[3]!, REPORT_COLUMNS[4]!, REPORT_COLUMNS[2]!, REPORT_COLUMNS[1]!];
  return [
    ...fixed,
    ...DATASET_CELLS.map((cell): ParquetColumn => {
      const row = ROW_LABELS[cell.table].find((r) => r.key === cell.row)?.label ?? cell.row;
      const column = COLUMN_LABELS[cell.table].find((c) => c.key === cell.column)?.label ?? cell.column;
      const money = MONEY_COLUMNS.has(cell.column);
      return { name: cell.name, type: money || !wholeCounts ? 'decimal' : 'int64', description: `${row} · ${column}${money ? '（万元）' : ''} / ${cell.name}` };
    }),
  ];
}

/** dataset.parquet: one row per input file, one typed column per template cell (as dataset.csv). */
export class DatasetParquet extends ParquetExport {
  constructor(outDir: string, options: ParquetOptions) {
    super(outDir, 'dataset', datasetColumns(options.wholeCounts), '宽表：每个文件一行，每个模板单元格一列（同 dataset.csv）/ the wide dataset, as dataset.csv');
  }

  async add(report: Report): Promise<void> {
    const values = new Map(report.cells.map((c) => [`${c.table}.${c.row}.${c.column}`, c.value]));
    const row: ParquetValue[] = [report.file, report.agency, report.year, report.formatVersion, report.status, ...DATASET_CELLS.map((cell) => values.get(cell.name) ?? null)];
    await this.file.append(row);
  }
}
