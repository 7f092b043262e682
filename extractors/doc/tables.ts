import { tableFromCells, type Block, type TableCell } from '../../src/core/model/document.js';
import { warning, type Message } from '../../src/core/model/messages.js';
import { collapseSpaces } from '../html.js';
import type { CellDefinition, RowDefinition } from './rows.js';
import type { Paragraph } from './story.js';

/**
 * Paragraphs → document blocks. Runs of table paragraphs become tables: cells end at cell marks, rows at row end
 * marks, tables nested in a cell are read recursively. Each row's definition places its cells on the table's grid
 * (the cell edges of all rows, merged within a few twips, as Word itself aligns them), legacy horizontal merges
 * become column spans and vertical merges row spans — as the DOCX path does with gridBefore, gridSpan and vMerge.
 * A table whose structure cannot be read exactly (a row without a definition, cells and definition disagreeing) is
 * not read as a table: its text is kept, and a warning says why its numbers are not read.
 */

/** Message code of a Word table that is not read because its structure cannot be read exactly. */
export const DOC_TABLE_UNREAD = 'doc_table_unread';

/** Cell edges closer than this (twips, 1/1440 inch) are one grid line: Word treats them as aligned. */
const EDGE_TOLERANCE = 3;
/** No data cell holds this much text; a cell that does belongs to a layout table (as in the HTML reader). */
const LAYOUT_CELL_CHARS = 300;

type Content = { kind: 'text'; paragraph: Paragraph } | { kind: 'table'; table: TableNode };

interface CellNode {
  content: Content[];
  /** The text of its paragraphs (not of tables nested in it), lines joined by "\n". */
  text: string;
  /** The cell ended with its cell mark (false: the table's paragraphs ran out first). */
  closed: boolean;
}

interface RowNode {
  cells: CellNode[];
  definition: RowDefinition;
}

interface TableNode {
  rows: RowNode[];
}

export interface BuiltBlocks {
  blocks: Block[];
  messages: Message[];
}

export function buildBlocks(paragraphs: Paragraph[], firstTableIndex = 0): BuiltBlocks {
  const builder = new BlockBuilder(firstTableIndex);
  const tree = new TreeReader(paragraphs);
  while (!tree.done()) {
    if (tree.peek().depth === 0) builder.text(tree.next());
    else builder.table(tree.readTable(1));
  }
  return { blocks: builder.blocks, messages: builder.messages };
}

/** Recursive descent over the paragraphs by table depth. */
class TreeReader {
  private at = 0;
  constructor(private readonly paragraphs: Paragraph[]) {}

  done(): boolean {
    return this.at >= this.paragraphs.length;
  }

  peek(): Paragraph {
    return this.paragraphs[this.at]!;
  }

  next(): Paragraph {
    return this.paragraphs[this.at++]!;
  }

  readTable(depth: number): TableNode {
    const rows: RowNode[] = [];
    while (!this.done() && this.peek().depth >= depth) {
      const cells: CellNode[] = [];
      let definition: RowDefinition | undefined;
      while (!this.done() && this.peek().depth >= depth) {
        const paragraph = this.peek();
        if (paragraph.depth === depth && paragraph.mark === 'row') {
          definition = this.next().row;
          break;
        }
        cells.push(this.readCell(depth));
      }
      rows.push({ cells, definition: definition ?? { problem: 'a row has no row end mark' } });
    }
    return { rows };
  }

  private readCell(depth: number): CellNode {
    const content: Content[] = [];
    while (!this.done()) {
      const paragraph = this.peek();
      if (paragraph.depth < depth || (paragraph.depth === depth && paragraph.mark === 'row')) break;
      if (paragraph.depth > depth) {
        content.push({ kind: 'table', table: this.readTable(depth + 1) });
        continue;
      }
      this.next();
      content.push({ kind: 'text', paragraph });
      if (paragraph.mark === 'cell') return { content, text: cellText(content), closed: true };
    }
    return { content, text: cellText(content), closed: false };
  }
}

class BlockBuilder {
  readonly blocks: Block[] = [];
  readonly messages: Message[] = [];
  constructor(private tables: number) {}

  text(paragraph: Paragraph): void {
    for (const line of paragraph.text.split('\n')) {
      const text = collapseSpaces(line);
      if (text) this.blocks.push({ kind: 'text', text, ...(paragraph.emphasis ? { emphasis: true } : {}) });
    }
  }

  table(table: TableNode): void {
    if (isLayout(table)) {
      this.contents(table);
      return;
    }
    const placed = placeCells(table);
    if ('problem' in placed) {
      this.messages.push(
        warning(
          DOC_TABLE_UNREAD,
          `a Word table (${describe(table)}) is not read: ${placed.problem}, so where its cells belong cannot be told exactly and its numbers are not read`,
        ),
      );
      this.contents(table);
      return;
    }
    this.blocks.push(tableFromCells(this.tables++, placed.cells, 'markup'));
  }

  /** A table's content in reading order, as text and tables of its own. */
  private contents(table: TableNode): void {
    for (const row of table.rows) {
      for (const cell of row.cells) {
        for (const item of cell.content) {
          if (item.kind === 'text') this.text(item.paragraph);
          else this.table(item.table);
        }
      }
    }
  }
}

/** A table used to lay out a page, not to hold data: it holds tables, a single cell, or a whole article in a cell. */
function isLayout(table: TableNode): boolean {
  const cells = table.rows.flatMap((row) => row.cells);
  if (cells.length < 2) return true;
  return cells.some(
    (cell) => cell.text.length > LAYOUT_CELL_CHARS || cell.content.some((item) => item.kind === 'table'),
  );
}

function cellText(content: Content[]): string {
  let text = '';
  for (const item of content) {
    if (item.kind !== 'text') continue;
    for (const line of item.paragraph.text.split('\n')) {
      const collapsed = collapseSpaces(line);
      if (collapsed !== '') text = text === '' ? collapsed : `${text}\n${collapsed}`;
    }
  }
  return text;
}

function describe(table: TableNode): string {
  const first = table.rows.flatMap((row) => row.cells).find((cell) => cell.text !== '')?.text;
  return `${table.rows.length} rows${first ? `, starting “${first.slice(0, 20)}”` : ''}`;
}

type Placement = { cells: TableCell[] } | { problem: string };

/** Every cell of the table on the grid of all rows' cell edges, merges folded into spans. */
function placeCells(table: TableNode): Placement {
  const definitions: CellDefinition[][] = [];
  const shifts = new Set<number>();
  for (const row of table.rows) {
    const definition = row.definition;
    if (definition.problem !== undefined) return { problem: definition.problem };
    if (definition.cells.length !== row.cells.length) {
      return { problem: `a row has ${row.cells.length} cells but its definition ${definition.cells.length}` };
    }
    if (row.cells.some((cell) => !cell.closed)) return { problem: 'a cell has no cell end mark' };
    shifts.add(definition.shift ?? 0);
    definitions.push(definition.cells);
  }
  // Rows whose indent (sprmTDxaLeft) disagrees with their cell edges, each by a different amount: whether the
  // indent moves the cells (as Word 97 describes it) or not ([MS-DOC]), their columns would not line up the same.
  if (shifts.size > 1) return { problem: 'its rows are indented differently from their cell edges' };
  const edges: number[] = [];
  for (const row of definitions) for (const cell of row) edges.push(cell.left, cell.right);
  const grid = gridLines(edges);
  const cells: TableCell[] = [];
  /** Per grid column: the cell a vertical merge could continue (its index in `cells`), if any. */
  const openAbove: (number | undefined)[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r]!;
    for (let c = 0; c < row.cells.length; c++) {
      const definition = definitions[r]![c]!;
      let text = row.cells[c]!.text;
      let right = definition.right;
      // A legacy horizontal merge: the cells after the first add their width (and any text) to it.
      if (definition.horizontal === 'first') {
        while (definitions[r]![c + 1]?.horizontal === 'merged') {
          c++;
          right = definitions[r]![c]!.right;
          text = [text, row.cells[c]!.text].filter((t) => t !== '').join('\n');
        }
      }
      const col = grid(definition.left);
      const colSpan = grid(right) - col;
      if (colSpan <= 0) {
        if (text === '') continue;
        return { problem: 'a cell with text has no width' };
      }
      if (definition.vertical === 'continue') {
        const above = openAbove[col];
        const origin = above === undefined ? undefined : cells[above];
        if (origin && origin.col === col && origin.colSpan === colSpan && origin.row + origin.rowSpan === r) {
          if (text !== '') return { problem: 'a vertically merged cell holds text of its own' };
          origin.rowSpan++;
          continue;
        }
      }
      const index = cells.length;
      cells.push({ row: r, col, rowSpan: 1, colSpan, text });
      for (let g = col; g < col + colSpan; g++) openAbove[g] = definition.vertical === 'none' ? undefined : index;
    }
  }
  return { cells };
}

/** Maps a cell edge to its grid line: the distinct edges of all rows, those within EDGE_TOLERANCE taken as one. */
function gridLines(edges: number[]): (edge: number) => number {
  const sorted = [...new Set(edges)].sort((a, b) => a - b);
  const line = new Map<number, number>();
  let index = -1;
  let previous = -Infinity;
  for (const edge of sorted) {
    if (edge - previous > EDGE_TOLERANCE) index++;
    line.set(edge, index);
    previous = edge;
  }
  return (edge) => line.get(edge)!;
}
