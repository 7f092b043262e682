/**
 * The README's picture of the audit view: the sample reports in corpus/ extracted, and the flagged PDF's page shot in
 * headless Chromium (Debian's chromium). Writes docs/audit-view.png (reduced to 128 colours with ImageMagick when it is
 * installed, to keep the repository small).
 * usage: npm run build && npx tsx scripts/screenshot-view.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const out = mkdtempSync(join(tmpdir(), 'xxgk-screenshot-'));
const run = spawnSync(process.execPath, ['dist/src/cli.js', 'extract', 'corpus', '--out', out, '--quiet'], {
  encoding: 'utf8',
});
if (run.status !== 0) throw new Error(run.stderr);
const files = readFileSync(join(out, 'reports.csv'), 'utf8')
  .split('\r\n')
  .slice(1)
  .map((line) => line.split(',')[0]);
const id = files.indexOf('huaian-hongze-district-gov-2023.pdf');

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'xxgk-chromium-')), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1200, height: 1300 },
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
await page.goto(`${pathToFileURL(join(out, 'index.html')).href}#report=${id}`);
await page.waitForSelector('.page-picture[data-drawn]', { timeout: 60_000 });
await page.screenshot({ path: 'docs/audit-view.png', clip: { x: 0, y: 0, width: 1200, height: 1300 } });
await context.close();
spawnSync('convert', ['docs/audit-view.png', '-colors', '128', 'PNG8:docs/audit-view.png']);
console.log('docs/audit-view.png');
