import * as XLSX from '@e965/xlsx';
import type { SheetGrid } from './bands.js';

/**
 * One SheetJS sheet (dense mode) seen as a grid of texts as displayed: `w`, the formatted text Excel shows (1.50
 * stays "1.50", a date stays a date); a formula's stored result, and for a formula with none a text that is no
 * number, so that the cell is unread rather than taken for 0.
 */

/** The text a formula with no stored result shows: not a number, so normalising leaves the cell unread. */
const FORMULA_UNREAD = '（公式未存结果）';

export interface ReadGrid extends SheetGrid {
  /** 1-based numbers of the rows the sheet hides. */
  hiddenRows: number[];
  formulasUnread: number;
}

export function sheetGrid(sheet: XLSX.WorkSheet): ReadGrid {
  const range = XLSX.utils.decode_range(sheet['!ref']!);
  const data = (sheet['!data'] ?? []) as (XLSX.CellObject | undefined)[][];
  const origin = new Map<string, { rows: number; cols: number }>();
  const cover = new Map<string, number>(); // slot → row the merge starts in
  for (const m of sheet['!merges'] ?? []) {
    origin.set(`${m.s.r},${m.s.c}`, { rows: m.e.r - m.s.r + 1, cols: m.e.c - m.s.c + 1 });
    for (let r = m.s.r; r <= m.e.r; r++) {
      for (let c = m.s.c; c <= m.e.c; c++) if (r !== m.s.r || c !== m.s.c) cover.set(`${r},${c}`, m.s.r);
    }
  }
  let formulasUnread = 0;
  const text = (r: number, c: number): string | undefined => {
    const cell = data[r + range.s.r]?.[c + range.s.c];
    if (!cell || cover.has(`${r + range.s.r},${c + range.s.c}`)) return undefined;
    return cellText(cell);
  };
  for (const row of data)
    for (const cell of row ?? []) if (cell?.f !== undefined && cell.v === undefined) formulasUnread++;
  const hiddenRows = (sheet['!rows'] ?? []).flatMap((info, r) => (info?.hidden ? [r + 1] : []));
  return {
    rows: range.e.r - range.s.r + 1,
    cols: range.e.c - range.s.c + 1,
    text,
    span: (r, c) => origin.get(`${r + range.s.r},${c + range.s.c}`),
    coveredFromAbove: (r, c) => (cover.get(`${r + range.s.r},${c + range.s.c}`) ?? Infinity) < r + range.s.r,
    covered: (r, c) => cover.has(`${r + range.s.r},${c + range.s.c}`),
    hiddenRows,
    formulasUnread,
  };
}

function cellText(cell: XLSX.CellObject): string | undefined {
  if (cell.t === 'z') return undefined;
  if (cell.f !== undefined && cell.v === undefined) return FORMULA_UNREAD;
  if (cell.w !== undefined) return cell.w;
  return cell.v === undefined ? undefined : String(cell.v);
}
