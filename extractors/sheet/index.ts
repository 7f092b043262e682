// SheetJS (the @e965/xlsx mirror of the official build, which is not on the npm registry since 0.18.5): one library
// that reads .xlsx, .xls (BIFF5/8, which WPS's .et is), and .ods, with each cell's formatted text as Excel shows it.
import * as XLSX from '@e965/xlsx';
import type { Block } from '../../src/core/model/document.js';
import { warning, type Message } from '../../src/core/model/messages.js';
import { ReadError } from '../errors.js';
import type { ReadContext, ReaderOutput } from '../reader.js';
import { bothLanguages } from '../../src/core/i18n/lang.js';
import { unzipBounded, type ZipLimits } from '../zip.js';
import { sheetBlocks } from './bands.js';
import { sheetGrid, type ReadGrid } from './grid.js';
import { titleFromSurroundings } from './title.js';

/**
 * Spreadsheets (.xlsx, .xls, .et, .ods): every sheet's used range becomes tables (merged cells as spans) and
 * paragraphs (see bands.ts), each cell's text as displayed. A workbook naming no report (statistics tables only)
 * takes its title from its file name or from a web page saved beside it (title.ts); otherwise the report says it
 * lacks agency and year.
 */

/** A report's sheet holds ~60 rows; 20,000 is far past any report and keeps a sheet's parse under a second. */
const MAX_ROWS = 20_000;
/** Slots of one sheet's used range (rows × columns) walked at most. */
const MAX_SLOTS = 2_000_000;
/** Workbooks of reports are tens of KB; shared strings or sheets inflating past this are refused before parsing. */
const SHEET_LIMITS: ZipLimits = { maxEntries: 2000, maxTotalBytes: 64 * 1024 * 1024, maxRatio: 200 };

export async function readSheet(bytes: Uint8Array, context: ReadContext): Promise<ReaderOutput> {
  // Zip-based workbooks (.xlsx, .ods) have their sizes checked from the central directory before SheetJS inflates.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) await unzipBounded(bytes, () => false, SHEET_LIMITS);
  const book = parseBook(bytes);
  const messages: Message[] = [];
  const blocks: Block[] = [];
  book.SheetNames.forEach((name, i) => {
    const sheet = book.Sheets[name];
    if (!sheet?.['!ref']) return;
    checkSize(sheet, name);
    const grid = sheetGrid(sheet);
    messages.push(...sheetWarnings(name, Boolean(book.Workbook?.Sheets?.[i]?.Hidden), grid));
    blocks.push(...sheetBlocks(grid, blocks.filter((b) => b.kind === 'table').length));
  });
  const title = titleFromSurroundings(context.name, context.path);
  return { value: { blocks, ...(title ? { title } : {}) }, messages };
}

function sheetWarnings(name: string, hiddenSheet: boolean, grid: ReadGrid): Message[] {
  const messages: Message[] = [];
  if (hiddenSheet)
    messages.push(hidden(`工作表“${name}”为隐藏工作表，仍已读取`, `sheet "${name}" is hidden; read all the same`));
  const rows = grid.hiddenRows.slice(0, 10);
  if (rows.length > 0) {
    messages.push(
      hidden(
        `工作表“${name}”有隐藏行（第 ${rows.join('、')} 行），仍已读取`,
        `sheet "${name}" hides rows ${rows.join(', ')}; read all the same`,
      ),
    );
  }
  const n = grid.formulasUnread;
  if (n > 0) {
    messages.push(
      warning(
        'read',
        bothLanguages({
          zh: `工作表“${name}”有 ${n} 个公式未保存计算结果，未读取（不重新计算）`,
          en: `sheet "${name}" has ${n} formulas with no stored result, left unread (never recomputed)`,
        }),
      ),
    );
  }
  return messages;
}

function parseBook(bytes: Uint8Array): XLSX.WorkBook {
  try {
    // cellStyles: hidden rows are only read with styles; sheetRows: a sheet's rows past the limit are not parsed.
    return XLSX.read(bytes, {
      type: 'buffer',
      dense: true,
      sheetRows: MAX_ROWS + 1,
      cellStyles: true,
      cellFormula: true,
      cellHTML: false,
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/password|encrypt/i.test(message)) {
      throw new ReadError(
        'encrypted',
        bothLanguages({ zh: '工作簿设有密码保护', en: 'the workbook is password-protected' }),
      );
    }
    throw new ReadError(
      'corrupt',
      bothLanguages({ zh: `工作簿无法读取（${message}）`, en: `the workbook could not be read (${message})` }),
    );
  }
}

function checkSize(sheet: XLSX.WorkSheet, name: string): void {
  const full = XLSX.utils.decode_range(sheet['!fullref'] ?? sheet['!ref']!);
  const rows = full.e.r - full.s.r + 1;
  const range = XLSX.utils.decode_range(sheet['!ref']!);
  const slots = (range.e.r - range.s.r + 1) * (range.e.c - range.s.c + 1);
  if (rows > MAX_ROWS || slots > MAX_SLOTS) {
    throw new ReadError(
      'too_large',
      bothLanguages({
        zh: `工作表“${name}”过大（${rows} 行 × ${range.e.c - range.s.c + 1} 列），不是一份年度报告，已拒绝`,
        en: `sheet "${name}" is too large (${rows} rows × ${range.e.c - range.s.c + 1} columns) for a report; refused`,
      }),
    );
  }
}

function hidden(zh: string, en: string): Message {
  return warning('hidden_content', bothLanguages({ zh, en }));
}
