/**
 * Time per file of the readers of spreadsheets, OpenDocument text and archives, through the whole pipeline (read →
 * locate → normalise → audit), on reports written by the test builders. usage: npm run bench:office
 */
import { archiveEntries } from '../extractors/archive/entries.js';
import { extractFromBytes } from '../src/pipeline/extract.js';
import { renderDocx } from '../test/fixtures/docx-builder.js';
import { odtBytes, reportBlocks, reportSheet, workbookBytes, zipBytes } from '../test/fixtures/office-builders.js';
import { balancedReport } from '../test/fixtures/report-builder.js';

const RUNS = 20;
const specs = Array.from({ length: RUNS }, (_, i) => balancedReport(i + 1));

async function timed(
  label: string,
  files: { bytes: Uint8Array; name: string }[],
  read: (f: { bytes: Uint8Array; name: string }) => Promise<unknown>,
): Promise<void> {
  await read(files[0]!); // warm-up: module loading and JIT are not the reader's cost
  const started = performance.now();
  for (const file of files) await read(file);
  const ms = (performance.now() - started) / files.length;
  console.log(`${label.padEnd(28)} ${ms.toFixed(1).padStart(7)} ms/file  (${files.length} files)`);
}

const pipeline = (f: { bytes: Uint8Array; name: string }) => extractFromBytes(f.bytes, f.name);
for (const type of ['xlsx', 'xls', 'ods'] as const) {
  const files = specs.map((spec, i) => ({
    bytes: workbookBytes({ S: reportSheet(reportBlocks(spec), { numbers: true }) }, type),
    name: `r${i}.${type}`,
  }));
  await timed(`${type} (pipeline)`, files, pipeline);
}
const odts = await Promise.all(
  specs.map(async (spec, i) => ({ bytes: await odtBytes(reportBlocks(spec)), name: `r${i}.odt` })),
);
await timed('odt (pipeline)', odts, pipeline);
const docxs = await Promise.all(specs.map(async (spec) => renderDocx(spec)));
const zips = await Promise.all(
  docxs.map(async (docx, i) => ({
    bytes: await zipBytes({ '报告.docx': docx, '说明.txt': '附件' }),
    name: `a${i}.zip`,
  })),
);
await timed('zip (opening only)', zips, (f) => archiveEntries(f.bytes));
const docxFiles = docxs.map((bytes, i) => ({ bytes, name: `r${i}.docx` }));
await timed('docx (pipeline, for scale)', docxFiles, pipeline);
