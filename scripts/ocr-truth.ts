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
import { assembleReport } from '../src/pipeline/assemble.js';
import { CsvExport } from '../src/export/csv.js';
import { tableFromRows, type Block, type DocumentModel } from '../src/core/model/document.js';
import { joinPictures } from '../extractors/ocr/pages.js';
import type { Message } from '../src/core/model/messages.js';

const [folder, out, ...rest] = process.argv.slice(2);
if (!folder || !out) {
  console.error('usage: tsx scripts/ocr-truth.ts FOLDER OUT [--only NAME]');
  process.exit(2);
}
const only = rest[0] === '--only' ? rest[1] : undefined;

await mkdir(out, { recursive: true });
const csv = new CsvExport(out);
const files = (await readdir(folder))
  .filter((f) => ['.html', '.pdf'].includes(extname(f)) && (!only || f.startsWith(only)))
  .sort();
let cpuTotal = 0;
for (const file of files) {
  const path = join(folder, file);
  const cpu = process.cpuUsage();
  const messages: Message[] = [];
  const document = extname(file) === '.pdf' ? await scannedPdf(path, messages) : await pictureWebPage(path, messages);
  const seconds = cpuSeconds(cpu);
  cpuTotal += seconds;
  const report = assembleReport(document, {
    file,
    reader: 'ocr',
    messages,
    ...(document.pageCount ? { pages: document.pageCount } : {}),
  });
  await csv.add(report);
  const unread = report.cells.filter((c) => c.kind === 'unreadable').length;
  console.log(
    `${file}: ${report.status} ${report.cells.length} cells, ${unread} unreadable; ${seconds.toFixed(1)} s CPU${report.reason ? `; ${report.reason}` : ''}`,
  );
}
await csv.close();
await shutdownRecognisers();
console.log(`${files.length} files, ${cpuTotal.toFixed(1)} s CPU`);

async function pictureWebPage(path: string, messages: Message[]): Promise<DocumentModel> {
  const $ = load(await readFile(path, 'utf8'));
  const blocks: Block[] = [];
  for (const element of $('body').find('p, img, table').toArray()) {
    if (element.tagName === 'table') {
      // The page's own tables (no spans in the generated pages).
      const rows = $(element)
        .find('tr')
        .toArray()
        .map((tr) =>
          $(tr)
            .find('td, th')
            .toArray()
            .map((td) => $(td).text().trim()),
        );
      blocks.push(tableFromRows(0, rows, 'markup'));
      continue;
    }
    if (element.tagName === 'p') {
      const text = $(element).text().trim();
      if (text) blocks.push({ kind: 'text', text });
      continue;
    }
    const src = $(element).attr('src') ?? '';
    const bytes = src.startsWith('data:')
      ? Buffer.from(src.slice(src.indexOf(',') + 1), 'base64')
      : await readFile(join(dirname(path), src));
    const name = src.startsWith('data:') ? 'data:' : src;
    const reading = await readPicture({ kind: 'encoded', bytes, name }, { content: 'table' }).catch((error: Error) => {
      messages.push({ level: 'warning', code: 'read', message: error.message });
      return undefined;
    });
    if (reading) {
      messages.push(...reading.messages);
      blocks.push(...reading.blocks);
    }
  }
  return { blocks: renumber(blocks), title: $('title').text() };
}

async function scannedPdf(path: string, messages: Message[]): Promise<DocumentModel> {
  const bytes = new Uint8Array(await readFile(path));
  const pages: { page: number; reading: PictureReading }[] = [];
  for (let n = 1; ; n++) {
    // The generated scans hold their page images at 96 pixels per inch of page: drawn at that scale, one page pixel
    // is one image pixel.
    const [page] = await renderPdfPages(bytes.slice(), [n], 96 / 72);
    if (!page) break;
    const reading = await readPicture(
      { kind: 'encoded', bytes: page.png, name: `page ${n}` },
      { content: 'page' },
    ).catch((error: Error) => {
      messages.push({ level: 'warning', code: 'read', message: error.message });
      return undefined;
    });
    if (reading) {
      messages.push(...reading.messages);
      pages.push({ page: n, reading });
    }
  }
  return { blocks: joinPictures(pages, 72 / 96), pageCount: pages.length };
}

function renumber(blocks: Block[]): Block[] {
  let index = 0;
  return blocks.map((b) => (b.kind === 'table' ? { ...b, index: index++ } : b));
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}
