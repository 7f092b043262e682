// The data files call these functions as they load (see src/view/data.d.ts); reports are loaded a chunk at a time.

import { loadScript, loadedScripts } from './util.js';

export let META: XxgkView.Meta;
export let ROWS: XxgkView.Row[] = [];

/** Columns of a list row. */
export const R = {
  id: 0,
  file: 1,
  status: 2,
  agency: 3,
  agencyKey: 4,
  year: 5,
  reader: 6,
  format: 7,
  errors: 8,
  warnings: 9,
  rules: 10,
  reason: 11,
  places: 12,
  chunk: 13,
} as const;

export function xxgkMeta(meta: XxgkView.Meta): void {
  META = meta;
}

export function xxgkList(rows: XxgkView.Row[]): void {
  ROWS = rows;
}

const chunks = new Map<number, XxgkView.Report[]>();
/** Chunks kept in memory; older ones are dropped (and loaded again if needed). */
const CHUNKS_KEPT = 24;

export function xxgkReports(chunk: number, reports: XxgkView.ReportFile[]): void {
  chunks.set(
    chunk,
    reports.map((report) => ({ ...report, cells: report.cells.map(expandCell) })),
  );
  if (chunks.size > CHUNKS_KEPT) {
    const oldest = chunks.keys().next().value;
    if (oldest !== undefined && oldest !== chunk) {
      chunks.delete(oldest);
      loadedScripts.delete(chunkSrc(oldest));
    }
  }
}

const chunkSrc = (n: number) => `view/reports/${String(n).padStart(5, '0')}.js`;

export async function loadReport(id: number): Promise<XxgkView.Report> {
  const row = ROWS[id];
  if (!row) throw new Error(`没有编号为 ${id} 的报告 / no report ${id}`);
  const chunk = row[R.chunk];
  if (!chunks.has(chunk)) {
    loadedScripts.delete(chunkSrc(chunk));
    await loadScript(chunkSrc(chunk));
  }
  const report = chunks.get(chunk)?.find((r) => r.id === id);
  if (!report) throw new Error(`报告 ${id} 不在 ${chunkSrc(chunk)} 中 / report ${id} missing from its chunk`);
  return report;
}

/**
 * Places filled in from the rest of the batch: 洪泽区人民政府 prints only its county, but another report printing
 * 淮安市洪泽区 tells its city (when the batch agrees on one). Index: report id.
 */
export let PLACES: [string, string, string, string][] = [];

export function fillPlaces(): void {
  const parentOf = [
    new Map<string, Map<string, number>>(),
    new Map<string, Map<string, number>>(),
    new Map<string, Map<string, number>>(),
  ];
  for (const row of ROWS) {
    const places = row[R.places];
    for (let level = 1; level < 4; level++) {
      const name = places[level];
      const parent = places[level - 1];
      if (!name || !parent) continue;
      const votes = parentOf[level - 1]!.get(name) ?? new Map<string, number>();
      votes.set(parent, (votes.get(parent) ?? 0) + 1);
      parentOf[level - 1]!.set(name, votes);
    }
  }
  const single = (votes: Map<string, number> | undefined) => (votes && votes.size === 1 ? [...votes.keys()][0]! : '');
  PLACES = ROWS.map((row) => {
    const places = [...row[R.places]] as [string, string, string, string];
    for (let level = 3; level >= 1; level--) {
      if (places[level] && !places[level - 1]) places[level - 1] = single(parentOf[level - 1]!.get(places[level]!));
    }
    return places;
  });
}

/** The batch's reports of one agency (all years, all copies), by year then file. */
export let BY_AGENCY = new Map<string, number[]>();

export function groupByAgency(): void {
  BY_AGENCY = new Map();
  for (const row of ROWS) {
    const key = row[R.agencyKey];
    if (!key) continue;
    const ids = BY_AGENCY.get(key) ?? [];
    ids.push(row[R.id]);
    BY_AGENCY.set(key, ids);
  }
  for (const ids of BY_AGENCY.values()) ids.sort((a, b) => (ROWS[a]![R.year] ?? 0) - (ROWS[b]![R.year] ?? 0) || a - b);
}

/** A cell as written (see XxgkView.WireCell) → the cell the page works with. */
function expandCell(wire: XxgkView.WireCell): XxgkView.Cell {
  const [ref, raw, value, page, box, table, row, col, kind, label, note, ocr] = wire;
  return [
    typeof ref === 'number' ? META.refs[ref]! : ref,
    raw,
    value,
    kind || 'number',
    page,
    box,
    table,
    row,
    col,
    label || '',
    note || null,
    ocr || null,
  ];
}

export function ruleTitle(rule: string): string {
  return META.ruleTitles[rule] ?? rule;
}
