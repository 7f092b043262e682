import { createWriteStream, type WriteStream } from 'node:fs';
import { withPath } from './write-path.js';
import { join } from 'node:path';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Report } from '../core/model/report.js';
import type { DataResource, Exporter } from './exporter.js';
import {
  CELL_COLUMNS,
  CELL_FIELDS_LIST,
  FINDING_COLUMNS,
  FINDING_FIELDS_LIST,
  REPORT_COLUMNS,
  REPORT_FIELDS_LIST,
} from './fields.js';
import { memoize } from '../core/text/memo.js';
import { formatNumber } from '../core/text/numbers.js';
import { findingRows, reasonText } from './finding-rows.js';
import type { Lang } from '../core/i18n/lang.js';

/**
 * The three CSV files of the output contract (docs/spec/template.md): UTF-8 with a BOM so that Excel shows Chinese, RFC 4180
 * quoting and CRLF line ends. Rows are appended report by report, so a batch never holds all rows in memory.
 */

type Row = (string | number | null | undefined)[];

export function reportRow(report: Report, lang: Lang = 'zh'): Row {
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
    report.tables
      .filter((t) => t.cells > 0)
      .map((t) => t.key)
      .join(';'),
    report.cells.length,
    errors,
    warnings,
    reasonText(report, lang),
    report.place?.province,
    report.place?.city,
    report.place?.county,
    report.place?.code,
  ];
}

/** What cells.csv's `label` column prints: the label with its runs of white space as one space. */
export const cellLabel = (label: string) => label.replace(/\s+/g, ' ');

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
    cellLabel(cell.source.label),
    cell.source.page,
    cell.source.table,
    cell.source.row,
    cell.source.col,
    cell.source.box?.map(formatTenth).join(' '),
    cell.source.ocr ? cell.source.ocr.confidence.toFixed(3) : undefined,
    cell.source.ocr?.picture,
    cell.unit,
  ]);
}

export { findingRows };

/**
 * A box coordinate as `toFixed(1)` prints it. Boxes come from the store in tenths of a point, so nearly every one is
 * a whole number of tenths: that is printed from the integer (toFixed costs as much as the rest of the row).
 */
export function formatTenth(value: number): string {
  const tenths = Math.round(value * 10);
  if (tenths / 10 !== value || Math.abs(tenths) >= 1e15) return value.toFixed(1);
  const whole = Math.abs(tenths);
  return `${tenths < 0 ? '-' : ''}${Math.floor(whole / 10)}.${whole % 10}`;
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
      text += (i > 0 ? ',' : '') + csvField(row[i]);
    }
    text += '\r\n';
  }
  return text;
}

/** A field as csvRecords writes it. */
function csvField(value: string | number | null | undefined): string {
  const field = value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
  return NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

const labelField = (label: string) => csvField(cellLabel(label));

/**
 * cells.csv's records of a report: the text `csvRecords(cellRows(report))` gives, written without building a row per
 * cell (cells.csv is most of an export's rows); the file, the template keys and the labels are quoted once each.
 */
export function cellRecords(report: Report, keys = memoize(csvField), labels = memoize(labelField)): string {
  const file = csvField(report.file);
  let text = '';
  for (const cell of report.cells) {
    const { source } = cell;
    const box = source.box
      ? `${formatTenth(source.box[0])} ${formatTenth(source.box[1])} ${formatTenth(source.box[2])} ${formatTenth(source.box[3])}`
      : '';
    text +=
      `${file},${keys(cell.table)},${keys(cell.row)},${keys(cell.column)},${cell.value === null ? '' : formatNumber(cell.value)},` +
      `${csvField(cell.raw)},${cell.kind},${csvField(cell.note)},${labels(source.label)},${source.page ?? ''},${source.table},${source.row},` +
      `${source.col},${box},${source.ocr ? source.ocr.confidence.toFixed(3) : ''},${csvField(source.ocr?.picture)},${cell.unit === undefined ? '' : csvField(cell.unit)}\r\n`;
  }
  return text;
}

/**
 * Bytes gathered before they go to the file: a write to a stream costs about as much as formatting its rows, and
 * encoding each report's records into one buffer takes half the time of encoding larger texts joined together.
 */
const CHUNK_BYTES = 1 << 18;
/** A UTF-16 code unit takes at most three bytes in UTF-8. */
const MAX_UTF8_BYTES_PER_UNIT = 3;

export class CsvFile {
  private readonly stream: WriteStream;
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  constructor(
    private readonly path: string,
    header: readonly string[],
  ) {
    this.stream = createWriteStream(path);
    // A file that cannot be written (a folder in its way, the disk full) fails close() with the reason, instead of
    // an 'error' event nobody listens to, which would end the process with a stack trace.
    this.stream.on('error', () => undefined);
    // The header always fits the empty buffer: nothing to wait for.
    void this.writeText(`\ufeff${csvRecords([header as unknown as Row])}`);
  }

  /**
   * Append rows. Returns a promise when the file's buffer is full: wait for it, or an export that runs faster than
   * the disk holds the whole file in memory.
   */
  write(rows: Row[]): Promise<void> | undefined {
    return this.writeText(csvRecords(rows));
  }

  /** Append records already written as CSV text (`cellRecords`). */
  writeText(records: string): Promise<void> | undefined {
    const most = records.length * MAX_UTF8_BYTES_PER_UNIT;
    if (this.used + most <= this.chunk.length) {
      this.used += this.chunk.write(records, this.used);
      return undefined;
    }
    const flushed = this.flush();
    if (most > this.chunk.length) return this.stream.write(records) ? flushed : this.drained();
    this.used += this.chunk.write(records, this.used);
    return flushed;
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream).catch(withPath(this.path));
  }

  /** Hand the gathered bytes to the stream (which keeps them until written: the next ones go in a new chunk). */
  private flush(): Promise<void> | undefined {
    if (this.used === 0) return undefined;
    const full = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    return this.stream.write(full) ? undefined : this.drained();
  }

  private drained(): Promise<void> {
    return once(this.stream, 'drain').then(() => undefined, withPath(this.path));
  }
}

/** reports.csv, cells.csv and findings.csv in one output folder. */
export class CsvExport implements Exporter {
  private readonly reports: CsvFile;
  private readonly cells: CsvFile;
  private readonly findings: CsvFile;
  private readonly keys = memoize(csvField);
  private readonly labels = memoize(labelField);

  constructor(
    outDir: string,
    private readonly lang: Lang = 'zh',
  ) {
    this.reports = new CsvFile(join(outDir, 'reports.csv'), REPORT_COLUMNS);
    this.cells = new CsvFile(join(outDir, 'cells.csv'), CELL_COLUMNS);
    this.findings = new CsvFile(join(outDir, 'findings.csv'), FINDING_COLUMNS);
  }

  async add(report: Report): Promise<void> {
    await Promise.all([
      this.reports.write([reportRow(report, this.lang)]),
      this.cells.writeText(cellRecords(report, this.keys, this.labels)),
      this.findings.write(findingRows(report, this.lang)),
    ]);
  }

  async close(): Promise<DataResource[]> {
    await Promise.all([this.reports.close(), this.cells.close(), this.findings.close()]);
    return [
      {
        name: 'reports',
        path: 'reports.csv',
        format: 'csv',
        description: '每个输入文件一行 / one row per input file',
        schema: { fields: REPORT_FIELDS_LIST, primaryKey: ['file'] },
      },
      {
        name: 'cells',
        path: 'cells.csv',
        format: 'csv',
        description: '每个数字一行（长格式）/ one row per number read (long format)',
        schema: { fields: CELL_FIELDS_LIST },
      },
      {
        name: 'findings',
        path: 'findings.csv',
        format: 'csv',
        description: '每个发现一行 / one row per finding',
        schema: { fields: FINDING_FIELDS_LIST },
      },
    ];
  }
}
