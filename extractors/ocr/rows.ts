import type { PictureCell } from './layout.js';
import type { Reading } from './read-cells.js';

/**
 * Exact or silent about *where* a number sits. Two readings agreeing on a cell's digits confirm the digits, not the
 * row: a row whose ruling below was lost (faded, or broken by a seal) holds two rows' writing in each cell, and a
 * row whose writing is smudged may have words read where its numbers stand, which the label matcher then takes for
 * the row's label ("2.Ap" read in a numbers column became item 2 of its group). Such rows show themselves by their
 * cells: several numbers in the row could not be confirmed, or writing in a column of numbers did not read as one.
 * A row with fewer readable values than it has columns of numbers is not trusted at all: every number in it is left
 * unread, and words in its numbers columns are unread numbers, not labels (measured on pdf-scanned-hard: the 4 wrong
 * numbers were all in such a row).
 */

/** This many unconfirmed numbers in one row and the row's place is in doubt. */
const DOUBTFUL_IN_ROW = 2;

export function doubtRows(cells: PictureCell[], byCell: Map<PictureCell, Reading>): void {
  const numeric = (c: PictureCell) => byCell.get(c)?.numeric === true;
  const rows = new Map<number, PictureCell[]>();
  for (const cell of cells) rows.set(cell.row, [...(rows.get(cell.row) ?? []), cell]);
  const dataRows = [...rows.values()].filter((row) => row.some(numeric));
  const numbersColumns = numberColumns(dataRows, numeric);
  for (const row of dataRows) {
    const readings = row.map((c) => byCell.get(c)).filter((r): r is Reading => r !== undefined && r.numeric);
    const doubtful = readings.filter((r) => !r.confirmed).length;
    const wordsAmongNumbers = row.filter(
      (c) => c.colSpan === 1 && numbersColumns.has(c.col) && byCell.get(c) && !numeric(c),
    );
    if (doubtful < DOUBTFUL_IN_ROW && wordsAmongNumbers.length === 0) continue;
    for (const cell of row) {
      const reading = byCell.get(cell);
      if (reading?.numeric) byCell.set(cell, { ...reading, confirmed: false });
    }
    for (const cell of wordsAmongNumbers) {
      byCell.set(cell, { text: '', confidence: 0, confirmed: false, numeric: true });
    }
  }
}

/** Columns holding a number in most rows that hold numbers at all. */
function numberColumns(dataRows: PictureCell[][], numeric: (c: PictureCell) => boolean): Set<number> {
  const counts = new Map<number, number>();
  for (const row of dataRows) {
    for (const c of row) if (c.colSpan === 1 && numeric(c)) counts.set(c.col, (counts.get(c.col) ?? 0) + 1);
  }
  const least = Math.max(2, dataRows.length / 2);
  return new Set([...counts].filter(([, n]) => n >= least).map(([col]) => col));
}
