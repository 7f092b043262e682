/**
 * The OCR reader alone against the generated corpus's truth: every picture of a folder of web pages whose tables are
 * pictures (html-img) or of scanned PDFs (pdf-scanned) is read by readPicture, the pictures' blocks are put in the
 * place of the pictures (a page's paragraphs around them, a PDF's pages one after another, a table continued on the
 * next page joined to it), and the reports are assembled and written as cells.csv and findings.csv for score.py.
 *
 *   npx tsx scripts/ocr-truth.ts ../shared/corpus/generated/html-img /tmp/o-ocr [--only r07-001]
 *   python3 ../shared/tools/score.py ../shared/corpus/generated html-img /tmp/o-ocr
 *
 * It prints each report's status, its cells, the numbers left unread, and the CPU seconds its pictures took.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { load } from 'cheerio';
import { readPicture, shutdownRecognisers, type PictureReading } from '../extractors/ocr/index.js';
import { renderPdfPages } from '../extractors/pdf/render.js';
import { assembleReport } from '../src/assemble.js';
import { CsvExport } from '../src/export/csv.js';
import type { Block, DocumentModel, TableBlock, TableCell } from '../src/model/document.js';
import type { Message } from '../src/model/messages.js';

const [folder, out, ...rest] = process.argv.slice(2);
if (!folder || !out) {
  console.error('usage: tsx scripts/ocr-truth.ts FOLDER OUT [--only NAME]');
  process.exit(2);
}
const only = rest[0] === '--only' ? rest[1] : undefined;

await mkdir(out, { recursive: true });
const csv = new CsvExport(out);
const files = (await readdir(folder)).filter((f) => ['.html', '.pdf'].includes(extname(f)) && (!only || f.startsWith(only))).sort();
let cpuTotal = 0;
for (const file of files) {
  const path = join(folder, file);
  const cpu = process.cpuUsage();
  const messages: Message[] = [];
  const document = extname(file) === '.pdf' ? await scannedPdf(path, messages) : await pictureWebPage(path, messages);
  const seconds = cpuSeconds(cpu);
  cpuTotal += seconds;
  const report = assembleReport(document, { file, reader: 'ocr', messages, ...(document.pageCount ? { pages: document.pageCount } : {}) });
  csv.add(report);
  const unread = report.cells.filter((c) => c.kind === 'unreadable').length;
  console.log(`${file}: ${report.status} ${report.cells.length} cells, ${unread} unreadable; ${seconds.toFixed(1)} s CPU${report.reason ? `; ${report.reason}` : ''}`);
}
await csv.close();
await shutdownRecognisers();
console.log(`${files.length} files, ${cpuTotal.toFixed(1)} s CPU`);

async function pictureWebPage(path: string, messages: Message[]): Promise<DocumentModel> {
  const $ = load(await readFile(path, 'utf8'));
  const blocks: Block[] = [];
  for (const element of $('body').find('p, img').toArray()) {
    if (element.tagName === 'p') {
      const text = $(element).text().trim();
      if (text) blocks.push({ kind: 'text', text });
      continue;
    }
    const src = $(element).attr('src') ?? '';
    const bytes = src.startsWith('data:') ? Buffer.from(src.slice(src.indexOf(',') + 1), 'base64') : await readFile(join(dirname(path), src));
    const name = src.startsWith('data:') ? 'data:' : src;
    const reading = await readPicture({ kind: 'encoded', bytes, name }, { content: 'table' }).catch((error: Error) => {
      messages.push({ level: 'warning', code: 'read', message: error.message });
      return undefined;
    });
    if (reading) {
      messages.push(...reading.warnings);
      blocks.push(...reading.blocks);
    }
  }
  return { blocks: renumber(blocks), title: $('title').text() };
}

async function scannedPdf(path: string, messages: Message[]): Promise<DocumentModel> {
  const bytes = new Uint8Array(await readFile(path));
  const pages: PictureReading[] = [];
  for (let n = 1; ; n++) {
    // The generated scans hold their page images at 96 pixels per inch of page: drawn at that scale, one page pixel
    // is one image pixel.
    const [page] = await renderPdfPages(bytes.slice(), [n], 96 / 72);
    if (!page) break;
    const reading = await readPicture({ kind: 'encoded', bytes: page.png, name: `page ${n}` }, { content: 'page' }).catch((error: Error) => {
      messages.push({ level: 'warning', code: 'read', message: error.message });
      return undefined;
    });
    if (reading) {
      messages.push(...reading.warnings);
      pages.push(reading);
    }
  }
  return { blocks: renumber(joinPages(pages)), pageCount: pages.length };
}

/** A table that ends a page and a table that starts the next one, with as many columns, are one table. */
function joinPages(pages: PictureReading[]): Block[] {
  const blocks: Block[] = [];
  pages.forEach((page, p) => {
    page.blocks.forEach((block, i) => {
      const last = blocks[blocks.length - 1];
      if (i === 0 && p > 0 && block.kind === 'table' && last?.kind === 'table' && columns(last) === columns(block)) {
        const offset = last.grid.length;
        const cells: TableCell[] = [...last.cells, ...block.cells.map((c) => ({ ...c, row: c.row + offset }))];
        blocks[blocks.length - 1] = { ...last, cells, grid: gridOf(cells) };
      } else blocks.push(block);
    });
  });
  return blocks;
}

function columns(table: TableBlock): number {
  return table.grid[0]?.length ?? 0;
}

function gridOf(cells: TableCell[]): number[][] {
  const rows = Math.max(0, ...cells.map((c) => c.row + c.rowSpan));
  const cols = Math.max(0, ...cells.map((c) => c.col + c.colSpan));
  const grid = Array.from({ length: rows }, () => new Array<number>(cols).fill(-1));
  cells.forEach((c, i) => {
    for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) grid[r]![k] = i;
  });
  return grid;
}

function renumber(blocks: Block[]): Block[] {
  let index = 0;
  return blocks.map((b) => (b.kind === 'table' ? { ...b, index: index++ } : b));
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}


