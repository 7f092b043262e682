import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath, projectRoot } from '../helpers.js';
import { CHROMIUM, launchChromium, warnSkipped } from './chromium.js';

/**
 * Never a false pass in the audit view: reports in which no number was read — pre-2019 reports (their tables not read
 * yet), a page whose tables ran together, a report with no tables — are 未核对, never green, and no ✔ is drawn over
 * comparisons that compared nothing (two copies of one legacy report, two consecutive legacy years).
 */

const TEST =
  'shows reports in which no number was read as 未核对: never green, never a ✔, whatever they are compared with';
warnSkipped('test/view/unchecked.test.ts', [TEST]);

const FILES = {
  legacy: 'legacy/2016.txt',
  legacyCopy: 'legacy/2016-copy.txt',
  legacyNextYear: 'legacy/2017.txt',
  flattened: 'flattened/2021.txt',
  noTables: 'no-tables/2023.txt',
} as const;

/** A report with its title and sections but no table at all. */
const NO_TABLES = [
  '某县人民政府2023年政府信息公开工作年度报告',
  '一、总体情况',
  '2023年，我县认真贯彻落实《中华人民共和国政府信息公开条例》。',
  '二、主动公开政府信息情况',
  '全年主动公开政府信息若干条。',
  '三、收到和处理政府信息公开申请情况',
  '全年收到政府信息公开申请若干件，均按期答复。',
  '四、政府信息公开行政复议、行政诉讼情况',
  '全年未发生因政府信息公开引起的行政复议、行政诉讼。',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
].join('\n');

function batch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-unchecked-'));
  const put = (name: string, text: string) => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  };
  const legacy = readFileSync(corpusPath('pingtan-2016_page-flattened_pre2019-format.txt'), 'utf8');
  put(FILES.legacy, legacy);
  put(FILES.legacyCopy, legacy);
  put(FILES.legacyNextYear, legacy.replaceAll('2016年度', '2017年度'));
  put(FILES.flattened, readFileSync(corpusPath('pingtan-2021_page-flattened.txt'), 'utf8'));
  put(FILES.noTables, NO_TABLES);
  return dir;
}

describe.skipIf(!CHROMIUM)('the audit view, reports in which nothing was checked', () => {
  let out: string;
  let reports: Record<string, string>[];
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'xxgk-view-unchecked-'));
    const run = spawnSync(
      process.execPath,
      [join(projectRoot, 'dist/src/cli.js'), 'extract', batch(), '--out', out, '--quiet'],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    reports = parse(readFileSync(join(out, 'reports.csv'), 'utf8'), { bom: true, columns: true });
    browser = await launchChromium();
    page = await browser.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it(TEST, async () => {
    expect(reports.map((r) => [r.file, r.status]).sort()).toEqual(
      Object.values(FILES)
        .map((file) => [file, 'unchecked'])
        .sort(),
    );
    expect(reports.every((r) => r.reason!.startsWith('未核对：'))).toBe(true);
    await page.goto(`${pathToFileURL(join(out, 'index.html')).href}`);
    await page.waitForSelector('.list .row');
    expect(await page.locator('.list .row').count()).toBe(reports.length);
    expect(await page.locator('.list .badge.status-ok').count()).toBe(0);
    expect(await page.locator('.list .badge.status-unchecked').allTextContents()).toEqual(reports.map(() => '未核对'));
    for (const [id, report] of reports.entries()) {
      await page.goto('about:blank');
      await page.goto(`${pathToFileURL(join(out, 'index.html')).href}#report=${id}`);
      await page.waitForSelector('#problems');
      const body = (await page.locator('main').textContent()) ?? '';
      expect(body, report.file).toContain('未核对');
      expect(body, report.file).not.toContain('✔');
      expect(body, report.file).not.toContain('全部勾稽关系成立');
      expect(body, report.file).not.toContain('各副本印出的数字一致');
      expect(await page.locator('.ok-note, .badge.status-ok').count(), report.file).toBe(0);
      // Copies of one legacy report and consecutive legacy years are compared, and said not to be.
      if (report.file === FILES.legacy) expect(await page.locator('.not-compared').count()).toBeGreaterThan(0);
    }
  });
});
