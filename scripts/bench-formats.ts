/**
 * RTF, OFD and single-file web page readers: CPU time per file of reading a whole report into the document model,
 * median of 5 rounds, on reports written by the test builders (no pictures: OCR is timed by bench:ocr). CPU time,
 * not wall time, so that the machine's other load does not count.
 * usage: npm run bench:formats
 */
import { readMht } from '../extractors/mht/index.js';
import { readOfd } from '../extractors/ofd/index.js';
import { readRtf } from '../extractors/rtf/index.js';
import { mhtPage } from '../test/fixtures/mht-writer.js';
import { reportOfd } from '../test/fixtures/ofd-writer.js';
import { balancedReport, renderHtml } from '../test/fixtures/report-builder.js';
import { reportRtf } from '../test/fixtures/rtf-writer.js';

const specs = [1, 2, 3, 4, 5].map((seed) => balancedReport(seed, seed % 2 ? {} : { activeVersion: '2019' }));
const formats: [string, Buffer[], (bytes: Buffer) => Promise<unknown>][] = [
  ['rtf', specs.map((s) => reportRtf(s, { chinese: 'gbk' })), readRtf],
  ['ofd', await Promise.all(specs.map((s) => reportOfd(s))), readOfd],
  ['mht', specs.map((s) => mhtPage(renderHtml(s, { wordMarkup: true }), { charset: 'gbk' })), readMht],
];

async function cpuPerFile(files: Buffer[], read: (bytes: Buffer) => Promise<unknown>): Promise<number> {
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    const start = process.cpuUsage();
    for (const bytes of files) await read(bytes);
    const used = process.cpuUsage(start);
    rounds.push((used.user + used.system) / 1000 / files.length);
  }
  return rounds.sort((a, b) => a - b)[2]!;
}

for (const [name, files, read] of formats) {
  for (const bytes of files) await read(bytes);
  const kb = files.reduce((s, f) => s + f.length, 0) / files.length / 1024;
  console.log(`${name}: ${(await cpuPerFile(files, read)).toFixed(1)} ms CPU per report (${kb.toFixed(0)} KB a file)`);
}
