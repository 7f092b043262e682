import { createCanvas, type Canvas } from '@napi-rs/canvas';
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf } from './pdfjs.js';

/**
 * Pages drawn to pixels by pdfjs-dist on an @napi-rs/canvas canvas: what OCR reads on a scanned page, and the
 * picture the audit view shows beside a finding. `scale` is pixels per PDF point (1 = 72 dpi).
 */

/** No page is drawn larger than this many pixels (a 600 dpi A4 page is 35 M): a malicious page size cannot exhaust memory. */
export const MAX_RENDER_PIXELS = 40_000_000;

export async function renderPage(page: PDFPageProxy, scale: number): Promise<Canvas> {
  const unscaled = page.getViewport({ scale: 1 });
  const fit = Math.min(scale, Math.sqrt(MAX_RENDER_PIXELS / Math.max(1, unscaled.width * unscaled.height)));
  const viewport = page.getViewport({ scale: fit });
  const canvas = createCanvas(Math.max(1, Math.round(viewport.width)), Math.max(1, Math.round(viewport.height)));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  // pdfjs types name the DOM canvas; @napi-rs/canvas implements the part of it pdfjs draws with.
  await page.render({
    canvasContext: context as unknown as CanvasRenderingContext2D,
    canvas: canvas as unknown as HTMLCanvasElement,
    viewport,
  }).promise;
  return canvas;
}

export interface RenderedPage {
  page: number;
  /** Pixels per PDF point. */
  scale: number;
  width: number;
  height: number;
  png: Buffer;
}

/** Some pages of a PDF as PNG pictures (pages outside the document are skipped). */
export async function renderPdfPages(bytes: Uint8Array, pages: number[], scale: number): Promise<RenderedPage[]> {
  const pdf = await openPdf(bytes);
  try {
    const rendered: RenderedPage[] = [];
    for (const n of [...new Set(pages)].filter((p) => p >= 1 && p <= pdf.numPages).sort((a, b) => a - b)) {
      const page = await pdf.getPage(n);
      try {
        const canvas = await renderPage(page, scale);
        const actualScale = canvas.width / page.getViewport({ scale: 1 }).width;
        rendered.push({
          page: n,
          scale: actualScale,
          width: canvas.width,
          height: canvas.height,
          png: canvas.toBuffer('image/png'),
        });
      } finally {
        page.cleanup();
      }
    }
    return rendered;
  } finally {
    await pdf.destroy();
  }
}
