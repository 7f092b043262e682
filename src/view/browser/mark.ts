// The label of an agency's mark for one year in the grid, from the statuses of that year's copies.

import { STATUS_INFO } from './util.js';

/**
 * `正常`, `正常 ×2` when every copy has the same status; `不完整/正常` when they differ (most serious first), so a
 * cell never says 「不完整 ×2」 of one incomplete copy and one that is fine. The title counts each status.
 */
export function markText(statuses: string[]): { label: string; title: string } {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  const order = (status: string) => STATUS_INFO[status]?.order ?? 9;
  const distinct = [...counts.keys()].sort((a, b) => order(a) - order(b));
  const name = (status: string) => STATUS_INFO[status]?.label ?? status;
  const label =
    distinct.length > 1
      ? distinct.map(name).join('/')
      : `${name(distinct[0]!)}${statuses.length > 1 ? ` ×${statuses.length}` : ''}`;
  const title = `${statuses.length} 份：${distinct.map((s) => `${name(s)} ${counts.get(s)!}`).join('，')}`;
  return { label, title };
}
