import { join, sep } from 'node:path';
import { PDFJS_ROOT } from '../../src/core/pdfjs-package.js';
// Must come before pdfjs-dist: it keeps the native built-ins that pdfjs-dist's polyfills replace.
import { restoreNativeBuiltins } from './native-builtins.js';
import { getDocument, OPS, version, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
// pdfjs-dist in Node runs its worker code on this thread, importing it when the first document opens; its polyfills
// would then replace the natives again. Loaded here (it registers itself as globalThis.pdfjsWorker, which pdfjs
// uses instead of importing it), it is in place before the natives are put back.
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { detailOf, ReadError } from '../errors.js';

restoreNativeBuiltins();

/**
 * One pdfjs-dist instance for the process (legacy build, as Node needs), opened with the CJK options: the cMap and
 * standard-font folders as filesystem paths ending in a separator. Without them Chinese text is dropped silently;
 * a `file://` URL string fails the same way.
 */

const CMAP_PATH = join(PDFJS_ROOT, 'cmaps') + sep;
const STANDARD_FONTS_PATH = join(PDFJS_ROOT, 'standard_fonts') + sep;

export { OPS, version as PDFJS_VERSION };

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const task = getDocument({
    // pdfjs takes ownership of (and detaches) the buffer it is given: pass a copy.
    data: new Uint8Array(bytes),
    cMapUrl: CMAP_PATH,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONTS_PATH,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw pdfError(error as Error);
  }
}

/** pdfjs errors → our reasons. */
export function pdfError(error: Error): ReadError {
  if (error.name === 'PasswordException') return new ReadError('encrypted', 'the PDF is password-protected');
  if (error.name === 'InvalidPDFException') {
    return new ReadError(
      /startxref|xref|trailer|truncat/i.test(error.message) ? 'truncated' : 'corrupt',
      `not a readable PDF${detailOf(error)}`,
    );
  }
  if (error instanceof ReadError) return error;
  return new ReadError('corrupt', `the PDF could not be read${detailOf(error)}`);
}
