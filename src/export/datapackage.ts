import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataResource } from './exporter.js';

/**
 * datapackage.json: a Frictionless Data descriptor (https://specs.frictionlessdata.io/data-package/) of everything a
 * run wrote, so that pandas, R (frictionless), Stata or Excel users know each column's type and meaning without
 * reading the code. Tabular resources state how the CSV files are written: UTF-8 with a BOM, RFC 4180, CRLF; an empty
 * field is a missing value. The descriptor holds nothing run-specific (no date), so the same inputs give the same file.
 */

const DATA_PACKAGE_FILE = 'datapackage.json';

const CSV_DIALECT = { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true };

function dataPackage(resources: DataResource[]): object {
  return {
    profile: 'data-package',
    name: 'xxgk-annual-reports',
    title: '政府信息公开工作年度报告数据 / government information-disclosure annual reports as data',
    description:
      '由 xxgk 从年度报告中读出并审核的数字。每个数字保留原文和位置。/ Numbers read from the reports and audited by xxgk; every number keeps its printed text and where it was found.',
    resources: resources.map(describe),
  };
}

function describe(resource: DataResource): object {
  if (!resource.schema) return { ...resource, mediatype: resource.mediatype ?? mediatype(resource.format) };
  return {
    ...resource,
    profile: 'tabular-data-resource',
    mediatype: resource.mediatype ?? mediatype(resource.format),
    ...(resource.format === 'csv' ? { encoding: 'utf-8', dialect: CSV_DIALECT } : {}),
    schema: { ...resource.schema, missingValues: [''] },
  };
}

function mediatype(format: string): string | undefined {
  return {
    csv: 'text/csv',
    json: 'application/json',
    jsonl: 'application/jsonl',
    html: 'text/html',
    js: 'text/javascript',
    parquet: 'application/vnd.apache.parquet',
  }[format];
}

export async function writeDataPackage(outDir: string, resources: DataResource[]): Promise<DataResource> {
  await writeFile(join(outDir, DATA_PACKAGE_FILE), `${JSON.stringify(dataPackage(resources), null, 2)}\n`);
  return { name: 'datapackage', path: DATA_PACKAGE_FILE, format: 'json' };
}
