import { readFileSync } from 'node:fs';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { MAX_RENDER_PIXELS, renderPdfPages } from '../../../extractors/pdf/render.js';
import { corpusPath } from '../../helpers.js';

describe('renderPdfPages', () => {
  it('draws the asked pages of a PDF at the asked scale, as PNG pictures with ink on them', async () => {
    const pages = await renderPdfPages(readFileSync(corpusPath('huaian-city-gov-2024.pdf')), [3, 99, 1], 1.5);
    expect(pages.map((p) => p.page)).toEqual([1, 3]);
    const page3 = pages[1]!;
    // An A4 page is 595 × 842 points.
    expect(page3.width).toBe(Math.round(595.3 * 1.5));
    expect(page3.scale).toBeCloseTo(1.5, 2);
    const image = await loadImage(page3.png);
    expect([image.width, image.height]).toEqual([page3.width, page3.height]);
    // Text and table rulings leave dark pixels; a blank render would be all white.
    const canvas = createCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const data = context.getImageData(0, 0, image.width, image.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 100) dark++;
    expect(dark / (image.width * image.height)).toBeGreaterThan(0.01);
  });

  it('caps the size of the picture, whatever the scale asked', async () => {
    const [page] = await renderPdfPages(readFileSync(corpusPath('huaian-city-gov-2024.pdf')), [1], 100);
    expect(page!.width * page!.height).toBeLessThanOrEqual(MAX_RENDER_PIXELS * 1.01);
  });
});
