import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fixturePath, projectRoot } from '../../helpers.js';

/**
 * The recogniser's life: created on the first picture, shared by the pictures of a thread, never keeping a program
 * alive, and working on the command line's worker threads — all on the built code (npm test builds dist/ first).
 */

describe('OCR recogniser', () => {
  it('does not keep a program alive: one that reads a picture and never shuts OCR down exits by itself', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'xxgk-ocr-'));
    const program = `
      const { readPicture } = await import(${JSON.stringify(new URL('dist/src/index.js', `file://${projectRoot}`).href)});
      const { readFileSync } = await import('node:fs');
      const bytes = readFileSync(${JSON.stringify(fixturePath('ocr/table.png'))});
      const first = await readPicture({ kind: 'encoded', bytes, name: 'a.png' }, { content: 'table' });
      const again = await readPicture({ kind: 'encoded', bytes, name: 'b.png' }, { content: 'table' });
      console.log(first.stats.numbers, again.stats.numbers);
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', program], {
      cwd,
      encoding: 'utf8',
      timeout: 50_000,
    });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('8 8');
    // The language data is read from node_modules; nothing is cached beside the program.
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('reads picture files on the command line worker threads, and a picture that cannot be read fails with its reason', () => {
    const input = mkdtempSync(join(tmpdir(), 'xxgk-ocr-cli-'));
    copyFileSync(fixturePath('ocr/report-page.png'), join(input, 'page.png'));
    copyFileSync(fixturePath('ocr/table.png'), join(input, 'table.png'));
    copyFileSync(fixturePath('ocr/blank.png'), join(input, 'scan-page-7.png'));
    const out = `${input}-out`;
    const run = spawnSync(
      process.execPath,
      [join(projectRoot, 'dist/src/cli.js'), 'extract', input, '--out', out, '--quiet', '--jobs', '2'],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(run.status).toBe(0);
    const reports = parse(readFileSync(join(out, 'reports.csv'), 'utf8'), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(reports).toEqual([
      expect.objectContaining({ file: 'page.png', reader: 'ocr' }),
      expect.objectContaining({ file: 'scan-page-7.png', status: 'failed', reason: expect.stringMatching(/^blank: /) }),
      // Part of a table alone, with no title or headings, is read but not taken for a report.
      expect.objectContaining({ file: 'table.png', reader: 'ocr', status: 'not_a_report' }),
    ]);
    const cells = parse(readFileSync(join(out, 'cells.csv'), 'utf8'), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(cells.some((c) => c.file === 'page.png' && c.kind === 'ocr' && c.picture === 'page.png')).toBe(true);
    expect(existsSync(join(out, 'xxgk.db'))).toBe(true);
  });
});
