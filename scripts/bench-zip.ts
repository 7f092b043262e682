/**
 * Zip-bomb refusal: time and peak memory of reading a .docx that inflates to 2 GiB, measured in a fresh Node process
 * running the built reader (npm run build first). usage: npm run bench:zip
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipBombDocx } from '../test/fixtures/zip-bomb.js';

const GiB = 1024 ** 3;
const dir = mkdtempSync(join(tmpdir(), 'xxgk-bomb-'));
const cases = [
  { name: '2 GiB, sizes declared', file: join(dir, 'honest.docx'), bytes: zipBombDocx(2 * GiB) },
  { name: '2 GiB, declared as 4 KiB', file: join(dir, 'liar.docx'), bytes: zipBombDocx(2 * GiB, 4096) },
];
const child = `
  const { extractReport } = await import(${JSON.stringify(new URL('../dist/src/index.js', import.meta.url).href)});
  const started = performance.now();
  const report = await extractReport(process.argv[1]);
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, peakRssMb: process.resourceUsage().maxRSS / 1024, status: report.status, reason: report.reason }));
`;
const baseline = spawnSync(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `await import(${JSON.stringify(new URL('../dist/src/index.js', import.meta.url).href)}); console.log(process.resourceUsage().maxRSS / 1024)`,
  ],
  { encoding: 'utf8' },
);
console.log(`node + xxgk loaded, nothing read: peak RSS ${Number(baseline.stdout).toFixed(0)} MB`);
for (const c of cases) {
  writeFileSync(c.file, c.bytes);
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', child, c.file], { encoding: 'utf8' });
  const result = JSON.parse(run.stdout) as { ms: number; peakRssMb: number; status: string; reason: string };
  console.log(
    `${c.name} (${(c.bytes.length / 1024 ** 2).toFixed(1)} MB file): ${result.status} in ${result.ms.toFixed(0)} ms, peak RSS ${result.peakRssMb.toFixed(0)} MB — ${result.reason}`,
  );
}
