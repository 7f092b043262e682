import { distinguishingLabel, explainFindings, RULE_TITLES } from '../audit/explain.js';
import { agencyKey } from '../core/text/agency.js';
import { cellRef, type Cell, type Report } from '../core/model/report.js';
import { DATASET_CELLS } from '../export/dataset.js';
import { printedRowLabel, rowLabel, tableLabel } from '../core/template/labels.js';
import { memoize } from '../core/text/memo.js';
import { squash } from '../core/text/normalize.js';
import {
  ACTIVE_COLUMNS,
  ACTIVE_LAYOUT,
  ACTIVE_ROWS,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  SINGLE_OTHER_ROW,
} from '../core/template/template.js';
import { placesOf } from './places.js';
import { findingText } from '../core/i18n/findings.js';

/** The view is in Chinese: the reason and the findings' messages in the catalogue's words. */
function reasonText(report: Report): string | null {
  return report.reason ? findingText('reason', report.reason, 'zh') : null;
}

/**
 * A report as the audit view needs it: a small row for the list (filtered and sorted in the page, so it must stay
 * small at 100,000 reports), and the details shown when it is opened (every cell with where it is printed, the
 * findings explained). Pure functions, so what the page shows can be tested without a browser.
 */

export function listRow(report: Report, id: number, chunk: number): XxgkView.Row {
  const errors = report.findings.filter((f) => f.severity === 'error');
  const places = placeLevels(report);
  return [
    id,
    report.file,
    report.status,
    report.agency,
    report.agency ? agencyKey(report.agency) : null,
    report.year,
    report.reader,
    report.formatVersion,
    errors.length,
    report.findings.filter((f) => f.severity === 'warning').length,
    [...new Set(errors.map((f) => f.rule))].join(' '),
    reasonText(report),
    [places.province, places.city, places.county, places.town],
    chunk,
  ];
}

/**
 * The agency's place at each level for the view's filters: the gazetteer's (every level, from the name and the
 * batch) where it placed the agency, else what the name prints; the town (街道, 镇, 乡) always from the name.
 */
function placeLevels(report: Report): { province: string; city: string; county: string; town: string } {
  const printed = placesOf(report.agency);
  const place = report.place;
  if (!place) return printed;
  return { province: place.province ?? '', city: place.city ?? '', county: place.county ?? '', town: printed.town };
}

export interface DetailFiles {
  /** The original file. */
  path?: string;
  /** The link to it from index.html, relative to the output folder (fileLink). */
  link?: string;
  /** Key of the view's copy of the PDF, when there is one. */
  pdf?: string;
  /** OCR pictures copied beside the view: `ocr.picture` → file relative to index.html. */
  pictures?: Record<string, string>;
}

export function reportDetail(report: Report, id: number, files: DetailFiles): XxgkView.ReportFile {
  return {
    id,
    file: report.file,
    status: report.status,
    reason: reasonText(report),
    agency: report.agency,
    year: report.year,
    reader: report.reader,
    format: report.formatVersion,
    pages: report.pages ?? null,
    title: report.title,
    path: files.path ?? null,
    url: files.link ?? null,
    tables: report.tables.map((t) => ({
      key: t.key,
      version: t.version,
      sourceTables: t.sourceTables,
      pages: t.pages,
      structure: t.structure,
    })),
    cells: report.cells.map(wireCell),
    findings: explainFindings(report).map(({ finding, title, sides, concerns }) => ({
      rule: finding.rule,
      scope: finding.scope,
      severity: finding.severity,
      message: findingText(finding.rule, finding.message, 'zh'),
      expected: finding.expected,
      actual: finding.actual,
      title,
      cells: finding.cells,
      left: sides?.left.map((t) => t.ref) ?? null,
      right: sides?.right.map((t) => t.ref) ?? null,
      by: sides ? distinguishingLabel([...sides.left, ...sides.right]) : null,
      concerns,
    })),
    pdf: files.pdf ?? null,
    pictures: files.pictures ?? {},
  };
}

/** Every template cell's key, in a fixed order: the index a cell is written by. */
export const VIEW_REFS: string[] = DATASET_CELLS.map(cellRef);
const REF_INDEX = new Map(VIEW_REFS.map((ref, i) => [ref, i]));

/** Boxes to a tenth of a point: finer than any printed line, and a third of the bytes of full precision. */
const tenth = (v: number) => Math.round(v * 10) / 10;

/** For each row key, its printed labels' decisions (`shownLabel`), each made once: a few thousand recur over millions of cells. */
const shownLabels = new Map<string, (printedLabel: string) => string | 0>();

/** The printed row label where it is not the template's own (a typo, local wording); 0 where it is. */
function shownLabel(table: Cell['table'], row: string, printedLabel: string): string | 0 {
  // A legacy table has no template label to fall back on: its printed label is always shown.
  if (table === 'legacy') return printedLabel;
  const rowKey = `${table}:${row}`;
  let decide = shownLabels.get(rowKey);
  if (!decide) {
    decide = memoize((label) => {
      const printed = printedRowLabel(table, row, label);
      return squash(printed) === squash(rowLabel(table, row)) ? 0 : printed;
    }, 10_000);
    shownLabels.set(rowKey, decide);
  }
  return decide(printedLabel);
}

/**
 * A cell written short (XxgkView.WireCell): about 50 bytes instead of 200, as most of a report's bytes in the view are
 * its cells. The printed row label is kept only where it is not the template's own (a typo, local wording).
 */
function wireCell(cell: Cell): XxgkView.WireCell {
  const { source } = cell;
  const ref = cellRef(cell);
  const label = shownLabel(cell.table, cell.row, source.label);
  const optional: [string | 0, string | 0, string | 0, NonNullable<XxgkView.Cell[11]> | 0] = [
    cell.kind === 'number' ? 0 : cell.kind,
    label,
    cell.note ?? 0,
    source.ocr
      ? {
          confidence: source.ocr.confidence,
          picture: source.ocr.picture ?? null,
          pixelBox: source.ocr.pixelBox ?? null,
        }
      : 0,
  ];
  while (optional.length > 0 && optional[optional.length - 1] === 0) optional.pop();
  return [
    REF_INDEX.get(ref) ?? ref,
    cell.raw,
    cell.value,
    source.page ?? null,
    source.box ? [tenth(source.box[0]), tenth(source.box[1]), tenth(source.box[2]), tenth(source.box[3])] : null,
    source.table,
    source.row,
    source.col,
    ...optional,
  ] as XxgkView.WireCell;
}

/** The cells (`table:row:column`) of a report's error-level findings. */
function errorCells(report: Report): Set<string> {
  return new Set(report.findings.filter((f) => f.severity === 'error').flatMap((f) => f.cells));
}

/** Pages holding the cells of error-level findings: the pages a person needs to see. */
export function pagesWithErrors(report: Report): number[] {
  const refs = errorCells(report);
  if (refs.size === 0) return [];
  const pages = report.cells
    .filter((c) => refs.has(cellRef(c)))
    .flatMap((c) => (c.source.page !== undefined ? [c.source.page] : []));
  return [...new Set(pages)].sort((a, b) => a - b);
}

/** Pictures (other than PDF pages) that the cells of error-level findings were read from by OCR. */
export function picturesWithErrors(report: Report): string[] {
  const refs = errorCells(report);
  if (refs.size === 0) return [];
  const pictures = report.cells
    .filter((c) => refs.has(cellRef(c)))
    .flatMap((c) => (c.source.ocr?.picture && !/^page \d+$/.test(c.source.ocr.picture) ? [c.source.ocr.picture] : []));
  return [...new Set(pictures)];
}

/** The template's layout and labels, for rebuilding the three tables in the page. */
export function viewTemplate(): XxgkView.Template {
  const label = (l: { key: string; label: string }) => ({ key: l.key, label: l.label });
  const activeLabel = (key: string, list: { key: string; label: string }[]) => label(list.find((l) => l.key === key)!);
  const active = Object.fromEntries(
    (['2021', '2019'] as const).map((version) => [
      version,
      ACTIVE_LAYOUT[version].map((block) => ({
        heading: block.heading,
        rows: block.rows.map((r) => activeLabel(r, ACTIVE_ROWS)),
        columns: block.columns.map((c) => activeLabel(c, ACTIVE_COLUMNS)),
      })),
    ]),
  ) as XxgkView.Template['active'];
  return {
    tables: (['active', 'requests', 'review_litigation'] as const).map((key) => ({ key, label: tableLabel(key) })),
    active,
    requests: {
      rows: REQUEST_ROWS.map((r) => ({
        key: r.key,
        label: r.label,
        level: r.level,
        ...(r.isGroup ? { group: true } : {}),
        ...(r.only ? { only: r.only } : {}),
      })),
      columns: REQUEST_COLUMNS.map(label),
      singleOther: { key: SINGLE_OTHER_ROW, label: '（六）其他处理' },
    },
    review: { groups: REVIEW_GROUPS.map(label), columns: REVIEW_COLUMNS.map(label) },
  };
}

export { RULE_TITLES };
