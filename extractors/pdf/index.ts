import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { tableFromCells, type Block, type DocumentModel, type TableCell } from '../../src/core/model/document.js';
import { warning, type Message } from '../../src/core/model/messages.js';
import { ReadError } from '../errors.js';
import type { ReaderOutput } from '../reader.js';
import type { Matrix } from '../geometry/segments.js';
import { extractSegments, type OperatorList } from './graphics.js';
import { pageFrames, layoutFrames } from './frames.js';
import { glyphLines, type Glyph, type TextItemLike } from '../geometry/glyphs.js';
import type { Box } from '../geometry/lattice.js';
import type { PageItem, Shown } from '../geometry/page-items.js';
import { isGarbledText } from './garbled.js';
import { OPS, openPdf, pdfError } from './pdfjs.js';
import { stitchPages, type StitchedItem } from '../geometry/stitch.js';

/**
 * PDF reader: per page, glyphs from the text layer and ruling lines from the operator list become ruled tables and
 * paragraphs; tables continued across pages are stitched; the pages become one document model whose every cell
 * knows its page and box. Pages without a text layer are scans: OCR reads them into the same page items
 * (scanned.ts); a page OCR cannot read is reported, never guessed.
 */

/** Reports run to a few dozen pages; a longer file is read up to this many pages, with a warning. */
const MAX_PAGES = 200;
/**
 * OCR takes several seconds a page: past this many scanned pages the rest are named, not read, so that a long scan
 * (a whole year's bulletins) gives its first pages within the per-file time limit instead of nothing.
 */
const MAX_SCANNED_PAGES = 12;

export async function readPdf(bytes: Uint8Array): Promise<ReaderOutput> {
  const pdf = await openPdf(bytes);
  try {
    return await readPages(pdf);
  } catch (error) {
    throw pdfError(error as Error);
  } finally {
    await pdf.destroy();
  }
}

async function readPages(pdf: PDFDocumentProxy): Promise<ReaderOutput> {
  const messages: Message[] = [];
  const pageCount = Math.min(pdf.numPages, MAX_PAGES);
  if (pdf.numPages > MAX_PAGES)
    messages.push(warning('read', `the PDF has ${pdf.numPages} pages; only the first ${MAX_PAGES} were read`));
  const pages: PageItem[][] = [];
  const scanned: number[] = [];
  const unread = new Map<number, string>();
  let readByOcr = 0;
  for (let n = 1; n <= pageCount; n++) {
    const page = await pdf.getPage(n);
    try {
      const content = await readPage(page, n, scanned.length < MAX_SCANNED_PAGES);
      if (content.scanned) scanned.push(n);
      if (content.unread) unread.set(n, content.unread);
      if (content.scanned && content.items.length > 0) readByOcr++;
      pages.push(content.items);
      messages.push(...content.messages);
    } finally {
      page.cleanup();
    }
  }
  if (unread.size === pageCount && pageCount > 0)
    throw new ReadError(
      'needs_ocr',
      `no text layer on any page, and OCR could not read them: ${unreadReasons(unread)}`,
    );
  if (unread.size > 0)
    messages.push(warning('needs_ocr', `scanned pages OCR could not read, left out: ${unreadReasons(unread)}`));
  const title = (await pdf.getMetadata().catch(() => undefined))?.info as { Title?: string } | undefined;
  const document: DocumentModel = { blocks: toBlocks(stitchPages(pages)), pageCount: pdf.numPages };
  if (title?.Title?.trim()) document.title = title.Title.trim();
  return { value: document, messages, ...(readByOcr > 0 ? { usedOcr: true } : {}) };
}

async function readPage(
  page: PDFPageProxy,
  n: number,
  ocr = true,
): Promise<{ items: PageItem[]; messages: Message[]; scanned: boolean; unread?: string }> {
  const viewport = page.getViewport({ scale: 1 });
  const transform = viewport.transform as Matrix;
  const text = await page.getTextContent();
  // Text and rulings are read in the frame where the text stands upright (pages turned by /Rotate, tables drawn sideways).
  const textItems = text.items.filter((i): i is TextItemLike & typeof i => 'str' in i);
  if (isGarbledText(textItems.map((i) => i.str))) return readGarbledPage(page, n, ocr);
  const frames = pageFrames(textItems, transform, viewport.width, viewport.height);
  if (frames.length === 0) {
    // A page without text that paints images is a scan: OCR reads it. A page painting nothing is blank.
    const operators = (await page.getOperatorList()) as OperatorList;
    if (!paintsImages(operators)) return { items: [], messages: [], scanned: false };
    if (!ocr)
      return {
        items: [],
        messages: [],
        scanned: true,
        unread: `OCR reads at most ${MAX_SCANNED_PAGES} scanned pages of a file`,
      };
    // Loaded with the first scanned page met: the OCR engine costs a digital PDF nothing.
    const { readScannedPage } = await import('./scanned.js');
    return { ...(await readScannedPage(page, n, operators)), scanned: true };
  }
  // The operator list costs about as much as the text: read it only where the text is laid out like a table.
  const segments = frames.some((f) => looksTabular(f.glyphs))
    ? extractSegments((await page.getOperatorList()) as OperatorList, transform)
    : [];
  return { ...layoutFrames(n, frames, segments), scanned: false };
}

/** Warning code of a page whose text layer decodes to garbage and was read by OCR instead. */
const GARBLED_TEXT = 'garbled_text_layer';

/** A page whose text layer is garbage (garbled.ts) is drawn and read by OCR, as a scan is; the text is ignored. */
async function readGarbledPage(
  page: PDFPageProxy,
  n: number,
  ocr: boolean,
): Promise<{ items: PageItem[]; messages: Message[]; scanned: boolean; unread?: string }> {
  const said = {
    zh: `第 ${n} 页的文字层无法解码为中文（字体缺少 Unicode 映射），已按图片以 OCR 识别`,
    en: `page ${n}: its text layer does not decode to Chinese (fonts without a Unicode map); read by OCR as a picture`,
  };
  const note = warning(GARBLED_TEXT, `${said.zh} — ${said.en}`);
  const unread = `OCR reads at most ${MAX_SCANNED_PAGES} scanned pages of a file`;
  if (!ocr) return { items: [], messages: [note], scanned: true, unread };
  const operators = (await page.getOperatorList()) as OperatorList;
  const { readScannedPage } = await import('./scanned.js');
  const read = await readScannedPage(page, n, operators);
  return { ...read, messages: [note, ...read.messages], scanned: true };
}

/** Some line has a gap of two characters or more between its glyphs: table cells side by side. */
function looksTabular(glyphs: Glyph[]): boolean {
  return glyphLines(glyphs).some(({ glyphs: line }) =>
    line.some((glyph, i) => i > 0 && glyph.x0 - line[i - 1]!.x1 >= glyph.size * 2),
  );
}

function paintsImages(operators: OperatorList): boolean {
  return operators.fnArray.some(
    (fn) => fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject || fn === OPS.paintImageMaskXObject,
  );
}

export function toBlocks(items: StitchedItem[]): Block[] {
  let tables = 0;
  return items.map((item): Block => {
    if (item.kind === 'text') {
      return {
        kind: 'text',
        text: item.text,
        page: item.page,
        box: shownBox(item),
        ...(item.emphasis ? { emphasis: true } : {}),
        ...(item.ocr ? { ocr: item.ocr } : {}),
      };
    }
    const cells: TableCell[] = item.cells.map((c) => ({
      row: c.row,
      col: c.col,
      rowSpan: c.rowSpan,
      colSpan: c.colSpan,
      text: c.text,
      page: c.page,
      box: shownBox(c),
      ...(c.ocr ? { ocr: c.ocr } : {}),
    }));
    return { ...tableFromCells(tables++, cells, item.structure), pages: item.pages };
  });
}

/** Provenance boxes are in the page's displayed coordinates (after /Rotate), whatever frame the text was read in. */
function shownBox(item: Box & Shown): [number, number, number, number] {
  const box = item.shown ?? item;
  return [box.x0, box.y0, box.x1, box.y1];
}

function pageList(pages: number[]): string {
  return pages.length > 12 ? `${pages.slice(0, 12).join(', ')} … (${pages.length} pages)` : pages.join(', ');
}

/** `page 2: reason; pages 3, 4: other reason` — pages that failed alike are named together. */
function unreadReasons(unread: Map<number, string>): string {
  const byReason = new Map<string, number[]>();
  for (const [page, reason] of unread) byReason.set(reason, [...(byReason.get(reason) ?? []), page]);
  return [...byReason]
    .map(([reason, pages]) => `${pages.length === 1 ? 'page' : 'pages'} ${pageList(pages)}: ${reason}`)
    .join('; ');
}
