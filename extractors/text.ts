import { tableFromRows, type Block, type DocumentModel } from '../src/model/document.js';
import { stripNotes } from '../src/text/normalize.js';
import { isNumberLike } from '../src/text/numbers.js';
import { decodeText } from './decode.js';
import type { ReaderOutput } from './reader.js';

/**
 * Plain-text reader for the copies people paste from web pages and the text other tools extract:
 *   - tab-separated rows (a browser copy of a table; columns may be shifted by empty cells),
 *   - the "vertical" copy where a row is its first cell followed by one tab-indented line per further cell,
 *   - markdown pipe tables,
 *   - lines of a label followed by numbers separated by spaces (layout text).
 * Everything else becomes text blocks, one per line.
 */

export function readText(bytes: Uint8Array): ReaderOutput {
  const decoded = decodeText(bytes);
  return { document: textToDocument(decoded.text), encoding: decoded.encoding, warnings: decoded.warnings };
}

type Line =
  | { kind: 'blank' }
  | { kind: 'text'; text: string }
  | { kind: 'row'; cells: string[] }
  /** One tab-indented cell continuing the row above (the vertical copy). */
  | { kind: 'continuation'; text: string }
  | { kind: 'rule' };

export function textToDocument(text: string): DocumentModel {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map(classify);
  const blocks: Block[] = [];
  let rows: string[][] = [];
  let tables = 0;
  const endTable = () => {
    if (rows.length > 0) blocks.push(tableFromRows(tables++, rows, 'text-separated'));
    rows = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind === 'blank' || line.kind === 'rule') continue;
    if (line.kind === 'continuation') {
      const current = rows[rows.length - 1];
      if (current) current.push(line.text);
      else rows.push([line.text]);
      continue;
    }
    if (line.kind === 'text' && lines[i + 1]?.kind === 'continuation') {
      rows.push([line.text]);
      continue;
    }
    if (line.kind === 'row') {
      rows.push(line.cells);
      continue;
    }
    endTable();
    if (line.kind === 'text') blocks.push({ kind: 'text', text: line.text });
  }
  endTable();
  return { blocks };
}

function classify(raw: string): Line {
  const line = raw.replace(/[\u00a0\u200b\ufeff]/g, ' ').replace(/\s+$/, '');
  if (line.trim() === '') return { kind: 'blank' };
  if (/^\t[^\t]*$/.test(line)) return { kind: 'continuation', text: line.trim() };
  if (/^\s*\|.*\|\s*$/.test(line)) {
    if (/^\s*\|(\s*:?-{2,}:?\s*\|)+\s*$/.test(line)) return { kind: 'rule' };
    return { kind: 'row', cells: line.trim().slice(1, -1).split('|').map((c) => c.trim()) };
  }
  if (line.includes('\t')) return { kind: 'row', cells: line.split('\t').map((c) => c.trim()) };
  return labelAndNumbers(line.trim()) ?? { kind: 'text', text: line.trim() };
}

/** `一、本年新收政府信息公开申请数量   21   0   0` → a row of a label and numbers; a run of numbers alone too. */
function labelAndNumbers(line: string): Line | undefined {
  const tokens = line.split(/\s{1,}/);
  let first = tokens.length;
  while (first > 0 && isNumberToken(tokens[first - 1]!)) first--;
  const numbers = tokens.slice(first);
  if (numbers.length === 0) return undefined;
  const label = tokens.slice(0, first).join(' ');
  if (label === '') return numbers.length >= 2 ? { kind: 'row', cells: numbers } : undefined;
  // A label is short and ends like a label, not like a sentence ("…共收到申请 21").
  if (label.length > 60 || !/\p{Script=Han}/u.test(label) || /[。；;，,：:]/.test(stripNotes(label))) return undefined;
  return { kind: 'row', cells: [label, ...numbers] };
}

function isNumberToken(token: string): boolean {
  return token !== '' && /[\d—\-－/无]/.test(token) && isNumberLike(token) && !/^\d{4}年/.test(token);
}
