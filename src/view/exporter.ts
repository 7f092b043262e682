import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import type { DataResource, ExportInput, Exporter } from '../export/exporter.js';
import type { Report } from '../core/model/report.js';
import {
  listRow,
  pagesWithErrors,
  picturesWithErrors,
  reportDetail,
  RULE_TITLES,
  VIEW_REFS,
  viewTemplate,
} from './detail.js';
import { indexHtml, viewScript } from './page.js';
import { PDF_LIBRARY_FOLDER, writePdfLibrary } from './pdf-library.js';
import { ScriptFile, scriptJson } from './script-file.js';
import { LEGACY_COLUMN_LABELS } from '../core/template/legacy.js';
import { fileLink } from './file-link.js';
import type { YearRange } from './year-range.js';

/**
 * The audit view: `index.html` in the output folder, opened from disk with no server and no network. It lists every
 * report (filter, sort, search by agency, place, year) and leads to a page per report with its three tables rebuilt,
 * the failing sums' cells and numbers, the PDF page with the cells' boxes, the agency's other years and the copies
 * that print different numbers.
 *
 * Written as reports come, so memory stays flat however large the batch: one small row per report in view/list.js,
 * each report's details in view/reports/<chunk>.js (about 1 MB each, loaded when a report is opened), and for each
 * report with error-level findings read from a PDF, a copy of the PDF whose pages the page draws on demand.
 */

/** A chunk of report details is closed at this size: small enough to load at a click, few enough files at 100,000 reports. */
const CHUNK_CHARS = 1 << 20;
/** PDFs larger than this are not copied into the view (a scan can run to hundreds of MB); the page links to the original. */
const MAX_PDF_BYTES = 64 * 1024 * 1024;
/** A PDF copy is named by the first characters of its SHA-256 (96 bits: no two PDFs of a corpus share them). */
const PDF_KEY_CHARS = 24;
const MAX_PICTURE_BYTES = 20 * 1024 * 1024;
const PICTURE_TYPES: Record<string, string> = {
  '.png': '.png',
  '.jpg': '.jpg',
  '.jpeg': '.jpg',
  '.gif': '.gif',
  '.webp': '.webp',
  '.bmp': '.bmp',
};

export class ViewExport implements Exporter {
  private readonly viewDir: string;
  private readonly list: ScriptFile;
  private chunk: ScriptFile | undefined;
  private chunks = 0;
  private reports = 0;
  /** Keys of the PDF copies this export refers to (the others, left by an earlier run, are deleted at the end). */
  private readonly pdfCopies = new Set<string>();

  constructor(
    private readonly outDir: string,
    private readonly years?: YearRange,
  ) {
    this.viewDir = join(outDir, 'view');
    // A rerun replaces the data of the last one; the pdf.js library under view/lib is kept, and so are the copies of
    // PDFs (named by their content, and written whole or not at all): a rerun writes only the ones it lacks.
    for (const folder of ['reports', 'pictures']) rmSync(join(this.viewDir, folder), { recursive: true, force: true });
    for (const folder of ['reports', 'pdf', 'pictures']) mkdirSync(join(this.viewDir, folder), { recursive: true });
    this.list = new ScriptFile(join(this.viewDir, 'list.js'), 'xxgkList([\n');
  }

  add(report: Report, input: ExportInput): void {
    const id = this.reports++;
    const chunk = this.chunkFor();
    const files = {
      ...(input.path ? { path: input.path, link: fileLink(this.outDir, input.path) } : {}),
      ...this.copyPdf(report, input),
      ...this.copyPictures(report, input.path),
    };
    chunk.write(`${scriptJson(reportDetail(report, id, files))},\n`);
    this.list.write(`${scriptJson(listRow(report, id, this.chunks - 1))},\n`);
  }

  async close(): Promise<DataResource[]> {
    // Copies no report of this run refers to any more, and any left half-written by a run that was stopped.
    for (const name of readdirSync(join(this.viewDir, 'pdf')))
      if (!this.pdfCopies.has(name.replace(/\.js$/, ''))) rmSync(join(this.viewDir, 'pdf', name), { force: true });
    this.list.close(']);\n');
    this.chunk?.close(']);\n');
    const meta: XxgkView.Meta = {
      version: '1',
      reports: this.reports,
      chunks: this.chunks,
      pdfLibrary: this.pdfCopies.size > 0 ? `view/${PDF_LIBRARY_FOLDER}` : null,
      refs: VIEW_REFS,
      template: viewTemplate(),
      ruleTitles: RULE_TITLES,
      legacyColumns: LEGACY_COLUMN_LABELS,
      years: this.years ?? null,
    };
    writeFileSync(join(this.viewDir, 'meta.js'), `xxgkMeta(${scriptJson(meta)});\n`);
    writeFileSync(join(this.viewDir, 'app.js'), viewScript());
    if (this.pdfCopies.size > 0) writePdfLibrary(this.viewDir);
    writeFileSync(join(this.outDir, 'index.html'), indexHtml());
    return [
      {
        name: 'audit-view',
        path: 'index.html',
        format: 'html',
        mediatype: 'text/html',
        description: '审计视图：从磁盘直接打开 / the audit view: open it from disk, no server needed',
      },
      {
        name: 'audit-view-data',
        path: 'view/',
        format: 'js',
        description: "审计视图的数据（脚本文件）/ the audit view's data, as scripts the page loads",
      },
    ];
  }

  /** The chunk file the next report's details go in, starting a new one when the current one is full. */
  private chunkFor(): ScriptFile {
    if (this.chunk && this.chunk.written < CHUNK_CHARS) return this.chunk;
    this.chunk?.close(']);\n');
    const n = this.chunks++;
    this.chunk = new ScriptFile(join(this.viewDir, 'reports', `${chunkName(n)}.js`), `xxgkReports(${n},[\n`);
    return this.chunk;
  }

  /**
   * A copy of the PDF for a report whose error-level findings sit on its pages, keyed by its content (copies of one
   * file are stored once). The page draws the pages from it when the report is opened.
   */
  private copyPdf(report: Report, input: ExportInput): { pdf?: string } {
    const { path } = input;
    if (!path || !report.reader?.startsWith('pdf') || pagesWithErrors(report).length === 0) return {};
    // The store's key of a PDF is the SHA-256 of its bytes: a copy made by an earlier run is known without reading.
    const known = /^([0-9a-f]{64})\.pdf$/.exec(input.contentKey ?? '')?.[1]?.slice(0, PDF_KEY_CHARS);
    if (known && (this.pdfCopies.has(known) || existsSync(this.pdfCopy(known)))) return this.usePdfCopy(known);
    const bytes = readIfSmall(path, MAX_PDF_BYTES);
    if (!bytes) return {};
    const key = createHash('sha256').update(bytes).digest('hex').slice(0, PDF_KEY_CHARS);
    const file = this.pdfCopy(key);
    if (!this.pdfCopies.has(key) && !existsSync(file)) {
      // Written aside and renamed: a run stopped halfway leaves no partial copy that the next run would keep.
      writeFileSync(`${file}.partial`, `xxgkPdf(${JSON.stringify(key)},"${bytes.toString('base64')}");\n`);
      renameSync(`${file}.partial`, file);
    }
    return this.usePdfCopy(key);
  }

  private pdfCopy(key: string): string {
    return join(this.viewDir, 'pdf', `${key}.js`);
  }

  private usePdfCopy(key: string): { pdf: string } {
    this.pdfCopies.add(key);
    return { pdf: key };
  }

  /** The pictures (a web page's images) that the cells of error-level findings were read from by OCR. */
  private copyPictures(report: Report, path: string | undefined): { pictures?: Record<string, string> } {
    const pictures: Record<string, string> = {};
    for (const picture of picturesWithErrors(report)) {
      const copied = this.copyPicture(picture, path);
      if (copied) pictures[picture] = copied;
    }
    return Object.keys(pictures).length > 0 ? { pictures } : {};
  }

  private copyPicture(picture: string, path: string | undefined): string | undefined {
    const data = /^data:image\/(png|jpe?g|gif|webp|bmp);base64,(.*)$/s.exec(picture);
    let bytes: Buffer | undefined;
    let type: string | undefined;
    if (data) {
      bytes = Buffer.from(data[2]!, 'base64');
      type = PICTURE_TYPES[`.${data[1]}`];
    } else if (path) {
      const source = resolve(dirname(path), decodeURI(picture));
      type = PICTURE_TYPES[extname(source).toLowerCase()];
      bytes = type ? readIfSmall(source, MAX_PICTURE_BYTES) : undefined;
    }
    if (!bytes || !type) return undefined;
    const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 24)}${type}`;
    const file = join(this.viewDir, 'pictures', name);
    if (!existsSync(file)) writeFileSync(file, bytes);
    return `view/pictures/${name}`;
  }
}

const chunkName = (n: number) => String(n).padStart(5, '0');

/** The file's bytes, unless it is gone, unreadable or larger than `limit` (the view then links to the original). */
function readIfSmall(path: string, limit: number): Buffer | undefined {
  try {
    if (statSync(path).size > limit) return undefined;
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
