/**
 * PDF throughput on one core: the full pipeline (read → locate → normalise → audit) against the bare cost of
 * pdfjs-dist reading the same pages' text and operator lists, and poppler's `pdftotext -layout` when installed.
 * usage: npm run bench [-- folder]   (default: the PDFs in corpus/, repeated to at least 200 files)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openPdf } from '../extractors/pdf/pdfjs.js';
import { extractFromBytes } from '../src/pipeline/extract.js';
import { buildPdf, gridCells, PdfPage, ruledTable } from '../test/fixtures/pdf-writer.js';

const folder = resolve(process.argv[2] ?? 'corpus');
const pdfs = readdirSync(folder)
  .filter((f) => f.toLowerCase().endsWith('.pdf'))
  .map((f) => join(folder, f));
if (pdfs.length === 0) throw new Error(`no PDF in ${folder}`);
const files = Array.from({ length: Math.max(1, Math.ceil(200 / pdfs.length)) }, () => pdfs).flat();
const bytes = new Map(pdfs.map((p) => [p, readFileSync(p)]));

async function timed(label: string, run: (file: string) => Promise<number>): Promise<number> {
  let pages = 0;
  const started = performance.now();
  for (const file of files) pages += await run(file);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label.padEnd(34)} ${(files.length / seconds).toFixed(1).padStart(7)} PDFs/s ${(pages / seconds).toFixed(1).padStart(8)} pages/s  (${files.length} PDFs, ${pages} pages, ${seconds.toFixed(2)} s)`,
  );
  return seconds;
}

/** The bare cost: pdfjs opening each file and reading every page's text content and operator list. */
async function bare(file: string): Promise<number> {
  const pdf = await openPdf(bytes.get(file)!);
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    await page.getTextContent();
    await page.getOperatorList();
    page.cleanup();
  }
  const pages = pdf.numPages;
  await pdf.destroy();
  return pages;
}

async function pipeline(file: string): Promise<number> {
  const report = await extractFromBytes(bytes.get(file)!, file);
  if (report.status === 'failed') throw new Error(`${file}: ${report.reason}`);
  return report.pages ?? 0;
}

console.log(
  `node ${process.version}, one process reading one file at a time; ${pdfs.length} distinct PDFs from ${folder}`,
);
await bare(files[0]!); // warm up the module and cMap caches for both runs alike
const bareSeconds = await timed('pdfjs text + operator lists (bare)', bare);
const fullSeconds = await timed('xxgk full pipeline', pipeline);
console.log(
  `pipeline / bare = ${(fullSeconds / bareSeconds).toFixed(2)}× (target ≤ 1.3×); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);

const poppler = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
if (poppler.status === 0 || /pdftotext/.test(poppler.stderr)) {
  const started = performance.now();
  for (const file of files)
    execFileSync('pdftotext', ['-layout', file, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${'pdftotext -layout (poppler)'.padEnd(34)} ${(files.length / seconds).toFixed(1).padStart(7)} PDFs/s  (process per file)`,
  );
} else {
  console.log('pdftotext not installed: poppler comparison skipped');
}

// A 500-page PDF (a ruled table on every page): the reader stops at its page limit, in bounded time and memory.
const long = buildPdf(
  Array.from({ length: 500 }, (_, i) => {
    const page = new PdfPage().text(60, 800, `第${i + 1}页`);
    ruledTable(
      page,
      60,
      760,
      [150, 60, 60],
      Array(12).fill(20),
      gridCells(Array.from({ length: 12 }, (_, r) => [`第${r + 1}行`, String(r), String(i)])),
    );
    return page;
  }),
);
const before = process.resourceUsage().maxRSS;
const started = performance.now();
const longReport = await extractFromBytes(long, 'long.pdf');
console.log(
  `500-page PDF (${(long.length / 1024).toFixed(0)} KB): ${longReport.status} in ${((performance.now() - started) / 1000).toFixed(2)} s, ` +
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (was ${(before / 1024).toFixed(0)} MB) — ${longReport.messages.map((m) => m.message).join('; ')}`,
);
