/**
 * Property modifiers ([MS-DOC] Sprm, Prl): Word stores the properties of paragraphs, characters and
 * table rows as lists of differences ("grpprl"), each a 16-bit code followed by an operand whose size the code's
 * top three bits give.
 */

/** The property modifiers the .doc reader acts on. */
export const SPRM = {
  /** Paragraph in a table (byte). */
  PFInTable: 0x2416,
  /** Table-terminating paragraph: the row end mark of a depth-1 table (byte). */
  PFTtp: 0x2417,
  /** Table depth (int32), and a change to it (int32). */
  PItap: 0x6649,
  PDtap: 0x664a,
  /** Cell end and row end marks of tables nested deeper than 1 (byte). */
  PFInnerTableCell: 0x244b,
  PFInnerTtp: 0x244c,
  /** A row's cell boundaries and cell flags (TDefTableOperand), and the older Word 6 form of it. */
  TDefTable: 0xd608,
  TDefTable10: 0xd606,
  /** The row's left edge (XAS): moves every boundary. */
  TDxaLeft: 0x9601,
  /** Half the space between cells; the row's origin is sprmTDxaLeft minus it. */
  TDxaGapHalf: 0x9602,
  /** Edits of the row definition: insert, delete, resize, merge and split cells; vertical merge of one cell. */
  TInsert: 0x7621,
  TDelete: 0x5622,
  TDxaCol: 0x7623,
  TMerge: 0x5624,
  TSplit: 0x5625,
  TVertMerge: 0xd62b,
  /** Paragraph properties stored in the Data stream (PrcData), by offset (int32); Word 97 used the first code. */
  PHugePapx97: 0x6645,
  PHugePapx: 0x6646,
  /** Tab stops: the one operand whose size is not given by its first byte. */
  PChgTabs: 0xc615,
  /** Character properties: deleted revision, bold, special character (byte). */
  CFRMarkDel: 0x0800,
  CFBold: 0x0835,
  CFSpec: 0x0855,
} as const;

/** A grpprl: the bytes from start to end of a buffer. */
export interface Grpprl {
  buffer: Buffer;
  start: number;
  end: number;
}

/** Called with each modifier: its code, the offset of its operand in the buffer, and the operand's size. */
export type PrlVisitor = (sprm: number, at: number, size: number) => void;

const FIXED_SIZE = [1, 1, 2, 4, 2, 2, -1, 3];

/**
 * Visits the property modifiers of a grpprl, in order. A modifier running past the end of the list ends it: a
 * truncated list gives what it holds, never bytes from beyond it. (A visitor, not an iterator: this runs for every
 * paragraph and row of a document.)
 */
export function forEachPrl(buffer: Buffer, start: number, end: number, visit: PrlVisitor): void {
  let at = start;
  while (at + 2 <= end) {
    const sprm = buffer[at]! | (buffer[at + 1]! << 8);
    const size = operandSize(buffer, sprm, at + 2, end);
    if (size < 0 || at + 2 + size > end) return;
    visit(sprm, at + 2, size);
    at += 2 + size;
  }
}

function operandSize(buffer: Buffer, sprm: number, at: number, end: number): number {
  const fixed = FIXED_SIZE[sprm >> 13]!;
  if (fixed > 0) return fixed;
  if (sprm === SPRM.TDefTable || sprm === SPRM.TDefTable10) {
    // A 16-bit count of the bytes that follow it, plus one.
    return at + 2 <= end ? buffer.readUInt16LE(at) + 1 : -1;
  }
  if (at >= end) return -1;
  const cb = buffer[at]!;
  if (sprm === SPRM.PChgTabs && cb === 255) {
    // The tabs deleted (with their close distances) and added, each list prefixed by its count.
    const deleted = buffer[at + 1] ?? 0;
    const added = buffer[at + 2 + deleted * 4] ?? 0;
    return 1 + 1 + deleted * 4 + 1 + added * 3;
  }
  return 1 + cb;
}
