import { readFileSync } from 'node:fs';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { ReadError } from '../../../extractors/errors.js';
import { readImage } from '../../../extractors/image.js';
import { readDocument } from '../../../extractors/index.js';
import { readPicture, shutdownRecognisers, type PictureSource } from '../../../extractors/ocr/index.js';
import type { TableBlock, TableCell } from '../../../src/core/model/document.js';
import { extractReport } from '../../../src/pipeline/extract.js';
import { ocrExpected, ocrReport, OCR_TABLE_ROWS } from '../../fixtures/ocr-pictures.js';
import { fixturePath } from '../../helpers.js';

/**
 * OCR of pictures, on pictures drawn from reports with known values (scripts/fixtures/make-ocr-fixtures.sh): what is
 * read must be what is printed, and what cannot be read for certain must be left unread.
 */

const picture = (name: string) => fixturePath(`ocr/${name}`);
const encoded = (name: string): PictureSource => ({ kind: 'encoded', bytes: readFileSync(picture(name)), name });
const tablesOf = (blocks: { kind: string }[]) => blocks.filter((b): b is TableBlock => b.kind === 'table');
/** The grid as rows of origin-cell texts (a spanning cell once, in its first slot). */
const rowsOf = (table: TableBlock) =>
  table.grid.map((row, r) =>
    row.flatMap((i, c) =>
      i >= 0 && table.cells[i]!.row === r && table.cells[i]!.col === c ? [table.cells[i]!.text] : [],
    ),
  );
const cellAt = (table: TableBlock, row: number, col: number): TableCell => table.cells[table.grid[row]![col]!]!;

async function refusal(source: Promise<unknown>): Promise<ReadError> {
  const error = await source.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReadError);
  return error as ReadError;
}

afterAll(() => shutdownRecognisers());

describe('OCR: a table published as a picture', () => {
  it('rebuilds the grid with its spans and reads every cell as printed, each number confirmed', async () => {
    const reading = await readPicture(encoded('table.png'), { content: 'table' });
    const [table] = tablesOf(reading.blocks);
    expect(table!.structure).toBe('ocr');
    expect(table!.grid.length).toBe(OCR_TABLE_ROWS.length);
    expect(table!.grid[0]!.length).toBe(4);
    // The heading row is one cell across the four columns.
    expect(cellAt(table!, 0, 0)).toMatchObject({ colSpan: 4 });
    expect(cellAt(table!, 0, 3)).toBe(cellAt(table!, 0, 0));
    const rows = rowsOf(table!);
    expect(rows.slice(2)).toEqual([
      ['行政许可', '137', '-3', '254.1'],
      ['其他对外管理服务事项', '—', '无', ''],
      ['行政处罚', '1,204', '0', '11'],
    ]);
    for (const [r, c] of [
      [2, 1],
      [2, 2],
      [2, 3],
      [3, 1],
      [3, 2],
      [4, 1],
      [4, 2],
      [4, 3],
    ] as const) {
      expect(cellAt(table!, r, c).ocr, `row ${r} column ${c}`).toMatchObject({ confirmed: true, picture: 'table.png' });
      expect(cellAt(table!, r, c).ocr!.confidence).toBeGreaterThan(0.7);
    }
    // An empty cell holds no ink at all: it is empty for certain.
    expect(cellAt(table!, 3, 3).ocr).toMatchObject({ confirmed: true, confidence: 1 });
    expect(reading.messages).toEqual([]);
  });

  it('gives every cell its box in the picture', async () => {
    const reading = await readPicture(encoded('table.png'), { content: 'table' });
    const [table] = tablesOf(reading.blocks);
    for (const cell of table!.cells) {
      const [x0, y0, x1, y1] = cell.ocr!.pixelBox!;
      expect(x0).toBeGreaterThanOrEqual(0);
      expect(y0).toBeGreaterThanOrEqual(0);
      expect(x1).toBeLessThanOrEqual(reading.width);
      expect(y1).toBeLessThanOrEqual(reading.height);
    }
    // Columns left to right, rows top to bottom.
    expect(cellAt(table!, 2, 1).box![0]).toBeLessThan(cellAt(table!, 2, 2).box![0]);
    expect(cellAt(table!, 2, 1).box![1]).toBeLessThan(cellAt(table!, 3, 1).box![1]);
  });

  it('leaves a number it cannot read for certain unread, with a warning naming the cell, and never guesses it', async () => {
    // The table with a band rubbed out across the middle of "137" (pixels 126–129 of its 118–140): one reading finds
    // nothing there, the other reads 157 with high confidence. Either alone would have been taken.
    const source = await rubbedOut('table.png', { x: 560, y: 126, w: 70, h: 4 });
    const reading = await readPicture(source, { content: 'table' });
    const [table] = tablesOf(reading.blocks);
    const cell = cellAt(table!, 2, 1);
    expect(cell.text === '137' && cell.ocr!.confirmed).toBe(false);
    expect(cell.ocr!.confirmed).toBe(false);
    expect(reading.messages.map((w) => w.code)).toContain('ocr_unconfirmed');
    expect(reading.messages[0]!.message).toContain('row 3 column 2');
    // The other numbers are still read.
    expect(cellAt(table!, 2, 3)).toMatchObject({ text: '254.1', ocr: { confirmed: true } });
  });

  it('reads print on dark, yellowed paper (grey ink on grey paper is print, not a photograph)', async () => {
    // The table's greys squeezed into 76–204: paper at 204, ink at 76.
    const source = await transformed('table.png', (grey) => 76 + Math.round((grey * 128) / 255));
    const reading = await readPicture(source, { content: 'table' });
    const [table] = tablesOf(reading.blocks);
    expect(rowsOf(table!)[2]).toEqual(['行政许可', '137', '-3', '254.1']);
    expect(cellAt(table!, 2, 3).ocr!.confirmed).toBe(true);
  });

  it('refuses a picture of a table without ruling lines, saying so', async () => {
    const error = await refusal(readPicture(encoded('table-no-rulings.png'), { content: 'table' }));
    expect(error.code).toBe('unreadable');
    expect(error.message).toContain('no ruled table');
  });
});

describe('OCR: pictures of report pages become reports', () => {
  const expected = ocrExpected(ocrReport());

  it('a clean page: title, sections and all three tables; every number read is the printed one', async () => {
    const report = await extractReport(picture('report-page.png'), { name: 'report-page.png' });
    expect(report).toMatchObject({ reader: 'ocr', agency: '示例县市场监督管理局', year: 2023, formatVersion: '2019' });
    expect(report.tables.map((t) => t.key).sort()).toEqual(['active', 'requests', 'review_litigation']);
    const { wrong, read } = compare(report.cells, expected);
    expect(wrong).toEqual([]);
    expect(read).toBeGreaterThanOrEqual(Math.floor(expected.size * 0.98));
    const number = report.cells.find((c) => c.kind === 'ocr')!;
    expect(number.source.ocr).toMatchObject({ confirmed: true, picture: 'report-page.png' });
  });

  it('a scanned page (rotated 2°, grey, noisy JPEG) is straightened and read, and no number is wrong', async () => {
    const report = await extractReport(picture('report-scan.jpg'), { name: 'report-scan.jpg' });
    expect(report).toMatchObject({ reader: 'ocr', agency: '示例县市场监督管理局', year: 2023 });
    const { wrong, read, unread } = compare(report.cells, expected);
    expect(wrong).toEqual([]);
    expect(read).toBeGreaterThanOrEqual(Math.floor(expected.size * 0.95));
    // Whatever was left unread is said so, and no error-level finding rests on it.
    if (unread > 0) expect(report.findings.some((f) => f.rule === 'ocr_unconfirmed')).toBe(true);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a multi-page TIFF scan: each page read, a blank page named in a warning', async () => {
    const output = await readImage(readFileSync(picture('scan.tif')), { name: 'scan.tif' });
    expect(output.value.pageCount).toBe(2);
    const [table] = tablesOf(output.value.blocks);
    expect(cellAt(table!, 2, 1)).toMatchObject({ text: '137', ocr: { confirmed: true, picture: 'scan.tif page 1' } });
    expect(cellAt(table!, 2, 3)).toMatchObject({ text: '254.1', ocr: { confirmed: true } });
    // Bilevel fax compression thins the minus sign: read as printed, or left unread — never as 3.
    const change = cellAt(table!, 2, 2);
    expect(change.text === '-3' || !change.ocr!.confirmed).toBe(true);
    expect(output.messages).toContainEqual(
      expect.objectContaining({ code: 'read', message: expect.stringMatching(/^blank: scan\.tif page 2 is blank/) }),
    );
  });

  it('picture files are recognised by their bytes, whatever their name', async () => {
    const error = await refusal(readDocument(readFileSync(picture('thumbnail.png')), { name: 'table.dat' }));
    expect(error.code).toBe('unreadable');
  });
});

describe('OCR: pictures that cannot be read are refused with a reason', () => {
  it('a decompression bomb, from its header alone', async () => {
    const error = await refusal(readPicture(encoded('bomb.png'), { content: 'page' }));
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('60000 × 60000');
  });

  it('a file cut short', async () => {
    expect((await refusal(readPicture(encoded('corrupt.png'), { content: 'page' }))).code).toBe('truncated');
  });

  it('bytes that are no picture', async () => {
    const source: PictureSource = { kind: 'encoded', bytes: Buffer.from('not a picture at all'), name: 'x.png' };
    expect((await refusal(readPicture(source, { content: 'page' }))).code).toBe('unsupported');
  });

  it('a blank page', async () => {
    expect((await refusal(readPicture(encoded('blank.png'), { content: 'page' }))).code).toBe('blank');
  });

  it('a thumbnail too small to read', async () => {
    const error = await refusal(readPicture(encoded('thumbnail.png'), { content: 'table' }));
    expect(error.code).toBe('unreadable');
    expect(error.message).toContain('too small');
  });

  it('a picture tilted beyond what is straightened', async () => {
    const error = await refusal(readPicture(encoded('table-tilted.png'), { content: 'table' }));
    expect(error.code).toBe('unreadable');
    expect(error.message).toContain('tilted');
  });

  it('a photograph rather than a printed page', async () => {
    const error = await refusal(readPicture(encoded('photo.jpg'), { content: 'page' }));
    expect(error.code).toBe('unreadable');
    expect(error.message).toContain('photograph');
  });
});

function compare(
  cells: { table: string; row: string; column: string; value: number | null; kind: string }[],
  expected: Map<string, number | null>,
) {
  const wrong: string[] = [];
  let read = 0;
  let unread = 0;
  for (const cell of cells) {
    const key = `${cell.table}:${cell.row}:${cell.column}`;
    if (cell.kind === 'unreadable') {
      unread++;
      continue;
    }
    if (!expected.has(key) || expected.get(key) !== cell.value)
      wrong.push(`${key}: ${cell.value} ≠ ${expected.get(key)}`);
    else read++;
  }
  return { wrong, read, unread };
}

/** A fixture decoded, each grey mapped by `map`. */
async function transformed(name: string, map: (grey: number) => number): Promise<PictureSource> {
  const image = await loadImage(readFileSync(picture(name)));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const rgba = context.getImageData(0, 0, image.width, image.height).data;
  const data = new Uint8Array(image.width * image.height);
  for (let i = 0; i < data.length; i++) data[i] = map(rgba[i * 4]!);
  return { kind: 'pixels', width: image.width, height: image.height, channels: 1, data, name };
}

/** A fixture decoded, with a rectangle painted white: the picture's pixels as a PDF reader would hand them over. */
async function rubbedOut(
  name: string,
  { x, y, w, h }: { x: number; y: number; w: number; h: number },
): Promise<PictureSource> {
  const image = await loadImage(readFileSync(picture(name)));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  context.fillStyle = '#ffffff';
  context.fillRect(x, y, w, h);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  return { kind: 'pixels', width: image.width, height: image.height, channels: 4, data, name };
}
