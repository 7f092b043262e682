/**
 * OCR speed and memory: CPU seconds per scanned report and per page, per table picture of a web page, the
 * recogniser's start-up, the share of numbers left unread, and peak memory — each folder read in a fresh Node
 * process pinned to one core (taskset, where there is one), from the built code (npm run build first).
 *
 *   npm run bench:ocr [-- FOLDER_OF_SCANNED_PDFS [FOLDER_OF_PAGES_WITH_TABLE_PICTURES]]
 *
 * Defaults: ../shared/corpus/generated/pdf-scanned and html-img (beside the project, or beside its work trees' folder). A scanned PDF's pages are drawn at the resolution of
 * their images (pdfjs-dist), as the PDF reader hands them to OCR; a web page's pictures are its `_files/*.png` and its
 * `data:` pictures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED, PROJECT } from './shared-corpus.js';

const corpus = GENERATED ?? '../shared/corpus/generated';
const [scans = `${corpus}/pdf-scanned`, pages = `${corpus}/html-img`] = process.argv.slice(2);
const dist = (path: string) => JSON.stringify(new URL(`../dist/${path}`, import.meta.url).href);

/** Runs in the child: reads every picture, prints one JSON line of figures. */
const child = `
  const { readdir, readFile } = await import('node:fs/promises');
  const { join, dirname } = await import('node:path');
  const { readPicture, shutdownRecognisers } = await import(${dist('extractors/ocr/index.js')});
  const { renderPdfPages } = await import(${dist('extractors/pdf/render.js')});
  const [kind, folder] = process.argv.slice(1);
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
  const items = [];
  let numbers = 0, unconfirmed = 0, refused = 0;
  const read = async (name, bytes, content) => {
    const start = cpu();
    try {
      const r = await readPicture({ kind: 'encoded', bytes, name }, { content });
      numbers += r.stats.numbers; unconfirmed += r.stats.unconfirmed;
    } catch { refused++; }
    return cpu() - start;
  };
  // Start-up: the recognisers are created on the first picture; a tiny table makes them load.
  const startup0 = cpu();
  await read('warm-up', await readFile(${JSON.stringify(join(PROJECT, 'test/fixtures/ocr/table.png'))}), 'table');
  const startup = cpu() - startup0;
  numbers = 0; unconfirmed = 0; refused = 0;
  const files = (await readdir(folder)).sort();
  for (const file of files) {
    if (kind === 'scans' && file.endsWith('.pdf')) {
      const bytes = new Uint8Array(await readFile(join(folder, file)));
      const drawing = cpu();
      const drawn = await renderPdfPages(bytes, Array.from({ length: 50 }, (_, i) => i + 1), 96 / 72);
      const drawSeconds = cpu() - drawing;
      const seconds = [];
      for (const page of drawn) seconds.push(await read(file + ' page ' + page.page, page.png, 'page'));
      items.push({ file, pages: seconds.length, seconds: seconds.reduce((a, b) => a + b, 0), drawSeconds });
    }
    if (kind === 'pages' && file.endsWith('.html')) {
      const html = await readFile(join(folder, file), 'utf8');
      const pictures = [...html.matchAll(/<img[^>]*src="([^"]+)"/g)].map((m) => m[1]);
      let seconds = 0;
      for (const src of pictures) {
        const bytes = src.startsWith('data:') ? Buffer.from(src.slice(src.indexOf(',') + 1), 'base64') : await readFile(join(folder, src));
        seconds += await read(src.slice(0, 40), bytes, 'table');
      }
      items.push({ file, pictures: pictures.length, seconds });
    }
  }
  await shutdownRecognisers();
  console.log(JSON.stringify({ startup, items, numbers, unconfirmed, refused, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
`;

const pin = spawnSync('taskset', ['--version']).status === 0 ? ['taskset', '-c', '0'] : [];
if (pin.length === 0)
  console.log('(taskset not found: the process is not pinned to one core; CPU seconds are still per core)');

function run(kind: 'scans' | 'pages', folder: string) {
  if (!existsSync(folder)) return console.log(`${folder}: not found, skipped`);
  const [command, ...args] = [...pin, process.execPath, '--input-type=module', '-e', child, kind, folder];
  const started = performance.now();
  const result = spawnSync(command!, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wall = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(result.stderr);
  const figures = JSON.parse(result.stdout.trim().split('\n').pop()!) as {
    startup: number;
    items: { file: string; pages?: number; pictures?: number; seconds: number; drawSeconds?: number }[];
    numbers: number;
    unconfirmed: number;
    refused: number;
    peakRssMb: number;
  };
  const total = figures.items.reduce((s, i) => s + i.seconds, 0);
  const units = figures.items.reduce((s, i) => s + (i.pages ?? i.pictures ?? 0), 0);
  const worst = figures.items.reduce((a, b) => (b.seconds > a.seconds ? b : a), figures.items[0]!);
  const unit = kind === 'scans' ? 'page' : 'picture';
  const per = kind === 'scans' ? 'scanned report' : 'web page';
  console.log(`${folder}: ${figures.items.length} files, ${units} ${unit}s, ${wall.toFixed(0)} s wall on one core`);
  console.log(`  recogniser start-up (first picture): ${figures.startup.toFixed(2)} s CPU`);
  console.log(
    `  per ${per}: ${(total / figures.items.length).toFixed(2)} s CPU (slowest ${worst.file}: ${worst.seconds.toFixed(2)} s); per ${unit}: ${(total / units).toFixed(2)} s`,
  );
  const drawing = figures.items.reduce((s, i) => s + (i.drawSeconds ?? 0), 0);
  if (drawing > 0)
    console.log(
      `  drawing the pages to pictures (pdfjs-dist, PNG) besides: ${(drawing / units).toFixed(2)} s per page`,
    );
  console.log(
    `  numbers left unread: ${figures.unconfirmed} of ${figures.numbers} (${((100 * figures.unconfirmed) / Math.max(1, figures.numbers)).toFixed(2)}%); pictures refused: ${figures.refused}`,
  );
  console.log(`  peak RSS: ${figures.peakRssMb.toFixed(0)} MB`);
}

run('scans', scans);
run('pages', pages);
