import type { Message } from '../src/core/model/messages.js';
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { tableFromCells, type Block, type DocumentModel, type TableCell } from '../src/core/model/document.js';
import { decodeText, declaredCharset } from './decode.js';
import { limitNesting } from './html-depth.js';
import type { PictureLink, PictureSources } from './pictures.js';
import type { ReadContext, ReaderOutput } from './reader.js';

/**
 * HTML reader: a web page (or a Word "save as web page" export) → document model. Walks the DOM in document order,
 * turning block elements into text blocks and data tables into grids with spans expanded. Tables used for page
 * layout (the article nested inside a frame table) are walked through as flow content. Pictures (<img>) are read by
 * OCR (pictures.ts) and their blocks put where the picture stands in the flow.
 */

const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'iframe',
  'object',
  'embed',
  'svg',
  'select',
  'button',
  'input',
  'textarea',
  'map',
  'audio',
  'video',
  'canvas',
]);
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);
const EMPHASIS = new Set(['b', 'strong', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** No data cell holds this much text; a cell that does belongs to a layout table. */
const LAYOUT_CELL_CHARS = 300;
const MAX_COLSPAN = 100;

export async function readHtml(bytes: Uint8Array, context?: ReadContext): Promise<ReaderOutput> {
  const decoded = decodeText(bytes, declaredCharset(bytes), { markup: true });
  const read = await withPictures(parseHtml(decoded.text), context?.path ? { pagePath: context.path } : {});
  return {
    value: read.value,
    encoding: decoded.encoding,
    messages: [...decoded.messages, ...read.messages],
    ...(read.usedOcr ? { usedOcr: true } : {}),
  };
}

/** A picture and where it stands: its blocks go before `document.blocks[at]`. */
export interface PicturePlace extends PictureLink {
  at: number;
}

export interface HtmlContent {
  document: DocumentModel;
  pictures: PicturePlace[];
  /** What reading the markup met (nesting cut at its limit). */
  messages: Message[];
}

/** The page's text and tables (pictures left out). */
export function htmlToDocument(html: string): DocumentModel {
  return parseHtml(html).document;
}

export function parseHtml(markup: string): HtmlContent {
  // Bounded first: deeper nesting costs the parser quadratic time and the walk below its stack (html-depth.ts).
  const { html, messages } = limitNesting(markup);
  const $ = cheerio.load(html);
  const title = ($('meta[name="ArticleTitle"]').attr('content') ?? $('title').first().text()).trim();
  const flow = new Flow();
  for (const child of $.root().contents().toArray()) walk(child, false, flow);
  flow.flush();
  return { document: { ...(title ? { title } : {}), blocks: flow.blocks }, pictures: flow.pictures, messages };
}

/**
 * The document with each picture's blocks in its place and the tables numbered again in document order. Pictures
 * are read as tables between the headings the page prints as text; where the page's text does not hold those
 * headings (a page that is a picture of the whole report), as pages, whose headings OCR reads too.
 */
export async function withPictures(
  content: HtmlContent,
  where: PictureSources,
): Promise<Pick<ReaderOutput, 'value' | 'messages' | 'usedOcr'>> {
  const { document, pictures } = content;
  if (pictures.length === 0) return { value: document, messages: content.messages };
  // Loaded with the first picture met: the OCR engine costs a pure-text batch nothing.
  const { readPictures } = await import('./pictures.js');
  const read = await readPictures(pictures, where, {
    content: printsTableHeadings(document.blocks) ? 'table' : 'page',
  });
  const blocks: Block[] = [];
  let next = 0;
  const insertUpTo = (at: number) => {
    for (; next < pictures.length && pictures[next]!.at <= at; next++)
      blocks.push(...(read.blocks.get(pictures[next]!.n) ?? []));
  };
  document.blocks.forEach((block, i) => {
    insertUpTo(i);
    blocks.push(block);
  });
  insertUpTo(Number.POSITIVE_INFINITY);
  let tables = 0;
  const numbered = blocks.map((block) => (block.kind === 'table' ? { ...block, index: tables++ } : block));
  return {
    value: { ...document, blocks: numbered },
    messages: [...content.messages, ...read.messages],
    usedOcr: read.usedOcr,
  };
}

/** Short lines naming at least two of the three table sections (主动公开, 申请, 复议/诉讼): the page prints its own headings. */
function printsTableHeadings(blocks: Block[]): boolean {
  const headings = [/主动公开/, /收到和处理|依申请|申请情况/, /行政复议|行政诉讼/];
  const short = blocks.flatMap((b) => (b.kind === 'text' && b.text.length <= 45 ? [b.text] : []));
  return headings.filter((pattern) => short.some((text) => pattern.test(text))).length >= 2;
}

/** Collects inline text into text blocks, one per block element or <br>-separated line, and where pictures stand. */
class Flow {
  readonly blocks: Block[] = [];
  readonly pictures: PicturePlace[] = [];
  private tables = 0;
  private text = '';
  private plainChars = 0;

  picture(src: string): void {
    this.flush();
    this.pictures.push({ src, n: this.pictures.length + 1, at: this.blocks.length });
  }

  append(text: string, emphasized: boolean): void {
    this.text += text;
    if (!emphasized) this.plainChars += text.replace(/\s+/g, '').length;
  }

  flush(): void {
    const text = collapseSpaces(this.text);
    if (text) this.blocks.push({ kind: 'text', text, ...(this.plainChars === 0 ? { emphasis: true } : {}) });
    this.text = '';
    this.plainChars = 0;
  }

  table(cells: TableCell[]): void {
    this.flush();
    this.blocks.push(tableFromCells(this.tables++, cells, 'markup'));
  }
}

function walk(node: AnyNode, emphasized: boolean, flow: Flow): void {
  if (node.type === 'text') {
    flow.append(node.data, emphasized);
    return;
  }
  if (node.type !== 'tag' && node.type !== 'root') return;
  const element = node as Element;
  const tag = node.type === 'root' ? 'body' : element.name.toLowerCase();
  if (SKIPPED.has(tag)) return;
  if (tag === 'br') {
    flow.flush();
    return;
  }
  if (tag === 'img') {
    const src = element.attribs.src?.trim();
    if (src) flow.picture(src);
    return;
  }
  if (tag === 'table') {
    const cells = readTableCells(element);
    if (cells) {
      flow.table(cells);
      return;
    }
  }
  const isBlock = BLOCKS.has(tag);
  if (isBlock) flow.flush();
  const childEmphasis = emphasized || EMPHASIS.has(tag);
  for (const child of element.children) walk(child, childEmphasis, flow);
  if (isBlock) flow.flush();
}

/** The rows of a table element in document order, not those of tables nested inside it. */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.children) {
    if (child.type !== 'tag') continue;
    const name = child.name.toLowerCase();
    if (name === 'tr') rows.push(child);
    else if (name === 'thead' || name === 'tbody' || name === 'tfoot') {
      for (const row of child.children) if (row.type === 'tag' && row.name.toLowerCase() === 'tr') rows.push(row);
    }
  }
  return rows;
}

function rowCells(row: Element): Element[] {
  return row.children.filter((c): c is Element => c.type === 'tag' && /^(td|th)$/i.test(c.name));
}

/**
 * Cells of a data table placed on the HTML table grid (rowspan/colspan expanded by the "slot" algorithm), or
 * undefined when the table is used for page layout.
 */
function readTableCells(table: Element): TableCell[] | undefined {
  if (containsTable(table)) return undefined;
  const rows = tableRows(table);
  const occupied: boolean[][] = [];
  const cells: TableCell[] = [];
  const isTaken = (r: number, c: number) => occupied[r]?.[c] === true;
  rows.forEach((row, r) => {
    let c = 0;
    for (const cellElement of rowCells(row)) {
      while (isTaken(r, c)) c++;
      const colSpan = clampSpan(cellElement.attribs.colspan, MAX_COLSPAN);
      const rowSpanAttr = cellElement.attribs.rowspan;
      const remaining = rows.length - r;
      const rowSpan = rowSpanAttr?.trim() === '0' ? remaining : Math.min(clampSpan(rowSpanAttr, remaining), remaining);
      const text = cellText(cellElement);
      cells.push({ row: r, col: c, rowSpan, colSpan, text });
      for (let dr = 0; dr < rowSpan; dr++) {
        const slots = (occupied[r + dr] ??= []);
        for (let dc = 0; dc < colSpan; dc++) slots[c + dc] = true;
      }
      c += colSpan;
    }
  });
  if (cells.some((cell) => cell.text.length > LAYOUT_CELL_CHARS)) return undefined;
  if (cells.length < 2) return undefined;
  return cells;
}

function containsTable(element: Element): boolean {
  return element.children.some(
    (child) => child.type === 'tag' && (child.name.toLowerCase() === 'table' || containsTable(child)),
  );
}

function clampSpan(value: string | undefined, max: number): number {
  const n = Number.parseInt(value ?? '1', 10);
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.min(n, max);
}

/** A cell's text: block children and <br> become lines; inline pieces (<span>, <font>, <o:p>) join without gaps. */
function cellText(cell: Element): string {
  const lines: string[] = [];
  let line = '';
  const breakLine = () => {
    const text = collapseSpaces(line);
    if (text) lines.push(text);
    line = '';
  };
  const visit = (node: AnyNode): void => {
    if (node.type === 'text') line += node.data;
    if (node.type !== 'tag') return;
    const tag = node.name.toLowerCase();
    if (SKIPPED.has(tag)) return;
    if (tag === 'br') {
      breakLine();
      return;
    }
    const isBlock = BLOCKS.has(tag);
    if (isBlock) breakLine();
    node.children.forEach(visit);
    if (isBlock) breakLine();
  };
  cell.children.forEach(visit);
  breakLine();
  return lines.join('\n');
}

/** Collapse runs of white space (including &nbsp; and the ideographic space) to one space. */
export function collapseSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();
}
