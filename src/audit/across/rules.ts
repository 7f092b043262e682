import type { Finding } from '../../core/model/report.js';
import { REQUEST_COLUMNS } from '../../core/template/template.js';
import { agencyKey } from '../../core/text/agency.js';

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
  /** Its cells, `table:row:column` → value (null: not stated; cells left unread are not in it), loaded when a rule needs them. */
  cells: () => Map<string, number | null>;
}

const COLUMNS = REQUEST_COLUMNS.map((c) => c.key);
const IN_FORCE_ROWS = ['regulations', 'normative_documents'];

export function auditAcrossReports(copies: CopyFacts[]): Map<string, Finding[]> {
  const findings = new Map<string, Finding[]>();
  const keyed = copies.filter((c) => c.agency && c.year).map((c) => ({ ...c, key: agencyKey(c.agency!) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.year! - b.year!));
  auditSortedCopies(keyed, (copy, finding) => findings.set(copy.name, [...(findings.get(copy.name) ?? []), finding]));
  return findings;
}

/** A copy with its agency key (`agencyKey`), as the store lists them. */
export type KeyedCopy = CopyFacts & { key: string };

/**
 * The rules across files over copies ordered by agency key, then year: each agency-year group is checked when the
 * next begins, against the group just before it when that is the same agency's previous year. Only two groups are
 * held at a time and their cells are loaded only when a rule needs them, so memory does not grow with the batch.
 */
export function auditSortedCopies<C extends KeyedCopy>(
  copies: Iterable<C>,
  add: (copy: C, finding: Finding) => void,
): void {
  let previous: Group<C> | undefined;
  let current: Group<C> | undefined;
  const finish = () => {
    if (!current) return;
    const before =
      previous && previous.key === current.key && previous.year === current.year - 1 ? previous : undefined;
    auditGroup(current, before, add);
    previous = current;
  };
  for (const copy of copies) {
    if (!current || copy.key !== current.key || copy.year !== current.year) {
      finish();
      current = new Group<C>(copy.key, copy.year!);
    }
    current.members.push(copy);
  }
  finish();
}

type Loaded<C extends CopyFacts = CopyFacts> = C & { values: Map<string, number | null> };

/** One agency-year report's copies, by name; their cells loaded once, when first needed. */
class Group<C extends CopyFacts> {
  readonly members: C[] = [];
  private cached: Loaded<C>[] | undefined;

  constructor(
    readonly key: string,
    readonly year: number,
  ) {}

  loaded(): Loaded<C>[] {
    this.cached ??= [...this.members]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((copy) => ({ ...copy, values: copy.cells() }));
    return this.cached;
  }
}

function auditGroup<C extends CopyFacts>(
  group: Group<C>,
  previous: Group<C> | undefined,
  add: (copy: C, finding: Finding) => void,
): void {
  if (group.members.length < 2 && !previous) return;
  const members = group.loaded();
  const byName = new Map(members.map((m) => [m.name, m]));
  for (const finding of conflicts(members)) add(byName.get(finding.name)!, finding.finding);
  if (!previous) return;
  const before = previous.loaded();
  for (const copy of members) {
    for (const finding of [...carryContinuity(copy, before), ...inForceContinuity(copy, before)]) add(copy, finding);
  }
}

/** The first copy (by name) that prints a cell: the previous year's figure to compare with. */
function reference(group: Loaded[], cell: string): { value: number | null; name: string } | undefined {
  const copy = group.find((c) => c.values.has(cell));
  return copy ? { value: copy.values.get(cell)!, name: copy.name } : undefined;
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
    const shown = differing
      .slice(0, 6)
      .map(([cell, value]) => `${cell} ${format(value)} vs ${format(majority.get(cell)!.value)}`);
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
  // Stryker disable next-line ArrowFunction: equivalent, the names of a cell every copy agrees on are never read (no copy differs there)
  const everyName = group.map((copy) => copy.name);
  const majority = new Map<string, { value: number | null; names: string[] }>();
  for (const copy of group) {
    for (const [cell, value] of copy.values) {
      // Stryker disable next-line ConditionalExpression: equivalent, a shortcut: the same cell counted again gives the same majority
      if (majority.has(cell)) continue;
      // Copies mostly agree: a cell every copy prints alike needs no count.
      // Stryker disable next-line ArrowFunction,ConditionalExpression,EqualityOperator: equivalent, a shortcut: counting every cell gives the same majority
      majority.set(
        cell,
        group.every((other) => other.values.get(cell) === value) ? { value, names: everyName } : vote(group, cell),
      );
    }
  }
  return majority;
}

/** The value most copies print in a cell (ties: the earliest copy by name), and the copies printing it. */
function vote(group: Loaded[], cell: string): { value: number | null; names: string[] } {
  const byValue = new Map<number | null, string[]>();
  for (const copy of group) {
    if (!copy.values.has(cell)) continue;
    const value = copy.values.get(cell)!;
    byValue.set(value, [...(byValue.get(value) ?? []), copy.name]);
  }
  // Map iteration follows insertion order, which follows the copies' name order: the first maximum wins ties.
  let best: { value: number | null; names: string[] } | undefined;
  for (const [value, names] of byValue) if (!best || names.length > best.names.length) best = { value, names };
  return best!;
}

function carryContinuity(copy: Loaded, previous: Loaded[]): Finding[] {
  return COLUMNS.flatMap((column) => {
    const carried = copy.values.get(`requests:carried_over:${column}`);
    const before = reference(previous, `requests:carried_forward:${column}`);
    if (carried === undefined || carried === null || !before || before.value === null || carried === before.value)
      return [];
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
    if ([now, issued, repealed].some((v) => v === undefined || v === null) || !before || before.value === null)
      return [];
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
