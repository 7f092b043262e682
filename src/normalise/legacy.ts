import type { Block, TableBlock, TableCell } from '../core/model/document.js';
import { warning, type Message } from '../core/model/messages.js';
import type { Cell } from '../core/model/report.js';
import { squash } from '../core/text/normalize.js';
import { parseNumber } from '../core/text/numbers.js';
import { LEGACY_ROWS, matchLegacyRow } from '../core/template/legacy.js';

/**
 * The pre-2019 statistics table (政府信息公开情况统计表, docs/spec/legacy.md): an indicator table of label, unit and
 * value columns. Every printed row becomes cells — a known label under its dictionary key, any other under a key
 * from its position (`row_07`), named in a warning — so that a provincial form nobody listed keeps its numbers.
 * Read only from a header that names the columns: without it, which column is the year's figure is a guess.
 */

export interface LegacyRead {
  cells: Cell[];
  messages: Message[];
  /** Document tables read as the statistics table. */
  tables: number[];
}

type Role = 'label' | 'unit' | 'code' | 'number' | { value: string };

/** Header texts → the cells' `column` key (docs/spec/legacy.md "Columns"). */
const VALUE_COLUMNS: [RegExp, string][] = [
  [/本年累计/, 'year_to_date'],
  [/本月累计/, 'month_to_date'],
  [/历年累计|^累计数?$/, 'cumulative'],
  [/本期实际|本期/, 'period'],
  [/^(?:本年度?|\d{4}年度?|统计数|数量|数值|本年数|年度数)$/, 'year'],
  [/^(?:区|县|市)(?:政府|人民政府)(?:本级)?$/, 'level_government'],
  [/^(?:区|县|市)直(?:单位|部门)$/, 'level_departments'],
  [/^乡镇(?:街道)?$|^乡镇[、和]?街道$/, 'level_townships'],
  [/^合计$|^总计$/, 'total'],
];

function roleOf(text: string): Role | undefined {
  const t = squash(text);
  if (/^(?:指标名称|统计指标|指标|项目|名称)$/.test(t)) return 'label';
  if (/^(?:计量单位|单位)$/.test(t)) return 'unit';
  if (/^(?:代码|行次|编码)$/.test(t)) return 'code';
  if (/^(?:序号|编号)$/.test(t)) return 'number';
  const known = VALUE_COLUMNS.find(([pattern]) => pattern.test(t));
  return known ? { value: known[1] } : undefined;
}

const text = (table: TableBlock, r: number, c: number): TableCell | undefined => {
  const i = table.grid[r]?.[c] ?? -1;
  return i < 0 ? undefined : table.cells[i];
};

/** The header row (指标名称 … 计量单位 …) and each column's role, or undefined when the table is not one. */
function headerOf(table: TableBlock): { row: number; roles: (Role | undefined)[] } | undefined {
  for (let r = 0; r < Math.min(4, table.grid.length); r++) {
    const roles = (table.grid[r] ?? []).map((_, c) => {
      const cell = text(table, r, c);
      return cell && (c === 0 || table.grid[r]![c - 1] !== table.grid[r]![c]) ? roleOf(cell.text) : undefined;
    });
    if (roles.includes('label') && roles.includes('unit')) return { row: r, roles };
  }
  return undefined;
}

export function readLegacyTables(blocks: readonly Block[]): LegacyRead {
  const read: LegacyRead = { cells: [], messages: [], tables: [] };
  let previous: { block: TableBlock; header: Header; state: RowState; prefix: string } | undefined;
  for (const block of blocks) {
    if (block.kind !== 'table') continue;
    const header = headerOf(block);
    if (header) {
      const prefix = read.tables.length > 0 ? `t${read.tables.length + 1}.` : '';
      previous = { block, header, state: { above: [], keys: new Set() }, prefix };
    } else if (previous && continues(previous.block, block, previous.header.roles.indexOf('label'))) {
      // The table goes on over a page break without its header: the columns are the header's.
      previous = { ...previous, block, header: { row: -1, roles: previous.header.roles } };
    } else {
      previous = undefined;
      continue;
    }
    const { cells, messages } = readTable(block, previous.header, previous.prefix, previous.state);
    read.cells.push(...cells);
    read.messages.push(...messages);
    read.tables.push(block.index);
  }
  return read;
}

/**
 * A headerless table right after the statistics table is its continuation when it has the same number of columns
 * and most of its labels are known indicators: never a table that merely follows it.
 */
function continues(before: TableBlock, next: TableBlock, labelCol: number): boolean {
  if (next.index !== before.index + 1 || (next.grid[0]?.length ?? 0) !== (before.grid[0]?.length ?? 0)) return false;
  const labels = next.grid.map((_, r) => text(next, r, labelCol)?.text ?? '').filter((t) => t.trim() !== '');
  const known = labels.filter((label) => matchLegacyRow(label, []) !== undefined);
  return labels.length > 0 && known.length * 2 > labels.length;
}

type Header = { row: number; roles: (Role | undefined)[] };

interface RowState {
  above: string[];
  keys: Set<string>;
}

function readTable(table: TableBlock, header: Header, prefix: string, state: RowState) {
  const cells: Cell[] = [];
  const messages: Message[] = [];
  const labelCol = header.roles.indexOf('label');
  const unitCol = header.roles.indexOf('unit');
  const valueCols = header.roles.flatMap((role, c) => (typeof role === 'object' ? [{ c, key: role.value }] : []));
  const unnamed = header.roles.flatMap((role, c) =>
    role === undefined && isOrigin(table, header.row, c) && c > labelCol ? [c] : [],
  );
  if (unnamed.length > 0 && header.row >= 0) {
    const columns = unnamed.map((c) => c + 1);
    messages.push(
      legacyWarning(
        'legacy_column_unknown',
        `统计表第 ${columns.join('、')} 列的表头无法识别，该列数字未读取`,
        `statistics table: header of column(s) ${columns.join(', ')} not recognised; their numbers are not read`,
      ),
    );
  }
  for (let r = header.row + 1; r < table.grid.length; r++) {
    const label = (text(table, r, labelCol)?.text ?? '').replace(/\s+/g, ' ').trim();
    const values = valueCols.map(({ c, key }) => ({ key, cell: text(table, r, c) }));
    if (label === '' || isCodeRow(table, r)) continue;
    if (values.every((v) => (v.cell?.text.trim() ?? '') === '') && /^[一二三四五六七八九十]+[、.]/.test(squash(label)))
      continue;
    const key = prefix + rowKey(label, r, state, messages);
    const unit = unitCol >= 0 ? squash(text(table, r, unitCol)?.text ?? '') : '';
    for (const { key: column, cell } of values) {
      if (cell) cells.push(toLegacyCell(cell, { table: table.index, row: r, key, column, label, unit }));
    }
  }
  return { cells, messages };
}

function isOrigin(table: TableBlock, r: number, c: number): boolean {
  return c === 0 || table.grid[r]![c - 1] !== table.grid[r]![c];
}

/** The code row under the header: 甲 乙 丙 1 2 … */
function isCodeRow(table: TableBlock, r: number): boolean {
  const texts = (table.grid[r] ?? []).map((_, c) => squash(text(table, r, c)?.text ?? ''));
  return texts[0] === '甲' || (texts.every((t) => /^(?:[甲乙丙丁戊]|\d)?$/.test(t)) && texts.includes('乙'));
}

function rowKey(label: string, r: number, state: RowState, messages: Message[]): string {
  const known = matchLegacyRow(label, state.above);
  if (known && !state.keys.has(known.key)) {
    state.above.push(known.key);
    state.keys.add(known.key);
    return known.key;
  }
  const key = `row_${String(r).padStart(2, '0')}`;
  messages.push(
    legacyWarning(
      'legacy_row_unknown',
      `统计表第 ${r + 1} 行「${label}」不在已知指标中，按位置记为 ${key}`,
      `statistics table row ${r + 1} "${label}" is not a known indicator; kept as ${key}`,
    ),
  );
  return key;
}

interface LegacyContext {
  table: number;
  row: number;
  key: string;
  column: string;
  label: string;
  unit: string;
}

const PARENTS = new Set(LEGACY_ROWS.flatMap((r) => (r.parent ? [r.parent] : [])));

/**
 * A printed value as a cell: an empty total is not stated (null), an empty part 0, as in TEMPLATE.md; an OCR
 * reading not confirmed is never a number. Amounts stay in the printed unit (the panel converts).
 */
function toLegacyCell(printed: TableCell, context: LegacyContext): Cell {
  const unconfirmed = printed.ocr !== undefined && !printed.ocr.confirmed;
  const parsed = unconfirmed ? { kind: 'unreadable' as const, value: null } : parseNumber(printed.text);
  const isTotal = PARENTS.has(context.key.replace(/^t\d+\./, ''));
  const value = parsed.kind === 'empty' ? (isTotal ? null : 0) : parsed.value;
  return {
    table: 'legacy',
    row: context.key,
    column: context.column,
    value,
    raw: printed.text,
    kind: printed.ocr && parsed.kind === 'number' ? 'ocr' : parsed.kind,
    ...(context.unit ? { unit: context.unit } : {}),
    source: {
      table: context.table,
      row: context.row,
      col: printed.col,
      ...(printed.page ? { page: printed.page } : {}),
      ...(printed.box ? { box: printed.box } : {}),
      label: context.label,
      ...(printed.ocr ? { ocr: printed.ocr } : {}),
    },
  };
}

/** Chinese first, the English twin beside it in the same message (one catalogue can take both). */
function legacyWarning(code: string, zh: string, en: string): Message {
  return warning(code, `${zh} / ${en}`);
}
