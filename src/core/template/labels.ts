import {
  ACTIVE_COLUMNS,
  ACTIVE_ROWS,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  SECTIONS,
  SINGLE_OTHER_ROW,
  type TableKey,
} from './template.js';

/**
 * The template's printed labels for a cell key: what a person looks for on the page (三、收到和处理政府信息公开申请情况 ›
 * （一）予以公开 › 自然人) instead of `requests:granted:natural_person`.
 */

const ORDINALS = ['', '一', '二', '三', '四', '五', '六'];

/** `requests` → 三、收到和处理政府信息公开申请情况 */
export function tableLabel(table: TableKey): string {
  const section = SECTIONS.find((s) => s.key === table)!;
  return `${ORDINALS[section.ordinal]}、${section.label}`;
}

export function rowLabel(table: TableKey, row: string): string {
  if (table === 'active') return ACTIVE_ROWS.find((r) => r.key === row)?.label ?? row;
  if (table === 'requests') {
    if (row === SINGLE_OTHER_ROW) return '（六）其他处理';
    return REQUEST_ROWS.find((r) => r.key === row)?.label ?? row;
  }
  const group = REVIEW_GROUPS.find((g) => g.key === row)?.label ?? row;
  return row === 'review' ? group : `行政诉讼·${group}`;
}

export function columnLabel(table: TableKey, column: string): string {
  const columns = table === 'active' ? ACTIVE_COLUMNS : table === 'requests' ? REQUEST_COLUMNS : REVIEW_COLUMNS;
  return columns.find((c) => c.key === column)?.label ?? column;
}

/**
 * The row label to show for a cell: the one printed in the document when the reader kept it (it may differ from the
 * template: typos, local wording), else the template's.
 */
export function printedRowLabel(table: TableKey, row: string, printed: string | undefined): string {
  // Section 四's cells are labelled by group and column (行政复议 结果维持): the row is the group alone.
  if (table === 'review_litigation') return rowLabel(table, row);
  return printed && /\p{Script=Han}/u.test(printed) ? printed.replace(/\s+/g, ' ').trim() : rowLabel(table, row);
}
