import { warning, type Message } from '../../src/core/model/messages.js';
import type { Block, DocumentModel } from '../../src/core/model/document.js';
import { ReadError } from '../errors.js';
import { pageFrames, layoutFrames } from '../pdf/frames.js';
import { toBlocks } from '../pdf/index.js';
import type { PageItem } from '../geometry/page-items.js';
import { stitchPages } from '../geometry/stitch.js';
import type { ReaderOutput } from '../reader.js';
import { chinese } from '../../src/core/i18n/lang.js';
import { unzipBounded } from '../zip.js';
import { openOfd, type OfdPage } from './container.js';
import { MM_TO_PT } from './geometry.js';
import { drawPage, type PageDrawing } from './page.js';

/**
 * OFD reader (GB/T 33190, the fixed-layout format government systems export to). No maintained Node OFD reader
 * exists (ofd.js renders in a browser); the format is a zip of XML, read here with the bounded unzip and xmldom.
 * Each page's text and rulings are handed to the PDF reader's layout (frames, lattice, stitching across pages), so
 * an OFD table is read exactly as the same table in a PDF; pages that only paint a picture (scans) are read by OCR.
 */

const MAX_PAGES = 200;
const MAX_SCANNED_PAGES = 12;

export async function readOfd(bytes: Uint8Array): Promise<ReaderOutput> {
  const { files, messages: skipped } = await unzipBounded(bytes, () => true);
  const ofd = openOfd(files);
  const messages: Message[] = [...skipped, ...ofd.messages];
  const pages = ofd.pages.slice(0, MAX_PAGES);
  if (ofd.pages.length > MAX_PAGES)
    messages.push(
      warning(
        'read',
        chinese({
          zh: `OFD 文件共 ${ofd.pages.length} 页，只读取前 ${MAX_PAGES} 页`,
          en: `the OFD file has ${ofd.pages.length} pages; only the first ${MAX_PAGES} were read`,
        }),
      ),
    );
  const blocks: Block[] = [];
  let run: PageItem[][] = [];
  let unread = 0;
  let scanned = 0;
  let usedOcr = false;
  const endRun = () => {
    if (run.length > 0) blocks.push(...toBlocks(stitchPages(run)));
    run = [];
  };
  for (const [i, page] of pages.entries()) {
    if (page.damaged) endRun();
    const drawing = drawPage(page.layers, page.heightMm * MM_TO_PT);
    unread += drawing.unreadGlyphs;
    if (drawing.items.length > 0 || drawing.images.length === 0) {
      run.push(layOut(drawing, page, i + 1, messages));
      continue;
    }
    endRun();
    if (scanned++ >= MAX_SCANNED_PAGES) continue;
    const read = await readScan(drawing, i + 1, ofd.media);
    messages.push(...read.messages);
    blocks.push(...read.blocks);
    usedOcr ||= read.blocks.length > 0;
  }
  endRun();
  if (unread > 0) messages.push(warning('garbled_text', chinese(GARBLED(unread))));
  let tables = 0;
  const document: DocumentModel = {
    blocks: blocks.map((b) => (b.kind === 'table' ? { ...b, index: tables++ } : b)),
    pageCount: ofd.pages.length,
  };
  if (unread > 0 && blocks.length === 0) throw new ReadError('needs_ocr', chinese(GARBLED(unread)));
  return { value: document, messages, ...(usedOcr ? { usedOcr: true } : {}) };
}

const GARBLED = (n: number) => ({
  zh: `OFD 文件中有 ${n} 处文字的字体没有 Unicode 映射（只有字形编号），这些文字无法可靠读取，未读取`,
  en:
    `${n} runs of text in the OFD file use fonts with no Unicode mapping (glyph ids only); ` +
    'they cannot be read reliably and were not',
});

function layOut(drawing: PageDrawing, page: OfdPage, n: number, messages: Message[]): PageItem[] {
  const width = page.widthMm * MM_TO_PT;
  const height = page.heightMm * MM_TO_PT;
  const frames = pageFrames(drawing.items, [1, 0, 0, -1, 0, height], width, height);
  if (frames.length === 0) return [];
  const layout = layoutFrames(n, frames, drawing.segments);
  messages.push(...layout.messages);
  return layout.items;
}

/** A page that only paints pictures: its largest picture read by OCR as a whole page. */
async function readScan(
  drawing: PageDrawing,
  n: number,
  media: Map<string, Buffer>,
): Promise<{ blocks: Block[]; messages: Message[] }> {
  const largest = [...drawing.images].sort((a, b) => b.area - a.area)[0]!;
  const bytes = media.get(largest.resource);
  const name = chinese({ zh: `第 ${n} 页的图片`, en: `the picture of page ${n}` });
  if (!bytes)
    return {
      blocks: [],
      messages: [
        warning(
          'needs_ocr',
          chinese({
            zh: `第 ${n} 页的图片不在 OFD 文件中，未读取`,
            en: `page ${n}'s picture is missing from the OFD file; not read`,
          }),
        ),
      ],
    };
  const { readPicture } = await import('../ocr/index.js');
  try {
    const read = await readPicture({ kind: 'encoded', bytes, name }, { content: 'page' });
    return {
      blocks: read.blocks.map((b) => (b.kind === 'table' ? { ...b, pages: [n] } : { ...b, page: n })),
      messages: read.messages,
    };
  } catch (error) {
    if (!(error instanceof ReadError)) throw error;
    return {
      blocks: [],
      messages: [
        warning(
          'needs_ocr',
          chinese({
            zh: `第 ${n} 页是扫描图片，OCR 未能读取：${error.message}`,
            en: `page ${n} is a scan OCR could not read: ${error.message}`,
          }),
        ),
      ],
    };
  }
}
