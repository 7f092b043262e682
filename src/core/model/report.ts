import { z } from 'zod';
import { boxSchema, ocrReadingSchema } from './document.js';
import { messageSchema } from './messages.js';

/**
 * The structured report every reader's output is normalised into. These zod schemas are the single source of the
 * model's types; every report is validated against them before it is written.
 */

/** The three template tables of 2019+, and `legacy`: the pre-2019 statistics table (docs/spec/legacy.md). */
const tableKeySchema = z.enum(['active', 'requests', 'review_litigation', 'legacy']);
/** The template's three statistical tables of 2019+, in its order (`legacy` is read apart). */
export const TABLE_KEYS = ['active', 'requests', 'review_litigation'] as const;

const sectionKeySchema = z.enum(['overview', 'active', 'requests', 'review_litigation', 'problems', 'other']);

/** Where a number was printed, so that an auditor can find it in seconds. */
const sourceSchema = z.object({
  /** Index of the table in the document (0-based), and the cell's grid slot in it. */
  table: z.number().int(),
  row: z.number().int(),
  col: z.number().int(),
  page: z.number().int().positive().optional(),
  box: boxSchema.optional(),
  /** The printed row label the cell was matched by. */
  label: z.string(),
  /** Present when the cell was read from a picture by OCR: confidence, the picture and the box in its pixels. */
  ocr: ocrReadingSchema.optional(),
});

export const cellSchema = z.object({
  table: tableKeySchema,
  row: z.string(),
  column: z.string(),
  /** The number; null when the cell is a total left empty (not stated) or could not be read. */
  value: z.number().nullable(),
  raw: z.string(),
  /** `ocr`: a number read from a picture, its reading confirmed (source.ocr says how sure). */
  kind: z.enum(['number', 'placeholder', 'empty', 'unreadable', 'ocr']),
  note: z.string().optional(),
  /** The unit printed beside the value (legacy tables' 计量单位: 条, 件, 人次, 元 …), as printed. */
  unit: z.string().optional(),
  source: sourceSchema,
});
export type Cell = z.infer<typeof cellSchema>;

export const findingSchema = z.object({
  rule: z.string(),
  /** A column key, row key or group key, per rule (docs/spec/template.md "Rules"). */
  scope: z.string(),
  /** `info`: a note that changes nothing a user relies on (a row read after dropping empty end cells…). */
  severity: z.enum(['error', 'warning', 'info']),
  expected: z.number().nullable(),
  actual: z.number().nullable(),
  message: z.string(),
  /** The cells involved, as `table:row:column`. */
  cells: z.array(z.string()),
});
export type Finding = z.infer<typeof findingSchema>;

export const reportStatusSchema = z.enum([
  /** Extracted; the rules ran on numbers that were read, and every one holds. */
  'ok',
  /** Extracted; at least one error-level rule fails. */
  'flagged',
  /** A report, but a table could not be found or read; what was found is kept. */
  'incomplete',
  /**
   * A report in which no number was read (a pre-2019 report whose tables are not read yet, a report with no tables):
   * no rule could run, so it is neither passed nor flagged (未核对; see reason).
   */
  'unchecked',
  /** Readable, but not an annual report. */
  'not_a_report',
  /** Scanned pages with no text layer that could not be read by OCR either (see reason). */
  'needs_ocr',
  /** Not a report of its own: a file saved with a web page (a picture in `<page>_files/`), read as part of it. */
  'attached',
  /** Could not be read at all (see reason). */
  'failed',
]);
export type ReportStatus = z.infer<typeof reportStatusSchema>;

export const formatVersionSchema = z.enum(['2021', '2019', 'hybrid', 'legacy']);
export type ReportFormat = z.infer<typeof formatVersionSchema>;

const sectionSchema = z.object({
  key: sectionKeySchema,
  heading: z.string(),
  /** The section's text blocks (tables left out). */
  text: z.string(),
});

const tableSummarySchema = z.object({
  key: tableKeySchema,
  /** The format the table's own labels show. */
  version: z.enum(['2021', '2019']).nullable(),
  /** Document tables the template table was assembled from. */
  sourceTables: z.array(z.number().int()),
  pages: z.array(z.number().int()),
  /** How the table structure was read: markup, ruled lines, or text alignment (lower confidence). */
  structure: z.array(z.string()),
  cells: z.number().int(),
});

/** Where the agency is (`src/core/places/`): each level's name and the GB/T 2260 code of the most specific. */
const placeSchema = z.object({
  code: z.string(),
  name: z.string(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  county: z.string().nullable(),
});

export const reportSchema = z.object({
  file: z.string(),
  status: reportStatusSchema,
  reason: z.string().optional(),
  reader: z.string().nullable(),
  encoding: z.string().optional(),
  pages: z.number().int().optional(),
  formatVersion: formatVersionSchema.nullable(),
  title: z.string().nullable(),
  agency: z.string().nullable(),
  year: z.number().int().nullable(),
  sections: z.array(sectionSchema),
  tables: z.array(tableSummarySchema),
  cells: z.array(cellSchema),
  findings: z.array(findingSchema),
  messages: z.array(messageSchema),
  /** Set when a batch is exported, with the batch's other agencies as hints; not kept in the store. */
  place: placeSchema.nullable().optional(),
});
export type Report = z.infer<typeof reportSchema>;

/** A cell's key as findings, the store and the view refer to it: `table:row:column`. */
export function cellRef(cell: { table: string; row: string; column: string }): string {
  return `${cell.table}:${cell.row}:${cell.column}`;
}
