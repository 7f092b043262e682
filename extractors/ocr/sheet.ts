import { recognise, type Language, type RecogniseOptions, type TextLine } from './recogniser.js';
import type { Grey } from './raster.js';

/**
 * Many small pictures (the writing of table cells, lines of text) read in one call to the recogniser: they are
 * stacked on one sheet with white space between them, and the lines it reads are given back to the piece they lie
 * on. One call per sheet instead of one per cell: the recogniser's fixed cost per call dominates for a cell of a
 * few digits. A line that falls between two pieces belongs to neither and leaves both unread.
 */

export interface Piece {
  image: Grey;
}

export interface PieceReading {
  /** The lines read on the piece, top to bottom, each a list of words. */
  lines: TextLine[];
  /** A line of the sheet straddled this piece and another: what was read cannot be told apart. */
  ambiguous: boolean;
}

/** Pieces per sheet: a sheet's height stays a few thousand pixels, where the recogniser's layout analysis is quick. */
const PIECES_PER_SHEET = 120;

export async function readPieces(
  language: Language,
  pieces: Piece[],
  options: RecogniseOptions & { gap: number },
): Promise<PieceReading[]> {
  const out: PieceReading[] = [];
  for (let start = 0; start < pieces.length; start += PIECES_PER_SHEET) {
    out.push(...(await readSheet(language, pieces.slice(start, start + PIECES_PER_SHEET), options)));
  }
  return out;
}

async function readSheet(
  language: Language,
  pieces: Piece[],
  options: RecogniseOptions & { gap: number },
): Promise<PieceReading[]> {
  const margin = options.gap;
  const width = Math.max(...pieces.map((p) => p.image.width)) + 2 * margin;
  const tops: number[] = [];
  let height = margin;
  for (const piece of pieces) {
    tops.push(height);
    height += piece.image.height + options.gap;
  }
  height += margin - options.gap;
  const data = new Uint8Array(width * height).fill(255);
  pieces.forEach((piece, i) => {
    const { image } = piece;
    for (let y = 0; y < image.height; y++)
      data.set(image.data.subarray(y * image.width, (y + 1) * image.width), (tops[i]! + y) * width + margin);
  });
  const lines = await recognise(language, { width, height, data }, options);
  const readings: PieceReading[] = pieces.map(() => ({ lines: [], ambiguous: false }));
  for (const line of lines) {
    if (line.text.trim() === '') continue;
    const touched = pieces
      .map((piece, i) => ({
        i,
        overlap: Math.min(line.box.y1, tops[i]! + piece.image.height) - Math.max(line.box.y0, tops[i]!),
      }))
      .filter((t) => t.overlap > 0);
    if (touched.length === 1) readings[touched[0]!.i]!.lines.push(shift(line, -margin, -tops[touched[0]!.i]!));
    else for (const t of touched) readings[t.i]!.ambiguous = true;
  }
  return readings;
}

function shift(line: TextLine, dx: number, dy: number): TextLine {
  const move = (r: { x0: number; y0: number; x1: number; y1: number }) => ({
    x0: r.x0 + dx,
    y0: r.y0 + dy,
    x1: r.x1 + dx,
    y1: r.y1 + dy,
  });
  return { text: line.text, box: move(line.box), words: line.words.map((w) => ({ ...w, box: move(w.box) })) };
}
