import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Report } from '../model/report.js';
import type { DataResource, Exporter } from './exporter.js';
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

/**
 * RFC 4180 records: CRLF line ends, and quotes around any field holding a comma, a quote or a line break
 * (csv-stringify leaves a bare LF unquoted when the record delimiter is CRLF, hence `quoted_match`).
 */
export function csvRecords(rows: Row[]): string {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, csv-stringify writes null and undefined as empty fields too
  const values = rows.map((r) => r.map((v) => (v === null || v === undefined ? '' : v)));
  return stringify(values, { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

export class CsvFile {
  private readonly stream: WriteStream;

  constructor(path: string, header: readonly string[]) {
    this.stream = createWriteStream(path);
    this.stream.write('\ufeff');
    this.write([header as unknown as Row]);
  }

  write(rows: Row[]): void {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, no rows make an empty string, and writing it writes nothing
    if (rows.length > 0) this.stream.write(csvRecords(rows));
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
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

  add(report: Report): void {
    this.reports.write([reportRow(report)]);
    this.cells.write(cellRows(report));
    this.findings.write(findingRows(report));
  }

  async close(): Promise<DataResource[]> {
    await Promise.all([this.reports.close(), this.cells.close(), this.findings.close()]);
    // Their schemas are described by the datapackage.json writer, which knows every column's meaning.
    return [
      { name: 'reports', path: 'reports.csv', format: 'csv' },
      { name: 'cells', path: 'cells.csv', format: 'csv' },
      { name: 'findings', path: 'findings.csv', format: 'csv' },
    ];
  }
}
