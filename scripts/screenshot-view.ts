/**
 * The README's picture of the audit view: the sample reports in corpus/ extracted, and the flagged PDF's page shot in
 * headless Chromium (Debian's chromium). Writes docs/audit-view.png.
 * usage: npm run build && npx tsx scripts/screenshot-view.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const out = mkdtempSync(join(tmpdir(), 'xxgk-screenshot-'));
const run = spawnSync(process.execPath, ['dist/src/cli.js', 'extract', 'corpus', '--out', out, '--quiet'], { encoding: 'utf8' });
if (run.status !== 0) throw new Error(run.stderr);
const files = readFileSync(join(out, 'reports.csv'), 'utf8').split('\r\n').slice(1).map((line) => line.split(',')[0]);
const id = files.indexOf('huaian-hongze-district-gov-2023.pdf');

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'xxgk-chromium-')), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1200, height: 1300 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await context.newPage();
await page.goto(`${pathToFileURL(join(out, 'index.html')).href}#report=${id}`);
await page.waitForSelector('.page-picture[data-drawn]', { timeout: 60_000 });
// Point at the first failing sum, as a person would: its cells light up in the table and on the page.
await page.click('#problems .finding.error .term');
await page.evaluate(() => document.querySelector('.page-picture')?.scrollIntoView({ block: 'center' }));
await page.evaluate(() => window.scrollTo(0, 0));
await page.screenshot({ path: 'docs/audit-view.png', clip: { x: 0, y: 0, width: 1200, height: 1300 } });
await context.close();
console.log('docs/audit-view.png');
