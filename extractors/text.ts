import { tableFromRows, type Block, type DocumentModel } from '../src/core/model/document.js';
import { warning, WRAPPED_LABELS, type Message } from '../src/core/model/messages.js';
import { isLabelFragment, stripNotes } from '../src/core/text/normalize.js';
import { isNumberLike } from '../src/core/text/numbers.js';
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
  const { document, messages } = readLines(decoded.text);
  return { value: document, encoding: decoded.encoding, messages: [...decoded.messages, ...messages] };
}

type SpacedRow = { kind: 'row'; cells: string[]; spaced: true; text: string };

type Line =
  | { kind: 'blank' }
  | { kind: 'text'; text: string }
  | { kind: 'row'; cells: string[]; spaced?: false }
  /** A label and numbers spaced out (layout text), not split by tabs or pipes; with the line as printed. */
  | SpacedRow
  /** One tab-indented cell continuing the row above (the vertical copy). */
  | { kind: 'continuation'; text: string }
  | { kind: 'rule' };

export function textToDocument(text: string): DocumentModel {
  return readLines(text).document;
}

function readLines(text: string): { document: DocumentModel; messages: Message[] } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n').map(classify);
  const wrapped = demoteWrappedRows(lines);
  const blocks: Block[] = [];
  let rows: string[][] = [];
  let spacedTable = false;
  // The row being built is a vertical copy's (its cells on tab-indented lines), where a lone tab is a blank cell.
  let vertical = false;
  let tables = 0;
  const endTable = () => {
    if (rows.length > 0) blocks.push(tableFromRows(tables++, rows, spacedTable ? 'text-spaced' : 'text-separated'));
    rows = [];
    vertical = false;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind === 'blank' || line.kind === 'rule') continue;
    if (line.kind === 'continuation' && line.text === '' && !vertical) continue;
    // Rows split by spaces and rows split by tabs or pipes are read differently: they do not share a table.
    const spaced = isSpacedRow(line);
    if (rows.length > 0 && (line.kind === 'row' || line.kind === 'continuation') && spacedTable !== spaced) endTable();
    if (line.kind === 'continuation') {
      const current = rows[rows.length - 1];
      if (current) current.push(line.text);
      else rows.push([line.text]);
      spacedTable = false;
      vertical = true;
      continue;
    }
    if (line.kind === 'text' && startsVerticalRow(lines, i + 1)) {
      if (spacedTable) endTable();
      rows.push([line.text]);
      spacedTable = false;
      vertical = true;
      continue;
    }
    if (line.kind === 'row') {
      rows.push(line.cells);
      spacedTable = spaced;
      vertical = false;
      continue;
    }
    endTable();
    if (line.kind === 'text') blocks.push({ kind: 'text', text: line.text });
  }
  endTable();
  const messages = wrapped
    ? [
        warning(
          WRAPPED_LABELS,
          'label-and-number lines whose labels wrap over several lines: which fragment belongs to which row cannot be told, so their numbers are not read',
        ),
      ]
    : [];
  return { document: { blocks }, messages };
}

/**
 * Layout text of a table whose row labels wrap (`pdftotext -layout` of a table without rulings, or with narrow
 * label cells): the number lines carry only a fragment of their label (`1.本机`), the rest stands on lines of its
 * own. Matching the fragments would mean guessing rows, so such rows become plain text. Returns whether any did.
 */
function demoteWrappedRows(lines: Line[]): boolean {
  let demoted = false;
  for (const run of spacedRuns(lines)) {
    // A fragment counts only between two labelled rows of its run (a line before the first or after the last row
    // may be a heading or a page number).
    const rows = run.filter((i) => isSpacedRow(lines[i]!));
    const labelled = rows.filter((i) => !isNumberToken((lines[i] as SpacedRow).cells[0]!));
    const wrapped = run.some(
      (i) => lines[i]!.kind === 'text' && i > labelled[0]! && i < labelled[labelled.length - 1]!,
    );
    if (!wrapped) continue;
    for (const i of rows) lines[i] = { kind: 'text', text: (lines[i] as SpacedRow).text };
    demoted = true;
  }
  return demoted;
}

/** Tab-indented lines follow, one of them with text: the line before them is a vertical copy's row label. */
function startsVerticalRow(lines: Line[], from: number): boolean {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.kind !== 'continuation') return false;
    if (line.text !== '') return true;
  }
  return false;
}

const isSpacedRow = (line: Line): line is SpacedRow => line.kind === 'row' && line.spaced === true;

/** Runs of spaced rows, label fragments and blank lines: the extent of one layout-text table. */
function spacedRuns(lines: Line[]): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  lines.forEach((line, i) => {
    if (isSpacedRow(line) || (line.kind === 'text' && isLabelFragment(line.text))) run.push(i);
    else if (line.kind !== 'blank') {
      if (run.length > 0) runs.push(run);
      run = [];
    }
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

function classify(raw: string): Line {
  const spaced = raw.replace(/[\u00a0\u200b\ufeff]/g, ' ');
  const line = spaced.replace(/\s+$/, '');
  // A browser copy keeps a row's empty cells as empty fields between tabs: a row of blank cells, or a label with
  // nothing after it, is still a row (docs/spec/template.md: blank cells are read, not lost).
  const blankRow = blankCellsRow(spaced);
  if (blankRow) return { kind: 'row', cells: blankRow };
  // In the vertical copy a blank cell is a line holding its tab alone (read as a cell only inside such a copy).
  if (/^\t[^\S\t]*$/.test(spaced)) return { kind: 'continuation', text: '' };
  if (line.trim() === '') return { kind: 'blank' };
  if (/^\t[^\t]*$/.test(line)) return { kind: 'continuation', text: line.trim() };
  if (/^\s*\|.*\|\s*$/.test(line)) {
    if (/^\s*\|(\s*:?-{2,}:?\s*\|)+\s*$/.test(line)) return { kind: 'rule' };
    return {
      kind: 'row',
      cells: line
        .trim()
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    };
  }
  // Tabs at the end are blank cells at the end of the row, kept like those between (spaces after them are not).
  if (line.includes('\t'))
    return {
      kind: 'row',
      cells: spaced
        .replace(/[^\S\t]+$/, '')
        .split('\t')
        .map((c) => c.trim()),
    };
  return labelAndNumbers(line.trim()) ?? { kind: 'text', text: line.trim() };
}

/**
 * Labels (or nothing) followed by three empty fields or more: a row printed with every number cell blank. (A single
 * trailing tab after a heading is not a table row; a row with numbers keeps today's reading, its trailing blanks
 * trimmed.)
 */
function blankCellsRow(line: string): string[] | undefined {
  const cells = line
    .replace(/[^\S\t]+$/, '')
    .split('\t')
    .map((c) => c.trim());
  let trailing = 0;
  while (trailing < cells.length && cells[cells.length - 1 - trailing] === '') trailing++;
  if (trailing < 3 || cells.some((c) => c !== '' && isNumberLike(c))) return undefined;
  return cells;
}

/** `一、本年新收政府信息公开申请数量   21   0   0` → a row of a label and numbers; a run of numbers alone too. */
function labelAndNumbers(line: string): Line | undefined {
  const tokens = line.split(/\s{1,}/);
  let first = tokens.length;
  while (first > 0 && isNumberToken(tokens[first - 1]!)) first--;
  const numbers = tokens.slice(first);
  if (numbers.length === 0) return undefined;
  const label = tokens.slice(0, first).join(' ');
  if (label === '') return numbers.length >= 2 ? { kind: 'row', cells: numbers, spaced: true, text: line } : undefined;
  // A label is short and ends like a label, not like a sentence ("…共收到申请 21").
  if (label.length > 60 || !/\p{Script=Han}/u.test(label) || /[。；;，,：:]/.test(stripNotes(label))) return undefined;
  return { kind: 'row', cells: [label, ...numbers], spaced: true, text: line };
}

function isNumberToken(token: string): boolean {
  return token !== '' && /[\d—\-－/无]/.test(token) && isNumberLike(token) && !/^\d{4}年/.test(token);
}
