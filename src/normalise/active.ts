import type { TableRegion } from '../locate/tables.js';
import { warning, type Message } from '../core/model/messages.js';
import type { Cell } from '../core/model/report.js';
import { bestMatch, candidates } from '../core/text/match.js';
import { squash } from '../core/text/normalize.js';
import {
  ACTIVE_COLUMNS,
  ACTIVE_LAYOUT,
  ACTIVE_ROWS,
  expectedCells,
  type FormatVersion,
} from '../core/template/template.js';
import { info } from '../core/model/messages.js';
import {
  analyseRow,
  assignColumns,
  columnsOf,
  hasNumbers,
  toCell,
  type AnalysedRow,
  type HeaderColumn,
} from './rows.js';
import type { NormalisedTable } from './table.js';

/**
 * Section 二 (`active`): a sequence of small blocks (第二十条第（一）项 …), each a header row naming its columns and
 * data rows naming the information type. Rows are read in order; each header row sets the columns of the rows that
 * follow, so a table split into pieces, or printed as one, reads the same.
 */

const ROW_POOL = candidates(ACTIVE_ROWS);
const COLUMN_POOL = candidates(ACTIVE_COLUMNS);
const ONLY_2021 = new Set(['issued', 'repealed', 'in_force', 'amount_10k_yuan']);
const ONLY_2019 = new Set([
  'new_made',
  'new_published',
  'total_published',
  'prev_year_items',
  'change',
  'items',
  'amount',
]);
/** A 万元 figure this large was probably printed in 元 (docs/spec/template.md: warn, do not convert). */
const SUSPICIOUS_TEN_THOUSAND_YUAN = 1_000_000;

interface ActiveHeader {
  columns: HeaderColumn[];
  /** Column keys whose header states the unit 元 rather than 万元. */
  inYuan: Set<string>;
}

export function normaliseActive(region: TableRegion): NormalisedTable {
  const messages: Message[] = [];
  const rows = region.rows.map(analyseRow);
  const version = detectVersion(rows);
  const byKey = new Map<string, Cell[]>();
  let header: ActiveHeader | undefined;

  for (const row of rows) {
    const rowHeader = readHeader(row);
    if (rowHeader) {
      header = rowHeader;
      continue;
    }
    const label = row.labels.map((c) => c.text).join('');
    const match = row.labels.length > 0 ? bestMatch(row.labels[row.labels.length - 1]!.text, ROW_POOL) : undefined;
    if (!match) {
      if (hasNumbers(row) && !/第二十条/.test(squash(label))) {
        messages.push(
          warning(
            'unknown_row',
            `active: row "${squash(label) || row.values.map((v) => v.text).join(' ')}" is not in the template; its numbers are not used`,
          ),
        );
      }
      continue;
    }
    if (row.values.length === 0) continue;
    if (byKey.has(match.key)) {
      messages.push(warning('duplicate_row', `active: row "${squash(label)}" appears again; the first one is kept`));
      continue;
    }
    const columns = header?.columns ?? defaultColumns(match.key, version);
    if (!columns) {
      messages.push(
        warning('missing_header', `active: row "${squash(label)}" has no column header; its numbers are not used`),
      );
      continue;
    }
    const expected = columns.map((c) => c.key);
    const assignment = assignColumns(row, expected, columnsOf(header?.columns ?? [], rows, expected));
    if (assignment.problem)
      messages.push(
        (assignment.minor ? info : warning)('row_columns', `active: row "${squash(label)}": ${assignment.problem}`),
      );
    const cells = assignment.assigned.map(({ key: column, cell }) =>
      toCell(cell, {
        table: 'active',
        row: match.key,
        column,
        label: row.labels[row.labels.length - 1]!.text,
        units: {
          tenThousandYuan: isTenThousandYuan(column),
          ...(header?.inYuan.has(column) ? { headerUnit: '元' as const } : {}),
        },
      }),
    );
    for (const cell of cells) messages.push(...checkAmount(cell, header));
    byKey.set(match.key, cells);
  }
  const cells = [...byKey.values()].flat();
  if (version) messages.push(...checkLayout(cells, version));
  return { key: 'active', version, cells, messages };
}

function readHeader(row: AnalysedRow): ActiveHeader | undefined {
  if (hasNumbers(row)) return undefined;
  const columns: HeaderColumn[] = [];
  const inYuan = new Set<string>();
  for (const cell of row.labels) {
    const match = bestMatch(cell.text, COLUMN_POOL, { threshold: 0.8 });
    if (!match) continue;
    columns.push({ key: match.key, col: cell.col, colSpan: cell.colSpan, text: cell.text, table: cell.table });
    const text = squash(cell.text);
    if (/元/.test(text) && !/万元/.test(text)) inYuan.add(match.key);
  }
  return columns.length > 0 ? { columns, inYuan } : undefined;
}

/** The format the column headers show: 本年制发件数 … → 2021, 本年新制作数量 … → 2019. */
function detectVersion(rows: AnalysedRow[]): FormatVersion | null {
  let votes2021 = 0;
  let votes2019 = 0;
  for (const row of rows) {
    // Stryker disable next-line ArrayDeclaration: equivalent, an element that is no column casts no vote
    for (const column of readHeader(row)?.columns ?? []) {
      if (ONLY_2021.has(column.key)) votes2021++;
      if (ONLY_2019.has(column.key)) votes2019++;
    }
    if (row.labels.some((c) => /政府集中采购|第二十条第[(（]九[)）]项/.test(squash(c.text)))) votes2019++;
  }
  if (votes2021 === 0 && votes2019 === 0) return null;
  return votes2021 >= votes2019 ? '2021' : '2019';
}

/** Columns of a row's block in the template, for a row printed without its header. */
function defaultColumns(row: string, version: FormatVersion | null): HeaderColumn[] | undefined {
  if (!version) return undefined;
  const block = ACTIVE_LAYOUT[version].find((b) => b.rows.includes(row));
  // Stryker disable next-line ArithmeticOperator: equivalent, only the keys of these columns are used (no header slots)
  return block?.columns.map((key, i) => ({ key, col: i + 1, colSpan: 1, text: key }));
}

function isTenThousandYuan(column: string): boolean {
  return ACTIVE_COLUMNS.some((c) => c.key === column && c.tenThousandYuan);
}

function checkAmount(cell: Cell, header: ActiveHeader | undefined): Message[] {
  // Stryker disable next-line ConditionalExpression: equivalent, an empty amount (null) is never a million
  if (!isTenThousandYuan(cell.column) || cell.value === null) return [];
  const unitPrinted =
    /元/.test(cell.raw) || (header?.columns.some((c) => c.key === cell.column && /元/.test(c.text)) ?? false);
  if (unitPrinted || Math.abs(cell.value) < SUSPICIOUS_TEN_THOUSAND_YUAN) return [];
  return [
    warning(
      'unit_suspect',
      `active: ${cell.row}.${cell.column} = ${cell.raw} has no unit; taken as 万元, but its size suggests 元`,
    ),
  ];
}

function checkLayout(cells: Cell[], version: FormatVersion): Message[] {
  const expected = expectedCells('active', version);
  const extra = cells.map((c) => `${c.row}.${c.column}`).filter((k) => !expected.includes(k));
  return extra.length > 0
    ? [warning('template_deviation', `active: cells outside the ${version} format: ${extra.join(', ')}`)]
    : [];
}
