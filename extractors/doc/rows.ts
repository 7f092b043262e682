import { forEachPrl, SPRM, type Grpprl } from './sprm.js';

/**
 * A table row's definition, from the property modifiers of its row end mark ([MS-DOC] 2.6.3 Table Properties,
 * 2.9.321 TDefTableOperand, TC80 and its TCGRF flags): where each cell's edges are (in twips from the left
 * margin), and which cells are merged with their neighbour to the left or with the cell above.
 */

export interface CellDefinition {
  /** Left and right edges, in twips. */
  left: number;
  right: number;
  /** Legacy horizontal merge: the first cell of a merged range, or a cell merged into the one before it. */
  horizontal: 'none' | 'first' | 'merged';
  /** Vertical merge: the top cell of a merged range, or a cell merged into the one above it. */
  vertical: 'none' | 'restart' | 'continue';
}

export type RowDefinition =
  | {
      cells: CellDefinition[];
      /**
       * How far sprmTDxaLeft would move the row's edges if it moved them (Word 97 describes it as an edit of the
       * edges; [MS-DOC] as the table's origin): rows of one table must agree on it for their columns to be certain.
       */
      shift?: number;
      problem?: undefined;
    }
  | { problem: string };

const TC80_SIZE = 20;

interface Draft {
  boundaries: number[];
  flags: number[];
  left?: number;
  gapHalf: number;
  problem?: string;
}

/** The definition of the row whose row end mark carries these grpprls (in the order they apply). */
export function rowDefinition(grpprls: Grpprl[]): RowDefinition {
  const draft: Draft = { boundaries: [], flags: [], gapHalf: 0 };
  let defined = false;
  for (const { buffer, start, end } of grpprls) {
    forEachPrl(buffer, start, end, (sprm, at, size) => {
      switch (sprm) {
        case SPRM.TDefTable:
          defineTable(draft, buffer, at + 2, at + size);
          defined = true;
          break;
        case SPRM.TDxaLeft:
          draft.left = buffer.readInt16LE(at);
          break;
        case SPRM.TDxaGapHalf:
          draft.gapHalf = buffer.readInt16LE(at);
          break;
        case SPRM.TMerge:
        case SPRM.TSplit:
          mergeRange(draft, buffer[at]!, buffer[at + 1]!, sprm === SPRM.TMerge);
          break;
        case SPRM.TVertMerge:
          verticalMerge(draft, buffer[at + 1]!, buffer[at + 2]!);
          break;
        case SPRM.TInsert:
        case SPRM.TDelete:
        case SPRM.TDxaCol:
          // Edits of an earlier definition (fast-saved files): how they move the following cells is not certain.
          draft.problem ??= 'the row was edited after its definition (cells inserted, deleted or resized)';
          break;
      }
    });
  }
  if (draft.problem) return { problem: draft.problem };
  if (!defined) return { problem: 'the row has no table definition' };
  const shift = draft.left === undefined ? 0 : draft.left - draft.gapHalf - (draft.boundaries[0] ?? 0);
  return { cells: cellsOf(draft), ...(shift !== 0 ? { shift } : {}) };
}

/** TDefTableOperand after its size: NumberOfColumns, rgdxaCenter (columns + 1 edges), rgTc80 (may be short). */
function defineTable(draft: Draft, buffer: Buffer, at: number, end: number): void {
  const columns = buffer[at]!;
  const edges = at + 1;
  const tcs = edges + (columns + 1) * 2;
  if (tcs > end) {
    draft.problem = 'the row definition is truncated';
    return;
  }
  draft.boundaries = Array.from({ length: columns + 1 }, (_, i) => buffer.readInt16LE(edges + i * 2));
  draft.flags = Array.from({ length: columns }, (_, i) =>
    tcs + (i + 1) * TC80_SIZE <= end ? buffer.readUInt16LE(tcs + i * TC80_SIZE) : 0,
  );
}

/** ItcFirstLim: cells first … lim-1 merged into one (legacy merge flags), or split apart again. */
function mergeRange(draft: Draft, first: number, lim: number, merge: boolean): void {
  for (let i = first; i < Math.min(lim, draft.flags.length); i++) {
    const cleared = draft.flags[i]! & ~0x0003;
    draft.flags[i] = merge ? cleared | (i === first ? 0x0001 : 0x0002) : cleared;
  }
}

/** VerticalMergeOperand after its size byte: the cell, then 0 (not merged), 1 (merged with above) or 3 (top cell). */
function verticalMerge(draft: Draft, cell: number, value: number): void {
  if (cell >= draft.flags.length) return;
  draft.flags[cell] = (draft.flags[cell]! & ~0x0060) | ((value & 0x03) << 5);
}

function cellsOf(draft: Draft): CellDefinition[] {
  return draft.flags.map((flags, i) => ({
    left: draft.boundaries[i]!,
    right: draft.boundaries[i + 1]!,
    horizontal: (flags & 0x0003) === 0 ? 'none' : (flags & 0x0003) === 1 ? 'first' : 'merged',
    vertical: (flags & 0x0060) === 0x0060 ? 'restart' : (flags & 0x0060) === 0x0020 ? 'continue' : 'none',
  }));
}
