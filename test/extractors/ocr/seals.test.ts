import { readFileSync } from 'node:fs';
import { createCanvas, loadImage, type SKRSContext2D } from '@napi-rs/canvas';
import { afterAll, describe, expect, it } from 'vitest';
import { isGarbledText } from '../../../extractors/pdf/garbled.js';
import { readPicture, shutdownRecognisers, type PictureSource } from '../../../extractors/ocr/index.js';
import type { TableBlock } from '../../../src/core/model/document.js';
import { OCR_TABLE_ROWS } from '../../fixtures/ocr-pictures.js';
import { fixturePath } from '../../helpers.js';

/**
 * Scans as agencies publish them: a coloured seal stamped across the table, light falling unevenly on a photographed
 * page, a text layer that decodes to garbage. Exact or silent: a number read is the one printed in that cell.
 */

afterAll(() => shutdownRecognisers());

/** The fixture table (test/fixtures/ocr/table.png) with something drawn over it, as RGBA pixels. */
type Drawing = (context: SKRSContext2D, width: number, height: number) => void;

async function drawnOver(draw: Drawing, name: string): Promise<PictureSource> {
  const image = await loadImage(readFileSync(fixturePath('ocr/table.png')));
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, image.width, image.height);
  context.drawImage(image, 0, 0);
  draw(context, image.width, image.height);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  return { kind: 'pixels', width: image.width, height: image.height, channels: 4, data, name };
}

/** A seal (公章): a thick ring, a star and writing, multiplied over the print as ink on paper is. */
function seal(colour: string, x: number, y: number, radius: number) {
  return (context: SKRSContext2D) => {
    context.globalCompositeOperation = 'multiply';
    context.strokeStyle = colour;
    context.fillStyle = colour;
    context.lineWidth = Math.max(3, radius / 12);
    context.beginPath();
    context.arc(x, y, radius, 0, Math.PI * 2);
    context.stroke();
    context.font = `${Math.round(radius / 3)}px sans-serif`;
    context.fillText('★', x - radius / 6, y);
    context.fillText('人民政府办公室', x - radius * 0.8, y + radius / 2);
    context.globalCompositeOperation = 'source-over';
  };
}

/** Every number read and confirmed is the one printed in its cell; returns how many were. */
function checkNumbers(table: TableBlock): number {
  let confirmed = 0;
  for (const cell of table.cells) {
    if (!cell.ocr?.confirmed || !/\d/.test(cell.text)) continue;
    expect(cell.text, `row ${cell.row} column ${cell.col}`).toBe(OCR_TABLE_ROWS[cell.row]![cell.col]);
    confirmed++;
  }
  return confirmed;
}

const tableOf = (blocks: { kind: string }[]) => blocks.find((b): b is TableBlock => b.kind === 'table');

describe('OCR: seals and uneven light', () => {
  for (const [colour, ink] of [
    ['red', 'rgb(225, 30, 40)'],
    ['blue', 'rgb(40, 60, 210)'],
  ] as const) {
    it(`a ${colour} seal across the rulings and the numbers is taken away by its colour`, async () => {
      const source = await drawnOver((c, w, h) => seal(ink, w * 0.55, h * 0.6, h * 0.45)(c), `${colour}-seal.png`);
      const reading = await readPicture(source, { content: 'table' });
      const table = tableOf(reading.blocks)!;
      expect(table.grid[0]!.length).toBe(4);
      expect(checkNumbers(table)).toBeGreaterThanOrEqual(6);
    });
  }

  it('a table printed in blue is print, not a seal: it is read', async () => {
    const source = await drawnOver((c, w, h) => {
      c.globalCompositeOperation = 'screen';
      c.fillStyle = 'rgb(20, 60, 0)';
      c.fillRect(0, 0, w, h);
    }, 'blue-table.png');
    const reading = await readPicture(source, { content: 'table' });
    expect(checkNumbers(tableOf(reading.blocks)!)).toBeGreaterThanOrEqual(6);
  });

  it('a picture darker at its corners than at its middle (a photographed page) is read as if lit evenly', async () => {
    const source = await drawnOver((c, w, h) => {
      const light = c.createRadialGradient(w / 2, h / 2, Math.min(w, h) / 4, w / 2, h / 2, Math.max(w, h) * 0.7);
      light.addColorStop(0, 'rgb(255, 255, 255)');
      light.addColorStop(1, 'rgb(110, 105, 95)');
      c.globalCompositeOperation = 'multiply';
      c.fillStyle = light;
      c.fillRect(0, 0, w, h);
    }, 'vignetted.png');
    const reading = await readPicture(source, { content: 'table' });
    const table = tableOf(reading.blocks)!;
    expect(table.grid.length).toBe(OCR_TABLE_ROWS.length);
    expect(checkNumbers(table)).toBeGreaterThanOrEqual(6);
  });
});

describe('PDF text layers that decode to garbage', () => {
  it('control characters and Latin-1 letters from fonts without a Unicode map are garbage', () => {
    // As pdfjs-dist decodes a generated report whose fonts lack ToUnicode (glyph numbers as characters).
    const page = '\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b \u0001\u0002\u0001\u0003 \u000e\u000f\u0010\u0011';
    expect(isGarbledText([page, '¥μ\\á∂∑9∏í \u0002 \u0002 \u0004©Üáπc°~ï\u0010\u0011'])).toBe(true);
    const privateUse = Array.from({ length: 24 }, (_, i) => String.fromCodePoint(0xe001 + i)).join('');
    expect(isGarbledText([privateUse])).toBe(true);
  });

  it('a Chinese page, a table of digits, a page of a few words keep their text', () => {
    const chinese = '本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告中所列数据的统计期限自2022年1月1日起';
    expect(isGarbledText([chinese])).toBe(false);
    expect(isGarbledText(['12 0 0 3 45 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21'])).toBe(false);
    expect(isGarbledText(['第 3 页'])).toBe(false);
    const link = 'http://www.gov.cn/zhengce/content/2019-04/15/content_5382991.htm 政府信息公开';
    expect(isGarbledText([link])).toBe(false);
  });
});
