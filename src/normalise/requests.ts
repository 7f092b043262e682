import type { TableRegion } from '../locate/tables.js';
import { warning, type Message } from '../core/model/messages.js';
import type { Cell } from '../core/model/report.js';
import { bestMatch, candidates, readLabel } from '../core/text/match.js';
import { squash } from '../core/text/normalize.js';
import { info } from '../core/model/messages.js';
import {
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  SINGLE_OTHER_ROW,
  type FormatVersion,
  type RequestGroup,
} from '../core/template/template.js';
import {
  analyseRow,
  assignColumns,
  columnsOf,
  hasNumbers,
  hasReliableGrid,
  toCell,
  type AnalysedRow,
  type HeaderColumn,
} from './rows.js';
import type { NormalisedTable } from './table.js';

/**
 * Section 三 (`requests`): rows are matched by their printed labels (the most specific label of a row wins; group
 * labels set the context for numbered sub-rows), columns by the count of values or the header's slots.
 */

const ROW_POOL = candidates(REQUEST_ROWS);
const COLUMN_POOL = candidates(REQUEST_COLUMNS);
const TEMPLATE_COLUMNS = REQUEST_COLUMNS.map((c) => c.key);

interface RowMatch {
  key: string;
  label: string;
  byNumbering?: boolean;
}

export function normaliseRequests(region: TableRegion): NormalisedTable {
  const messages: Message[] = [];
  const rows = region.rows.map(analyseRow);
  const header = readHeader(rows);
  const columns = columnOrder(header);
  const placing = columnsOf(header, rows, columns);
  const byKey = new Map<string, Cell[]>();
  const groupRowsWithNumbers: string[] = [];
  let group: RequestGroup | undefined;

  for (const row of rows) {
    if (isHeaderRow(row)) continue;
    const match = matchRow(row, group);
    if (match) group = groupAfter(match.key) ?? group;
    // A template row with only empty cells is still a row (its empties count as 0, or as "not stated" for totals).
    const isDataRow =
      match !== undefined && (!match.key.startsWith('group.') || match.key === 'group.other') && row.values.length > 0;
    if (!hasNumbers(row) && !isDataRow) continue;
    if (!match) {
      if (row.labels.length > 0)
        messages.push(
          warning('unknown_row', `requests: row "${labelText(row)}" is not in the template; its numbers are not used`),
        );
      else
        messages.push(
          warning(
            'unknown_row',
            `requests: a row of numbers with no label (${row.values.map((v) => v.text).join(' ')}) is not used`,
          ),
        );
      continue;
    }
    let key = match.key;
    if (key === 'group.other') key = SINGLE_OTHER_ROW;
    else if (key.startsWith('group.')) {
      groupRowsWithNumbers.push(match.label);
      continue;
    }
    if (byKey.has(key)) {
      messages.push(warning('duplicate_row', `requests: row "${match.label}" appears again; the first one is kept`));
      continue;
    }
    if (match.byNumbering)
      messages.push(
        warning('label_by_numbering', `requests: row "${match.label}" read as ${key} by its number in its group`),
      );
    const assignment = assignColumns(row, columns, placing);
    if (assignment.problem)
      messages.push(
        (assignment.minor ? info : warning)('row_columns', `requests: row "${match.label}": ${assignment.problem}`),
      );
    byKey.set(
      key,
      assignment.assigned.map(({ key: column, cell }) =>
        toCell(cell, { table: 'requests', row: key, column, label: match.label }),
      ),
    );
  }

  const shape = detectShape(byKey, messages);
  if (groupRowsWithNumbers.length > 0) {
    messages.push(
      warning(
        'subtotal_row',
        `requests: group rows with numbers (${groupRowsWithNumbers.join('、')}) are not template data rows; not used`,
      ),
    );
  }
  return { key: 'requests', version: shape, cells: [...byKey.values()].flat(), messages };
}

/** Header cells naming the applicant columns, from the rows above the first row of numbers. */
function readHeader(rows: AnalysedRow[]): HeaderColumn[] {
  const header = new Map<string, HeaderColumn>();
  for (const row of rows) {
    if (hasNumbers(row)) break;
    if (!hasReliableGrid(row)) continue;
    for (const cell of row.labels) {
      const match = bestMatch(cell.text, COLUMN_POOL, { threshold: 0.85 });
      if (match && !header.has(match.key))
        header.set(match.key, {
          key: match.key,
          col: cell.col,
          colSpan: cell.colSpan,
          text: cell.text,
          table: cell.table,
        });
    }
  }
  return [...header.values()];
}

/** A row of column headings (自然人 | 法人或其他组织 | 总计, 商业企业 | 科研机构 …), whose 其他 is not the row 3.其他. */
function isHeaderRow(row: AnalysedRow): boolean {
  if (hasNumbers(row)) return false;
  const columns = row.labels.filter((cell) => bestMatch(cell.text, COLUMN_POOL, { threshold: 0.85 })).length;
  return columns >= 2 || row.labels.some((cell) => /申请人情况|勾稽关系/.test(squash(cell.text)));
}

/** Printed column order when the header shows all seven columns, else the template's. */
function columnOrder(header: HeaderColumn[]): string[] {
  if (header.length !== TEMPLATE_COLUMNS.length) return TEMPLATE_COLUMNS;
  return [...header].sort((a, b) => a.col - b.col).map((h) => h.key);
}

function matchRow(row: AnalysedRow, group: RequestGroup | undefined): RowMatch | undefined {
  let last: RowMatch | undefined;
  let context = group;
  // In text split by spaces a label that does not match is more often cut by a line wrap than garbled, and its
  // group may be the wrong one: its number is no evidence there.
  const byNumbering = row.row.structure !== 'text-spaced';
  for (const cell of row.labels) {
    for (const piece of splitLabelPieces(cell.text)) {
      const match = matchLabel(piece, byNumbering ? context : undefined);
      if (!match) continue;
      // Keep the label as printed (the whole cell), not the normalised piece it was matched by.
      last = { ...match, label: cell.text };
      context = groupAfter(match.key) ?? context;
    }
  }
  return last;
}

function matchLabel(text: string, group: RequestGroup | undefined): RowMatch | undefined {
  const printed = readLabel(text);
  const match = bestMatch(printed, ROW_POOL);
  if (match) return { key: match.key, label: text };
  // A numbered sub-row whose words are too garbled to match: its number inside the current group identifies it.
  // Stryker disable next-line StringLiteral: equivalent, no numbered row belongs to 'results' (its rows are （一）…（七）)
  if (printed.level === 3 && printed.ordinal && group && group !== 'results') {
    // Stryker disable next-line ConditionalExpression: equivalent, every row under a group is a numbered row (level 3)
    const subRows = REQUEST_ROWS.filter((r) => r.parent === group && r.level === 3);
    const row = subRows[printed.ordinal - 1];
    if (row) return { key: row.key, label: text, byNumbering: true };
  }
  return undefined;
}

/** The group a row's label opens or belongs to, for numbered rows that follow. */
function groupAfter(key: string): RequestGroup | undefined {
  const row = REQUEST_ROWS.find((r) => r.key === key);
  // Stryker disable next-line ConditionalExpression: equivalent, every key matched is a template row
  if (!row) return undefined;
  if (row.isGroup) return row.isGroup;
  // Stryker disable next-line StringLiteral: equivalent, no group but a named one places rows by number (see matchLabel)
  return row.level === 3 ? row.parent : 'results';
}

/**
 * A label cell may hold several labels run together (`三、本年度办理结果（一）予以公开`, `（三）不予公开1.属于国家秘密`)
 * when a copy or a PDF merged the cells: split before each outline number.
 */
export function splitLabelPieces(text: string): string[] {
  const squashed = squash(text);
  const marker = /(?=(?:[一二三四五六七]、|[(（][一二三四五六七][)）]|(?<=[\p{Script=Han}”")）])\d[.．、]))/u;
  return squashed.split(marker).filter((p) => p.length > 0);
}

function labelText(row: AnalysedRow): string {
  // Stryker disable next-line Regex: equivalent, removing each space or each run of spaces removes the same
  return row.labels.map((c) => c.text.replace(/\s+/g, '')).join(' / ');
}

/** 2021 shape: （六） has three numbered rows; 2019 shape: （六）其他处理 is one data row. */
function detectShape(byKey: Map<string, Cell[]>, messages: Message[]): FormatVersion | null {
  const subRows = [...byKey.keys()].some((k) => k.startsWith('other.'));
  const single = byKey.has(SINGLE_OTHER_ROW);
  if (subRows && single) {
    const printed = byKey.get(SINGLE_OTHER_ROW)!.some((c) => c.kind !== 'empty');
    byKey.delete(SINGLE_OTHER_ROW);
    if (printed)
      messages.push(
        warning(
          'subtotal_row',
          'requests: （六）其他处理 has numbers and numbered rows; its own numbers are a subtotal and are not used',
        ),
      );
    return '2021';
  }
  if (subRows) return '2021';
  if (single) return '2019';
  return null;
}
