import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Report } from '../model/report.js';
import type { DataResource, Exporter } from './exporter.js';
import { CELL_FIELDS_LIST, FINDING_FIELDS_LIST, REPORT_FIELDS_LIST } from './fields.js';
import { roundDecimal } from '../text/numbers.js';

/**
 * The three CSV files of the output contract (TEMPLATE.md): UTF-8 with a BOM so that Excel shows Chinese, RFC 4180
 * quoting and CRLF line ends. Rows are appended report by report, so a batch never holds all rows in memory.
 */

export const REPORT_COLUMNS = ['file', 'status', 'format_version', 'agency', 'year', 'reader', 'encoding', 'pages', 'tables', 'cells', 'errors', 'warnings', 'reason'] as const;
export const CELL_COLUMNS = ['file', 'table', 'row', 'column', 'value', 'raw', 'kind', 'note', 'label', 'page', 'source_table', 'source_row', 'source_col', 'box', 'ocr_confidence', 'picture'] as const;
export const FINDING_COLUMNS = ['file', 'rule', 'scope', 'severity', 'expected', 'actual', 'message', 'cells'] as const;

type Row = (string | number | null | undefined)[];

export function reportRow(report: Report): Row {
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  return [
    report.file,
    report.status,
    report.formatVersion,
    report.agency,
    report.year,
    report.reader,
    report.encoding,
    report.pages,
    report.tables.filter((t) => t.cells > 0).map((t) => t.key).join(';'),
    report.cells.length,
    errors,
    warnings,
    report.reason,
  ];
}

export function cellRows(report: Report): Row[] {
  return report.cells.map((cell) => [
    report.file,
    cell.table,
    cell.row,
    cell.column,
    cell.value === null ? '' : formatNumber(cell.value),
    cell.raw,
    cell.kind,
    cell.note,
    cell.source.label.replace(/\s+/g, ' '),
    cell.source.page,
    cell.source.table,
    cell.source.row,
    cell.source.col,
    cell.source.box?.map((v) => v.toFixed(1)).join(' '),
    cell.source.ocr ? cell.source.ocr.confidence.toFixed(3) : undefined,
    cell.source.ocr?.picture,
  ]);
}

export function findingRows(report: Report): Row[] {
  return report.findings.map((f) => [report.file, f.rule, f.scope, f.severity, f.expected, f.actual, f.message, f.cells.join(' ')]);
}

/** A plain decimal: no exponent, no binary noise (25.1, not 25.099999999999998). */
export function formatNumber(value: number): string {
  return String(roundDecimal(value));
}

/** A field RFC 4180 quotes: one holding a comma, a quote or a line break (a bare CR or LF too). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * RFC 4180 records: CRLF line ends, and quotes around any field holding a comma, a quote or a line break, quotes
 * inside doubled. Written here rather than by csv-stringify because the rule is this one line and an export writes
 * hundreds of millions of fields (csv-stringify took 0.7 ms a report); a test holds it to csv-stringify's output.
 */
export function csvRecords(rows: Row[]): string {
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const value = row[i];
      const field = value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
      text += (i > 0 ? ',' : '') + (NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field);
    }
    text += '\r\n';
  }
  return text;
}

export class CsvFile {
  private readonly stream: WriteStream;

  constructor(path: string, header: readonly string[]) {
    this.stream = createWriteStream(path);
    // A file that cannot be written (a folder in its way, the disk full) fails close() with the reason, instead of
    // an 'error' event nobody listens to, which would end the process with a stack trace.
    this.stream.on('error', () => undefined);
    this.stream.write('\ufeff');
    this.write([header as unknown as Row]);
  }

  /**
   * Append rows. Returns a promise when the file's buffer is full: wait for it, or an export that runs faster than
   * the disk holds the whole file in memory.
   */
  write(rows: Row[]): Promise<void> | undefined {
    if (rows.length > 0 && !this.stream.write(csvRecords(rows))) return once(this.stream, 'drain').then(() => undefined);
    return undefined;
  }

  async close(): Promise<void> {
    this.stream.end();
    await finished(this.stream);
  }
}

/** reports.csv, cells.csv and findings.csv in one output folder. */
export class CsvExport implements Exporter {
  private readonly reports: CsvFile;
  private readonly cells: CsvFile;
  private readonly findings: CsvFile;

  constructor(outDir: string) {
    this.reports = new CsvFile(join(outDir, 'reports.csv'), REPORT_COLUMNS);
    this.cells = new CsvFile(join(outDir, 'cells.csv'), CELL_COLUMNS);
    this.findings = new CsvFile(join(outDir, 'findings.csv'), FINDING_COLUMNS);
  }

  async add(report: Report): Promise<void> {
    await Promise.all([this.reports.write([reportRow(report)]), this.cells.write(cellRows(report)), this.findings.write(findingRows(report))]);
  }

  async close(): Promise<DataResource[]> {
    await Promise.all([this.reports.close(), this.cells.close(), this.findings.close()]);
    return [
      { name: 'reports', path: 'reports.csv', format: 'csv', description: '每个输入文件一行 / one row per input file', schema: { fields: REPORT_FIELDS_LIST, primaryKey: ['file'] } },
      { name: 'cells', path: 'cells.csv', format: 'csv', description: '每个数字一行（长格式）/ one row per number read (long format)', schema: { fields: CELL_FIELDS_LIST } },
      { name: 'findings', path: 'findings.csv', format: 'csv', description: '每个发现一行 / one row per finding', schema: { fields: FINDING_FIELDS_LIST } },
    ];
  }
}
