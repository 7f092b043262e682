import { DOMParser } from '@xmldom/xmldom';

/**
 * OpenDocument text (content.xml) written as HTML, so that the web-page path builds the document model as it does
 * for Word (mammoth's HTML): paragraphs and headings, lists as paragraphs, tables with colspan/rowspan (covered
 * cells are the slots a span takes, so they are dropped), pictures as <img> whose bytes are kept by their src.
 * Hand-written: no maintained Node library turns ODF into HTML; the XML is read with @xmldom/xmldom, as for Word.
 */

const TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const TABLE = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';
const XLINK = 'http://www.w3.org/1999/xlink';

/** Repeats are how ODF stores runs of identical (mostly empty) rows and cells; a report never needs more. */
const MAX_REPEAT = 64;
/** XML nesting walked at most: tables in tables in frames go a few levels; 10⁵ levels would overflow the stack. */
const MAX_DEPTH = 200;

export interface OdtHtml {
  html: string;
  /** Picture paths inside the package (Pictures/…), by the n-th <img>. */
  pictures: string[];
  /** The document nests deeper than MAX_DEPTH: the deeper part was left out. */
  tooDeep: boolean;
}

export function odtToHtml(contentXml: string, pictureSrc: (n: number) => string): OdtHtml {
  const doc = new DOMParser({ errorHandler: () => undefined }).parseFromString(contentXml, 'text/xml');
  const out: OdtHtml = { html: '', pictures: [], tooDeep: false };
  const parts: string[] = [];
  const walk = (node: Element, depth: number): void => {
    if (depth > MAX_DEPTH) {
      out.tooDeep = true;
      return;
    }
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1) element(child as Element, depth + 1);
    }
  };
  const element = (el: Element, depth: number): void => {
    const ns = el.namespaceURI;
    const name = el.localName;
    if (ns === TEXT && (name === 'p' || name === 'h')) {
      const tag = name === 'h' ? `h${Math.min(6, Number(el.getAttributeNS(TEXT, 'outline-level')) || 2)}` : 'p';
      parts.push(`<${tag}>`, inline(el, depth, out, pictureSrc), `</${tag}>`);
    } else if (ns === TABLE && name === 'table') {
      parts.push('<table>');
      rows(el, depth, parts, out, pictureSrc, walkInto);
      parts.push('</table>');
    } else walk(el, depth);
  };
  const walkInto = (el: Element, depth: number): string => {
    const saved = parts.length;
    walk(el, depth);
    return parts.splice(saved).join('');
  };
  const body = doc.getElementsByTagNameNS('urn:oasis:names:tc:opendocument:xmlns:office:1.0', 'body')[0];
  if (body) walk(body as unknown as Element, 0);
  out.html = `<html><body>${parts.join('')}</body></html>`;
  return out;
}

type Walker = (el: Element, depth: number) => string;

/** Rows of a table, inside header-rows and row-groups too, repeated rows bounded. */
function rows(
  table: Element,
  depth: number,
  parts: string[],
  out: OdtHtml,
  src: (n: number) => string,
  walk: Walker,
): void {
  for (let child = table.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 1) continue;
    const el = child as Element;
    if (el.namespaceURI !== TABLE) continue;
    if (el.localName === 'table-row') {
      const repeat = Math.min(MAX_REPEAT, Number(el.getAttributeNS(TABLE, 'number-rows-repeated')) || 1);
      const row = `<tr>${cells(el, depth + 1, walk)}</tr>`;
      for (let i = 0; i < repeat; i++) parts.push(row);
    } else if (/^table-(header-rows|rows|row-group)$/.test(el.localName ?? ''))
      rows(el, depth + 1, parts, out, src, walk);
  }
}

function cells(row: Element, depth: number, walk: Walker): string {
  let html = '';
  for (let child = row.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 1) continue;
    const el = child as Element;
    // A covered cell is a slot of a span that began to its left or above: the span already takes it.
    if (el.namespaceURI !== TABLE || el.localName !== 'table-cell') continue;
    const colspan = Number(el.getAttributeNS(TABLE, 'number-columns-spanned')) || 1;
    const rowspan = Number(el.getAttributeNS(TABLE, 'number-rows-spanned')) || 1;
    const repeat = Math.min(MAX_REPEAT, Number(el.getAttributeNS(TABLE, 'number-columns-repeated')) || 1);
    const attrs = `${colspan > 1 ? ` colspan="${colspan}"` : ''}${rowspan > 1 ? ` rowspan="${rowspan}"` : ''}`;
    const cell = `<td${attrs}>${walk(el, depth)}</td>`;
    for (let i = 0; i < repeat; i++) html += cell;
  }
  return html;
}

/** A paragraph's text: spans, spaces (text:s c=N), tabs, line breaks, links; pictures in frames as <img>. */
function inline(el: Element, depth: number, out: OdtHtml, src: (n: number) => string): string {
  if (depth > MAX_DEPTH) {
    out.tooDeep = true;
    return '';
  }
  let html = '';
  for (let child = el.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3 || child.nodeType === 4) html += escapeXml(child.nodeValue ?? '');
    if (child.nodeType !== 1) continue;
    const c = child as Element;
    const name = c.localName;
    if (c.namespaceURI === TEXT && name === 's')
      html += ' '.repeat(Math.min(MAX_REPEAT, Number(c.getAttributeNS(TEXT, 'c')) || 1));
    else if (c.namespaceURI === TEXT && name === 'tab') html += '\t';
    else if (c.namespaceURI === TEXT && name === 'line-break') html += '<br>';
    else if (c.namespaceURI === TEXT && /^(note|tracked-changes|bookmark.*)$/.test(name ?? '')) continue;
    else if (name === 'image') {
      const href = c.getAttributeNS(XLINK, 'href');
      if (href && !/^[a-z]+:/i.test(href)) {
        out.pictures.push(href.replace(/^\.\//, ''));
        html += `<img src="${src(out.pictures.length)}">`;
      }
    } else html += inline(c, depth + 1, out, src);
  }
  return html;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
