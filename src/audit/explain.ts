import type { Box } from '../core/model/document.js';
import { cellRef, TABLE_KEYS, type Cell, type Finding, type Report } from '../core/model/report.js';
import { columnLabel, printedRowLabel, tableLabel } from '../core/template/labels.js';
import type { TableKey } from '../core/template/template.js';
import { LEGACY_SUMS, LEGACY_TABLE_LABEL, legacyColumnLabel } from '../core/template/legacy.js';
import { sumSides } from './rules.js';

/**
 * A finding as a person checks it against the document: which table, row and column (labels, not keys), the numbers
 * on both sides of a failing sum, and where each number is printed (page and box in a PDF; table, row and column in
 * a web page or Word file). Shared by `xxgk check` and the audit view, so both say the same thing.
 */

export interface CellPlace {
  page?: number;
  /** In PDF points from the page's top-left. */
  box?: Box;
  /** The table in the document (from 0) and the cell's row and column in it (from 0). */
  table: number;
  row: number;
  col: number;
}

export interface Term {
  /** `table:row:column` */
  ref: string;
  table: TableKey | 'legacy';
  row: string;
  column: string;
  labels: { table: string; row: string; column: string };
  /** Absent when the report has no such cell (not printed, or not found). */
  cell?: { value: number | null; raw: string; kind: Cell['kind']; place: CellPlace };
}

export interface ExplainedFinding {
  finding: Finding;
  /** The rule's name in Chinese. */
  title: string;
  /** For a failing sum: the cells adding up to `expected` and those adding up to `actual`. */
  sides?: { left: Term[]; right: Term[] };
  /** Every cell involved. */
  terms: Term[];
  /** The template table the finding is about, to show it beside that table; null for the document as a whole. */
  concerns: TableKey | null;
}

export const RULE_TITLES: Record<string, string> = {
  balance: '收支平衡（第一项加第二项之和，等于第三项加第四项之和）',
  outcome_sum: '办理结果之和等于总计',
  applicant_sum: '各类申请人之和等于总计',
  review_litigation_sum: '复议、诉讼各项之和等于总计',
  carry_continuity: '上年结转等于上一年报告的结转下年度',
  conflicting_copies: '同一报告的不同副本数字不一致',
  in_force_continuity: '现行有效件数与上一年衔接',
  blank_total: '总计未填，未能核对',
  rule_skipped: '未能核对',
  table_missing: '表格缺失',
  missing_cells: '单元格缺失',
  text_aligned_table: '表格无框线，按文字对齐读取（置信度较低）',
  narrative_mismatch: '正文数字与表格不一致',
  unknown_row: '未识别的行',
  row_columns: '行的列数不符',
  wrapped_labels: '行标签换行，未能可靠读取',
  no_agency: '未能读出机关和年度',
  read: '读取说明',
  picture: '图片未能读取',
  pictures_absent: '网页图片未随网页保存',
  table_unreadable: '表格未能读取',
  ocr_unconfirmed: '文字识别读数未经确认',
  ocr_no_table: '图片中未找到表格',
  ocr_blank: '空白的扫描页',
  doc_table_unread: '文档中的表格未能读取',
  duplicate_row: '重复的行',
  label_by_numbering: '按序号认定的行',
  missing_header: '表头缺失',
  needs_ocr: '需文字识别',
  subtotal_row: '小计行',
  template_deviation: '表格与模板不符',
  unit_suspect: '单位可疑',
};

const RULE_TABLES: Record<string, TableKey> = {
  balance: 'requests',
  outcome_sum: 'requests',
  applicant_sum: 'requests',
  review_litigation_sum: 'review_litigation',
};

export function explainFindings(report: Report): ExplainedFinding[] {
  const cells = new Map(report.cells.map((c) => [cellRef(c), c]));
  return report.findings.map((finding) => explainFinding(finding, cells));
}

export function explainFinding(finding: Finding, cells: Map<string, Cell>): ExplainedFinding {
  const term = (ref: string) => termOf(ref, cells.get(ref));
  const sides = sumSides(finding);
  return {
    finding,
    title: RULE_TITLES[finding.rule] ?? LEGACY_TITLES.get(finding.rule) ?? finding.rule,
    ...(sides ? { sides: { left: sides.left.map(term), right: sides.right.map(term) } } : {}),
    terms: finding.cells.map(term),
    concerns: concerns(finding),
  };
}

function termOf(ref: string, cell: Cell | undefined): Term {
  const [table, row, column] = splitRef(ref);
  const key = table as TableKey;
  if (table === 'legacy') return legacyTerm(ref, row, column, cell);
  return {
    ref,
    table: key,
    row,
    column,
    labels: {
      table: tableLabel(key),
      row: printedRowLabel(key, row, cell?.source.label),
      column: columnLabel(key, column),
    },
    ...(cell ? { cell: { value: cell.value, raw: cell.raw, kind: cell.kind, place: placeOf(cell) } } : {}),
  };
}

const LEGACY_TITLES = new Map(LEGACY_SUMS.map((sum) => [sum.rule, sum.zh]));

/** A cell of the pre-2019 statistics table: no template labels, its printed label and the column's name. */
function legacyTerm(ref: string, row: string, column: string, cell: Cell | undefined): Term {
  return {
    ref,
    table: 'legacy',
    row,
    column,
    labels: {
      table: LEGACY_TABLE_LABEL,
      row: cell?.source.label.replace(/\s+/g, ' ').trim() ?? row,
      column: legacyColumnLabel(column),
    },
    ...(cell ? { cell: { value: cell.value, raw: cell.raw, kind: cell.kind, place: placeOf(cell) } } : {}),
  };
}

/** `requests:denied.state_secret:total` → its table, row and column (row keys hold dots, never colons). */
export function splitRef(ref: string): [string, string, string] {
  // Stryker disable next-line StringLiteral: equivalent for the table, since split always gives a first part
  const [table = '', row = '', column = ''] = ref.split(':');
  return [table, row, column];
}

function placeOf(cell: Cell): CellPlace {
  const { page, box, table, row, col } = cell.source;
  return { ...(page !== undefined ? { page } : {}), ...(box ? { box } : {}), table, row, col };
}

function concerns(finding: Finding): TableKey | null {
  // Stryker disable next-line StringLiteral: equivalent, any text that is no table key leads to the scope
  const fromCell = splitRef(finding.cells[0] ?? '')[0];
  if (isTable(fromCell)) return fromCell;
  // Stryker disable next-line StringLiteral: equivalent, split always gives a first part
  const scope = finding.scope.split(':')[0] ?? '';
  if (isTable(scope)) return scope;
  return RULE_TABLES[finding.rule] ?? RULE_TABLES[scope] ?? null;
}

const isTable = (key: string): key is TableKey => (TABLE_KEYS as readonly string[]).includes(key);

/** Where a number is printed, for a person: 第4页 in a PDF; 第2个表格第5行第3列 in a web page or Word file. */
export function describePlace(place: CellPlace): string {
  if (place.page !== undefined) return `第${place.page}页`;
  return `第${place.table + 1}个表格第${place.row + 1}行第${place.col + 1}列`;
}

/**
 * What tells the terms of a sum apart: their columns when they share a row (总计 = 自然人 + 商业企业 + …), else their
 * rows (本年新收 + 上年结转 = （七）总计 + 结转下年度).
 */
export function distinguishingLabel(terms: Term[]): 'row' | 'column' {
  return new Set(terms.map((t) => `${t.table}:${t.row}`)).size === 1 ? 'column' : 'row';
}

/** A term as printed: `总计 0`; `采购总金额 251000元 (=25.1)` when the value is not the printed text; `(未找到)`. */
export function describeTerm(term: Term, by: 'row' | 'column'): string {
  const label = by === 'row' ? term.labels.row : term.labels.column;
  if (!term.cell) return `${label} (未找到)`;
  const raw = term.cell.raw.trim();
  if (raw === '') return `${label} (空${term.cell.value === null ? '' : ` =${term.cell.value}`})`;
  return term.cell.value !== null && Number(raw) !== term.cell.value
    ? `${label} ${raw} (=${term.cell.value})`
    : `${label} ${raw}`;
}
