import { auditNarrative } from '../audit/narrative.js';
import { auditRules } from '../audit/rules.js';
import { locate, type Located } from '../locate/index.js';
import type { DocumentModel } from '../core/model/document.js';
import { warning, WRAPPED_LABELS, type Message } from '../core/model/messages.js';
import { TABLE_KEYS, type Cell, type Finding, type Report, type ReportFormat } from '../core/model/report.js';
import { normalise, type NormalisedTable } from '../normalise/index.js';
import { squash } from '../core/text/normalize.js';
import { expectedCells, type TableKey } from '../core/template/template.js';
import { gradeFindings } from '../audit/notes.js';
import { auditedStatus, unconfirmedCells, uncheckedReason } from '../audit/status.js';
import { auditLegacy } from '../audit/legacy.js';
import { readLegacyTables, type LegacyRead } from '../normalise/legacy.js';

/**
 * Document model → report: locate, normalise, audit, and decide the report's status. Pure (no I/O), so every
 * reader's output goes through exactly the same steps.
 */

export interface ReadFacts {
  file: string;
  reader: string;
  encoding?: string;
  pages?: number;
  messages: Message[];
}

/** The first year the national template's tables were required (2019 format, 国办公开办函〔2019〕60号). */
const FIRST_TEMPLATE_YEAR = 2019;

export function assembleReport(document: DocumentModel, facts: ReadFacts): Report {
  // The pre-2019 statistics table is read on its own and kept from the template's locator, whose labels it shares
  // (行政复议, 不予公开) without sharing its layout.
  const legacy = readLegacyTables(document.blocks);
  const located = locate(
    legacy.tables.length > 0
      ? { ...document, blocks: document.blocks.filter((b) => b.kind !== 'table' || !legacy.tables.includes(b.index)) }
      : document,
  );
  const tables = normalise(located);
  const messages = [...facts.messages, ...tables.flatMap((t) => t.messages), ...legacy.messages];
  const cells = [...tables.flatMap((t) => t.cells), ...legacy.cells];
  const picture = facts.reader === 'ocr';
  const isReport = picture
    ? looksLikeReport(located)
    : Boolean(located.title) || located.sections.length >= 3 || cells.length > 0;
  const base = {
    file: facts.file,
    reader: facts.reader,
    ...(facts.encoding ? { encoding: facts.encoding } : {}),
    ...(facts.pages !== undefined ? { pages: facts.pages } : {}),
    title: located.title?.text ?? document.title ?? null,
    agency: located.title?.agency ?? null,
    year: located.title?.year ?? null,
    sections: sectionTexts(located),
  };
  if (!isReport) {
    return {
      ...base,
      status: 'not_a_report',
      reason: picture ? PICTURE_NOT_REPORT : 'no report title, section headings or template tables found',
      formatVersion: null,
      tables: [],
      cells: [],
      findings: [],
      messages,
    };
  }
  const format =
    legacy.cells.length > 0 && tables.every((t) => t.cells.length === 0) ? 'legacy' : formatOf(tables, base.year);
  if (!located.title?.agency) messages.push(warning('no_agency', 'agency and year could not be read from a title'));
  const findings = gradeFindings([
    ...auditRules(cells),
    ...auditLegacy(cells),
    ...auditNarrative(base.sections, cells),
    ...missingTables(tables, format, located),
    ...missingCells(tables),
    ...lowConfidence(located),
    ...messageFindings(messages),
  ]);
  const summaries = [...tables.map((t) => summary(t, located)), ...legacySummary(legacy, document)];
  const status = auditedStatus({ formatVersion: format, tables: summaries, cells, findings });
  return {
    ...base,
    status,
    ...(status === 'incomplete' ? { reason: incompleteReason(tables, located, messages, cells) } : {}),
    ...(status === 'unchecked'
      ? { reason: uncheckedReason({ formatVersion: format, tables: summaries }).en + whyNotFound(located, messages) }
      : {}),
    formatVersion: format,
    tables: summaries,
    cells,
    findings,
    messages,
  };
}

/**
 * A picture read alone (a screenshot, a photo) is a report only when it shows what a report shows: its title, or its
 * section headings. A picture of part of a table, read as a report, would be audited with no agency, no year and
 * rows missing, and its sums flagged for what the picture leaves out.
 */
function looksLikeReport(located: Located): boolean {
  return Boolean(located.title) || located.sections.length >= 2;
}

const PICTURE_NOT_REPORT =
  'a picture with no report title or section headings (at most part of a table): not audited as a report';

function sectionTexts(located: Located): Report['sections'] {
  return located.sections.map((section) => ({
    key: section.key,
    heading: section.heading,
    text: located.blocks
      .slice(section.start + 1, section.end)
      .flatMap((b) => (b.kind === 'text' ? [b.text] : []))
      .join('\n'),
  }));
}

/** Format from the tables themselves (docs/spec/template.md "The report"), never from the year. */
function formatOf(tables: NormalisedTable[], year: number | null): ReportFormat | null {
  const versions = new Set(tables.flatMap((t) => (t.version ? [t.version] : [])));
  if (versions.size === 2) return 'hybrid';
  if (versions.size === 1) return [...versions][0]!;
  // Only section 四, which both formats share, or no table at all: the tables do not say which format.
  const hasCells = tables.some((t) => t.cells.length > 0);
  if (!hasCells && year !== null && year < FIRST_TEMPLATE_YEAR) return 'legacy';
  return null;
}

function missingTables(tables: NormalisedTable[], format: ReportFormat | null, located: Located): Finding[] {
  if (format === 'legacy') return [];
  return TABLE_KEYS.filter((key) => !tables.some((t) => t.key === key && t.cells.length > 0)).map((key) => ({
    rule: 'table_missing',
    scope: key,
    severity: 'warning' as const,
    expected: null,
    actual: null,
    message: missingTableMessage(key, located),
    cells: [],
  }));
}

function missingTableMessage(key: TableKey, located: Located): string {
  const section = located.sections.find((s) => s.key === key);
  const region = located.regions.get(key);
  if (region) return `${key}: a table was found but none of its numbers could be placed`;
  if (section) return `${key}: section "${squash(section.heading)}" has no table; no numbers are reported for it`;
  return `${key}: neither the section nor its table was found`;
}

/** Template cells a found table does not print (a row left out, a row cut short). */
function missingCells(tables: NormalisedTable[]): Finding[] {
  return tables.flatMap((table) => {
    if (table.cells.length === 0) return [];
    const found = new Set(table.cells.map((c) => `${c.row}.${c.column}`));
    const missing = expectedCells(table.key, table.version).filter((k) => !found.has(k));
    if (missing.length === 0) return [];
    const rows = [...new Set(missing.map((k) => k.slice(0, k.lastIndexOf('.'))))];
    return [
      {
        rule: 'missing_cells',
        scope: table.key,
        severity: 'warning' as const,
        expected: null,
        actual: null,
        message: `${table.key}: ${missing.length} template cells not found, in rows ${rows.join(', ')}`,
        cells: missing.map((k) => `${table.key}:${k.slice(0, k.lastIndexOf('.'))}:${k.slice(k.lastIndexOf('.') + 1)}`),
      },
    ];
  });
}

/** Tables rebuilt from text alignment (no rulings, no markup): their columns are inferred, so say so. */
function lowConfidence(located: Located): Finding[] {
  return [...located.regions.values()]
    .filter((region) => region.structure.includes('text-aligned'))
    .map((region) => ({
      rule: 'text_aligned_table',
      scope: region.key,
      severity: 'warning' as const,
      expected: null,
      actual: null,
      message: `${region.key}: read from text alignment (the table has no ruling lines); columns were inferred — lower confidence`,
      cells: [],
    }));
}

/** Normaliser and reader warnings are findings too, so that findings.csv says everything a user should check. */
function messageFindings(messages: Message[]): Finding[] {
  return messages
    .filter((m) => m.level === 'warning' || m.level === 'info')
    .map((m) => ({
      rule: m.code,
      scope: scopeOf(m.message),
      severity: m.level === 'info' ? ('info' as const) : ('warning' as const),
      expected: null,
      actual: null,
      message: m.message,
      cells: [],
    }));
}

function scopeOf(message: string): string {
  return /^(active|requests|review_litigation):/.exec(message)?.[1] ?? 'document';
}

function incompleteReason(tables: NormalisedTable[], located: Located, messages: Message[], cells: Cell[]): string {
  const missing = TABLE_KEYS.filter((key) => !tables.some((t) => t.key === key && t.cells.length > 0));
  const unconfirmed = unconfirmedCells(cells).length;
  const unread =
    unconfirmed > 0
      ? `${unconfirmed} cells read by OCR were not confirmed and are left unread (cells.csv kind=unreadable)`
      : '';
  if (missing.length === 0) return unread || 'template cells not found (see findings: missing_cells)';
  return `tables not found: ${missing.join(', ')}${whyNotFound(located, messages)}${unread ? `; ${unread}` : ''}`;
}

function whyNotFound(located: Located, messages: Message[]): string {
  // The reader saw the tables but would not read them (row labels wrapped with nothing to show which row is which).
  if (messages.some((m) => m.code === WRAPPED_LABELS))
    return ' (their row labels wrap over several lines and, without ruling lines, the rows cannot be told apart reliably)';
  if (located.blocks.some((b) => b.kind === 'text' && looksFlattened(b.text)))
    return ' (the table text runs together without cell boundaries; its digits cannot be split reliably)';
  return '';
}

/** A row label immediately followed by a run of digits: `本年新收政府信息公开申请数量640020470`. */
function looksFlattened(text: string): boolean {
  return /(?:申请数量|继续办理|[(（]七[)）]总计|行政规范性文件)\d{3,}/.test(squash(text));
}

function legacySummary(legacy: LegacyRead, document: DocumentModel): Report['tables'] {
  if (legacy.tables.length === 0) return [];
  const blocks = document.blocks.flatMap((b) => (b.kind === 'table' && legacy.tables.includes(b.index) ? [b] : []));
  return [
    {
      key: 'legacy',
      version: null,
      sourceTables: legacy.tables,
      pages: [...new Set(blocks.flatMap((b) => b.pages ?? []))],
      structure: [...new Set(blocks.map((b) => b.structure))],
      cells: legacy.cells.length,
    },
  ];
}

function summary(table: NormalisedTable, located: Located): Report['tables'][number] {
  const region = located.regions.get(table.key);
  return {
    key: table.key,
    version: table.version,
    sourceTables: region?.tables ?? [],
    pages: region?.pages ?? [],
    structure: [...new Set(region?.structure ?? [])],
    cells: table.cells.length,
  };
}
