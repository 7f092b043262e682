import type { Report } from '../core/model/report.js';
import { englishCellLabel } from '../core/template/english.js';
import { columnLabel, rowLabel, tableLabel } from '../core/template/labels.js';
import { ACTIVE_COLUMNS, expectedCells, type TableKey } from '../core/template/template.js';
import { formatNumber } from '../core/text/numbers.js';
import { csvRecords } from './csv.js';
import type { DataField } from './exporter.js';
import { REPORT_FIELDS_LIST } from './fields.js';

/**
 * The wide dataset (docs/spec/template.md, output contract): one row per input file, one column per template cell named
 * `table.row.column`, values as in cells.csv. The columns are every cell of both formats, 2021 first, so that one
 * file holds every year; a report leaves the other format's columns empty.
 */

const DATASET_FIXED_COLUMNS = ['file', 'agency', 'year', 'format_version', 'status'] as const;

export interface DatasetCell {
  /** `table.row.column`, the column's name. */
  name: string;
  table: TableKey;
  row: string;
  column: string;
}

const TABLES: TableKey[] = ['active', 'requests', 'review_litigation'];

export const DATASET_CELLS: DatasetCell[] = (() => {
  const seen = new Set<string>();
  const cells: DatasetCell[] = [];
  for (const table of TABLES) {
    for (const version of ['2021', '2019'] as const) {
      for (const rowColumn of expectedCells(table, version)) {
        const name = `${table}.${rowColumn}`;
        if (seen.has(name)) continue;
        seen.add(name);
        // Stryker disable next-line StringLiteral: equivalent, splitRowColumn always returns both parts (the defaults satisfy the type checker)
        const [row = '', column = ''] = splitRowColumn(rowColumn);
        cells.push({ name, table, row, column });
      }
    }
  }
  return cells;
})();

export const DATASET_COLUMNS: string[] = [...DATASET_FIXED_COLUMNS, ...DATASET_CELLS.map((c) => c.name)];

/** Row keys hold dots (`denied.state_secret`); column keys never do. */
function splitRowColumn(rowColumn: string): [string, string] {
  const at = rowColumn.lastIndexOf('.');
  return [rowColumn.slice(0, at), rowColumn.slice(at + 1)];
}

/** Table → row → column → the cell's position in DATASET_CELLS. */
const CELL_INDEX = new Map<string, Map<string, Map<string, number>>>();
DATASET_CELLS.forEach((cell, i) => {
  const rows = CELL_INDEX.get(cell.table) ?? CELL_INDEX.set(cell.table, new Map()).get(cell.table)!;
  const columns = rows.get(cell.row) ?? rows.set(cell.row, new Map()).get(cell.row)!;
  columns.set(cell.column, i);
});

/** A report's values in DATASET_CELLS' order: null where not printed or not stated (a cell printed twice: the later). */
export function datasetValues(report: Report): (number | null)[] {
  const values = new Array<number | null>(DATASET_CELLS.length).fill(null);
  for (const cell of report.cells) {
    const at = CELL_INDEX.get(cell.table)?.get(cell.row)?.get(cell.column);
    if (at !== undefined) values[at] = cell.value;
  }
  return values;
}

/** One report as a dataset row: the fixed columns, then each template cell's value ('' when not printed or not stated). */
export function datasetRow(report: Report): (string | number | null)[] {
  return [
    ...datasetFixed(report),
    ...datasetValues(report).map((value) => (value === null ? '' : formatNumber(value))),
  ];
}

function datasetFixed(report: Report): (string | number | null)[] {
  return [report.file, report.agency, report.year, report.formatVersion, report.status];
}

/** The record `csvRecords([datasetRow(report)])` writes, with the values, which never need quotes, joined as they are. */
export function datasetRecord(report: Report): string {
  const values = datasetValues(report).map((value) => (value === null ? '' : formatNumber(value)));
  return `${csvRecords([datasetFixed(report)]).slice(0, -2)},${values.join(',')}\r\n`;
}

/**
 * The dataset's columns described for datapackage.json: the fixed columns as in reports.csv, then each template cell
 * with its printed labels (table › row › column) in Chinese, the English names, and the format that prints it.
 */
export const DATASET_FIELDS: DataField[] = [
  ...DATASET_FIXED_COLUMNS.map((name) => REPORT_FIELDS_LIST.find((f) => f.name === name)!),
  ...DATASET_CELLS.map((cell): DataField => {
    const versions = (['2021', '2019'] as const).filter((v) =>
      expectedCells(cell.table, v).includes(`${cell.row}.${cell.column}`),
    );
    const only = versions.length === 1 ? `，仅 ${versions[0]} 格式 / ${versions[0]} format only` : '';
    const money =
      cell.table === 'active' && ACTIVE_COLUMNS.find((c) => c.key === cell.column)?.tenThousandYuan
        ? '（万元 / 10,000 yuan）'
        : '';
    return {
      name: cell.name,
      type: 'number',
      description: `${tableLabel(cell.table)} › ${rowLabel(cell.table, cell.row)} › ${columnLabel(cell.table, cell.column)}${money} / ${englishCellLabel(cell.table, cell.row, cell.column)}${only}; 空 = 未印或总计未填 / empty: not printed, or a total left blank`,
    };
  }),
];
