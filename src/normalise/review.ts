import type { TableRegion } from '../locate/tables.js';
import { warning, type Message } from '../model/messages.js';
import { bestMatch, candidates } from '../text/match.js';
import { REVIEW_COLUMNS, REVIEW_GROUPS } from '../template/template.js';
import { analyseRow, assignColumns, hasNumbers, hasReliableGrid, toCell, type AnalysedRow, type HeaderColumn } from './rows.js';
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
  const header = readHeader(rows.slice(0, rows.indexOf(dataRows[0]!)));
  const expected = header.length === TEMPLATE_ORDER.length ? header.map((h) => h.key) : TEMPLATE_ORDER;
  if (dataRows.length > 1) messages.push(warning('template_deviation', `review_litigation: ${dataRows.length} rows of numbers; only the first is read`));
  const row = dataRows[0]!;
  const assignment = assignColumns(row, expected, header);
  if (assignment.problem) messages.push(warning('row_columns', `review_litigation: ${assignment.problem}`));
  const cells = assignment.assigned.map(({ key, cell }) => {
    // Stryker disable next-line StringLiteral: equivalent, every key is group|column (the defaults satisfy the type checker)
    const [group = '', column = ''] = key.split('|');
    return toCell(cell, { table: 'review_litigation', row: group, column, label: `${group} ${column}` });
  });
  return { key: 'review_litigation', version: null, cells, messages };
}

/**
 * A section 四 printed with every cell blank (nothing happened that year) is read by the empty-cell policy:
 * components 0, totals not stated. Only a row that shows all fifteen cells blank counts — cells a copy keeps
 * (markup, rulings, tab-separated fields), each placed under its heading — never a table that merely lacks its row
 * of numbers (a header cut off at a page end, a copy split by spaces that keeps no blank cells).
 */
function readBlankTable(rows: AnalysedRow[], messages: Message[]): NormalisedTable {
  const blank = rows.findIndex((row) => row.values.length >= TEMPLATE_ORDER.length && row.values.every((cell) => cell.text.trim() === '') && keepsBlankCells(row));
  const header = blank > 0 ? readHeader(rows.slice(0, blank)) : [];
  const expected = header.length === TEMPLATE_ORDER.length ? header.map((h) => h.key) : TEMPLATE_ORDER;
  const assignment = blank > 0 ? assignColumns(rows[blank]!, expected, header) : undefined;
  if (!assignment || assignment.problem || assignment.assigned.length !== TEMPLATE_ORDER.length) {
    messages.push(warning('table_unreadable', 'review_litigation: no row of numbers found in the table'));
    return { key: 'review_litigation', version: null, cells: [], messages };
  }
  const cells = assignment.assigned.map(({ key, cell }) => {
    const [group = '', column = ''] = key.split('|');
    return toCell(cell, { table: 'review_litigation', row: group, column, label: `${group} ${column}` });
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
      if (group) groups.push({ key: group.key, col: cell.col, colSpan: cell.colSpan, text: cell.text, table: cell.table });
      const column = bestMatch(cell.text, COLUMN_POOL, { threshold: 0.85 });
      if (column) leaves.push({ key: column.key, col: cell.col, colSpan: cell.colSpan, text: cell.text, table: cell.table });
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
