// The pre-2019 statistics table (政府信息公开情况统计表) on a report's page: its rows as printed, one column per value
// column read, every value as printed and marked as the template tables' values are (failing sums in red).

import { META } from './data.js';
import { type Marks, type PickCell, tableSource, valueCell } from './tables.js';
import { h, splitRef } from './util.js';

type ViewCells = Map<string, XxgkView.Cell>;

export function legacyBlock(
  report: XxgkView.Report,
  cells: ViewCells,
  marks: Marks,
  pick: PickCell,
): HTMLElement | null {
  const legacy = report.cells.filter((c) => c[0].startsWith('legacy:'));
  if (legacy.length === 0 && report.format !== 'legacy') return null;
  const unread = '没有读出统计表的数字：本报告未核对，不视为通过。';
  const body = legacy.length > 0 ? legacyTable(legacy, cells, marks, pick) : h('div', { class: 'muted' }, unread);
  return h(
    'section',
    { class: 'block', 'data-section': 'legacy' },
    h('h2', null, '政府信息公开情况统计表（2019 年以前）'),
    h('div', { class: 'table-source' }, tableSource(report, 'legacy')),
    h('div', { style: 'overflow-x:auto' }, body),
  );
}

function legacyTable(legacy: XxgkView.Cell[], cells: ViewCells, marks: Marks, pick: PickCell): HTMLTableElement {
  const rows: string[] = [];
  const columns: string[] = [];
  const labels = new Map<string, string>();
  for (const cell of legacy) {
    const [, row = '', column = ''] = splitRef(cell[0]);
    if (!rows.includes(row)) rows.push(row);
    if (!columns.includes(column)) columns.push(column);
    if (!labels.has(row) && cell[9]) labels.set(row, cell[9]);
  }
  return h(
    'table',
    { class: 'template' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', null, '指标'),
        columns.map((c) => h('th', null, META.legacyColumns[c] ?? c)),
      ),
    ),
    h(
      'tbody',
      null,
      rows.map((row) =>
        h(
          'tr',
          null,
          h('td', { class: 'label' }, labels.get(row) ?? row),
          columns.map((c) => valueCell(`legacy:${row}:${c}`, cells, marks, pick)),
        ),
      ),
    ),
  );
}
