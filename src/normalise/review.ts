import type { RegionCell, TableRegion } from '../locate/tables.js';
import { warning, type Message } from '../core/model/messages.js';
import { bestMatch, candidates } from '../core/text/match.js';
import { squash } from '../core/text/normalize.js';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from '../core/template/template.js';
import { info } from '../core/model/messages.js';
import { columnLabel, rowLabel } from '../core/template/labels.js';
import {
  analyseRow,
  assignColumns,
  hasNumbers,
  hasReliableGrid,
  toCell,
  type AnalysedRow,
  type HeaderColumn,
} from './rows.js';
import type { NormalisedTable } from './table.js';

/**
 * Section 四 (`review_litigation`): one row of 15 numbers under a three-level header (行政复议 | 行政诉讼 →
 * 未经复议直接起诉 | 复议后起诉 → 结果维持 … 总计). Cells are keyed row = group, column = result.
 */

const GROUP_POOL = candidates(REVIEW_GROUPS);
const COLUMN_POOL = candidates(REVIEW_COLUMNS);
const TEMPLATE_ORDER = REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => `${g.key}|${c.key}`));

export function normaliseReview(region: TableRegion): NormalisedTable {
  const messages: Message[] = [];
  const rows = region.rows.map(analyseRow);
  const dataRows = rows.filter((row) => hasNumbers(row) && row.values.length >= 5);
  if (dataRows.length === 0) return readBlankTable(rows, messages);
  const byGroup = readGroupRows(rows, dataRows);
  if (byGroup)
    return {
      key: 'review_litigation',
      version: null,
      cells: byGroup.map(({ key, cell }) => reviewCell(key, cell)),
      messages,
    };
  const header = readHeader(rows.slice(0, rows.indexOf(dataRows[0]!)));
  const expected = header.length === TEMPLATE_ORDER.length ? header.map((h) => h.key) : TEMPLATE_ORDER;
  const row = dataRows[0]!;
  // Several short rows are groups printed apart whose groups could not be told: the first is not necessarily 行政复议.
  if (dataRows.length > 1 && row.values.length < expected.length) {
    messages.push(
      warning(
        'template_deviation',
        `review_litigation: ${dataRows.length} rows of numbers, none of all fifteen cells, whose groups cannot be told; not read`,
      ),
    );
    return { key: 'review_litigation', version: null, cells: [], messages };
  }
  if (dataRows.length > 1)
    messages.push(
      warning('template_deviation', `review_litigation: ${dataRows.length} rows of numbers; only the first is read`),
    );
  const assignment = assignColumns(row, expected, header);
  if (assignment.problem)
    messages.push((assignment.minor ? info : warning)('row_columns', `review_litigation: ${assignment.problem}`));
  return {
    key: 'review_litigation',
    version: null,
    cells: assignment.assigned.map(({ key, cell }) => reviewCell(key, cell)),
    messages,
  };
}

function reviewCell(key: string, cell: RegionCell) {
  // Stryker disable next-line StringLiteral: equivalent, every key is group|column (the defaults satisfy the type checker)
  const [group = '', column = ''] = key.split('|');
  return toCell(cell, { table: 'review_litigation', row: group, column, label: printedLabel(group, column) });
}

/**
 * Section 四 printed as three rows of five numbers, one per group, each under the five result headings: three small
 * tables, each named above it (copies made from PDFs by converters and OCR: `### 行政诉讼（复议后起诉）`, then
 * `| 结果维持 | … | 总计 |`), or one table turned, the groups as its row labels. Each row is read under the headings
 * above it in its own table, and in the group it names or that is named above it; the first table's name may stand
 * before the section's table region, so one unnamed row takes the one group the others leave. Anything less certain
 * (no row of the five headings, a group named twice, two rows unnamed) is not read this way.
 */
function readGroupRows(rows: AnalysedRow[], dataRows: AnalysedRow[]): { key: string; cell: RegionCell }[] | undefined {
  if (dataRows.length !== REVIEW_GROUPS.length || dataRows.some((row) => row.values.length !== REVIEW_COLUMNS.length))
    return undefined;
  const groups: (string | undefined)[] = [];
  const columns: string[][] = [];
  let from = 0;
  for (const dataRow of dataRows) {
    const at = rows.indexOf(dataRow);
    const own = groupsNamedIn(dataRow.labels.map((cell) => cell.text).join(''));
    const above = rows
      .slice(from, at)
      .flatMap((row) => (row.values.length === 0 && row.labels.length === 1 ? groupsNamedIn(row.labels[0]!.text) : []));
    // Stryker disable next-line ArithmeticOperator: equivalent, a data row and the headings above it name no group
    from = at + 1;
    const named = own.length > 0 ? own : above;
    const headings = resultHeadings(rows.slice(0, at), dataRow.row.table);
    if (named.length > 1 || !headings) return undefined;
    groups.push(named[0]);
    columns.push(headings);
  }
  const unnamed = groups.filter((group) => group === undefined).length;
  if (new Set(groups.filter(Boolean)).size !== groups.length - unnamed || unnamed > 1) return undefined;
  const left = REVIEW_GROUPS.map((g) => g.key).find((key) => !groups.includes(key));
  return dataRows.flatMap((row, i) =>
    row.values.map((cell, j) => ({ key: `${groups[i] ?? left}|${columns[i]![j]}`, cell })),
  );
}

/** The five results in printed order, from the nearest row above in the same table block that prints all five. */
function resultHeadings(above: AnalysedRow[], table: number): string[] | undefined {
  for (const row of [...above].reverse()) {
    if (row.row.table !== table || hasNumbers(row)) continue;
    const keys = row.labels.flatMap((cell) => bestMatch(cell.text, COLUMN_POOL, { threshold: 0.85 })?.key ?? []);
    if (keys.length === REVIEW_COLUMNS.length && new Set(keys).size === keys.length) return keys;
  }
  return undefined;
}

/** The template groups a heading names (行政诉讼（复议后起诉） names 复议后起诉 only). */
function groupsNamedIn(text: string): string[] {
  const squashed = squash(text);
  return REVIEW_GROUPS.filter((group) => squashed.includes(group.label)).map((group) => group.key);
}

/**
 * A section 四 printed with every cell blank (nothing happened that year) is read by the empty-cell policy:
 * components 0, totals not stated. Only a row that shows all fifteen cells blank counts — cells a copy keeps
 * (markup, rulings, tab-separated fields), each placed under its heading — never a table that merely lacks its row
 * of numbers (a header cut off at a page end, a copy split by spaces that keeps no blank cells).
 */
function readBlankTable(rows: AnalysedRow[], messages: Message[]): NormalisedTable {
  const blank = rows.findIndex(
    (row) =>
      row.values.length >= TEMPLATE_ORDER.length &&
      row.values.every((cell) => cell.text.trim() === '') &&
      keepsBlankCells(row),
  );
  const header = blank > 0 ? readHeader(rows.slice(0, blank)) : [];
  const expected = header.length === TEMPLATE_ORDER.length ? header.map((h) => h.key) : TEMPLATE_ORDER;
  const assignment = blank > 0 ? assignColumns(rows[blank]!, expected, header) : undefined;
  if (!assignment || assignment.problem || assignment.assigned.length !== TEMPLATE_ORDER.length) {
    messages.push(warning('table_unreadable', 'review_litigation: no row of numbers found in the table'));
    return { key: 'review_litigation', version: null, cells: [], messages };
  }
  const cells = assignment.assigned.map(({ key, cell }) => {
    const [group = '', column = ''] = key.split('|');
    return toCell(cell, { table: 'review_litigation', row: group, column, label: printedLabel(group, column) });
  });
  return { key: 'review_litigation', version: null, cells, messages };
}

/** Structures in which a blank cell is a cell (a copy split by spaces, or text alignment, shows no trace of one). */
function keepsBlankCells(row: AnalysedRow): boolean {
  return ['markup', 'ruled', 'text-separated'].includes(row.row.structure);
}

/**
 * Leaf columns of the header, each keyed `group|column` by the group cell above it, in printed order; empty when
 * the header cannot be read that way (text copies shift header cells).
 */
function readHeader(rows: AnalysedRow[]): HeaderColumn[] {
  // Stryker disable next-line ArrayDeclaration: equivalent, an element that is no header cell covers no column
  const groups: HeaderColumn[] = [];
  // Stryker disable next-line ArrayDeclaration: equivalent, an element that is no header cell is under no group and dropped
  const leaves: HeaderColumn[] = [];
  for (const row of rows) {
    if (!hasReliableGrid(row)) continue;
    for (const cell of row.labels) {
      if (!cell.isOrigin) continue;
      const group = bestMatch(cell.text, GROUP_POOL, { threshold: 0.85 });
      if (group)
        groups.push({ key: group.key, col: cell.col, colSpan: cell.colSpan, text: cell.text, table: cell.table });
      const column = bestMatch(cell.text, COLUMN_POOL, { threshold: 0.85 });
      if (column)
        leaves.push({ key: column.key, col: cell.col, colSpan: cell.colSpan, text: cell.text, table: cell.table });
    }
  }
  const keyed = leaves
    .map((leaf) => {
      const group = groups.find((g) => leaf.col >= g.col && leaf.col < g.col + g.colSpan);
      return group ? { ...leaf, key: `${group.key}|${leaf.key}` } : undefined;
    })
    .filter((leaf): leaf is HeaderColumn => leaf !== undefined)
    .sort((a, b) => a.col - b.col);
  const unique = new Set(keyed.map((k) => k.key));
  // Stryker disable next-line MethodExpression: equivalent, every key is a template group and column (checked as a guard)
  return unique.size === keyed.length && keyed.every((k) => TEMPLATE_ORDER.includes(k.key)) ? keyed : [];
}

/**
 * A cell's label as the table prints it (行政复议 结果维持; 行政诉讼·复议后起诉 总计): section 四 prints each group over its
 * columns, so the two headings name the cell — not the template's keys.
 */
function printedLabel(group: string, column: string): string {
  return `${rowLabel('review_litigation', group)} ${columnLabel('review_litigation', column)}`;
}
