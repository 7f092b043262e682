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
import { tableFromCells, type Block, type DocumentModel, type TableCell } from '../src/model/document.js';
import type { PageItem } from '../extractors/pdf/layout.js';
import { stitchPages } from '../extractors/pdf/stitch.js';
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
  return { blocks: renumber(joinPages(pages, 72 / 96)), pageCount: pages.length };
}

/**
 * The pages' blocks joined as the PDF reader joins a text PDF's pages: a table continued on the next page is
 * stitched to it (extractors/pdf/stitch.ts, on boxes in points). Cells keep their OCR readings through it.
 */
function joinPages(pages: PictureReading[], pointsPerPixel: number): Block[] {
  const pt = (v: number) => v * pointsPerPixel;
  const items: PageItem[][] = pages.map((reading, p) =>
    reading.blocks.map((block): PageItem => {
      const [x0, y0, x1, y1] = (block.kind === 'text' ? block.box : undefined) ?? [0, 0, 0, 0];
      if (block.kind === 'text') return { kind: 'text', page: p + 1, text: block.text, x0: pt(x0), y0: pt(y0), x1: pt(x1), y1: pt(y1) };
      const cells = block.cells.map((c) => {
        const [cx0, cy0, cx1, cy1] = c.box ?? [0, 0, 0, 0];
        return { ...c, page: p + 1, x0: pt(cx0), y0: pt(cy0), x1: pt(cx1), y1: pt(cy1) };
      });
      const xs = [...new Set(cells.flatMap((c) => [Math.round(c.x0), Math.round(c.x1)]))].sort((a, b) => a - b);
      return {
        kind: 'table', page: p + 1, structure: 'ruled', cells, xs, rows: block.grid.length,
        x0: Math.min(...cells.map((c) => c.x0)), y0: Math.min(...cells.map((c) => c.y0)), x1: Math.max(...cells.map((c) => c.x1)), y1: Math.max(...cells.map((c) => c.y1)),
      };
    }),
  );
  return stitchPages(items).map((item): Block => {
    if (item.kind === 'text') return { kind: 'text', text: item.text, page: item.page };
    const cells = item.cells.map(({ x0: _x0, y0: _y0, x1: _x1, y1: _y1, ...cell }) => cell as TableCell);
    return { ...tableFromCells(0, cells, 'ocr'), pages: item.pages };
  });
}

function renumber(blocks: Block[]): Block[] {
  let index = 0;
  return blocks.map((b) => (b.kind === 'table' ? { ...b, index: index++ } : b));
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}


