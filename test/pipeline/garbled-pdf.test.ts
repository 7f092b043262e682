import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { shutdownRecognisers } from '../../extractors/ocr/index.js';
import { extractFromBytes } from '../../src/pipeline/extract.js';
import { balancedReport, expectedValues } from '../fixtures/report-builder.js';
import { fixturePath, flagsOf } from '../helpers.js';

/**
 * A digital PDF whose fonts have no Unicode map: its text layer decodes to control characters and Latin-1 letters,
 * though its pages show the report. Made here from report-31.pdf (LibreOffice, embedded subset fonts) by renaming
 * each font's /ToUnicode key (same length, so the file's cross-reference offsets stay right): pdfjs-dist then
 * decodes glyph numbers, as it does for the PDFs agencies publish from some typesetting tools.
 */

afterAll(shutdownRecognisers);

function withoutUnicodeMaps(fixture: string): Buffer {
  const bytes = readFileSync(fixturePath(fixture));
  const garbled = Buffer.from(bytes.toString('latin1').replaceAll('/ToUnicode', '/ToUnicodX'), 'latin1');
  expect(garbled.length).toBe(bytes.length);
  return garbled;
}

describe('PDF pages whose text layer decodes to garbage', () => {
  it('are drawn and read by OCR, each page named in a warning, and every number read is the printed one', async () => {
    const bytes = withoutUnicodeMaps('report-31.pdf');
    const report = await extractFromBytes(bytes, 'report-31-garbled.pdf', fixturePath('report-31.pdf'));
    expect(report.reader).toBe('pdf+ocr');
    expect(report.tables.map((t) => t.key)).toEqual(['active', 'requests', 'review_litigation']);
    const printed = expectedValues(balancedReport(31));
    type At = { table: string; row: string; column: string };
    const printedAt = (c: At) => printed.get(`${c.table}:${c.row}:${c.column}`);
    const wrong = report.cells.filter((c) => c.kind !== 'unreadable' && printedAt(c) !== c.value);
    expect(wrong).toEqual([]);
    expect(report.cells.filter((c) => c.kind !== 'unreadable').length).toBeGreaterThanOrEqual(180);
    expect(flagsOf(report)).toEqual([]);
    expect(report.messages.filter((m) => m.code === 'garbled_text_layer').length).toBeGreaterThanOrEqual(1);
  });
});
