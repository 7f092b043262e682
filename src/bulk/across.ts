import type { Finding } from '../model/report.js';
import { REQUEST_COLUMNS } from '../template/template.js';
import { agencyKey } from './agency.js';

/**
 * Rules that need more than one file: copies of the same agency-year report that disagree (`conflicting_copies`),
 * this year's 上年结转 against the same agency's previous-year 结转下年度 (`carry_continuity`, on every file holding
 * the later report), and 现行有效件数 against last year's plus this year's issued minus repealed (a warning:
 * documents also lapse).
 */

export interface CopyFacts {
  name: string;
  agency: string | null;
  year: number | null;
  /** Its cells, `table:row:column` → value (null: not stated or unreadable), loaded when a rule needs them. */
  cells: () => Map<string, number | null>;
}

const COLUMNS = REQUEST_COLUMNS.map((c) => c.key);
const IN_FORCE_ROWS = ['regulations', 'normative_documents'];

export function auditAcrossReports(copies: CopyFacts[]): Map<string, Finding[]> {
  const findings = new Map<string, Finding[]>();
  const add = (name: string, finding: Finding) => findings.set(name, [...(findings.get(name) ?? []), finding]);
  const groups = groupByAgencyYear(copies);
  for (const [key, members] of groups) {
    const [agency, year] = splitKey(key);
    const previousMembers = groups.get(groupKey(agency, year - 1));
    if (members.length < 2 && !previousMembers) continue;
    // Cells are loaded one agency-year at a time, so memory does not grow with the batch.
    const group = load(members);
    for (const finding of conflicts(group)) add(finding.name, finding.finding);
    if (!previousMembers) continue;
    const previous = load(previousMembers);
    for (const copy of group) {
      for (const finding of [...carryContinuity(copy, previous), ...inForceContinuity(copy, previous)]) add(copy.name, finding);
    }
  }
  return findings;
}

const groupKey = (agency: string, year: number) => `${agency}\u0000${year}`;
const splitKey = (key: string): [string, number] => {
  // Stryker disable next-line StringLiteral: equivalent, a group key always has both parts (the defaults satisfy the type checker)
  const [agency = '', year = '0'] = key.split('\u0000');
  return [agency, Number(year)];
};

function groupByAgencyYear(copies: CopyFacts[]): Map<string, CopyFacts[]> {
  const groups = new Map<string, CopyFacts[]>();
  for (const copy of [...copies].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!copy.agency || !copy.year) continue;
    const key = groupKey(agencyKey(copy.agency), copy.year);
    groups.set(key, [...(groups.get(key) ?? []), copy]);
  }
  return groups;
}

/** The first copy (by name) that prints a cell: the previous year's figure to compare with. */
function reference(group: Loaded[], cell: string): { value: number | null; name: string } | undefined {
  const copy = group.find((c) => c.values.has(cell));
  return copy ? { value: copy.values.get(cell)!, name: copy.name } : undefined;
}

type Loaded = CopyFacts & { values: Map<string, number | null> };

function load(group: CopyFacts[]): Loaded[] {
  return group.map((copy) => ({ ...copy, values: copy.cells() }));
}

/**
 * Each copy that disagrees with the other copies of the same report gets one finding listing the cells where it
 * departs from the figure most copies print (with two copies, the one first by name is taken as the reference).
 */
function conflicts(group: Loaded[]): { name: string; finding: Finding }[] {
  // Stryker disable next-line ConditionalExpression: equivalent, a lone copy is its own majority and differs nowhere (this only saves the work)
  if (group.length < 2) return [];
  const majority = majorityValues(group);
  return group.flatMap((copy) => {
    const differing = [...copy.values].filter(([cell, value]) => majority.get(cell)!.value !== value);
    if (differing.length === 0) return [];
    const others = majority.get(differing[0]![0])!.names;
    const shown = differing.slice(0, 6).map(([cell, value]) => `${cell} ${format(value)} vs ${format(majority.get(cell)!.value)}`);
    return [
      {
        name: copy.name,
        finding: {
          rule: 'conflicting_copies',
          scope: others.join(' '),
          severity: 'error' as const,
          expected: null,
          actual: null,
          message: `other copies of the ${copy.agency} ${copy.year} report (${others.join(', ')}) print different numbers in ${differing.length} cells: ${shown.join('; ')}${differing.length > 6 ? ' …' : ''}`,
          cells: differing.map(([cell]) => cell),
        },
      },
    ];
  });
}

/** Per cell, the value most copies print (ties: the earliest copy by name) and the copies printing it. */
function majorityValues(group: Loaded[]): Map<string, { value: number | null; names: string[] }> {
  const votes = new Map<string, Map<number | null, string[]>>();
  for (const copy of group) {
    for (const [cell, value] of copy.values) {
      const byValue = votes.get(cell) ?? new Map<number | null, string[]>();
      byValue.set(value, [...(byValue.get(value) ?? []), copy.name]);
      votes.set(cell, byValue);
    }
  }
  const majority = new Map<string, { value: number | null; names: string[] }>();
  for (const [cell, byValue] of votes) {
    // Map iteration follows insertion order, which follows the copies' name order: the first maximum wins ties.
    let best: { value: number | null; names: string[] } | undefined;
    for (const [value, names] of byValue) if (!best || names.length > best.names.length) best = { value, names };
    majority.set(cell, best!);
  }
  return majority;
}

function carryContinuity(copy: Loaded, previous: Loaded[]): Finding[] {
  return COLUMNS.flatMap((column) => {
    const carried = copy.values.get(`requests:carried_over:${column}`);
    const before = reference(previous, `requests:carried_forward:${column}`);
    if (carried === undefined || carried === null || !before || before.value === null || carried === before.value) return [];
    return [
      {
        rule: 'carry_continuity',
        scope: column,
        severity: 'error' as const,
        expected: before.value,
        actual: carried,
        message: `${column}: 上年结转 ${carried}, but the ${copy.year! - 1} report (${before.name}) carried forward 结转下年度 ${before.value}`,
        cells: [`requests:carried_over:${column}`],
      },
    ];
  });
}

function inForceContinuity(copy: Loaded, previous: Loaded[]): Finding[] {
  return IN_FORCE_ROWS.flatMap((row) => {
    const now = copy.values.get(`active:${row}:in_force`);
    const issued = copy.values.get(`active:${row}:issued`);
    const repealed = copy.values.get(`active:${row}:repealed`);
    const before = reference(previous, `active:${row}:in_force`);
    if ([now, issued, repealed].some((v) => v === undefined || v === null) || !before || before.value === null) return [];
    const expected = before.value + issued! - repealed!;
    if (now === expected) return [];
    return [
      {
        rule: 'in_force_continuity',
        scope: row,
        severity: 'warning' as const,
        expected,
        actual: now!,
        message: `${row}: 现行有效 ${now}, but last year's ${before.value} + 本年制发 ${issued} − 本年废止 ${repealed} = ${expected} (documents may also lapse)`,
        cells: [`active:${row}:in_force`, `active:${row}:issued`, `active:${row}:repealed`],
      },
    ];
  });
}

function format(value: number | null): string {
  return value === null ? 'empty' : String(value);
}
