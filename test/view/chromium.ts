import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * Headless Chromium from the system (Debian's `chromium` package; XXGK_CHROMIUM names another), driven by
 * playwright-core: no browser is downloaded. Without it the browser tests are skipped, loudly (`.ci/run` installs it);
 * XXGK_CHROMIUM=/no/such/path shows what a machine without it prints.
 */

export const CHROMIUM = (
  process.env.XXGK_CHROMIUM ? [process.env.XXGK_CHROMIUM] : ['/usr/bin/chromium', '/usr/bin/chromium-browser']
).find((path) => existsSync(path));

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A fresh profile each time, so that nothing from an earlier run (cache, storage) is seen. */
export async function launchChromium(viewport = { width: 1400, height: 900 }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'xxgk-chromium-')), {
    executablePath: CHROMIUM!,
    headless: true,
    args: FLAGS,
    viewport,
  });
}

export function warnSkipped(file: string, tests: string[]): void {
  if (CHROMIUM) return;
  const line = '!'.repeat(100);
  console.warn(
    [
      line,
      `!! BROWSER TESTS SKIPPED (${file}): no Chromium at ${process.env.XXGK_CHROMIUM ?? '/usr/bin/chromium'} — install it (apt-get install -y chromium) or set XXGK_CHROMIUM.`,
      ...tests.map((t) => `!!   skipped: ${t}`),
      line,
    ].join('\n'),
  );
}
