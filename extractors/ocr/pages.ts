import { tableFromCells, type Block, type TableCell } from '../../src/core/model/document.js';
import { enclosingBox } from '../geometry/lattice.js';
import type { PageItem } from '../geometry/page-items.js';
import { stitchPages } from '../geometry/stitch.js';
import type { PictureReading } from './index.js';

/**
 * Pictures of consecutive pages (a multi-page TIFF scan, a scanned PDF) as one document's blocks: each block gets its
 * page, and a table that ends a page and continues at the top of the next one is joined to it, as the PDF reader
 * joins a text PDF's tables (extractors/geometry/stitch.ts). Cells keep their OCR readings; tables are renumbered.
 *
 * `pointsPerPixel` turns the pictures' pixels into the points the stitching tolerances are measured in (72 / dpi).
 */
export function joinPictures(pages: { page: number; reading: PictureReading }[], pointsPerPixel: number): Block[] {
  const pt = (v: number) => v * pointsPerPixel;
  const items: PageItem[][] = pages.map(({ page, reading }) =>
    reading.blocks.map((block): PageItem => {
      if (block.kind === 'text') {
        const [x0, y0, x1, y1] = block.box ?? [0, 0, 0, 0];
        return {
          kind: 'text',
          page,
          text: block.text,
          x0: pt(x0),
          y0: pt(y0),
          x1: pt(x1),
          y1: pt(y1),
          ...{ ocr: block.ocr, box: block.box },
        };
      }
      const cells = block.cells.map((c) => {
        const [x0, y0, x1, y1] = c.box ?? [0, 0, 0, 0];
        return { ...c, page, x0: pt(x0), y0: pt(y0), x1: pt(x1), y1: pt(y1) };
      });
      const xs = distinct(cells.flatMap((c) => [c.x0, c.x1]));
      return {
        kind: 'table',
        page,
        structure: 'ruled',
        cells,
        xs,
        rows: block.grid.length,
        ...enclosingBox(cells),
      };
    }),
  );
  let index = 0;
  return stitchPages(items).map((item): Block => {
    if (item.kind === 'text') {
      // The text item still carries the block's own box (pixels) and reading.
      const { ocr, box } = item as typeof item & Pick<Extract<Block, { kind: 'text' }>, 'ocr' | 'box'>;
      return { kind: 'text', text: item.text, page: item.page, ...(box ? { box } : {}), ...(ocr ? { ocr } : {}) };
    }
    const cells = item.cells.map(({ x0: _x0, y0: _y0, x1: _x1, y1: _y1, ...cell }) => cell as TableCell);
    return { ...tableFromCells(index++, cells, 'ocr'), pages: item.pages };
  });
}

function distinct(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) if (out.length === 0 || v - out[out.length - 1]! > 1) out.push(v);
  return out;
}
