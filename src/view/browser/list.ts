// The report list: every file of the batch, filtered and sorted in memory and drawn a screenful at a time, so that
// it stays fast at 100,000 reports. Reports that were audited and files that could not be read are separate lists.

import { PLACES, R, ROWS, ruleTitle } from './data.js';
import { shownFilters, type Filters } from './shown-filters.js';
import { STATUS_INFO, h, replaceChildren, statusBadge, text } from './util.js';

interface ListState {
  search: string;
  statuses: Set<string>;
  rule: string;
  year: string;
  reader: string;
  format: string;
  places: [string, string, string, string];
  sort: { key: SortKey; descending: boolean };
}

type SortKey = 'status' | 'agency' | 'year' | 'place' | 'errors' | 'warnings' | 'reader' | 'file' | 'reason';

export const STATE: ListState = {
  search: '',
  statuses: new Set(),
  rule: '',
  year: '',
  reader: '',
  format: '',
  places: ['', '', '', ''],
  sort: { key: 'status', descending: false },
};

export const ROW_HEIGHT = 32;
export const PLACE_LEVELS = ['省', '市', '区县', '街道乡镇'];

export const isAudited = (row: XxgkView.Row) => STATUS_INFO[row[R.status]]?.audited ?? false;

/** The ids of the reports of one list (audited or not) that pass the filters, sorted. */
function filteredIds(audited: boolean): number[] {
  const search = STATE.search.trim().toLowerCase();
  const rows = ROWS.filter((row) => isAudited(row) === audited);
  const filters = shownFilters(STATE, rows, audited);
  return sortIds(rows.filter((row) => matchesFilters(row, search, filters)).map((row) => row[R.id]));
}

function matchesFilters(row: XxgkView.Row, search: string, filters: Filters): boolean {
  if (filters.statuses.size > 0 && !filters.statuses.has(row[R.status])) return false;
  if (filters.rule && !row[R.rules].split(' ').includes(filters.rule)) return false;
  if (filters.year && text(row[R.year]) !== filters.year) return false;
  if (filters.reader && text(row[R.reader]) !== filters.reader) return false;
  if (filters.format && text(row[R.format]) !== filters.format) return false;
  const places = PLACES[row[R.id]]!;
  for (let level = 0; level < 4; level++)
    if (filters.places[level] && places[level] !== filters.places[level]) return false;
  if (search && !(row[R.agency] ?? '').toLowerCase().includes(search) && !row[R.file].toLowerCase().includes(search))
    return false;
  return true;
}

export const COLLATOR = new Intl.Collator('zh-CN');

/**
 * The ids sorted by the chosen column, ties in file-name order (the ids' order). Each key is computed once and
 * compared with a collator made once: at 100,000 reports, a comparison that builds its key or its locale each time
 * takes seconds.
 */
function sortIds(ids: number[]): number[] {
  const { key, descending } = STATE.sort;
  const sign = descending ? -1 : 1;
  const keys = new Map<number, string | number>();
  for (const id of ids) keys.set(id, sortKey(ROWS[id]!, key));
  return ids.sort((a, b) => {
    const x = keys.get(a)!;
    const y = keys.get(b)!;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : COLLATOR.compare(String(x), String(y));
    return order !== 0 ? sign * order : a - b;
  });
}

function sortKey(row: XxgkView.Row, key: SortKey): string | number {
  switch (key) {
    case 'status':
      // The problems first: flagged, then the most errors.
      return (STATUS_INFO[row[R.status]]?.order ?? 9) * 1e6 - row[R.errors];
    case 'agency':
      return row[R.agency] ?? '\uffff';
    case 'year':
      return row[R.year] ?? 0;
    case 'place':
      return PLACES[row[R.id]]!.join('/');
    case 'errors':
      return row[R.errors];
    case 'warnings':
      return row[R.warnings];
    case 'reader':
      return row[R.reader] ?? '';
    case 'reason':
      return row[R.reason] ?? '';
    default:
      return row[R.file];
  }
}

interface Column {
  title: string;
  key: SortKey;
  width: string;
  cell: (row: XxgkView.Row) => Node | string;
  numeric?: boolean;
}

const AUDITED_COLUMNS: Column[] = [
  { title: '状态', key: 'status', width: '84px', cell: (row) => statusBadge(row[R.status]) },
  { title: '机关', key: 'agency', width: 'minmax(160px,1.6fr)', cell: (row) => text(row[R.agency]) || '（未读出）' },
  { title: '年度', key: 'year', width: '52px', cell: (row) => text(row[R.year]) },
  {
    title: '地区',
    key: 'place',
    width: 'minmax(100px,1.1fr)',
    cell: (row) => [...new Set(PLACES[row[R.id]]!.filter(Boolean))].join(' '),
  },
  {
    title: '错误',
    key: 'errors',
    width: '48px',
    numeric: true,
    cell: (row) => (row[R.errors] > 0 ? h('span', { class: 'errors' }, row[R.errors]) : '0'),
  },
  { title: '警告', key: 'warnings', width: '48px', numeric: true, cell: (row) => text(row[R.warnings]) },
  {
    title: '不成立的规则',
    key: 'errors',
    width: 'minmax(120px,1.3fr)',
    cell: (row) => row[R.rules].split(' ').filter(Boolean).map(ruleTitle).join('；'),
  },
  { title: '读取', key: 'reader', width: '72px', cell: (row) => text(row[R.reader]) },
  { title: '文件', key: 'file', width: 'minmax(140px,1.5fr)', cell: (row) => row[R.file] },
];

const UNREAD_COLUMNS: Column[] = [
  { title: '状态', key: 'status', width: '96px', cell: (row) => statusBadge(row[R.status]) },
  { title: '文件', key: 'file', width: 'minmax(180px,1.5fr)', cell: (row) => row[R.file] },
  { title: '原因', key: 'reason', width: 'minmax(240px,3fr)', cell: (row) => text(row[R.reason]) },
  { title: '读取', key: 'reader', width: '72px', cell: (row) => text(row[R.reader]) },
  { title: '机关', key: 'agency', width: 'minmax(120px,1fr)', cell: (row) => text(row[R.agency]) },
];

export function showList(main: HTMLElement, audited: boolean): void {
  const columns = audited ? AUDITED_COLUMNS : UNREAD_COLUMNS;
  const list = h('div', { class: 'list', style: `--columns:${columns.map((c) => c.width).join(' ')}` });
  const shown = h('span', { class: 'muted' });
  const summary = h('div', { class: 'summary' });
  const filters = h('div', { class: 'filters' });
  let ids: number[] = [];

  const refresh = () => {
    ids = filteredIds(audited);
    replaceChildren(summary, summaryChips(audited, refresh));
    replaceChildren(filters, filterControls(audited, refresh), shown);
    shown.textContent = `显示 ${ids.length} / ${ROWS.filter((r) => isAudited(r) === audited).length} 份`;
    drawList(list, columns, ids, refresh);
  };
  list.addEventListener('scroll', () => drawRows(list, columns, ids));
  window.onresize = () => drawRows(list, columns, ids);
  replaceChildren(main, summary, filters, list);
  onRefresh(refresh);
  refresh();
}

/** Set by the list on screen: the header's search box calls it. */
let REFRESH: () => void = () => undefined;

/** What a change of search or filter redraws: the list or the grid, whichever is shown. */
export function onRefresh(refresh: () => void): void {
  REFRESH = refresh;
}

export function refreshView(): void {
  REFRESH();
}

function drawList(list: HTMLElement, columns: Column[], ids: number[], refresh: () => void): void {
  const head = h(
    'div',
    { class: 'head' },
    columns.map((c) =>
      h(
        'span',
        {
          class: c.numeric ? 'num' : '',
          title: '点击排序 / click to sort',
          onclick: () => {
            STATE.sort = {
              key: c.key,
              descending: STATE.sort.key === c.key ? !STATE.sort.descending : c.numeric === true,
            };
            refresh();
          },
        },
        c.title,
        STATE.sort.key === c.key && c.title !== '不成立的规则' ? (STATE.sort.descending ? ' ▼' : ' ▲') : '',
      ),
    ),
  );
  const spacer = h('div', { class: 'spacer', style: `height:${ROW_HEIGHT * ids.length}px` });
  replaceChildren(
    list,
    head,
    spacer,
    ids.length === 0 ? h('div', { class: 'empty' }, '没有符合条件的报告。/ No report matches.') : null,
  );
  list.scrollTop = 0;
  drawRows(list, columns, ids);
}

/** Only the rows in view are in the page. */
function drawRows(list: HTMLElement, columns: Column[], ids: number[]): void {
  list.querySelectorAll('.row').forEach((r) => r.remove());
  const first = Math.max(0, Math.floor(list.scrollTop / ROW_HEIGHT) - 5);
  const last = Math.min(ids.length, first + Math.ceil(list.clientHeight / ROW_HEIGHT) + 10);
  for (let i = first; i < last; i++) {
    const row = ROWS[ids[i]!]!;
    list.appendChild(
      h(
        'div',
        {
          class: `row ${row[R.status]}`,
          style: `top:${ROW_HEIGHT * (i + 1)}px`,
          'data-id': row[R.id],
          onclick: () => (location.hash = `report=${row[R.id]}`),
        },
        columns.map((c) =>
          h(
            'span',
            {
              class: c.numeric ? 'num' : '',
              title: c.key === 'file' || c.key === 'reason' ? (row[c.key === 'file' ? R.file : R.reason] ?? '') : null,
            },
            c.cell(row),
          ),
        ),
      ),
    );
  }
}

/** The batch at a glance: reports by status and by failing rule, each a filter. */
function summaryChips(audited: boolean, refresh: () => void): HTMLElement[] {
  const rows = ROWS.filter((r) => isAudited(r) === audited);
  const byStatus = new Map<string, number>();
  const byRule = new Map<string, number>();
  for (const row of rows) {
    byStatus.set(row[R.status], (byStatus.get(row[R.status]) ?? 0) + 1);
    for (const rule of row[R.rules].split(' ').filter(Boolean)) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
  }
  const statuses = [...byStatus.entries()].sort(
    (a, b) => (STATUS_INFO[a[0]]?.order ?? 9) - (STATUS_INFO[b[0]]?.order ?? 9),
  );
  const toggleStatus = (status: string) => {
    if (STATE.statuses.has(status)) STATE.statuses.delete(status);
    else STATE.statuses.add(status);
    refresh();
  };
  return [
    ...statuses.map(([status, n]) =>
      h(
        'span',
        {
          class: `chip${STATE.statuses.has(status) ? ' on' : ''}`,
          'data-status': status,
          onclick: () => toggleStatus(status),
        },
        statusBadge(status),
        h('span', { class: 'n' }, n),
      ),
    ),
    ...[...byRule.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([rule, n]) =>
        h(
          'span',
          {
            class: `chip rule${STATE.rule === rule ? ' on' : ''}`,
            'data-rule': rule,
            title: rule,
            onclick: () => {
              STATE.rule = STATE.rule === rule ? '' : rule;
              refresh();
            },
          },
          `✖ ${ruleTitle(rule)}`,
          h('span', { class: 'n' }, n),
        ),
      ),
  ];
}

function options(values: string[], chosen: string, all: string): HTMLOptionElement[] {
  return [h('option', { value: '' }, all), ...values.map((v) => h('option', { value: v, selected: v === chosen }, v))];
}

export function distinct(values: (string | number | null)[]): string[] {
  return [...new Set(values.filter((v) => v !== null && v !== '').map(String))].sort(COLLATOR.compare);
}

export function select(
  name: string,
  values: string[],
  chosen: string,
  all: string,
  change: (value: string) => void,
): HTMLSelectElement {
  const element = h('select', { name, onchange: () => change(element.value) }, options(values, chosen, all));
  return element;
}

/** Year, reader, format, and the place at each level (each level's choices narrowed by the level above). */
function filterControls(audited: boolean, refresh: () => void): HTMLElement[] {
  const rows = ROWS.filter((r) => isAudited(r) === audited);
  // The controls show the filters that apply to this list (shownFilters), so none applies unseen.
  const shown = shownFilters(STATE, rows, audited);
  const set = (apply: () => void) => () => {
    apply();
    refresh();
  };
  const places: HTMLElement[] = [];
  for (let level = 0; level < 4; level++) {
    const candidates = rows.filter((r) =>
      shown.places.slice(0, level).every((p, l) => !p || PLACES[r[R.id]]![l] === p),
    );
    const values = distinct(candidates.map((r) => PLACES[r[R.id]]![level]!));
    if (values.length === 0) continue;
    places.push(
      select(`place-${level}`, values, shown.places[level]!, `全部${PLACE_LEVELS[level]}`, (value) =>
        set(() => {
          STATE.places[level] = value;
          for (let below = level + 1; below < 4; below++) STATE.places[below] = '';
        })(),
      ),
    );
  }
  return [
    places.length > 0 ? h('label', null, '地区') : null,
    ...places,
    select('year', distinct(rows.map((r) => r[R.year])).reverse(), shown.year, '全部年度', (v) =>
      set(() => (STATE.year = v))(),
    ),
    select('reader', distinct(rows.map((r) => r[R.reader])), shown.reader, '全部读取方式', (v) =>
      set(() => (STATE.reader = v))(),
    ),
    audited
      ? select('format', distinct(rows.map((r) => r[R.format])), shown.format, '全部格式', (v) =>
          set(() => (STATE.format = v))(),
        )
      : null,
    h(
      'a',
      {
        onclick: () => {
          Object.assign(STATE, {
            statuses: new Set(),
            rule: '',
            year: '',
            reader: '',
            format: '',
            places: ['', '', '', ''],
          });
          refresh();
        },
      },
      '清除筛选',
    ),
  ].filter((e): e is HTMLElement => e !== null);
}
