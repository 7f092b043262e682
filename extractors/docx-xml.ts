import { DOMParser, XMLSerializer } from '@xmldom/xmldom';

/**
 * Repairs of word/document.xml for what mammoth reads wrongly or not at all (it drops them without a message):
 *   - `w:gridBefore` / `w:gridAfter`: a row that starts (ends) some grid columns in; mammoth shifts its cells left.
 *     An empty cell spanning those columns is inserted, so every cell keeps its column.
 *   - legacy `w:hMerge`: horizontally merged cells stored as a "restart" cell plus "continue" cells; mammoth keeps
 *     the continue cells as extra empty cells. They are folded into the restart cell's `w:gridSpan`.
 * Automatic numbering (一、 typed by Word, not in the text) needs no repair: headings are located by their words.
 */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export interface XmlRepairs {
  xml: string;
  gridBefore: number;
  gridAfter: number;
  hMerge: number;
}

export function repairDocumentXml(xml: string): XmlRepairs {
  const repairs = { gridBefore: 0, gridAfter: 0, hMerge: 0 };
  if (!/w:gridBefore|w:gridAfter|w:hMerge/.test(xml)) return { xml, ...repairs };
  const document = new DOMParser().parseFromString(xml, 'text/xml');
  const rows = document.getElementsByTagNameNS(W, 'tr');
  for (let i = 0; i < rows.length; i++) {
    const row = rows.item(i)!;
    repairs.hMerge += foldHorizontalMerges(row);
    repairs.gridBefore += padRow(row, 'gridBefore');
    repairs.gridAfter += padRow(row, 'gridAfter');
  }
  return { xml: new XMLSerializer().serializeToString(document), ...repairs };
}

function children(element: Element, localName: string): Element[] {
  const found: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as Element).namespaceURI === W && (node as Element).localName === localName)
      found.push(node as Element);
  }
  return found;
}

function child(element: Element | undefined, localName: string): Element | undefined {
  return element ? children(element, localName)[0] : undefined;
}

function intValue(element: Element | undefined, fallback: number): number {
  const value = Number.parseInt(element?.getAttributeNS(W, 'val') ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Insert an empty cell spanning the row's gridBefore (or gridAfter) columns. Returns 1 if the row was padded. */
function padRow(row: Element, property: 'gridBefore' | 'gridAfter'): number {
  const span = intValue(child(child(row, 'trPr'), property), 0);
  if (span === 0) return 0;
  const document = row.ownerDocument!;
  const cell = document.createElementNS(W, 'w:tc');
  const properties = document.createElementNS(W, 'w:tcPr');
  const gridSpan = document.createElementNS(W, 'w:gridSpan');
  gridSpan.setAttributeNS(W, 'w:val', String(span));
  properties.appendChild(gridSpan);
  cell.appendChild(properties);
  cell.appendChild(document.createElementNS(W, 'w:p'));
  const cells = children(row, 'tc');
  if (property === 'gridBefore') row.insertBefore(cell, cells[0] ?? null);
  else row.appendChild(cell);
  return 1;
}

/** Fold "continue" cells of a legacy horizontal merge into their "restart" cell. Returns the cells folded. */
function foldHorizontalMerges(row: Element): number {
  let folded = 0;
  let restart: Element | undefined;
  for (const cell of children(row, 'tc')) {
    const properties = child(cell, 'tcPr');
    const merge = child(properties, 'hMerge');
    if (!merge) {
      restart = undefined;
      continue;
    }
    const isRestart = merge.getAttributeNS(W, 'val') === 'restart';
    properties!.removeChild(merge);
    if (isRestart || !restart) {
      restart = cell;
      continue;
    }
    const restartProperties = child(restart, 'tcPr')!;
    let span = child(restartProperties, 'gridSpan');
    if (!span) {
      span = row.ownerDocument!.createElementNS(W, 'w:gridSpan');
      restartProperties.appendChild(span);
    }
    span.setAttributeNS(W, 'w:val', String(intValue(span, 1) + intValue(child(properties, 'gridSpan'), 1)));
    row.removeChild(cell);
    folded++;
  }
  return folded;
}
