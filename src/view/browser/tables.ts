// The three tables rebuilt in the template's layout, every value as printed; the cells of failing sums in solid
// red, the cells warnings concern in amber, cells the report does not have in grey.

import { META } from './data.js';
import { type Attributes, h, placeText, splitRef } from './util.js';

export interface Marks {
  bad: Set<string>;
  warn: Set<string>;
}

export type PickCell = (ref: string) => void;

export function cellIndex(report: XxgkView.Report): Map<string, XxgkView.Cell> {
  return new Map(report.cells.map((c) => [c[0], c]));
}

export function valueCell(
  ref: string,
  cells: Map<string, XxgkView.Cell>,
  marks: Marks,
  pick: PickCell,
  attributes: Attributes = {},
): HTMLTableCellElement {
  const cell = cells.get(ref);
  const classes = ['value', cell ? '' : 'missing', marks.bad.has(ref) ? 'bad' : marks.warn.has(ref) ? 'warn' : '']
    .filter(Boolean)
    .join(' ');
  const title = cell ? cellTitle(cell) : '未找到：文档未印出或未能读出 / not found in the document';
  return h(
    'td',
    { class: classes, 'data-ref': ref, title, onclick: () => pick(ref), ...attributes },
    cell ? cell[1].trim() : '·',
  );
}

export function cellTitle(cell: XxgkView.Cell): string {
  const [ref, raw, value, kind, , , , , , label, note, ocr] = cell;
  return [
    `原文 printed: ${raw.trim() === '' ? '(空)' : raw.trim()}`,
    `数值 value: ${value === null ? '空 (未填或无法读取)' : value}`,
    kind !== 'number' ? `读法 kind: ${kind}` : '',
    `位置: ${placeText(cell)}`,
    label ? `行标签: ${label}` : '',
    note ? `注: ${note}` : '',
    ocr
      ? `文字识别 OCR: 置信度 ${ocr.confidence.toFixed(2)}${ocr.picture ? ` · ${ocr.picture.slice(0, 60)}` : ''}`
      : '',
    ref,
  ]
    .filter(Boolean)
    .join('\n');
}

function tableVersion(report: XxgkView.Report, key: XxgkView.TableKey): '2021' | '2019' {
  const version = report.tables.find((t) => t.key === key)?.version;
  if (version === '2019' || version === '2021') return version;
  return report.format === '2019' ? '2019' : '2021';
}

function activeTable(
  report: XxgkView.Report,
  cells: Map<string, XxgkView.Cell>,
  marks: Marks,
  pick: PickCell,
): HTMLTableElement {
  const blocks = META.template.active[tableVersion(report, 'active')];
  const width = 1 + Math.max(...blocks.map((b) => b.columns.length));
  const rows: HTMLTableRowElement[] = [];
  for (const block of blocks) {
    rows.push(h('tr', null, h('th', { colspan: width }, block.heading)));
    rows.push(
      h(
        'tr',
        null,
        h('th', null, '信息内容'),
        block.columns.map((c, i) =>
          h('th', i === block.columns.length - 1 ? { colspan: width - block.columns.length } : null, c.label),
        ),
      ),
    );
    for (const row of block.rows) {
      rows.push(
        h(
          'tr',
          null,
          h('td', { class: 'label' }, row.label),
          block.columns.map((c, i) =>
            valueCell(
              `active:${row.key}:${c.key}`,
              cells,
              marks,
              pick,
              i === block.columns.length - 1 ? { colspan: width - block.columns.length } : {},
            ),
          ),
        ),
      );
    }
  }
  return h('table', { class: 'template', 'data-table': 'active' }, h('tbody', null, rows));
}

function requestsTable(
  report: XxgkView.Report,
  cells: Map<string, XxgkView.Cell>,
  marks: Marks,
  pick: PickCell,
): HTMLTableElement {
  const { rows, columns, singleOther } = META.template.requests;
  const hasSubRows = report.cells.some((c) => c[0].startsWith('requests:other.'));
  const singleShape =
    !hasSubRows &&
    (report.cells.some((c) => c[0].startsWith('requests:other:')) || tableVersion(report, 'requests') === '2019');
  const applicants = columns.filter((c) => c.key !== 'total');
  const total = columns.find((c) => c.key === 'total')!;
  const head = [
    h(
      'tr',
      null,
      h('th', { rowspan: 3 }, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'),
      h('th', { colspan: columns.length }, '申请人情况'),
    ),
    h(
      'tr',
      null,
      h('th', { rowspan: 2 }, applicants[0]!.label),
      h('th', { colspan: applicants.length - 1 }, '法人或其他组织'),
      h('th', { rowspan: 2 }, total.label),
    ),
    h(
      'tr',
      null,
      applicants.slice(1).map((c) => h('th', null, c.label)),
    ),
  ];
  const body: HTMLTableRowElement[] = [];
  for (const row of rows) {
    if (row.only && singleShape) continue;
    if (row.group && row.key === 'group.other' && singleShape) {
      body.push(dataRow(singleOther.key, singleOther.label, 2));
      continue;
    }
    if (row.group)
      body.push(
        h(
          'tr',
          { class: 'group' },
          h('td', { class: `label level-${row.level}`, colspan: columns.length + 1 }, row.label),
        ),
      );
    else body.push(dataRow(row.key, row.label, row.level));
  }
  function dataRow(key: string, label: string, level: number): HTMLTableRowElement {
    return h(
      'tr',
      null,
      h('td', { class: `label level-${level}` }, label),
      columns.map((c) => valueCell(`requests:${key}:${c.key}`, cells, marks, pick)),
    );
  }
  return h('table', { class: 'template', 'data-table': 'requests' }, h('thead', null, head), h('tbody', null, body));
}

function reviewTable(cells: Map<string, XxgkView.Cell>, marks: Marks, pick: PickCell): HTMLTableElement {
  const { groups, columns } = META.template.review;
  const [review, ...litigation] = groups;
  const head = [
    h(
      'tr',
      null,
      h('th', { colspan: columns.length }, review!.label),
      h('th', { colspan: columns.length * litigation.length }, '行政诉讼'),
    ),
    h(
      'tr',
      null,
      columns.map((c) => h('th', { rowspan: 2 }, c.label)),
      litigation.map((g) => h('th', { colspan: columns.length }, g.label)),
    ),
    h(
      'tr',
      null,
      litigation.map(() => columns.map((c) => h('th', null, c.label))),
    ),
  ];
  const values = h(
    'tr',
    null,
    groups.map((g) => columns.map((c) => valueCell(`review_litigation:${g.key}:${c.key}`, cells, marks, pick))),
  );
  return h(
    'table',
    { class: 'template', 'data-table': 'review_litigation' },
    h('thead', null, head),
    h('tbody', null, values),
  );
}

export function templateTable(
  key: XxgkView.TableKey,
  report: XxgkView.Report,
  cells: Map<string, XxgkView.Cell>,
  marks: Marks,
  pick: PickCell,
): HTMLTableElement {
  if (key === 'active') return activeTable(report, cells, marks, pick);
  if (key === 'requests') return requestsTable(report, cells, marks, pick);
  return reviewTable(cells, marks, pick);
}

const STRUCTURE_TEXT: Record<string, string> = {
  markup: '网页/Word 表格',
  ruled: '有框线',
  'text-aligned': '无框线，按文字对齐读取（置信度较低）',
  'text-separated': '文本，按制表符分隔',
  'text-spaced': '文本，按空格分隔',
  ocr: '图片，文字识别',
};

/** Where the table was read from: the document's tables (numbered from 1), pages, and how their structure was read. */
export function tableSource(report: XxgkView.Report, key: XxgkView.TableKey): string {
  const table = report.tables.find((t) => t.key === key);
  if (!table || table.sourceTables.length === 0) return '文档中未找到此表格 / not found in the document';
  const tables = table.sourceTables.map((t) => t + 1).join('、');
  const pages = table.pages.length > 0 ? `，第${table.pages.join('、')}页` : '';
  const how = table.structure.map((s) => STRUCTURE_TEXT[s] ?? s).join('；');
  return `读自文档第${tables}个表格${pages}（${how}）`;
}

/** A cell's labels: the template's table and column, and its row as printed when the document prints it otherwise. */
export function cellLabels(ref: string, cells: Map<string, XxgkView.Cell>): [string, string, string] {
  const labels = templateLabels(ref);
  const printedLabel = cells.get(ref)?.[9];
  return printedLabel ? [labels[0], printedLabel, labels[2]] : labels;
}

/** A cell key's labels from the template: table, row, column. */
export function templateLabels(ref: string): [string, string, string] {
  const [table, row, column] = splitRef(ref);
  const t = META.template;
  const tableName = t.tables.find((x) => x.key === table)?.label ?? table;
  let rowName = row;
  let columnName = column;
  if (table === 'active') {
    const blocks = [...t.active['2021'], ...t.active['2019']];
    rowName = blocks.flatMap((b) => b.rows).find((r) => r.key === row)?.label ?? row;
    columnName = blocks.flatMap((b) => b.columns).find((c) => c.key === column)?.label ?? column;
  } else if (table === 'requests') {
    rowName =
      row === t.requests.singleOther.key
        ? t.requests.singleOther.label
        : (t.requests.rows.find((r) => r.key === row)?.label ?? row);
    columnName = t.requests.columns.find((c) => c.key === column)?.label ?? column;
  } else if (table === 'review_litigation') {
    const group = t.review.groups.find((g) => g.key === row)?.label ?? row;
    rowName = row === 'review' ? group : `行政诉讼·${group}`;
    columnName = t.review.columns.find((c) => c.key === column)?.label ?? column;
  }
  return [tableName, rowName, columnName];
}
