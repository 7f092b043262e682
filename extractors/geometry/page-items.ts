import type { OcrReading } from '../../src/core/model/document.js';
import type { Box } from './lattice.js';

/**
 * A page's content as the table readers hand it on: tables with their cells, and text, each with its box. The PDF
 * reader lays out digital pages into these, the OCR reader scanned ones; stitching joins them across pages.
 */

/** Boxes are in the page's upright frame (orientation.ts); `shown`, where set, is the box on the page as displayed. */
export interface Shown {
  shown?: Box;
}

export interface PageCell extends Box, Shown {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  page: number;
  /** Read from a scanned page by OCR. */
  ocr?: OcrReading;
}

export interface PageTable extends Box, Shown {
  kind: 'table';
  page: number;
  /** `ocr`: ruling lines found in a scanned page's pixels, cells read by OCR. */
  structure: 'ruled' | 'text-aligned' | 'ocr';
  cells: PageCell[];
  /** Column boundaries (for stitching a table continued on the next page). */
  xs: number[];
  rows: number;
  /** Label lines above a table without rulings that continue the last row of the page before (wrapped.ts). */
  continued?: PageCell[];
}

export interface PageText extends Box, Shown {
  kind: 'text';
  page: number;
  text: string;
  /** Read from a scanned page by OCR. */
  ocr?: OcrReading;
  emphasis?: boolean;
}

export type PageItem = PageTable | PageText;
