import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The pdfjs-dist package installed with xxgk: the PDF reader opens documents with its character maps and fonts, and
 * the audit view copies its legacy build for the browser. One place says where it is and which version it is.
 */
export const PDFJS_ROOT = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export const PDFJS_PACKAGE_VERSION = (
  JSON.parse(readFileSync(join(PDFJS_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
