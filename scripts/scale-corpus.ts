/**
 * A mixed corpus of any size for measuring bulk runs: web pages, text copies, Word (.docx and .doc) and PDF reports,
 * taken from the bundled samples (`corpus/`), the shared generated corpus (`../shared/corpus/generated`, when it is
 * there) and reports generated with known values (test/fixtures). No two files have the same bytes, so every file
 * is read. Web pages, text copies and .docx files get an agency and year of their own (several agencies, each over
 * consecutive years, so the carry-over rule has work); PDFs and .doc files, whose text cannot be rewritten simply,
 * are copies of the samples with a distinct trailer (copies of one agency-year report, as sites publish them).
 * usage: tsx scripts/scale-corpus.ts <folder> <count>
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { renderDocx } from '../test/fixtures/docx-builder.js';
import { balancedReport, renderHtml, renderTabText } from '../test/fixtures/report-builder.js';

import { GENERATED, PROJECT } from './shared-corpus.js';

interface Sample {
  name: string;
  bytes: Buffer;
  /** Agency and year printed in it, when known: rewritten in text formats. */
  agency?: string;
  year?: number;
}

function samples(): Record<string, Sample[]> {
  const byKind: Record<string, Sample[]> = { html: [], txt: [], docx: [], doc: [], pdf: [] };
  const add = (kind: string, sample: Sample) => byKind[kind]?.push(sample);
  for (const name of readdirSync(join(PROJECT, 'corpus'))) {
    add(extname(name).slice(1), { name, bytes: readFileSync(join(PROJECT, 'corpus', name)) });
  }
  if (GENERATED) {
    const truth = JSON.parse(readFileSync(join(GENERATED, 'truth.json'), 'utf8')) as {
      id: string;
      agency: string;
      year: number;
    }[];
    for (const kind of ['html', 'txt', 'docx', 'doc', 'pdf']) {
      for (const t of truth) {
        const path = join(GENERATED, kind, `${t.id}.${kind}`);
        if (existsSync(path))
          add(kind, { name: `${t.id}.${kind}`, bytes: readFileSync(path), agency: t.agency, year: t.year });
      }
    }
  }
  return byKind;
}

/** Of every 20 files: 7 web pages, 3 text copies, 4 Word files, 5 PDFs, 1 more sample of the bundled corpus. */
const CYCLE = [
  'html',
  'pdf',
  'synthetic-html',
  'txt',
  'docx',
  'html',
  'pdf',
  'synthetic-txt',
  'html',
  'doc',
  'pdf',
  'synthetic-html',
  'docx',
  'html',
  'pdf',
  'synthetic-docx',
  'txt',
  'pdf',
  'html',
  'any',
];

/** The i-th agency variant: a distinct agency name, each over two consecutive years. */
function variant(i: number, agency: string, year: number): { agency: string; year: number } {
  const n = Math.floor(i / 2);
  return { agency: agency.replace(/(局|委员会|办公室|政府|中心|院)$/, `第${n}$1`), year: year + (i % 2) };
}

function rewriteText(text: string, sample: Sample, i: number): string {
  if (!sample.agency || !sample.year) return text;
  const to = variant(i, sample.agency, sample.year);
  return text.split(sample.agency).join(to.agency).split(`${sample.year}年`).join(`${to.year}年`);
}

async function rewriteDocx(sample: Sample, i: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(sample.bytes);
  const document = zip.file('word/document.xml');
  if (document) zip.file('word/document.xml', rewriteText(await document.async('string'), sample, i));
  zip.file('docProps/custom-copy.txt', String(i));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function writeScaleCorpus(folder: string, count: number): Promise<void> {
  const byKind = samples();
  const all = Object.values(byKind).flat();
  const taken = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const dir = join(folder, `batch-${String(Math.floor(i / 1000)).padStart(3, '0')}`);
    if (i % 1000 === 0) mkdirSync(dir, { recursive: true });
    const kind = CYCLE[i % CYCLE.length]!;
    const round = Math.floor(i / CYCLE.length);
    if (kind.startsWith('synthetic-')) {
      const { agency, year } = variant(i, '示例县市场监督管理局', 2019 + (round % 5));
      const spec = balancedReport(1000 + i, {
        agency,
        year,
        ...(i % 7 === 0 ? { activeVersion: '2019' as const } : {}),
      });
      const format = kind.slice('synthetic-'.length);
      const bytes =
        format === 'html'
          ? renderHtml(spec, { wordMarkup: i % 2 === 0 })
          : format === 'txt'
            ? renderTabText(spec)
            : await renderDocx(spec, { autoNumberedHeadings: true });
      writeFileSync(join(dir, `s${i}.${format}`), bytes);
      continue;
    }
    // Without the shared corpus there are no Word samples: their places go to any sample.
    const pool = kind === 'any' || byKind[kind]!.length === 0 ? all : byKind[kind]!;
    const nth = taken.get(kind) ?? 0;
    taken.set(kind, nth + 1);
    const sample = pool[nth % pool.length]!;
    // Each pass over the samples gives them new agencies; two passes in a row, the same agencies a year apart.
    const pass = Math.floor(nth / pool.length);
    const extension = extname(sample.name);
    const target = join(dir, `${i}-${sample.name}`);
    if (extension === '.html' || extension === '.txt') {
      // Pages and copies are in UTF-8 or GB18030 (GBK): rewritten in their own encoding.
      const encoding = isUtf8(sample.bytes) ? 'utf8' : 'gb18030';
      const text = rewriteText(iconv.decode(sample.bytes, encoding), sample, pass);
      writeFileSync(
        target,
        iconv.encode(extension === '.html' ? `${text}\n<!-- ${i} -->\n` : `${text}\n${' '.repeat(i % 7)}\n`, encoding),
      );
    } else if (extension === '.docx') {
      writeFileSync(target, await rewriteDocx(sample, pass));
    } else {
      // PDF readers ignore what follows %%EOF; a compound file's readers what follows its last sector.
      writeFileSync(target, Buffer.concat([sample.bytes, Buffer.from(`\n% copy ${i}\n`)]));
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [folder, count] = process.argv.slice(2);
  if (!folder || !count) throw new Error('usage: tsx scripts/scale-corpus.ts <folder> <count>');
  await writeScaleCorpus(folder, Number(count));
}
