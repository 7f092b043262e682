// A report's page: what fails and why (both sides of each failing sum, with their numbers and where they are
// printed), the three tables as the template lays them out, the PDF pages with the cells' boxes, the agency's other
// years (上年结转 against last year's 结转下年度) and the copies of the same report that print different numbers.

import { BY_AGENCY, META, R, ROWS, loadReport } from './data.js';
import { type Box, drawPdfPage, pickBoxes, pictureWithBoxes } from './pictures.js';
import {
  type Marks,
  type PickCell,
  cellIndex,
  cellLabels,
  cellTitle,
  tableSource,
  templateLabels,
  templateTable,
} from './tables.js';
import { legacyBlock } from './legacy.js';
import { h, placeText, printed, replaceChildren, statusBadge, text } from './util.js';

const TABLE_KEYS: XxgkView.TableKey[] = ['active', 'requests', 'review_litigation'];
const APPLICANT_ORDER = [
  'natural_person',
  'commercial_enterprise',
  'research_institution',
  'social_welfare_org',
  'legal_service_org',
  'other_org',
  'total',
];
/** Width at which PDF pages are drawn, in CSS pixels. */
const PAGE_WIDTH = 760;

export async function showReport(main: HTMLElement, id: number): Promise<void> {
  replaceChildren(main, h('p', { class: 'muted' }, '正在载入报告… / loading the report…'));
  let report: XxgkView.Report;
  try {
    report = await loadReport(id);
  } catch (error) {
    replaceChildren(main, h('div', { class: 'finding error' }, (error as Error).message));
    return;
  }
  const cells = cellIndex(report);
  const marks = marksOf(report);
  const pick = (ref: string) => pickCell(ref);
  const errors = report.findings.filter((f) => f.severity === 'error');
  replaceChildren(
    main,
    reportHead(report),
    h(
      'section',
      { class: 'block', id: 'problems' },
      h('h2', null, `问题 Problems（${errors.length}）`),
      problems(report, cells, pick),
    ),
    // The page right under the problems: the printed numbers beside the sums that use them.
    picturesBlock(report, cells),
    // A legacy report has no template tables: its statistics table is shown instead of three empty ones.
    report.format === 'legacy' ? null : TABLE_KEYS.map((key) => tableBlock(key, report, cells, marks, pick)),
    legacyBlock(report, cells, marks, pick),
    documentNotes(report, cells, pick),
    h(
      'section',
      { class: 'block', id: 'years' },
      h('h2', null, '同一机关的其他年度 · 结转衔接'),
      h('div', { class: 'muted' }, '载入中…'),
    ),
    h(
      'section',
      { class: 'block', id: 'copies' },
      h('h2', null, '同一报告的其他副本'),
      h('div', { class: 'muted' }, '载入中…'),
    ),
  );
  window.scrollTo(0, 0);
  const [years, copies] = await Promise.all([agencyYears(report).catch(failed), otherCopies(report).catch(failed)]);
  const yearsBlock = main.querySelector('#years');
  const copiesBlock = main.querySelector('#copies');
  if (yearsBlock) replaceChildren(yearsBlock, h('h2', null, '同一机关的其他年度 · 结转衔接'), years);
  if (copiesBlock) replaceChildren(copiesBlock, h('h2', null, '同一报告的其他副本'), copies);
}

function failed(error: unknown): HTMLElement {
  return h('div', { class: 'finding warning' }, (error as Error).message);
}

function marksOf(report: XxgkView.Report): Marks {
  const bad = new Set(report.findings.filter((f) => f.severity === 'error').flatMap((f) => f.cells));
  const warn = new Set(
    report.findings
      .filter((f) => f.severity === 'warning')
      .flatMap((f) => f.cells)
      .filter((ref) => !bad.has(ref)),
  );
  return { bad, warn };
}

function pickCell(ref: string): void {
  document.querySelectorAll('td.value.picked').forEach((c) => c.classList.remove('picked'));
  const cell = document.querySelector(`td.value[data-ref="${CSS.escape(ref)}"]`);
  cell?.classList.add('picked');
  pickBoxes(ref);
}

function reportHead(report: XxgkView.Report): HTMLElement {
  const facts = [
    report.agency ?? '（机关未读出）',
    report.year !== null ? `${report.year} 年度` : '（年度未读出）',
    report.reader ? `读取：${report.reader}` : '',
    report.format ? `格式：${report.format}` : '',
    report.pages !== null ? `${report.pages} 页` : '',
  ].filter(Boolean);
  return h(
    'div',
    { class: 'report-head' },
    h(
      'a',
      {
        href: '#',
        onclick: (e: Event) => {
          e.preventDefault();
          if (history.length > 1) history.back();
          else location.hash = '';
        },
      },
      '← 返回列表',
    ),
    h('h2', { id: 'report-file' }, report.file),
    statusBadge(report.status),
    h('span', { class: 'facts' }, facts.join(' · ')),
    report.url ? h('a', { href: report.url, target: '_blank', title: report.path ?? '' }, '打开原文件') : null,
    report.reason ? h('div', { class: 'muted', style: 'flex-basis:100%' }, `原因：${report.reason}`) : null,
  );
}

function problems(report: XxgkView.Report, cells: Map<string, XxgkView.Cell>, pick: PickCell): HTMLElement[] {
  const errors = report.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) return errors.map((f) => findingCard(f, cells, pick));
  if (report.status === 'ok') return [h('div', { class: 'ok-note' }, '全部勾稽关系成立。/ Every rule holds.')];
  if (report.status === 'unchecked')
    return [
      h(
        'div',
        { class: 'finding warning unchecked' },
        `未核对：没有读到任何数字，勾稽关系未能核对。${report.reason ?? ''}`,
      ),
    ];
  if (report.status === 'incomplete')
    return [h('div', { class: 'finding warning' }, `没有不成立的勾稽关系，但报告未能完整读取：${report.reason ?? ''}`)];
  return [h('div', { class: 'finding warning' }, `未能作为年度报告读取：${report.reason ?? report.status}`)];
}

/** A finding, with the two sides of a failing sum spelled out: 总计 0 ≠ 结果维持 10 + 结果纠正 1 + … = 11. */
function findingCard(finding: XxgkView.Finding, cells: Map<string, XxgkView.Cell>, pick: PickCell): HTMLElement {
  const card = h(
    'div',
    { class: `finding ${finding.severity}`, 'data-rule': finding.rule },
    h(
      'div',
      null,
      h(
        'span',
        { class: 'title' },
        `${finding.severity === 'error' ? '✖' : finding.severity === 'warning' ? '⚠' : 'ℹ'} ${finding.title}`,
      ),
      h('span', { class: 'rule' }, `${finding.rule} · ${finding.scope}`),
    ),
  );
  // Pointing at a finding lights up its cells, in the tables and on the page (a click picks one cell, with its label).
  const highlight = (on: boolean) => {
    for (const ref of finding.cells)
      document.querySelectorAll(`[data-ref="${CSS.escape(ref)}"]`).forEach((e) => e.classList.toggle('lit', on));
  };
  card.addEventListener('mouseenter', () => highlight(true));
  card.addEventListener('mouseleave', () => highlight(false));
  if (finding.left && finding.right) {
    const first = finding.left[0]!;
    const labels = cellLabels(first, cells);
    const context = finding.by === 'column' ? labels[1] : labels[2];
    card.appendChild(h('div', { class: 'where' }, `${labels[0]} › ${context}`));
    card.appendChild(
      h(
        'div',
        { class: 'equation' },
        side(finding.left, finding.expected, finding, cells, pick),
        h('span', { class: 'ne' }, '≠'),
        side(finding.right, finding.actual, finding, cells, pick),
      ),
    );
  } else if (finding.rule === 'carry_continuity' && finding.cells[0]) {
    const ref = finding.cells[0];
    const [, , column] = cellLabels(ref, cells);
    card.appendChild(
      h(
        'div',
        { class: 'equation' },
        term(ref, 'both', cells, pick),
        h('span', { class: 'ne' }, '≠'),
        h('span', { class: 'sum' }, `上一年报告的 四、结转下年度 · ${column} ${text(finding.expected)}`),
      ),
    );
    card.appendChild(h('div', null, finding.message));
  } else {
    card.appendChild(h('div', null, finding.message));
    if (finding.severity === 'error' && finding.cells.length > 0) {
      card.appendChild(
        h(
          'div',
          { class: 'equation' },
          finding.cells.slice(0, 12).map((ref) => term(ref, 'both', cells, pick)),
          finding.cells.length > 12 ? ` … 共 ${finding.cells.length} 个单元格` : '',
        ),
      );
    }
  }
  const places = [...new Set(finding.cells.flatMap((ref) => (cells.get(ref) ? [placeText(cells.get(ref)!)] : [])))];
  if (places.length > 0 && finding.cells.length <= 12)
    card.appendChild(h('div', { class: 'where' }, `位置：${places.join('；')}`));
  return card;
}

function side(
  refs: string[],
  total: number | null,
  finding: XxgkView.Finding,
  cells: Map<string, XxgkView.Cell>,
  pick: PickCell,
): HTMLElement {
  const by = finding.by ?? 'row';
  const terms = refs.flatMap((ref, i) =>
    i === 0 ? [term(ref, by, cells, pick)] : [' + ', term(ref, by, cells, pick)],
  );
  return h('span', null, terms, refs.length > 1 && total !== null ? h('span', { class: 'sum' }, ` = ${total}`) : null);
}

function term(
  ref: string,
  by: 'row' | 'column' | 'both',
  cells: Map<string, XxgkView.Cell>,
  pick: PickCell,
): HTMLElement {
  const labels = cellLabels(ref, cells);
  const label = by === 'row' ? labels[1] : by === 'column' ? labels[2] : `${labels[1]} · ${labels[2]}`;
  const cell = cells.get(ref);
  return h(
    'span',
    { class: 'term', 'data-ref': ref, title: cell ? cellTitle(cell) : '未找到', onclick: () => pick(ref) },
    label,
    h('b', null, printed(cell)),
  );
}

function tableBlock(
  key: XxgkView.TableKey,
  report: XxgkView.Report,
  cells: Map<string, XxgkView.Cell>,
  marks: Marks,
  pick: PickCell,
): HTMLElement {
  const label = META.template.tables.find((t) => t.key === key)!.label;
  const notes = report.findings.filter((f) => f.severity !== 'error' && f.concerns === key);
  const hasCells = report.cells.some((c) => c[0].startsWith(`${key}:`));
  const body =
    hasCells || notes.length > 0
      ? templateTable(key, report, cells, marks, pick)
      : h('div', { class: 'muted' }, '没有读出此表格的数字。');
  return h(
    'section',
    { class: 'block', 'data-section': key },
    h('h2', null, label),
    h('div', { class: 'table-source' }, tableSource(report, key)),
    h(
      'div',
      { class: 'with-notes' },
      h('div', { style: 'overflow-x:auto' }, body),
      h('div', { class: 'notes' }, foldedNotes(notes, cells, pick)),
    ),
  );
}

function documentNotes(report: XxgkView.Report, cells: Map<string, XxgkView.Cell>, pick: PickCell): HTMLElement | null {
  const notes = report.findings.filter((f) => f.severity !== 'error' && f.concerns === null);
  if (notes.length === 0) return null;
  return h('section', { class: 'block' }, h('h2', null, '关于整份文件'), foldedNotes(notes, cells, pick));
}

/**
 * Warnings and notes under the table they concern, folded: their count shows, a click opens them (errors are listed
 * open at the top of the report). Warnings first, then notes (info).
 */
function foldedNotes(notes: XxgkView.Finding[], cells: Map<string, XxgkView.Cell>, pick: PickCell): HTMLElement | null {
  if (notes.length === 0) return null;
  const warnings = notes.filter((f) => f.severity === 'warning');
  const infos = notes.filter((f) => f.severity === 'info');
  const counts = [
    warnings.length > 0 ? `警告 ${warnings.length} 条` : '',
    infos.length > 0 ? `提示 ${infos.length} 条` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return h(
    'details',
    { class: 'notes-fold' },
    h('summary', null, counts),
    [...warnings, ...infos].map((f) => findingCard(f, cells, pick)),
  );
}

/** The pages (or pictures) holding the cells of error-level findings, with those cells' boxes. */
function picturesBlock(report: XxgkView.Report, cells: Map<string, XxgkView.Cell>): HTMLElement | null {
  const bad = report.findings.filter((f) => f.severity === 'error');
  const refs = [...new Set(bad.flatMap((f) => f.cells))];
  const boxOf = (ref: string, box: [number, number, number, number]): Box => {
    const labels = templateLabels(ref);
    return { ref, box, label: `${labels[1]} · ${labels[2]}`, bad: true };
  };
  const isPdf = report.reader?.startsWith('pdf') ?? false;
  if (isPdf) {
    const pages = new Map<number, Box[]>();
    for (const ref of refs) {
      const cell = cells.get(ref);
      if (!cell || cell[4] === null || !cell[5]) continue;
      pages.set(cell[4], [...(pages.get(cell[4]) ?? []), boxOf(ref, cell[5])]);
    }
    if (pages.size === 0) return null;
    const heading = h('h2', null, '页面 Pages（红框：不成立的勾稽关系涉及的单元格）');
    if (!report.pdf || !META.pdfLibrary) {
      return h(
        'section',
        { class: 'block', id: 'pages' },
        heading,
        h(
          'div',
          { class: 'muted' },
          `PDF 未复制到视图中（文件过大或无法读取）。涉及第${[...pages.keys()].join('、')}页。`,
        ),
        report.url ? h('a', { href: report.url, target: '_blank' }, '打开原文件') : null,
      );
    }
    const key = report.pdf;
    const shown = h(
      'div',
      { class: 'pages' },
      [...pages.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([page, boxes]) =>
          h('div', null, h('div', { class: 'page-caption' }, `第${page}页`), drawPdfPage(key, page, boxes, PAGE_WIDTH)),
        ),
    );
    const chooser = h('input', { type: 'number', min: 1, max: report.pages ?? 999, style: 'width:5em' });
    const other = h('div', { class: 'pages' });
    const showOther = () => {
      const n = Number(chooser.value);
      if (n >= 1)
        replaceChildren(
          other,
          h(
            'div',
            null,
            h('div', { class: 'page-caption' }, `第${n}页`),
            drawPdfPage(key, n, pages.get(n) ?? [], PAGE_WIDTH),
          ),
        );
    };
    return h(
      'section',
      { class: 'block', id: 'pages' },
      heading,
      shown,
      h(
        'div',
        { class: 'filters', style: 'margin-top:10px' },
        h('label', null, '查看其他页：'),
        chooser,
        h('button', { onclick: showOther }, '显示'),
      ),
      other,
    );
  }
  const pictures = new Map<string, Box[]>();
  for (const ref of refs) {
    const ocr = cells.get(ref)?.[11];
    if (!ocr?.picture || !ocr.pixelBox || !report.pictures[ocr.picture]) continue;
    pictures.set(ocr.picture, [...(pictures.get(ocr.picture) ?? []), boxOf(ref, ocr.pixelBox)]);
  }
  if (pictures.size === 0) return null;
  return h(
    'section',
    { class: 'block', id: 'pages' },
    h('h2', null, '图片 Pictures（文字识别所读的图片；红框：涉及的单元格）'),
    h(
      'div',
      { class: 'pages' },
      [...pictures.entries()].map(([picture, boxes]) => pictureWithBoxes(report.pictures[picture]!, boxes, PAGE_WIDTH)),
    ),
  );
}

const CHAIN_ROWS: [string, string][] = [
  ['new_received', '一、本年新收'],
  ['carried_over', '二、上年结转'],
  ['total', '（七）总计'],
  ['carried_forward', '四、结转下年度'],
];

/**
 * The agency's reports in the batch, year by year: 上年结转 of each year against the 结转下年度 of the year before
 * (the chain `carry_continuity` checks), for the applicant column chosen.
 */
async function agencyYears(report: XxgkView.Report): Promise<HTMLElement> {
  const key = ROWS[report.id]?.[R.agencyKey];
  const ids = key ? (BY_AGENCY.get(key) ?? []) : [];
  if (ids.length <= 1)
    return h(
      'div',
      { class: 'muted' },
      report.agency ? `本批次中没有 ${report.agency} 的其他报告。` : '机关未读出，无法查找同一机关的其他报告。',
    );
  const shown = nearest(ids, report);
  const reports = await Promise.all(shown.map(loadReport));
  const holder = h('div');
  const columnSelect = h(
    'select',
    null,
    APPLICANT_ORDER.map((c) => h('option', { value: c }, templateLabels(`requests:new_received:${c}`)[2])),
  );
  columnSelect.value = 'total';
  const draw = () => replaceChildren(holder, chainTable(reports, report.id, columnSelect.value), carryChecks(reports));
  columnSelect.addEventListener('change', draw);
  draw();
  const more =
    ids.length > shown.length
      ? h('div', { class: 'muted' }, `另有 ${ids.length - shown.length} 份较远年度或副本未列出。`)
      : null;
  return h('div', null, h('div', { class: 'filters' }, h('label', null, '申请人列：'), columnSelect), holder, more);
}

const cellMaps = new WeakMap<XxgkView.Report, Map<string, XxgkView.Cell>>();

function cellAt(report: XxgkView.Report, ref: string): XxgkView.Cell | undefined {
  let cells = cellMaps.get(report);
  if (!cells) cellMaps.set(report, (cells = cellIndex(report)));
  return cells.get(ref);
}

/** At most this many other reports are loaded beside one (the nearest years first): a page, not a dataset. */
const RELATED_SHOWN = 24;

function nearest(ids: number[], report: XxgkView.Report): number[] {
  if (ids.length <= RELATED_SHOWN) return ids;
  const distance = (id: number) => (id === report.id ? -1 : Math.abs((ROWS[id]![R.year] ?? 0) - (report.year ?? 0)));
  const kept = new Set([...ids].sort((a, b) => distance(a) - distance(b)).slice(0, RELATED_SHOWN));
  return ids.filter((id) => kept.has(id));
}

/** For each report, the report of the year before it that it is compared with: the first of that year by file name. */
function previousOf(reports: XxgkView.Report[], report: XxgkView.Report): XxgkView.Report | undefined {
  return report.year === null ? undefined : reports.find((r) => r.year === report.year! - 1);
}

function chainTable(reports: XxgkView.Report[], current: number, column: string): HTMLElement {
  const mismatch = (r: XxgkView.Report) => {
    const previous = previousOf(reports, r);
    if (!previous) return false;
    const now = cellAt(r, `requests:carried_over:${column}`)?.[2];
    const before = cellAt(previous, `requests:carried_forward:${column}`)?.[2];
    return now !== undefined && now !== null && before !== undefined && before !== null && now !== before;
  };
  const badForward = new Set(reports.filter(mismatch).map((r) => previousOf(reports, r)!.id));
  const head = h(
    'tr',
    null,
    h('th', null, '项目'),
    reports.map((r) =>
      h(
        'th',
        { class: r.id === current ? 'current' : '' },
        h('div', null, text(r.year)),
        h(
          'a',
          { href: `#report=${r.id}`, title: r.file, class: 'muted', style: 'font-weight:normal;font-size:12px' },
          shortName(r.file),
        ),
        h('div', null, statusBadge(r.status)),
      ),
    ),
  );
  const rows = CHAIN_ROWS.map(([row, label]) =>
    h(
      'tr',
      null,
      h('th', { style: 'text-align:left' }, label),
      reports.map((r) => {
        const bad = (row === 'carried_over' && mismatch(r)) || (row === 'carried_forward' && badForward.has(r.id));
        return h(
          'td',
          { class: `num${bad ? ' bad' : ''}${r.id === current ? ' current' : ''}` },
          printed(cellAt(r, `requests:${row}:${column}`)),
        );
      }),
    ),
  );
  return h('table', { class: 'compare', id: 'chain' }, h('thead', null, head), h('tbody', null, rows));
}

function carryChecks(reports: XxgkView.Report[]): HTMLElement {
  const lines: HTMLElement[] = [];
  for (const report of reports) {
    const previous = previousOf(reports, report);
    if (!previous) continue;
    // Only columns with a number on both sides are compared: a ✔ over cells that were not read would be a false pass.
    const compared = APPLICANT_ORDER.filter((column) => {
      const now = cellAt(report, `requests:carried_over:${column}`)?.[2];
      const before = cellAt(previous, `requests:carried_forward:${column}`)?.[2];
      return now !== undefined && now !== null && before !== undefined && before !== null;
    });
    const differing = compared.filter(
      (column) =>
        cellAt(report, `requests:carried_over:${column}`)?.[2] !==
        cellAt(previous, `requests:carried_forward:${column}`)?.[2],
    );
    const pair = `${previous.year} → ${report.year}（${shortName(previous.file)} → ${shortName(report.file)}）`;
    lines.push(
      compared.length === 0
        ? h('div', { class: 'muted not-compared' }, `– ${pair}：未比较，两边没有都读到数字`)
        : differing.length === 0
          ? h('div', null, `✔ ${pair}：上年结转与上一年的结转下年度一致`)
          : h(
              'div',
              { class: 'errors' },
              `✖ ${pair}：${differing.map((c) => `${templateLabels(`requests:new_received:${c}`)[2]} 结转下年度 ${printed(cellAt(previous, `requests:carried_forward:${c}`))} ≠ 上年结转 ${printed(cellAt(report, `requests:carried_over:${c}`))}`).join('；')}`,
            ),
    );
  }
  return h(
    'div',
    { style: 'margin-top:8px' },
    lines.length > 0 ? lines : h('div', { class: 'muted' }, '本批次中没有相邻年度可比较。'),
  );
}

const shortName = (file: string) => (file.length > 28 ? `…${file.slice(-27)}` : file);

/** Other copies of the same agency-year report, and the cells where they print different numbers. */
async function otherCopies(report: XxgkView.Report): Promise<HTMLElement> {
  const key = ROWS[report.id]?.[R.agencyKey];
  const ids = (key ? (BY_AGENCY.get(key) ?? []) : []).filter((id) => ROWS[id]![R.year] === report.year);
  if (ids.length <= 1 || report.year === null) return h('div', { class: 'muted' }, '本批次中没有同一报告的其他副本。');
  const others = ids.filter((id) => id !== report.id);
  const copies = [report, ...(await Promise.all(others.slice(0, RELATED_SHOWN).map(loadReport)))];
  const refs = [...new Set(copies.flatMap((c) => c.cells.map((cell) => cell[0])))];
  const value = (copy: XxgkView.Report, ref: string) => cellAt(copy, ref)?.[2];
  const differing = refs.filter(
    (ref) =>
      new Set(copies.map((c) => value(c, ref) ?? 'absent')).size > 1 && copies.filter((c) => cellAt(c, ref)).length > 1,
  );
  const heading = h(
    'div',
    null,
    `共 ${ids.length} 份：${copies.map((c) => shortName(c.file)).join('、')}${others.length > RELATED_SHOWN ? ` 等（列出 ${copies.length} 份）` : ''}`,
  );
  // A cell compared is one with a number in at least two copies; with none, nothing was compared, so no agreement is claimed.
  const compared = refs.some((ref) => copies.filter((c) => typeof value(c, ref) === 'number').length > 1);
  if (!compared)
    return h('div', null, heading, h('div', { class: 'muted not-compared' }, '未比较：各副本没有都读到的数字。'));
  if (differing.length === 0) return h('div', null, heading, h('div', { class: 'ok-note' }, '各副本印出的数字一致。'));
  const head = h(
    'tr',
    null,
    h('th', null, '单元格'),
    copies.map((c, i) =>
      h(
        'th',
        { class: i === 0 ? 'current' : '' },
        c.id === report.id ? '本副本' : h('a', { href: `#report=${c.id}`, title: c.file }, shortName(c.file)),
      ),
    ),
  );
  const rows = differing.slice(0, 300).map((ref) => {
    const labels = templateLabels(ref);
    const usual = majority(copies.map((c) => value(c, ref)));
    return h(
      'tr',
      null,
      h('th', { style: 'text-align:left;font-weight:normal' }, `${labels[0].slice(0, 2)} ${labels[1]} · ${labels[2]}`),
      copies.map((c) =>
        h(
          'td',
          { class: `num${usual !== undefined && value(c, ref) !== usual ? ' bad' : ''}` },
          printed(cellAt(c, ref)),
        ),
      ),
    );
  });
  return h(
    'div',
    null,
    heading,
    h('div', { class: 'errors', style: 'margin:6px 0' }, `${differing.length} 个单元格数字不同`),
    h('table', { class: 'compare', id: 'copies-table' }, h('thead', null, head), h('tbody', null, rows)),
  );
}

/** The value most copies print, if one value has more copies than any other: the others are marked. */
function majority(values: (number | null | undefined)[]): number | null | undefined {
  const counts = new Map<number | null | undefined, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return sorted.length > 1 && sorted[0]![1] > sorted[1]![1] ? sorted[0]![0] : undefined;
}
