import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { checkFiles } from '../src/check.js';
import { cellRows, findingRows, reportRow } from '../src/export/csv.js';
import { CELL_COLUMNS, FINDING_COLUMNS, REPORT_COLUMNS } from '../src/export/fields.js';
import type { Report } from '../src/core/model/report.js';
import { extractReport } from '../src/pipeline/extract.js';
import { placeOfAgency } from '../src/core/places/gazetteer.js';

/**
 * The sample outputs the README shows, made from the bundled real sample (corpus/) by the code itself, so that they
 * cannot drift: `npx tsx scripts/readme-samples.ts` writes them to docs/readme-samples.md, and
 * test/readme-samples.test.ts checks that file and every README block marked `<!-- sample:NAME -->` against them.
 */

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = (name: string) => `${root}corpus/${name}`;

const FLAGGED = 'huaian-hongze-district-gov-2023.pdf';
const CLEAN = 'lushi-defense-2023.txt';
const MONEY = 'shanghai-gov-office-2019_content-fragment.html';

/** A CSV line as the exporter writes it (RFC 4180 quoting), for a row of plain values. */
function csvLine(row: (string | number | null | undefined)[]): string {
  return row
    .map((v) =>
      v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v),
    )
    .join(',');
}

export async function readmeSamples(): Promise<Record<string, string>> {
  const read = (name: string): Promise<Report> => extractReport(corpus(name), { name });
  const [flagged, clean, money] = [await read(FLAGGED), await read(CLEAN), await read(MONEY)];
  const check = await checkFiles([corpus(FLAGGED)], { color: false, lang: 'zh', shown: 'warnings' });
  const checkErrors = await checkFiles([corpus(FLAGGED)], { color: false, lang: 'zh', shown: 'errors' });
  const procurement = cellRows(money).find((row) => row[2] === 'procurement' && row[3] === 'amount');
  return {
    check: check.lines.join('\n').trimEnd(),
    'check-errors-only': checkErrors.lines.join('\n').trimEnd(),
    'reports-csv': [
      REPORT_COLUMNS.join(','),
      csvLine(reportRow(placed(clean))),
      csvLine(reportRow(placed(flagged))),
    ].join('\n'),
    'cells-csv': [CELL_COLUMNS.join(','), csvLine(procurement ?? [])].join('\n'),
    'findings-csv': [FINDING_COLUMNS.join(','), csvLine(findingRows(flagged)[0] ?? [])].join('\n'),
  };
}

/** A report as the export gives it: placed by the gazetteer (a batch of one, no other agency as a hint). */
function placed(report: Report): Report {
  const place = report.agency ? placeOfAgency(report.agency) : null;
  return place ? { ...report, place } : report;
}

export function renderSamples(samples: Record<string, string>): string {
  const blocks = Object.entries(samples).map(([name, text]) => `<!-- sample:${name} -->\n\`\`\`\n${text}\n\`\`\``);
  return `# README samples\n\nMade by \`npx tsx scripts/readme-samples.ts\` from corpus/; do not edit by hand.\n\n${blocks.join('\n\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderSamples(await readmeSamples());
  const path = `${root}docs/readme-samples.md`;
  const before = await readFile(path, 'utf8').catch(() => '');
  if (before !== text) await writeFile(path, text);
  process.stdout.write(text);
}
