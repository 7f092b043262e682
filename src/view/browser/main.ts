// The page's frame: the header (counts, and the search by agency name that works from anywhere), the three tabs —
// audited reports, files that could not be read, agencies × years — and a report's page, by the address's #.

import { R, ROWS, fillPlaces, groupByAgency } from './data.js';
import { showGrid } from './grid.js';
import { STATE, isAudited, onRefresh, refreshView, showList } from './list.js';
import { showReport } from './report.js';
import { addStyles } from './styles.js';
import { debounce, h, replaceChildren } from './util.js';
import { xxgkList, xxgkMeta, xxgkReports } from './data.js';
import { xxgkBinary, xxgkPdf, xxgkPdfjs } from './pictures.js';

type Route = { view: 'audited' | 'unread' | 'grid' } | { view: 'report'; id: number };

function route(): Route {
  const hash = location.hash.replace(/^#/, '');
  const report = /^report=(\d+)$/.exec(hash);
  if (report) return { view: 'report', id: Number(report[1]) };
  if (hash === 'unread' || hash === 'grid') return { view: hash };
  return { view: 'audited' };
}

function xxgkStart(): void {
  addStyles();
  fillPlaces();
  groupByAgency();
  const app = document.getElementById('app')!;
  const search = h('input', {
    class: 'search',
    type: 'search',
    placeholder: '搜索机关名称（含部门、街道、乡镇）或文件名 / search agency or file',
    value: STATE.search,
  });
  const refresh = debounce(refreshView, 150);
  search.addEventListener('input', () => {
    STATE.search = search.value;
    // Searching from a report's page goes back to the list, to show what was found.
    if (route().view === 'report') location.hash = '';
    else refresh();
  });
  const tabs = h('nav', { class: 'tabs' });
  const main = h('main');
  replaceChildren(
    app,
    h(
      'header',
      { class: 'top' },
      h('h1', null, h('a', { href: '#' }, 'xxgk 审计视图')),
      search,
      h('span', { class: 'counts' }, batchCounts()),
    ),
    tabs,
    main,
  );
  const render = () => {
    const current = route();
    const tab = current.view === 'report' ? '' : current.view;
    const counts = countByTab();
    replaceChildren(
      tabs,
      h('a', { href: '#', class: tab === 'audited' ? 'active' : '' }, `审核结果（${counts.audited}）`),
      h('a', { href: '#unread', class: tab === 'unread' ? 'active' : '' }, `未能读取（${counts.unread}）`),
      h('a', { href: '#grid', class: tab === 'grid' ? 'active' : '' }, '机关 × 年度'),
    );
    onRefresh(() => undefined);
    if (current.view === 'report') void showReport(main, current.id);
    else if (current.view === 'grid') showGrid(main);
    else showList(main, current.view === 'audited');
  };
  window.addEventListener('hashchange', render);
  render();
}

function countByTab(): { audited: number; unread: number } {
  let audited = 0;
  for (const row of ROWS) if (isAudited(row)) audited++;
  return { audited, unread: ROWS.length - audited };
}

function batchCounts(): string {
  const count = (status: string) => ROWS.filter((r) => r[R.status] === status).length;
  return `共 ${ROWS.length} 个文件 · 有问题 ${count('flagged')} · 不完整 ${count('incomplete')} · 未核对 ${count('unchecked')} · 正常 ${count('ok')}`;
}

// The page's entry points: index.html calls xxgkStart, and the data scripts under view/ call the others by name as
// they load (a page opened from disk may load scripts, not read files).
Object.assign(globalThis, { xxgkStart, xxgkMeta, xxgkList, xxgkReports, xxgkPdfjs, xxgkBinary, xxgkPdf });
