import type { Cell, Finding, Report } from '../core/model/report.js';
import { squash } from '../core/text/normalize.js';

/**
 * Section 一 often restates the year's figures in words (共收到申请X件); when the words and the table disagree, an
 * auditor wants to know. A warning, never an error: the sentence may count differently (e.g. include 上年结转).
 */

const RECEIVED = [
  /(?:收到|受理|新收|办理)(?:各类|各级)?(?:政府信息公开|依申请公开|依申请信息公开|信息公开)?申请(?:共计|共|数量为?|总数为?)?(\d+)件/g,
  /(?:收到|受理|新收)依申请(?:信息)?公开(?:申请)?(\d+)件/g,
  /(?:收到|受理|新收)(\d+)件(?:政府信息公开|依申请公开|信息公开)?申请/g,
];

export function auditNarrative(sections: Report['sections'], cells: Cell[]): Finding[] {
  const overview = sections.find((s) => s.key === 'overview');
  const received = cells.find((c) => c.table === 'requests' && c.row === 'new_received' && c.column === 'total');
  const carried = cells.find((c) => c.table === 'requests' && c.row === 'carried_over' && c.column === 'total');
  if (!overview || received?.value === null || received?.value === undefined) return [];
  const stated = statedCounts(overview.text);
  if (stated.length !== 1) return [];
  const [count] = stated as [number];
  const table = received.value;
  if (count === table || count === table + (carried?.value ?? 0)) return [];
  return [
    {
      rule: 'narrative_mismatch',
      scope: 'new_received',
      severity: 'warning',
      expected: table,
      actual: count,
      message: `section 一 says ${count} requests were received, but the table's 本年新收 总计 is ${table}`,
      cells: ['requests:new_received:total'],
    },
  ];
}

/** Distinct request counts stated in the text. */
export function statedCounts(text: string): number[] {
  const squashed = squash(text);
  const counts = new Set<number>();
  for (const pattern of RECEIVED) for (const m of squashed.matchAll(pattern)) counts.add(Number(m[1]));
  return [...counts];
}
