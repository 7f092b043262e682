/**
 * The audit view's data files, written by the exporter (src/view/exporter.ts) and read by the page
 * (src/view/browser/). A page opened from disk cannot fetch files, so each file is a script that hands its data to a
 * function the page defines: `xxgkMeta({…})`, `xxgkList([…])`, `xxgkReports(chunk, […])`, `xxgkPdf(key, base64)`.
 * The list is small per report (the page filters and sorts it whole); a report's details are in a chunk file the
 * page loads when the report is opened.
 */
declare namespace XxgkView {
  /** `legacy`: the pre-2019 statistics table, shown with its printed labels (docs/spec/legacy.md). */
  type TableKey = 'active' | 'requests' | 'review_litigation' | 'legacy';

  /** view/list.js: one row per input file, in file-name order. */
  type Row = [
    id: number,
    file: string,
    status: string,
    agency: string | null,
    /** The agency's name normalised as the rules across files group it (洪泽区人民政府 = 淮安市洪泽区人民政府). */
    agencyKey: string | null,
    year: number | null,
    reader: string | null,
    format: string | null,
    errors: number,
    warnings: number,
    /** The error-level rules that fail, space-separated. */
    rules: string,
    reason: string | null,
    /** Province, city, county, town as the agency's name prints them ('' where it does not). */
    places: [string, string, string, string],
    /** view/reports/<chunk>.js holds the report's details. */
    chunk: number,
  ];

  /** view/meta.js */
  interface Meta {
    version: string;
    reports: number;
    chunks: number;
    /** The folder (relative to index.html) holding pdf.js for drawing PDF pages; null when no PDF was copied. */
    pdfLibrary: string | null;
    /** Every template cell's key (`table:row:column`): a cell in a chunk file names its key by its place in this list. */
    refs: string[];
    template: Template;
    ruleTitles: Record<string, string>;
    /** The headings of a pre-2019 table's value columns, by key (`src/core/template/legacy.ts`). */
    legacyColumns: Record<string, string>;
    /** The years the agencies × years grid shows beside the batch's own (`--years`); null when not asked. */
    years: { from: number; to: number } | null;
  }

  interface Label {
    key: string;
    label: string;
  }

  interface Template {
    tables: (Label & { key: TableKey })[];
    active: Record<'2021' | '2019', { heading: string; rows: Label[]; columns: Label[] }[]>;
    requests: {
      rows: (Label & { level: number; group?: boolean; only?: '2021' | '2019' })[];
      columns: Label[];
      singleOther: Label;
    };
    review: { groups: Label[]; columns: Label[] };
  }

  /** A report as the page uses it, once its chunk is loaded (see ReportFile for how it is written). */
  interface Report {
    id: number;
    file: string;
    status: string;
    reason: string | null;
    agency: string | null;
    year: number | null;
    reader: string | null;
    format: string | null;
    pages: number | null;
    title: string | null;
    /** Where the original file was read from, and the link to it relative to index.html, to open it beside the view. */
    path: string | null;
    url: string | null;
    tables: { key: TableKey; version: string | null; sourceTables: number[]; pages: number[]; structure: string[] }[];
    cells: Cell[];
    findings: Finding[];
    /** The key of view/pdf/<key>.js, which holds the PDF (for reports with error-level findings): its pages are drawn in the page. */
    pdf: string | null;
    /** Pictures cells were read from by OCR (a web page's images), copied beside the view: `ocr.picture` → file. */
    pictures: Record<string, string>;
  }

  /** view/reports/<chunk>.js: a report with its cells written short (WireCell); the page expands them. */
  interface ReportFile extends Omit<Report, 'cells'> {
    cells: WireCell[];
  }

  /**
   * A cell as written: the key by its index in Meta.refs (or spelled out if not a template cell); kind left out when
   * `number`, the printed row label when it is the template's own; trailing absent fields dropped, 0 for one in between.
   */
  type WireCell = [
    ref: number | string,
    raw: string,
    value: number | null,
    page: number | null,
    box: [number, number, number, number] | null,
    table: number,
    row: number,
    col: number,
    kind?: string | 0,
    label?: string | 0,
    note?: string | 0,
    ocr?: Cell[11] | 0,
  ];

  type Cell = [
    ref: string,
    raw: string,
    value: number | null,
    kind: string,
    page: number | null,
    /** x0 y0 x1 y1 in PDF points from the page's top-left. */
    box: [number, number, number, number] | null,
    /** The table in the document, and the row and column in it (from 0). */
    table: number,
    row: number,
    col: number,
    /** The printed row label, when it differs from the template's ('' otherwise). */
    label: string,
    note: string | null,
    ocr: { confidence: number; picture: string | null; pixelBox: [number, number, number, number] | null } | null,
  ];

  interface Finding {
    rule: string;
    scope: string;
    severity: 'error' | 'warning' | 'info';
    message: string;
    expected: number | null;
    actual: number | null;
    /** The rule's name in Chinese. */
    title: string;
    cells: string[];
    /** A failing sum's two sides: `expected` is the left side's sum, `actual` the right's. */
    left: string[] | null;
    right: string[] | null;
    /** Tells the terms of the sum apart: their rows, or their columns. */
    by: 'row' | 'column' | null;
    /** The table it is about, to show it beside that table; null: the document as a whole. */
    concerns: TableKey | null;
  }
}
