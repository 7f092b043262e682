import type { Finding } from '../core/model/report.js';

/**
 * Signal first: the warnings a report lists are the ones a user must act on. Measured on the bundled sample and the
 * real reports (36 files): 289 warnings before, of which 111 were one "not checked" per column or row of a rule
 * whose cells were absent or blank — told once per rule here, with every cell involved — and 29 rows outside the
 * template in tables whose template cells were all found (nothing missing, so a note).
 */

const SKIP_RULES = new Set(['blank_total', 'rule_skipped']);
const TABLES = ['active', 'requests', 'review_litigation'] as const;
/** Findings that say a table, or cells of it, were not read. */
const INCOMPLETE_RULES = new Set(['missing_cells', 'table_missing', 'table_unreadable']);

/** The findings of one report, graded: skipped checks told once per rule, notes that change nothing as `info`. */
export function gradeFindings(findings: Finding[]): Finding[] {
  const graded = groupSkipped(findings);
  const incomplete = new Set(graded.flatMap((f) => (INCOMPLETE_RULES.has(f.rule) ? [f.scope] : [])));
  const tablesMissing = TABLES.some((t) => incomplete.has(t));
  return graded.map((f) => {
    // A row outside the template, in a table whose template cells were all found, takes nothing from the report.
    if (f.rule === 'unknown_row' && f.severity === 'warning' && !incomplete.has(f.scope)) {
      return { ...f, severity: 'info' as const };
    }
    // Pictures not saved with a page are mostly logos; but with a table missing, the table may be among them.
    if (f.rule === 'pictures_absent' && f.severity === 'info' && tablesMissing) {
      return { ...f, severity: 'warning' as const };
    }
    return f;
  });
}

/**
 * `balance natural_person: not checked: 2 cells not found (…)`, once per column, becomes one finding per rule and
 * cause: `balance natural_person, commercial_enterprise, …: not checked: cells not found`, with all its cells.
 */
function groupSkipped(findings: Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const out: Finding[] = [];
  for (const finding of findings) {
    if (!SKIP_RULES.has(finding.rule)) {
      out.push(finding);
      continue;
    }
    const [check = finding.scope] = finding.scope.split(':');
    const key = `${finding.rule}|${check}|${cause(finding.message)}`;
    const group = groups.get(key);
    if (group) group.push(finding);
    else {
      groups.set(key, [finding]);
      out.push(finding);
    }
  }
  return out.map((finding) => {
    if (!SKIP_RULES.has(finding.rule)) return finding;
    const [check = finding.scope] = finding.scope.split(':');
    const group = groups.get(`${finding.rule}|${check}|${cause(finding.message)}`)!;
    return group.length === 1 ? finding : merged(check, group);
  });
}

function merged(check: string, group: Finding[]): Finding {
  const scopes = group.map((f) => f.scope.slice(check.length + 1));
  const first = group[0]!;
  return {
    ...first,
    scope: check,
    message: `${check} ${scopes.join(', ')}: not checked: ${cause(first.message)} (${group.length} checks)`,
    cells: [...new Set(group.flatMap((f) => f.cells))],
  };
}

/** What kept a check from running, without its per-check details. */
function cause(message: string): string {
  if (/cells not found/.test(message)) return 'cells not found';
  if (/total left empty/.test(message)) return 'total left empty';
  if (/not confirmed/.test(message)) return 'readings from a picture not confirmed';
  if (/unreadable cells/.test(message)) return 'unreadable cells';
  return message.replace(/^\S+ \S+: /, '');
}
