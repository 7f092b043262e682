import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFJS_PACKAGE_VERSION, PDFJS_ROOT } from '../core/pdfjs-package.js';

/**
 * pdfjs-dist for the page: the audit view draws a report's PDF pages in the browser, when a person opens the report,
 * instead of drawing them all while the batch runs (a page costs ~0.2 s to draw, as much as reading a whole report;
 * drawn lazily, the view costs the batch only a copy of each flagged PDF).
 *
 * A page opened from disk may run scripts but not fetch files, so everything pdf.js loads is written as scripts:
 * its two modules as source text (the page imports them from blob: URLs), and the CJK character maps, standard
 * fonts and image decoders (wasm) as base64 handed to `xxgkBinary(kind, name, data)`, loaded one by one as pdf.js
 * asks for them. The legacy build, so that the older Chromium kernels of browsers in use in government offices draw
 * the pages too.
 */

/** The folder under view/ holding this version of the library (kept across runs: it never changes). */
export const PDF_LIBRARY_FOLDER = `lib/pdfjs-${PDFJS_PACKAGE_VERSION}`;

/** pdf.js's data kinds (its `BinaryDataFactory.fetch({kind, filename})`) and the package folders holding them. */
const DATA_FOLDERS: Record<string, string> = {
  cMapUrl: 'cmaps',
  standardFontDataUrl: 'standard_fonts',
  wasmUrl: 'wasm',
};

/** Write the library under `<viewDir>/lib/pdfjs-<version>/` unless it is there already. */
export function writePdfLibrary(viewDir: string): void {
  const folder = join(viewDir, PDF_LIBRARY_FOLDER);
  if (existsSync(join(folder, 'pdfjs.js'))) return;
  // Written aside and renamed, so that a run stopped halfway never leaves a library that looks complete.
  const partial = `${folder}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(join(partial, 'data'), { recursive: true });
  mkdirSync(join(partial, 'licenses'), { recursive: true });
  for (const [kind, sub] of Object.entries(DATA_FOLDERS)) {
    for (const name of readdirSync(join(PDFJS_ROOT, sub))) {
      if (name.startsWith('LICENSE'))
        writeFileSync(join(partial, 'licenses', `${sub}-${name}`), readFileSync(join(PDFJS_ROOT, sub, name)));
      if (!/\.(bcmap|pfb|ttf|otf|wasm)$/.test(name)) continue;
      const data = readFileSync(join(PDFJS_ROOT, sub, name)).toString('base64');
      writeFileSync(
        join(partial, 'data', `${kind}-${name}.js`),
        `xxgkBinary(${JSON.stringify(kind)},${JSON.stringify(name)},"${data}");\n`,
      );
    }
  }
  const source = (file: string) => JSON.stringify(readFileSync(join(PDFJS_ROOT, 'legacy/build', file), 'utf8'));
  writeFileSync(
    join(partial, 'pdfjs.js'),
    `xxgkPdfjs(${JSON.stringify(PDFJS_PACKAGE_VERSION)},${source('pdf.min.mjs')},${source('pdf.worker.min.mjs')});\n`,
  );
  writeFileSync(join(partial, 'licenses', 'pdfjs-LICENSE'), readFileSync(join(PDFJS_ROOT, 'LICENSE')));
  rmSync(folder, { recursive: true, force: true });
  renameSync(partial, folder);
}
