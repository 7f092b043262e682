import { z } from 'zod';

/**
 * The common document model every reader produces: ordered blocks of text and tables, each knowing where it came
 * from. Everything after the readers (locating, normalising, auditing) works on this model only.
 */

/**
 * A box [x0, y0, x1, y1] from the top-left corner: in PDF points on a page, or in pixels of a picture when the
 * cell or block was read from one (`ocr.picture`).
 */
export const boxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type Box = z.infer<typeof boxSchema>;

/**
 * How a text was read from a picture by OCR. A reading is `confirmed` only when it is unambiguous (independent
 * passes agree, confidence high); an unconfirmed reading is never reported as a number (docs/spec/template.md
 * "Numbers read from pictures").
 */
export const ocrReadingSchema = z.object({
  /** The recogniser's confidence, 0–1. */
  confidence: z.number().min(0).max(1),
  confirmed: z.boolean(),
  /** The picture the text was read from: a file path relative to the document, `data:` for an inline picture, `page N` for a scanned PDF page. */
  picture: z.string().optional(),
  /** The box in the picture's pixels (the cell's `box` is in points on a PDF page). */
  pixelBox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
});
export type OcrReading = z.infer<typeof ocrReadingSchema>;

const tableCellSchema = z.object({
  /** Top-left grid slot of the cell. */
  row: z.number().int().nonnegative(),
  col: z.number().int().nonnegative(),
  rowSpan: z.number().int().positive(),
  colSpan: z.number().int().positive(),
  /** The cell's text as printed, lines joined with "\n". */
  text: z.string(),
  page: z.number().int().positive().optional(),
  box: boxSchema.optional(),
  /** Present when the text was read from a picture. */
  ocr: ocrReadingSchema.optional(),
});
export type TableCell = z.infer<typeof tableCellSchema>;

const tableBlockSchema = z.object({
  kind: z.literal('table'),
  /** Position of the table among the document's tables, from 0. */
  index: z.number().int().nonnegative(),
  cells: z.array(tableCellSchema),
  /**
   * grid[r][c] is the index in `cells` of the cell covering slot (r, c), or -1 where no cell covers it
   * (ragged rows). Spans are expanded: every slot of a merged cell points at the same origin cell.
   */
  grid: z.array(z.array(z.number().int())),
  /**
   * How the structure was obtained: markup (HTML/DOCX), ruled lines (PDF), text alignment (lower confidence), cells
   * split by tabs or pipes in a text copy (empty cells kept, positions shifted), or a label and numbers split by
   * spaces in a text copy (an empty cell leaves no trace at all), or ruling lines found in a picture and its cells
   * read by OCR.
   */
  structure: z.enum(['markup', 'ruled', 'text-aligned', 'text-separated', 'text-spaced', 'ocr']),
  pages: z.array(z.number().int().positive()).optional(),
});
export type TableBlock = z.infer<typeof tableBlockSchema>;

const textBlockSchema = z.object({
  kind: z.literal('text'),
  text: z.string(),
  /** The reader saw heading markup (h1–h6, bold-only paragraph, Word heading style). A hint, not a rule. */
  emphasis: z.boolean().optional(),
  page: z.number().int().positive().optional(),
  box: boxSchema.optional(),
  /** Present when the text was read from a picture. */
  ocr: ocrReadingSchema.optional(),
});
export type TextBlock = z.infer<typeof textBlockSchema>;

const blockSchema = z.discriminatedUnion('kind', [textBlockSchema, tableBlockSchema]);
export type Block = z.infer<typeof blockSchema>;

export const documentSchema = z.object({
  /** Title given by the container (HTML <title>, PDF metadata), when there is one. */
  title: z.string().optional(),
  blocks: z.array(blockSchema),
  pageCount: z.number().int().nonnegative().optional(),
});
export type DocumentModel = z.infer<typeof documentSchema>;

/** Build a table block from cells placed on a grid, filling the slot index (the HTML table "slot" model). */
export function tableFromCells(index: number, cells: TableCell[], structure: TableBlock['structure']): TableBlock {
  const rows = Math.max(0, ...cells.map((c) => c.row + c.rowSpan));
  const cols = Math.max(0, ...cells.map((c) => c.col + c.colSpan));
  const grid: number[][] = Array.from({ length: rows }, () => new Array<number>(cols).fill(-1));
  cells.forEach((cell, i) => {
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
      for (let c = cell.col; c < cell.col + cell.colSpan; c++) grid[r]![c] = i;
    }
  });
  return { kind: 'table', index, cells, grid, structure };
}

/** Build a table from rows of cell texts with no spans (text copies, markdown). */
export function tableFromRows(index: number, rows: string[][], structure: TableBlock['structure']): TableBlock {
  const cells: TableCell[] = [];
  rows.forEach((row, r) => row.forEach((text, c) => cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1, text })));
  return tableFromCells(index, cells, structure);
}
