import type { Report } from '../model/report.js';
import { expectedCells, type TableKey } from '../template/template.js';
import { formatNumber } from './csv.js';

/**
 * The wide dataset (TEMPLATE.md, output contract): one row per input file, one column per template cell named
 * `table.row.column`, values as in cells.csv. The columns are every cell of both formats, 2021 first, so that one
 * file holds every year; a report leaves the other format's columns empty.
 */

export const DATASET_FIXED_COLUMNS = ['file', 'agency', 'year', 'format_version', 'status'] as const;

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

/** One report as a dataset row: the fixed columns, then each template cell's value ('' when not printed or not stated). */
export function datasetRow(report: Report): (string | number | null)[] {
  const values = new Map(report.cells.map((c) => [`${c.table}.${c.row}.${c.column}`, c.value]));
  return [
    report.file,
    report.agency,
    report.year,
    report.formatVersion,
    report.status,
    ...DATASET_CELLS.map((cell) => {
      const value = values.get(cell.name);
      return value === undefined || value === null ? '' : formatNumber(value);
    }),
  ];
}
