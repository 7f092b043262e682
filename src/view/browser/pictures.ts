// Pictures of the pages with the involved cells' boxes drawn over them. PDF pages are drawn here, when a report is
// opened, by pdf.js from the copy of the PDF beside the view (drawing them while the batch runs would cost as much
// as reading the reports); pictures read by OCR (a web page's images) are shown as they are.

import { META } from './data.js';
import { appendChildren, h, loadScript, replaceChildren } from './util.js';

interface PdfjsViewport {
  width: number;
  height: number;
}
interface PdfjsPage {
  getViewport(options: { scale: number }): PdfjsViewport;
  render(options: { canvas: HTMLCanvasElement; canvasContext: CanvasRenderingContext2D; viewport: PdfjsViewport }): {
    promise: Promise<void>;
  };
}
interface PdfjsDocument {
  numPages: number;
  getPage(n: number): Promise<PdfjsPage>;
}
interface PdfjsLibrary {
  getDocument(parameters: Record<string, unknown>): { promise: Promise<PdfjsDocument> };
}

let pdfjsSources: { main: string; worker: string } | undefined;
const binaries = new Map<string, Uint8Array>();
const pdfFiles = new Map<string, Uint8Array>();

export function xxgkPdfjs(_version: string, main: string, worker: string): void {
  pdfjsSources = { main, worker };
}

export function xxgkBinary(kind: string, name: string, base64: string): void {
  binaries.set(`${kind}/${name}`, bytesOf(base64));
}

export function xxgkPdf(key: string, base64: string): void {
  pdfFiles.set(key, bytesOf(base64));
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let pdfjsLoading: Promise<PdfjsLibrary> | undefined;

/** pdf.js, imported from blob: URLs (a page opened from disk cannot import files), its worker code on this thread. */
function pdfjs(): Promise<PdfjsLibrary> {
  if (!pdfjsLoading) {
    pdfjsLoading = (async () => {
      if (!META.pdfLibrary) throw new Error('no PDF library in this view');
      await loadScript(`${META.pdfLibrary}/pdfjs.js`);
      if (!pdfjsSources) throw new Error('pdf.js did not load');
      const url = (source: string) => URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      const library = (await import(url(pdfjsSources.main))) as PdfjsLibrary;
      // A worker started from a blob: URL is refused to a page opened from disk; pdf.js then runs its worker code on
      // the page's own thread, which it takes from this global.
      (globalThis as unknown as { pdfjsWorker: unknown }).pdfjsWorker = await import(url(pdfjsSources.worker));
      return library;
    })();
    pdfjsLoading.catch(() => (pdfjsLoading = undefined));
  }
  return pdfjsLoading;
}

/** pdf.js asks for character maps, fonts and decoders by name: they are scripts beside the library. */
class EmbeddedBinaryData {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const key = `${kind}/${filename}`;
    if (!binaries.has(key)) await loadScript(`${META.pdfLibrary}/data/${kind}-${filename}.js`);
    const data = binaries.get(key);
    if (!data) throw new Error(`pdf.js data missing: ${key}`);
    return data.slice();
  }
}

const documents = new Map<string, Promise<PdfjsDocument>>();

function openPdf(key: string): Promise<PdfjsDocument> {
  let opening = documents.get(key);
  if (!opening) {
    opening = (async () => {
      const library = await pdfjs();
      if (!pdfFiles.has(key)) await loadScript(`view/pdf/${key}.js`);
      const data = pdfFiles.get(key);
      if (!data) throw new Error(`PDF ${key} missing`);
      return library.getDocument({
        data: data.slice(),
        BinaryDataFactory: EmbeddedBinaryData,
        useWorkerFetch: false,
        cMapUrl: 'embedded/',
        standardFontDataUrl: 'embedded/',
        wasmUrl: 'embedded/',
        isEvalSupported: false,
      }).promise;
    })();
    opening.catch(() => documents.delete(key));
    documents.set(key, opening);
  }
  return opening;
}

export interface Box {
  ref: string;
  box: [number, number, number, number];
  label: string;
  bad: boolean;
}

/** Pages are drawn one after another: drawing many at once would only make each wait longer. */
let drawing: Promise<unknown> = Promise.resolve();

export function drawPdfPage(key: string, pageNumber: number, boxes: Box[], width: number): HTMLElement {
  const frame = h(
    'div',
    { class: 'page-picture', 'data-page': pageNumber },
    h(
      'div',
      { class: 'muted', style: `padding:12px;width:${width}px` },
      `正在绘制第${pageNumber}页… / drawing page ${pageNumber}…`,
    ),
  );
  drawing = drawing.then(async () => {
    try {
      const document = await openPdf(key);
      const page = await document.getPage(pageNumber);
      const scale = width / page.getViewport({ scale: 1 }).width;
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: scale * ratio });
      const canvas = h('canvas', {
        width: Math.round(viewport.width),
        height: Math.round(viewport.height),
        style: `width:${Math.round(viewport.width / ratio)}px;height:${Math.round(viewport.height / ratio)}px`,
      });
      await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
      replaceChildren(
        frame,
        canvas,
        boxes.map((b) => boxElement(b, scale)),
      );
      frame.setAttribute('data-drawn', 'true');
    } catch (error) {
      replaceChildren(
        frame,
        h(
          'div',
          { class: 'finding warning', style: `width:${width}px` },
          `第${pageNumber}页未能绘制 / page could not be drawn: ${(error as Error).message}`,
        ),
      );
    }
  });
  return frame;
}

function boxElement(box: Box, scale: number): HTMLElement {
  const [x0, y0, x1, y1] = box.box;
  const style = `left:${x0 * scale - 2}px;top:${y0 * scale - 2}px;width:${(x1 - x0) * scale + 4}px;height:${(y1 - y0) * scale + 4}px`;
  return h(
    'div',
    { class: `box${box.bad ? '' : ' warn'}`, style, 'data-ref': box.ref, title: box.label },
    box.bad ? h('span', null, box.label) : null,
  );
}

/** A picture read by OCR, with the boxes of the involved cells (in the picture's pixels). */
export function pictureWithBoxes(src: string, boxes: Box[], width: number): HTMLElement {
  const frame = h('div', { class: 'page-picture' });
  const image = h('img', { src, alt: '', style: `max-width:${width}px` });
  image.onload = () => {
    const scale = image.clientWidth / image.naturalWidth;
    appendChildren(
      frame,
      boxes.map((b) => boxElement(b, scale)),
    );
    frame.setAttribute('data-drawn', 'true');
  };
  frame.appendChild(image);
  return frame;
}

/** Mark a cell's boxes on every picture of the page. */
export function pickBoxes(ref: string): void {
  document.querySelectorAll('.page-picture .box.picked').forEach((b) => b.classList.remove('picked'));
  document
    .querySelectorAll(`.page-picture .box[data-ref="${CSS.escape(ref)}"]`)
    .forEach((b) => b.classList.add('picked'));
}
