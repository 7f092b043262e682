/**
 * `npm run fuzz`: damaged copies of the fixtures of every reader — byte flips, cuts, splices, zip and OLE structure
 * mutations — read by the built command line in a child process with a time bound, batch by batch. Reported: runs
 * that crashed (a signal, or an exit code but 0), runs that hung (killed at the bound), files without a row in
 * reports.csv, and how the damaged files came out (status and reason code). The seed corpus holds the poison cases
 * of issue 21 (PNGs that crashed Skia, as files, as a page's `data:` picture, in a saved page's folder and in a Word
 * file). Run it for a few minutes before a release and on every new reader.
 *
 *   npm run fuzz -- [--count 1000] [--batch 50] [--seed 1] [--timeout 20] [--keep DIR]
 *
 * The same seed makes the same files. With --keep, the files of a batch that crashed or hung, or lost a row, are
 * copied there to be read again by hand.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { renderDocx } from '../test/fixtures/docx-builder.js';
import { greyPng, poisonPngs } from '../test/fixtures/poison-pictures.js';
import { balancedReport, renderHtml, renderTabText } from '../test/fixtures/report-builder.js';

const ROOT = new URL('..', import.meta.url).pathname;
const FIXTURES = join(ROOT, 'test/fixtures');
const CLI = join(ROOT, 'dist/src/cli.js');

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '1000' },
    batch: { type: 'string', default: '50' },
    seed: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '20' },
    keep: { type: 'string' },
  },
});

/** mulberry32: a small seeded generator, so that a failing run can be made again from its seed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(Number(args.seed));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

interface Seed {
  name: string;
  bytes: Buffer;
}

async function seeds(): Promise<Seed[]> {
  const files: Seed[] = [];
  const add = (name: string, bytes: Buffer) => files.push({ name, bytes });
  const heavy = /scanned|scan\.pdf|strips|last-scanned|broken-scan|g4/;
  for (const name of readdirSync(FIXTURES)) {
    if (/\.(pdf|doc|docx)$/.test(name) && !heavy.test(name)) add(name, readFileSync(join(FIXTURES, name)));
  }
  for (const name of ['table.png', 'photo.jpg', 'scan.tif', 'thumbnail.png', 'corrupt.png', 'bomb.png']) {
    add(name, readFileSync(join(FIXTURES, 'ocr', name)));
  }
  add('saved-page.html', readFileSync(join(FIXTURES, 'saved-page/report.html')));
  for (let i = 0; i < 3; i++) {
    const spec = balancedReport(900 + i, { agency: `模糊测试县第${i}局` });
    add(`built-${i}.html`, Buffer.from(renderHtml(spec, { wordMarkup: i === 1 })));
    add(`built-${i}-gbk.html`, Buffer.from(renderHtml(spec).replace('<head>', '<head><meta charset="gb2312">')));
    add(`built-${i}.txt`, Buffer.from(renderTabText(spec)));
    add(`built-${i}.docx`, await renderDocx(spec));
  }
  for (const [name, png] of Object.entries(poisonPngs())) {
    add(`poison-${name}.png`, png);
    const page = renderHtml(balancedReport(950)).replace(
      '</body>',
      `<img src="data:image/png;base64,${png.toString('base64')}"></body>`,
    );
    add(`poison-${name}-data.html`, Buffer.from(page));
    add(`poison-${name}.docx`, await withPictures(readFileSync(join(FIXTURES, 'report-33-pictures.docx')), png));
  }
  add('whole.png', greyPng());
  return files;
}

/** A Word file whose pictures are all replaced by one. */
async function withPictures(docx: Buffer, picture: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  for (const name of Object.keys(zip.files)) if (/^word\/media\//.test(name)) zip.file(name, picture);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

type Mutation = (bytes: Buffer, other: Buffer) => Buffer;

const flip: Mutation = (bytes) => {
  const copy = Buffer.from(bytes);
  for (let n = between(1, 8); n > 0 && copy.length > 0; n--) copy[between(0, copy.length - 1)] = between(0, 255);
  return copy;
};
const cut: Mutation = (bytes) => bytes.subarray(0, between(0, bytes.length));
const splice: Mutation = (bytes, other) =>
  Buffer.concat([bytes.subarray(0, between(0, bytes.length)), other.subarray(between(0, other.length))]);
/** Overwrite a little-endian field of 2 or 4 bytes with an extreme value (0, all ones, or a random one). */
const field = (copy: Buffer, at: number, size: 2 | 4) => {
  if (at + size > copy.length) return;
  const value = pick([0, size === 2 ? 0xffff : 0xffffffff, between(0, size === 2 ? 0xffff : 0x7fffffff)]);
  if (size === 2) copy.writeUInt16LE(value, at);
  else copy.writeUInt32LE(value >>> 0, at);
};
/** A zip's central directory or local headers: sizes, offsets, name lengths, the method, the count of entries. */
const zipStructure: Mutation = (bytes) => {
  const copy = Buffer.from(bytes);
  const headers: number[] = [];
  for (let at = copy.indexOf('PK'); at >= 0; at = copy.indexOf('PK', at + 2)) headers.push(at);
  for (let n = between(1, 3); n > 0 && headers.length > 0; n--) {
    const at = pick(headers);
    const kind = copy.readUInt32LE(at);
    if (kind === 0x02014b50) field(copy, at + pick([10, 20, 24, 28, 42]), pick([10, 28]) === 10 ? 2 : 4);
    else if (kind === 0x04034b50) field(copy, at + pick([8, 18, 22, 26]), 4);
    else if (kind === 0x06054b50) field(copy, at + pick([8, 10, 12, 16]), pick([2, 4]));
  }
  return copy;
};
/** An OLE file's header (sector shifts, FAT and directory start, DIFAT) and the sector chains of its FAT. */
const oleStructure: Mutation = (bytes) => {
  const copy = Buffer.from(bytes);
  for (let n = between(1, 3); n > 0; n--) {
    if (random() < 0.5)
      field(copy, pick([0x1e, 0x20, 0x2c, 0x30, 0x3c, 0x40, 0x44, 0x48, 0x4c + 4 * between(0, 10)]), pick([2, 4]));
    else field(copy, 512 + 4 * between(0, Math.max(0, (copy.length - 516) / 4)), 4);
  }
  return copy;
};

function mutate(seed: Seed, all: Seed[]): { name: string; bytes: Buffer; how: string } {
  const options: [string, Mutation][] = [
    ['flip', flip],
    ['cut', cut],
    ['splice', splice],
  ];
  if (seed.bytes.subarray(0, 2).toString('latin1') === 'PK') options.push(['zip', zipStructure], ['zip', zipStructure]);
  if (seed.bytes.readUInt32BE(0) === 0xd0cf11e0) options.push(['ole', oleStructure], ['ole', oleStructure]);
  const [how, mutation] = pick(options);
  const other = pick(all.filter((s) => extname(s.name) === extname(seed.name)));
  return { name: seed.name, bytes: mutation(seed.bytes, other.bytes), how };
}

interface BatchResult {
  files: number;
  rows: number;
  missing: string[];
  exit: number | null;
  signal: string | null;
  hung: boolean;
  ms: number;
}

function runBatch(
  folder: string,
  out: string,
  files: number,
  timeoutS: number,
): Promise<Omit<BatchResult, 'files' | 'rows' | 'missing'>> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [CLI, 'extract', folder, '--out', out, '--quiet', '--jobs', '1', '--timeout', String(timeoutS)],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let hung = false;
    // Each file gets its time limit; the batch as a whole twice that, and a minute to start and export.
    const bound = setTimeout(
      () => {
        hung = true;
        child.kill('SIGKILL');
      },
      (files * timeoutS * 2 + 60) * 1000,
    );
    child.stderr.resume();
    child.on('exit', (exit, signal) => {
      clearTimeout(bound);
      resolve({ exit, signal, hung, ms: performance.now() - started });
    });
  });
}

function rowsOf(out: string): Record<string, string>[] {
  const path = join(out, 'reports.csv');
  return existsSync(path)
    ? (parse(readFileSync(path, 'utf8'), { bom: true, columns: true }) as Record<string, string>[])
    : [];
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('build first: npm run build');
  const all = await seeds();
  const count = Number(args.count);
  const size = Number(args.batch);
  const timeoutS = Number(args.timeout);
  const outcomes = new Map<string, number>();
  const byMutation = new Map<string, number>();
  const bad: string[] = [];
  let crashes = 0;
  let hangs = 0;
  let missingRows = 0;
  let done = 0;
  const work = mkdtempSync(join(tmpdir(), 'xxgk-fuzz-'));
  for (let batch = 0; done < count; batch++) {
    const folder = join(work, `batch-${batch}`);
    mkdirSync(folder);
    const names: string[] = [];
    // The saved page, whole, with poison pictures in its folder: a page's pictures are read with it.
    if (batch === 0) {
      cpSync(join(FIXTURES, 'saved-page'), join(folder, 'saved'), { recursive: true });
      for (const name of ['table1.png', 'table3.png'])
        writeFileSync(join(folder, 'saved/report_files', name), poisonPngs()['bad-ihdr-crc']!);
      names.push(
        'saved/report.html',
        'saved/report_files/icon.gif',
        'saved/report_files/table1.png',
        'saved/report_files/table3.png',
      );
    }
    const n = Math.min(size, count - done);
    for (let i = 0; i < n; i++) {
      const seed = pick(all);
      // The poison cases go in whole as well as damaged: they must be refused, not crash the run.
      const damaged = seed.name.startsWith('poison-') && random() < 0.5 ? { ...seed, how: 'none' } : mutate(seed, all);
      const name = `${String(done + i).padStart(5, '0')}-${damaged.how}-${basename(damaged.name)}`;
      writeFileSync(join(folder, name), damaged.bytes);
      names.push(name);
      byMutation.set(damaged.how, (byMutation.get(damaged.how) ?? 0) + 1);
    }
    const out = join(work, `out-${batch}`);
    const run = await runBatch(folder, out, names.length, timeoutS);
    const rows = rowsOf(out);
    const listed = new Set(rows.map((r) => r.file));
    const missing = names.filter((name) => !listed.has(name));
    const crashed = run.signal !== null || (run.exit !== 0 && !run.hung);
    crashes += crashed ? 1 : 0;
    hangs += run.hung ? 1 : 0;
    missingRows += missing.length;
    for (const row of rows) {
      const outcome = row.status === 'failed' ? `failed: ${(row.reason ?? '').split(':')[0]}` : row.status!;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    const summary = `batch ${batch}: ${names.length} files, ${rows.length} rows, exit ${run.signal ?? run.exit}${run.hung ? ' (hung)' : ''}, ${(run.ms / 1000).toFixed(1)} s`;
    console.log(summary);
    if (crashed || run.hung || missing.length > 0) {
      bad.push(`${summary}; without a row: ${missing.slice(0, 5).join(', ')}`);
      if (args.keep) cpSync(folder, join(args.keep, `batch-${batch}`), { recursive: true });
    }
    done += n;
    rmSync(folder, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
  rmSync(work, { recursive: true, force: true });
  console.log(
    `\n${done} damaged files (seed ${args.seed}): ${crashes} crashed runs, ${hangs} hung runs, ${missingRows} files without a row`,
  );
  console.log(`mutations: ${[...byMutation].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(
    `outcomes: ${[...outcomes]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  for (const line of bad) console.log(`  ${line}`);
  process.exitCode = crashes + hangs + missingRows > 0 ? 1 : 0;
}

await main();
