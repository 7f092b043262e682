// Agencies × years: which agencies have a report for each year, which are flagged, and which years are missing —
// without opening each agency. Agencies are grouped as the rules across files group them.

import { BY_AGENCY, META, PLACES, R, ROWS } from './data.js';
import { COLLATOR, PLACE_LEVELS, ROW_HEIGHT, STATE, distinct, onRefresh, select } from './list.js';
import { markText } from './mark.js';
import { STATUS_INFO, h, replaceChildren } from './util.js';

let MISSING_YEAR = '';

/** What a year's mark shows: the most serious status among the agency's copies of that year. */
function markOf(ids: number[]): { kind: string; label: string; title: string; id: number } {
  const rows = ids.map((id) => ROWS[id]!);
  const worst = rows.sort(
    (a, b) => (STATUS_INFO[a[R.status]]?.order ?? 9) - (STATUS_INFO[b[R.status]]?.order ?? 9),
  )[0]!;
  const status = worst[R.status];
  const kind =
    status === 'flagged' || status === 'ok' || status === 'incomplete' || status === 'unchecked' ? status : 'unread';
  const text = markText(rows.map((r) => r[R.status]));
  const title = ids.length > 1 ? `${text.title}\n${rows.map((r) => r[R.file]).join('\n')}` : worst[R.file];
  return { kind, label: text.label, title, id: worst[R.id] };
}

/**
 * Every year from the earliest to the latest in the batch, so that a year nobody filed for still has a column (and
 * 「只看缺少此年度报告的机关」 can ask for it), widened to the years asked with `--years`.
 */
function yearRange(): number[] {
  const years = distinct(ROWS.map((r) => r[R.year])).map(Number);
  if (META.years) years.push(META.years.from, META.years.to);
  if (years.length === 0) return [];
  const first = Math.min(...years);
  return Array.from({ length: Math.max(...years) - first + 1 }, (_, i) => first + i);
}

export function showGrid(main: HTMLElement): void {
  const years = yearRange();
  const wrap = h('div', { class: 'grid-wrap grid' });
  const shown = h('span', { class: 'muted' });
  const filters = h('div', { class: 'filters' });
  let agencies: GridRow[] = [];

  const refresh = () => {
    agencies = gridRows();
    replaceChildren(
      filters,
      h('label', null, '只看缺少此年度报告的机关：'),
      select('missing-year', years.map(String).reverse(), MISSING_YEAR, '（不限）', (v) => {
        MISSING_YEAR = v;
        refresh();
      }),
      gridPlaceFilters(refresh).length > 0 ? h('label', null, '地区') : null,
      gridPlaceFilters(refresh),
      shown,
    );
    shown.textContent = `${agencies.length} 个机关 × ${years.length} 个年度`;
    const head = h(
      'div',
      { class: 'head' },
      h('span', { class: 'name' }, '机关'),
      years.map((y) => h('span', { class: `cell${String(y) === MISSING_YEAR ? ' year-picked' : ''}` }, y)),
    );
    replaceChildren(
      wrap,
      head,
      h('div', { style: `height:${ROW_HEIGHT * agencies.length}px;position:relative`, class: 'grid-body' }),
    );
    wrap.scrollTop = 0;
    drawGridRows();
  };
  const drawGridRows = () => {
    const body = wrap.querySelector('.grid-body') as HTMLElement | null;
    if (!body) return;
    replaceChildren(body);
    const first = Math.max(0, Math.floor(wrap.scrollTop / ROW_HEIGHT) - 5);
    const last = Math.min(agencies.length, first + Math.ceil(wrap.clientHeight / ROW_HEIGHT) + 10);
    for (let i = first; i < last; i++) {
      const agency = agencies[i]!;
      body.appendChild(
        h(
          'div',
          { class: 'row', style: `position:absolute;left:0;right:0;top:${ROW_HEIGHT * i}px` },
          h(
            'span',
            { class: `name${agency.names.length > 1 ? ' grouped' : ''}`, title: groupTitle(agency) },
            agency.name,
          ),
          years.map((year) => {
            const ids = agency.byYear.get(year);
            const picked = String(year) === MISSING_YEAR ? ' year-picked' : '';
            if (!ids)
              return h(
                'span',
                { class: `cell${picked}` },
                h('span', { class: 'mark missing', title: `${year} 年度没有报告` }, '缺'),
              );
            const mark = markOf(ids);
            return h(
              'span',
              { class: `cell${picked}` },
              h('a', { class: `mark ${mark.kind}`, href: `#report=${mark.id}`, title: mark.title }, mark.label),
            );
          }),
        ),
      );
    }
  };
  wrap.addEventListener('scroll', drawGridRows);
  replaceChildren(main, filters, wrap);
  onRefresh(refresh);
  refresh();
}

/** An agency's row: the name most of its reports print, every name printed for it, its reports by year. */
interface GridRow {
  name: string;
  names: string[];
  byYear: Map<number, number[]>;
}

/** The names taken as one agency, so a user sees (and can question) the grouping. */
function groupTitle(agency: GridRow): string {
  if (agency.names.length < 2) return agency.name;
  return `以下 ${agency.names.length} 个名称视为同一机关：\n${agency.names.join('\n')}`;
}

function gridRows(): GridRow[] {
  const search = STATE.search.trim().toLowerCase();
  const rows: GridRow[] = [];
  for (const ids of BY_AGENCY.values()) {
    const first = ROWS[ids[0]!]!;
    const places = PLACES[first[R.id]]!;
    if (STATE.places.some((p, level) => p && places[level] !== p)) continue;
    if (search && !ids.some((id) => (ROWS[id]![R.agency] ?? '').toLowerCase().includes(search))) continue;
    const byYear = new Map<number, number[]>();
    for (const id of ids) {
      const year = ROWS[id]![R.year];
      if (year === null) continue;
      byYear.set(year, [...(byYear.get(year) ?? []), id]);
    }
    if (MISSING_YEAR && byYear.has(Number(MISSING_YEAR))) continue;
    const names = distinct(ids.map((id) => ROWS[id]![R.agency] ?? '').filter((name) => name !== ''));
    rows.push({ name: mostCommonName(ids), names, byYear });
  }
  return rows.sort((a, b) => COLLATOR.compare(a.name, b.name));
}

function mostCommonName(ids: number[]): string {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const name = ROWS[id]![R.agency] ?? '';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0]![0];
}

function gridPlaceFilters(refresh: () => void): HTMLElement[] {
  const controls: HTMLElement[] = [];
  for (let level = 0; level < 4; level++) {
    const values = distinct(
      ROWS.filter((r) => STATE.places.slice(0, level).every((p, l) => !p || PLACES[r[R.id]]![l] === p)).map(
        (r) => PLACES[r[R.id]]![level]!,
      ),
    );
    if (values.length === 0 && !STATE.places[level]) continue;
    controls.push(
      select(`place-${level}`, values, STATE.places[level]!, `全部${PLACE_LEVELS[level]}`, (value) => {
        STATE.places[level] = value;
        for (let below = level + 1; below < 4; below++) STATE.places[below] = '';
        refresh();
      }),
    );
  }
  return controls;
}
