import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ViewExport } from '../../src/view/exporter.js';
import { MIXED, mixedBatch, ZHONGMOU } from '../fixtures/mixed-batch.js';
import { OCR_BOXES, ocrReport } from '../fixtures/ocr-report.js';
import { projectRoot } from '../helpers.js';
import { CHROMIUM, launchChromium, warnSkipped } from './chromium.js';

/** The audit view as a person sees it: index.html opened from disk in headless Chromium, after `xxgk extract`. */

const TESTS = {
  list: 'lists every input file: audited reports in one list, files that could not be read in another',
  filter: 'finds reports by the agency name typed in the search box, and narrows them by status',
  pdf: "shows a flagged PDF's failing sums with the numbers on both sides, the cells in red, and the page drawn with their boxes",
  web: 'shows where the numbers are in a web page, the carry-over chain across years, and copies that print different numbers',
  unreadAfterFilters:
    'shows every unreadable file on 未能读取, whatever place, year or status was chosen on the other list',
  originalLink: 'links 「打开原文件」 relative to the output folder, so that it still opens when the folder is moved',
  grid: 'shows which agencies have no report for a year',
  gridYears:
    'has a column for every year from the earliest to the latest or asked with --years, one nobody filed for too, ' +
    'and shows which names were taken as one agency',
  ocrPicture: 'shows the picture a failing sum was read from by OCR, with a box over each of its cells',
  longWarnings: 'wraps long warnings (paths, addresses, cell keys) inside their boxes',
  everyFlagged:
    "leads from the list to a page for each flagged report that shows its failing rules' numbers, with the page drawn for PDFs",
};
warnSkipped('test/view/browser.test.ts', Object.values(TESTS));

describe.skipIf(!CHROMIUM)('the audit view in Chromium', () => {
  let out: string;
  let reports: Record<string, string>[];
  let browser: BrowserContext;
  let page: Page;
  const idOf = (file: string) => reports.findIndex((r) => r.file === file);

  beforeAll(async () => {
    const input = await mixedBatch();
    out = mkdtempSync(join(tmpdir(), 'xxgk-view-'));
    const run = spawnSync(
      process.execPath,
      [join(projectRoot, 'dist/src/cli.js'), 'extract', input, '--out', out, '--quiet', '--years', '2021-2024'],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    reports = parse(readFileSync(join(out, 'reports.csv'), 'utf8'), { bom: true, columns: true });
    browser = await launchChromium();
    page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
    page.on('request', (request) => {
      if (
        !request.url().startsWith('file:') &&
        !request.url().startsWith('blob:') &&
        !request.url().startsWith('data:')
      )
        errors.push(`network: ${request.url()}`);
    });
    afterChecks.push(() => expect(errors).toEqual([]));
  }, 180_000);

  const afterChecks: (() => void)[] = [];
  afterAll(async () => {
    await browser?.close();
    for (const check of afterChecks) check();
  });

  const open = async (hash = '') => {
    // From a blank page, so that each test starts with a freshly loaded view.
    await page.goto('about:blank');
    await page.goto(`${pathToFileURL(join(out, 'index.html')).href}${hash}`);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  };
  const listedFiles = () =>
    page.locator('.list .row').evaluateAll((rows) => rows.map((r) => r.lastElementChild?.textContent ?? ''));

  it(TESTS.list, async () => {
    await open();
    await page.waitForSelector('.list .row');
    const audited = await listedFiles();
    await page.click('nav.tabs a[href="#unread"]');
    await page.waitForSelector('.list .row');
    const unread = await page
      .locator('.list .row')
      .evaluateAll((rows) => rows.map((r) => r.children[1]?.textContent ?? ''));
    expect(unread.sort()).toEqual([MIXED.empty, MIXED.notReport]);
    expect([...audited, ...unread].sort()).toEqual(reports.map((r) => r.file).sort());
    // The reason is beside each unreadable file.
    expect(await page.locator('.list .row', { hasText: MIXED.empty }).textContent()).toContain(
      'empty: 文件为空（0 字节）',
    );
    // Flagged reports come first.
    expect(audited.slice(0, 4).sort()).toEqual(
      reports
        .filter((r) => r.status === 'flagged')
        .map((r) => r.file)
        .sort(),
    );
  });

  it(TESTS.filter, async () => {
    await open();
    await page.fill('input.search', '中牟');
    await page.waitForFunction(() => document.querySelectorAll('.list .row').length < 10);
    const withName = reports.filter((r) => r.agency!.includes('中牟')).map((r) => r.file);
    expect((await listedFiles()).sort()).toEqual(withName.sort());
    // A town's own name finds it.
    await page.fill('input.search', '白沙镇');
    await page.waitForFunction(() => document.querySelectorAll('.list .row').length === 1);
    expect(await listedFiles()).toEqual([MIXED.word]);
    await page.fill('input.search', '中牟');
    await page.waitForFunction(() => document.querySelectorAll('.list .row').length > 1);
    await page.click('.chip[data-status="flagged"]');
    expect((await listedFiles()).sort()).toEqual(
      reports
        .filter((r) => r.agency!.includes('中牟') && r.status === 'flagged')
        .map((r) => r.file)
        .sort(),
    );
    await page.fill('input.search', '');
  });

  it(TESTS.pdf, async () => {
    await open(`#report=${idOf(MIXED.flaggedPdf)}`);
    await page.waitForSelector('.finding.error');
    const findings = await page.locator('#problems .finding.error').allTextContents();
    expect(findings).toHaveLength(2);
    expect(findings[0]).toContain('行政复议');
    expect(findings[0]).toMatch(
      /总计\s*0\s*≠\s*结果维持\s*10\s*\+\s*结果纠正\s*1\s*\+\s*其他结果\s*0\s*\+\s*尚未审结\s*0\s*=\s*11/,
    );
    expect(findings[0]).toContain('第4页');
    expect(findings[1]).toMatch(/复议后起诉[\s\S]*总计\s*0\s*≠\s*结果维持\s*5[\s\S]*=\s*5/);
    // Both sums' cells, in section 四's row, in solid red: 10 1 0 0 0 | … | 5 0 0 0 0.
    const red = await page.locator('table[data-table="review_litigation"] td.value.bad').allTextContents();
    expect(red).toEqual(['10', '1', '0', '0', '0', '5', '0', '0', '0', '0']);
    expect(await page.locator('table[data-table="requests"] td.value.bad').count()).toBe(0);
    // Page 4 drawn from the PDF, with a box over each of the ten cells.
    await page.waitForSelector('.page-picture[data-drawn]', { timeout: 60_000 });
    expect(await page.locator('.page-caption').allTextContents()).toEqual(['第4页']);
    const drawn = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('.page-picture canvas')!;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let dark = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128) dark++;
      const frame = canvas.getBoundingClientRect();
      const boxes = Array.from(document.querySelectorAll('.page-picture .box')).map((b) => b.getBoundingClientRect());
      return {
        dark: dark / (pixels.length / 4),
        boxes: boxes.length,
        inside: boxes.every(
          (b) =>
            b.left >= frame.left - 4 &&
            b.right <= frame.right + 4 &&
            b.top >= frame.top - 4 &&
            b.bottom <= frame.bottom + 4,
        ),
      };
    });
    expect(drawn.dark).toBeGreaterThan(0.01);
    expect(drawn.boxes).toBe(10);
    expect(drawn.inside).toBe(true);
  });

  it(TESTS.web, async () => {
    await open(`#report=${idOf(MIXED.laterYear)}`);
    await page.waitForSelector('#chain');
    const carry = await page.locator('#problems .finding.error').allTextContents();
    expect(
      carry.some((text) => /上年结转[\s\S]*自然人[\s\S]*≠/.test(text) && /文档第\d+个表格 第\d+行 第\d+列/.test(text)),
    ).toBe(true);
    // The chain, 总计 column: this year's 上年结转 (4, row 二) and last year's 结转下年度 (3, row 四), both in red.
    expect(await page.locator('#chain td.bad').allTextContents()).toEqual(['4', '3']);

    await open(`#report=${idOf(MIXED.copies[2])}`);
    await page.waitForSelector('#copies-table');
    const differing = await page.locator('#copies-table tbody tr').allTextContents();
    expect(differing).toHaveLength(1);
    expect(differing[0]).toContain('行政处罚');
    expect(await page.locator('#copies-table td.bad').allTextContents()).toEqual(['999']);
  });

  it(TESTS.everyFlagged, async () => {
    const findings: Record<string, string>[] = parse(readFileSync(join(out, 'findings.csv'), 'utf8'), {
      bom: true,
      columns: true,
    });
    const flagged = reports.filter((r) => r.status === 'flagged');
    expect(flagged.length).toBeGreaterThanOrEqual(4);
    for (const report of flagged) {
      await open();
      await page.waitForSelector('.list .row');
      await page.click(`.list .row[data-id="${idOf(report.file!)}"]`);
      await page.waitForSelector('#problems .finding.error');
      const cards = await page.locator('#problems .finding.error').allTextContents();
      const errors = findings.filter((f) => f.file === report.file && f.severity === 'error');
      expect(cards, report.file).toHaveLength(errors.length);
      for (const [i, error] of errors.entries()) {
        expect(cards[i], report.file).toContain(error.rule);
        // The numbers the rule compared are on the card.
        if (error.expected !== '') expect(cards[i], report.file).toContain(error.expected);
        if (error.actual !== '') expect(cards[i], report.file).toContain(error.actual);
      }
      if (report.file!.endsWith('.pdf'))
        await page.waitForSelector('.page-picture[data-drawn] canvas', { timeout: 60_000 });
    }
  });

  it(TESTS.ocrPicture, async () => {
    const { report, path } = await ocrReport();
    const folder = mkdtempSync(join(tmpdir(), 'xxgk-view-ocr-'));
    const view = new ViewExport(folder);
    view.add(report, { path });
    await view.close();
    await page.goto('about:blank');
    await page.goto(`${pathToFileURL(join(folder, 'index.html')).href}#report=0`);
    await page.waitForSelector('.page-picture[data-drawn] img');
    expect(await page.locator('#problems .finding.error').textContent()).toMatch(/总计\s*99\s*≠/);
    const placed = await page.evaluate(() => {
      const image = document.querySelector<HTMLImageElement>('.page-picture img')!;
      const frame = image.getBoundingClientRect();
      const scale = frame.width / image.naturalWidth;
      return Array.from(document.querySelectorAll('.page-picture .box')).map((box) => {
        const b = box.getBoundingClientRect();
        // Back to the picture's pixels (the box is drawn 2 px outside the cell).
        return [b.left - frame.left + 2, b.top - frame.top + 2, b.right - frame.left - 2, b.bottom - frame.top - 2].map(
          (v) => Math.round(v / scale),
        );
      });
    });
    expect(placed).toEqual(OCR_BOXES);
  });

  it(TESTS.longWarnings, async () => {
    const { report, path } = await ocrReport();
    const long = `${'/很长的文件夹/'.repeat(12)}${'requests:other.fee_unpaid:total'.repeat(6)}`;
    report.messages.push({ level: 'warning', code: 'picture_missing', message: `图片不在磁盘上：${long}` });
    report.findings.push({
      rule: 'long_note',
      scope: 'total',
      severity: 'warning',
      expected: null,
      actual: null,
      message: long,
      cells: [],
    });
    const folder = mkdtempSync(join(tmpdir(), 'xxgk-view-long-'));
    const view = new ViewExport(folder);
    view.add(report, { path });
    await view.close();
    await page.goto('about:blank');
    await page.goto(`${pathToFileURL(join(folder, 'index.html')).href}#report=0`);
    await page.waitForSelector('.finding.warning', { state: 'attached' });
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    const overflowing = await page
      .locator('.finding')
      .evaluateAll((boxes) =>
        boxes
          .filter((box) => box.getClientRects().length > 0 && box.scrollWidth > box.clientWidth + 1)
          .map((box) => box.textContent?.slice(0, 40)),
      );
    expect(await page.locator('.finding', { hasText: 'fee_unpaid' }).count()).toBeGreaterThan(0);
    expect(overflowing).toEqual([]);
  });

  it(TESTS.unreadAfterFilters, async () => {
    await open();
    await page.waitForSelector('.list .row');
    const province = await page
      .locator('select[name="place-0"] option')
      .evaluateAll((o) => o.map((e) => (e as HTMLOptionElement).value).filter(Boolean));
    expect(province.length).toBeGreaterThan(0);
    await page.selectOption('select[name="place-0"]', province[0]!);
    await page.selectOption('select[name="year"]', '2023');
    await page.click('.chip[data-status="flagged"]');
    await page.click('nav.tabs a[href="#unread"]');
    await page.waitForSelector('.list .row');
    const unread = await page
      .locator('.list .row')
      .evaluateAll((rows) => rows.map((r) => r.children[1]?.textContent ?? ''));
    expect(unread.sort()).toEqual([MIXED.empty, MIXED.notReport]);
    // What applies is what the controls show: nothing hidden behind 「全部…」.
    for (const name of ['year', 'reader']) expect(await page.locator(`select[name="${name}"]`).inputValue()).toBe('');
  });

  it(TESTS.originalLink, async () => {
    await open(`#report=${idOf(MIXED.flaggedPdf)}`);
    const link = page.locator('a', { hasText: '打开原文件' }).first();
    await link.waitFor({ state: 'attached' });
    const href = (await link.getAttribute('href'))!;
    expect(href).not.toMatch(/^file:/);
    const target = decodeURIComponent(new URL(href, pathToFileURL(join(out, 'index.html'))).pathname);
    expect(readFileSync(target).subarray(0, 5).toString()).toBe('%PDF-');
    // The page draws the PDF while this runs: leaving before it is drawn would cancel pdf.js's reading of it.
    await page.waitForSelector('.page-picture[data-drawn] canvas', { timeout: 60_000 });
  });

  it(TESTS.grid, async () => {
    await open('#grid');
    await page.waitForSelector('.grid .row');
    const agencies = () => page.locator('.grid .row .name').allTextContents();
    expect(await agencies()).toContain('郑州市中牟县财政局');
    await page.selectOption('select[name="missing-year"]', '2022');
    const missing2022 = await agencies();
    expect(missing2022).not.toContain('郑州市中牟县财政局');
    expect(missing2022).toContain('另一县审计局');
  });

  it(TESTS.gridYears, async () => {
    await open('#grid');
    await page.waitForSelector('.grid .row');
    const years = (await page.locator('.grid .head .cell').allTextContents()).map(Number);
    const filed = [...new Set(reports.map((r) => Number(r.year)).filter((y) => y > 0))].sort();
    // --years 2021-2024 asked, beside the batch's own years.
    expect(years[0]).toBe(Math.min(2021, filed[0]!));
    expect(years.at(-1)).toBe(Math.max(2024, filed.at(-1)!));
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => years[0]! + i));
    // A year nobody filed for has its column, every agency 缺 in it.
    const unfiled = years.find((y) => !filed.includes(y));
    expect(unfiled, `years filed: ${filed.join(' ')}`).toBeDefined();
    const agencies = await page.locator('.grid .row').count();
    await page.selectOption('select[name="missing-year"]', String(unfiled));
    expect(await page.locator('.grid .row').count()).toBe(agencies);
    // The names taken as one agency are shown on its row.
    const zhongmou = page.locator('.grid .row .name.grouped', { hasText: ZHONGMOU });
    expect(await zhongmou.getAttribute('title')).toBe(`以下 2 个名称视为同一机关：\n${ZHONGMOU}\n中牟县财政局`);
  });
});
