import type { Report } from '../core/model/report.js';

/**
 * One output of a run (the CSV files, the JSON files, the audit view, Parquet, …). A run hands every report to each
 * exporter in file-name order, then closes them; an exporter writes as reports come, so a batch never holds them all.
 */
export interface Exporter {
  add(report: Report, input: ExportInput): void | Promise<void>;
  /** Finish writing; returns what was written, as data resources (the datapackage.json descriptor lists them). */
  close(): Promise<DataResource[]>;
}

/** What an exporter may need besides the report: where the file is (to draw a PDF page beside a finding). */
export interface ExportInput {
  /** The file's absolute path when it was ingested. */
  path?: string;
  /** What the store knows its content by: the SHA-256 of its bytes (hex) and its extension, for a file read whole. */
  contentKey?: string;
}

/**
 * A file an exporter wrote, described as a Frictionless Data resource (https://specs.frictionlessdata.io/): tabular
 * files carry their schema; others (JSON, HTML) only their path and format.
 */
export interface DataResource {
  name: string;
  /** Relative to the output folder, with `/`. */
  path: string;
  format: 'csv' | 'parquet' | 'json' | 'jsonl' | 'html' | 'js' | string;
  mediatype?: string;
  description?: string;
  schema?: { fields: DataField[]; primaryKey?: string[] };
}

export interface DataField {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'any';
  /** What the field holds, in Chinese (the printed label for template cells) and English. */
  description: string;
  /** Frictionless field constraints: a value is always present, is one of a closed list, or matches a pattern. */
  constraints?: { required?: boolean; enum?: string[]; pattern?: string };
}
