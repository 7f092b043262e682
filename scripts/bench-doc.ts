/**
 * Word 97–2003 reader benchmark: CPU time per file of reading .doc files into the document model, and of the whole
 * pipeline (reader, locating, normalising, audit), median of 5 rounds. The machine's other load does not count:
 * CPU time, not wall time.
 * usage: npm run bench:doc [-- folder-or-files…]   (default: the .doc fixtures in test/fixtures/)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readDoc } from '../extractors/doc/index.js';
import { extractFromBytes } from '../src/pipeline/extract.js';

const inputs = process.argv.slice(2);
const paths = (inputs.length > 0 ? inputs : ['test/fixtures']).flatMap((input) =>
  statSync(input).isDirectory()
    ? readdirSync(input)
        .filter((f) => f.endsWith('.doc'))
        .map((f) => join(input, f))
    : [input],
);
const files = paths
  .map((path) => readFileSync(path))
  .filter((bytes) => {
    try {
      readDoc(bytes);
      return true;
    } catch {
      return false; // encrypted and other refused files are not timed
    }
  });

async function cpuPerFile(run: (bytes: Buffer) => unknown): Promise<number> {
  const rounds: number[] = [];
  for (let round = 0; round < 5; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < 10; i++) for (const bytes of files) await run(bytes);
    const used = process.cpuUsage(start);
    rounds.push((used.user + used.system) / 1000 / (10 * files.length));
  }
  return rounds.sort((a, b) => a - b)[2]!;
}

for (const bytes of files) await extractFromBytes(bytes, 'warm-up.doc');
const reader = await cpuPerFile((bytes) => readDoc(bytes));
const pipeline = await cpuPerFile((bytes) => extractFromBytes(bytes, 'bench.doc'));
console.log(
  `${files.length} .doc files: reader ${reader.toFixed(2)} ms CPU per file, whole pipeline ${pipeline.toFixed(2)} ms`,
);
