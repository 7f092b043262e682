/**
 * Audit view benchmark: the view and dataset.csv exporters fed N reports (default 100,000: real reports extracted once,
 * filed under distinct names, agencies and years), then the view opened in headless Chromium (Debian's chromium).
 * Prints the exporters' time per report, memory at 10% and at 100% of the reports (it must stay flat), bytes per
 * report, and how long the page takes to show the list, search it, sort it and open a report.
 * usage: npm run bench:view [-- reports]   (run `npm run build` first — npm run bench:view does)
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { DatasetCsvExport } from '../src/export/dataset-csv.js';
import type { Report } from '../src/core/model/report.js';
import { extractReport } from '../src/pipeline/extract.js';
import { ViewExport } from '../src/view/exporter.js';

const total = Number(process.argv[2] ?? 100_000);
const sources = [
  'corpus/huaian-hongze-district-gov-2023.pdf',
  'corpus/pingtan-2021.html',
  'corpus/lushi-defense-2023.txt',
  'corpus/shanghai-gov-office-2019_content-fragment.html',
  'corpus/shuyang-fgj-2023.html',
];
const reports: Report[] = [];
for (const source of sources) reports.push(await extractReport(source, { name: source }));

const out = mkdtempSync(join(tmpdir(), 'xxgk-bench-view-'));
const view = new ViewExport(out);
const dataset = new DatasetCsvExport(out);
const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(0);
const memory = () => {
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
};
const towns = ['城关镇', '新华街道', '白沙镇', ''];
let atTenth = memory();
const started = performance.now();
for (let i = 0; i < total; i++) {
  const base = reports[i % reports.length]!;
  const agency = `示例省第${i % 37}市第${i % 401}县${towns[i % 4]}第${Math.floor(i / 2406) % 25}局`;
  const report: Report = {
    ...base,
    file: `batch-${Math.floor(i / 1000)}/r${i}${sources[i % sources.length]!.slice(-5)}`,
    agency,
    year: 2019 + (Math.floor(i / 401) % 6),
  };
  await view.add(report, { path: sources[i % sources.length]! });
  await dataset.add(report);
  if (i + 1 === Math.round(total / 10)) atTenth = memory();
}
await view.close();
await dataset.close();
const seconds = (performance.now() - started) / 1000;
const atEnd = memory();

function folderBytes(path: string): number {
  if (!statSync(path).isDirectory()) return statSync(path).size;
  return readdirSync(path).reduce((sum, name) => sum + folderBytes(join(path, name)), 0);
}
const viewData = ['list.js', 'reports'].reduce((sum, p) => sum + folderBytes(join(out, 'view', p)), 0);
console.log(
  `${total} reports through the view and dataset.csv exporters: ${seconds.toFixed(1)} s (${((seconds * 1e6) / total).toFixed(0)} µs per report)`,
);
console.log(
  `memory (after GC): heap ${mb(atTenth.heap)} MB at ${Math.round(total / 10)} reports, ${mb(atEnd.heap)} MB at ${total}; RSS ${mb(atTenth.rss)} → ${mb(atEnd.rss)} MB`,
);
console.log(
  `bytes per report: list ${(folderBytes(join(out, 'view', 'list.js')) / total).toFixed(0)}, details ${(folderBytes(join(out, 'view', 'reports')) / total).toFixed(0)}, dataset.csv ${(folderBytes(join(out, 'dataset.csv')) / total).toFixed(0)}; view data ${mb(viewData)} MB in all, pdf.js library ${mb(folderBytes(join(out, 'view', 'lib')))} MB once`,
);

const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (executablePath) {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'xxgk-chromium-')), {
    executablePath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await context.newPage();
  const time = async (what: string, action: () => Promise<unknown>) => {
    const start = performance.now();
    await action();
    console.log(`  ${what}: ${((performance.now() - start) / 1000).toFixed(2)} s`);
  };
  console.log(`Chromium, ${total} reports:`);
  await time('open index.html until the list shows', async () => {
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
    await page.waitForSelector('.list .row', { timeout: 120_000 });
  });
  await time('search an agency name (until the list is redrawn)', async () => {
    await page.fill('input.search', '第7市第123县');
    await page.waitForFunction(
      () =>
        (document.querySelector('.filters .muted')?.textContent ?? '').startsWith('显示') &&
        document.querySelectorAll('.list .row').length < 30,
      null,
      { timeout: 60_000 },
    );
  });
  await page.fill('input.search', '');
  await page.waitForFunction(() => document.querySelectorAll('.list .row').length >= 20);
  await time('sort by agency', async () => {
    await page.click('.list .head span:nth-child(2)');
    await page.waitForFunction(() =>
      document.querySelector('.list .head span:nth-child(2)')?.textContent?.includes('▲'),
    );
  });
  await time('open a flagged PDF report until its page is drawn', async () => {
    await page.goto(`${pathToFileURL(join(out, 'index.html')).href}#report=${total - (total % 5) - 5}`);
    await page.waitForSelector('.page-picture[data-drawn]', { timeout: 120_000 });
  });
  await time('agency × year grid', async () => {
    await page.goto(`${pathToFileURL(join(out, 'index.html')).href}#grid`);
    await page.waitForSelector('.grid .row', { timeout: 120_000 });
  });
  await context.close();
} else {
  console.log('Chromium not found at /usr/bin/chromium: the page was not timed.');
}
rmSync(out, { recursive: true, force: true });
