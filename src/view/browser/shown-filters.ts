// The filters that apply to one list: only those the list shows. A place, year or status chosen on one list and
// absent from the other would otherwise hide every row of the other list while its controls read 全部….

import { PLACES, R } from './data.js';
import { STATUS_INFO, text } from './util.js';

export interface Filters {
  statuses: Set<string>;
  rule: string;
  year: string;
  reader: string;
  format: string;
  places: [string, string, string, string];
}

/** `chosen` narrowed to what the list of `rows` (audited reports, or unreadable files) offers. */
export function shownFilters(chosen: Filters, rows: XxgkView.Row[], audited: boolean): Filters {
  const offered = (value: string, of: (row: XxgkView.Row) => string | number | null, among = rows) =>
    value && among.some((row) => text(of(row)) === value) ? value : '';
  const places: Filters['places'] = ['', '', '', ''];
  let within = rows;
  for (let level = 0; level < 4; level++) {
    places[level] = offered(chosen.places[level]!, (row) => PLACES[row[R.id]]![level]!, within);
    if (places[level]) within = within.filter((row) => PLACES[row[R.id]]![level] === places[level]);
  }
  return {
    statuses: new Set([...chosen.statuses].filter((status) => (STATUS_INFO[status]?.audited ?? false) === audited)),
    rule: audited ? chosen.rule : '',
    year: offered(chosen.year, (row) => row[R.year]),
    reader: offered(chosen.reader, (row) => row[R.reader]),
    format: audited ? offered(chosen.format, (row) => row[R.format]) : '',
    places,
  };
}
