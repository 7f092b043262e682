import type { Block } from '../../src/core/model/document.js';
import type { Message } from '../../src/core/model/messages.js';
import { ReadError } from '../errors.js';
import type { ReaderOutput } from '../reader.js';
import { openWordFile } from './file.js';
import { readPieces } from './pieces.js';
import { readCharacterRuns, readParagraphRuns, type PropertyRun } from './properties.js';
import { readStory, type DocumentParts } from './story.js';
import { buildBlocks } from './tables.js';

/**
 * Word 97–2003 (.doc) reader, from the file's own structure ([MS-DOC]): the compound file, the File Information
 * Block, the piece table (the text), the paragraph properties (which paragraph ends a table cell or row, at what
 * nesting depth) and each row's table definition (cell edges, merged cells). Tables come out as grids with their
 * spans, as the DOCX and HTML readers give them; the text outside tables comes from the same pieces. The main text
 * is read, then the text boxes; headers, footers, notes and comments are left out, as in the DOCX reader.
 */

export function readDoc(bytes: Uint8Array): ReaderOutput {
  try {
    return readWordFile(bytes);
  } catch (error) {
    if (error instanceof ReadError) throw error;
    // An offset or count that points outside its stream: the file is damaged.
    if (error instanceof RangeError)
      throw new ReadError(
        'corrupt',
        'the Word 97–2003 document is damaged: an offset or count points outside its data',
      );
    throw error;
  }
}

function readWordFile(bytes: Uint8Array): ReaderOutput {
  const { word, table, data, fib } = openWordFile(bytes);
  const parts: DocumentParts = {
    word,
    data,
    pieces: readPieces(table, fib.clx),
    paragraphRuns: inFileOrder(readParagraphRuns(word, table, fib.papx)),
    characterRuns: inFileOrder(readCharacterRuns(word, table, fib.chpx)),
  };
  const main = buildBlocks(readStory(parts, 0, fib.ccpText));
  const blocks: Block[] = [...main.blocks];
  const messages: Message[] = [...main.messages];
  if (fib.ccpTxbx > 0) {
    const start = fib.ccpText + fib.ccpFtn + fib.ccpHdd + fib.ccpMcr + fib.ccpAtn + fib.ccpEdn;
    const tables = blocks.filter((block) => block.kind === 'table').length;
    const boxes = buildBlocks(readStory(parts, start, start + fib.ccpTxbx), tables);
    blocks.push(...boxes.blocks);
    messages.push(...boxes.messages);
  }
  if (!blocks.some((block) => block.kind === 'table' || block.text.trim() !== '')) {
    throw new ReadError('corrupt', 'the Word 97–2003 document holds no text');
  }
  return { value: { blocks }, messages: messages };
}

function inFileOrder(runs: PropertyRun[]): PropertyRun[] {
  return runs.sort((a, b) => a.fcStart - b.fcStart);
}
