import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { ReadError } from '../errors.js';
import { toPgm, type Grey, type Rect } from './raster.js';

/**
 * The text recogniser: Tesseract (tesseract.js, WebAssembly) with the language data the npm packages
 * @tesseract.js-data/chi_sim and /eng ship, read from node_modules — never fetched, never cached to disk. One
 * recogniser per language is started on first use (about half a second) and kept for the next pictures of this
 * thread; it does not keep the process alive while idle, and `shutdownRecognisers` ends it.
 */

export type Language = 'chi_sim' | 'eng';

/** Tesseract's page segmentation modes used here. */
export const PSM = { block: '6', line: '7', sparse: '11' } as const;

export interface RecogniseOptions {
  psm: (typeof PSM)[keyof typeof PSM];
  /** Only these characters may be read (Tesseract's tessedit_char_whitelist). */
  whitelist?: string;
}

interface Word {
  text: string;
  /** 0–1: the lowest confidence of the word's characters (one doubtful digit makes the number doubtful). */
  confidence: number;
  box: Rect;
}

export interface TextLine {
  text: string;
  box: Rect;
  words: Word[];
}

/** The language data: best_int, the accurate models that tesseract.js itself uses for LSTM recognition. */
function languagePath(language: Language): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve(`@tesseract.js-data/${language}/package.json`)), '4.0.0_best_int');
}

interface Recogniser {
  worker: Promise<Worker>;
  /** Recognitions under way: the worker holds the process open only while there are some. */
  busy: number;
}

const recognisers = new Map<Language, Recogniser>();

function recogniser(language: Language): Recogniser {
  let entry = recognisers.get(language);
  if (!entry) {
    const worker = createWorker(language, OEM.LSTM_ONLY, {
      langPath: languagePath(language),
      cacheMethod: 'none',
      gzip: true,
      // Without a handler tesseract.js rethrows a failed job as an uncaught exception; the job's promise rejects anyway.
      errorHandler: () => undefined,
    });
    entry = { worker, busy: 0 };
    recognisers.set(language, entry);
    worker.then(
      (w) => nodeWorker(w)?.unref(),
      () => recognisers.delete(language),
    );
  }
  return entry;
}

/** The thread tesseract.js runs the recogniser on (its `worker` field, not in its type declarations). */
function nodeWorker(worker: Worker): { ref(): void; unref(): void } | undefined {
  return (worker as unknown as { worker?: { ref(): void; unref(): void } }).worker;
}

/** Read the text of a picture, as lines of words with their boxes in the picture's pixels. */
export async function recognise(language: Language, image: Grey, options: RecogniseOptions): Promise<TextLine[]> {
  const entry = recogniser(language);
  let worker: Worker;
  try {
    worker = await entry.worker;
  } catch (error) {
    throw new ReadError('needs_ocr', `the ${language} text recogniser could not start: ${String(error)}`);
  }
  if (entry.busy++ === 0) nodeWorker(worker)?.ref();
  try {
    // debug_file: Tesseract's diagnostics ("Line cannot be recognized!!") go nowhere instead of to the console.
    const params: Record<string, string> = {
      tessedit_pageseg_mode: options.psm,
      tessedit_char_whitelist: options.whitelist ?? '',
      debug_file: '/dev/null',
    };
    // Pictures here are drawn at a known size; telling Tesseract so stops it guessing a resolution per sheet.
    params.user_defined_dpi = '300';
    const result = await worker.recognize(Buffer.from(toPgm(image)), params, { text: false, blocks: true });
    return toLines((result.data as unknown as { blocks: JsonBlock[] | null }).blocks ?? []);
  } finally {
    if (--entry.busy === 0) nodeWorker(worker)?.unref();
  }
}

/** End the recognisers (tests, and programs that call extractReport and want to exit at once). */
export async function shutdownRecognisers(): Promise<void> {
  const entries = [...recognisers.values()];
  recognisers.clear();
  await Promise.all(entries.map(async (e) => (await e.worker.catch(() => undefined))?.terminate()));
}

interface JsonBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface JsonSymbol {
  text: string;
  confidence: number;
  bbox: JsonBox;
}
interface JsonWord {
  text: string;
  confidence: number;
  bbox: JsonBox;
  symbols?: JsonSymbol[];
}
interface JsonLine {
  text: string;
  bbox: JsonBox;
  words: JsonWord[];
}
interface JsonBlock {
  paragraphs: { lines: JsonLine[] }[];
}

function toLines(blocks: JsonBlock[]): TextLine[] {
  return blocks.flatMap((block) =>
    block.paragraphs.flatMap((paragraph) =>
      paragraph.lines.map((line) => ({
        text: line.text.replace(/\n$/, ''),
        box: rect(line.bbox),
        words: line.words.map((word) => ({
          text: word.text,
          confidence:
            (word.symbols && word.symbols.length > 0
              ? Math.min(...word.symbols.map((s) => s.confidence))
              : word.confidence) / 100,
          box: rect(word.bbox),
        })),
      })),
    ),
  );
}

function rect(box: JsonBox): Rect {
  return { x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1 };
}
