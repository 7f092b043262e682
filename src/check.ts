import {
  describePlace,
  distinguishingLabel,
  describeTerm,
  explainFindings,
  type ExplainedFinding,
  type Term,
} from './audit/explain.js';
import { auditAcrossReports } from './audit/across/rules.js';
import { cellRef, type Finding, type Report } from './core/model/report.js';
import { collectInputs } from './run/inputs.js';
import { extractReport } from './pipeline/extract.js';
import { failedReport } from './pipeline/extract.js';
import { notRegularReason } from './run/special-file.js';
import { printableAll } from './core/text/printable.js';
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { withExtraFindings } from './audit/status.js';
import { SEVERITY_ORDER, SEVERITY_TEXT, STATUS_TEXT, summaryText } from './core/i18n/catalogue.js';
import { findingText } from './core/i18n/findings.js';
import { pick, type Lang } from './core/i18n/lang.js';
import type { ReportStatus } from './core/model/report.js';

/**
 * `xxgk check FILE…`: an agency's 政务公开 office checking its own report before publishing it. Every finding on the
 * terminal, grouped by file, each saying which table, row and column, the numbers on both sides of a failing sum and
 * where they are printed. A linter's contract: exit 1 when any report is flagged, 0 when none is. No store, no
 * output folder: the files are read by the same pipeline as `extract`, and checked against each other (copies of
 * one report, consecutive years of one agency) as a batch would be.
 */

export interface CheckResult {
  /** What to print, line by line. */
  lines: string[];
  flagged: number;
}

export interface CheckOptions {
  color: boolean;
  lang: Lang;
  /** Which findings to show: errors only, errors and warnings (the default), or notes too. */
  shown: 'errors' | 'warnings' | 'all';
}

export async function checkFiles(args: string[], options: CheckOptions): Promise<CheckResult> {
  const inputs = (await collectInputs(args)).filter((input) => !input.attachedTo);
  const reports: Report[] = [];
  for (const input of inputs) {
    // A named pipe would wait for a writer for ever: only regular files are opened.
    const special = notRegularReason(await stat(input.path).catch(() => ({ isFile: () => true }) as Stats));
    reports.push(
      special
        ? failedReport(input.name, null, 'failed', special)
        : await extractReport(input.path, { name: input.name }),
    );
  }
  const audited = withAcrossFindings(reports);
  const paint = painter(options.color);
  // Names, labels and cell text come from the documents: shown escaped, they cannot drive the terminal.
  const lines = audited.flatMap((report) => [...describeReport(printableAll(report), paint, options), '']);
  lines.push(summaryLine(audited, paint, options.lang));
  return { lines, flagged: audited.filter((r) => r.status === 'flagged').length };
}

/** The rules across files (copies that disagree, 上年结转 against last year's 结转下年度), as `extract` applies them. */
function withAcrossFindings(reports: Report[]): Report[] {
  const across = auditAcrossReports(
    reports.map((r) => ({
      name: r.file,
      agency: r.agency,
      year: r.year,
      cells: () => new Map(r.cells.map((c) => [cellRef(c), c.value])),
    })),
  );
  return reports.map((report) => withExtraFindings(report, across.get(report.file) ?? []));
}

type Style = 'error' | 'warning' | 'ok' | 'dim' | 'bold';
type Paint = (style: Style, text: string) => string;

/** ANSI colours, or none (piped output, NO_COLOR). */
function painter(color: boolean): Paint {
  const codes: Record<Style, [number, number]> = {
    error: [31, 39],
    warning: [33, 39],
    ok: [32, 39],
    dim: [2, 22],
    bold: [1, 22],
  };
  return (style, text) => (color ? `\u001b[${codes[style][0]}m${text}\u001b[${codes[style][1]}m` : text);
}

/**
 * Colour on a terminal, plain when piped; NO_COLOR (https://no-color.org) turns it off, FORCE_COLOR on.
 */
export function wantsColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY) && stream.hasColors();
}

const SHOWN: Record<CheckOptions['shown'], ReadonlySet<Finding['severity']>> = {
  errors: new Set(['error']),
  warnings: new Set(['error', 'warning']),
  all: new Set(['error', 'warning', 'info']),
};

function describeReport(report: Report, paint: Paint, options: CheckOptions): string[] {
  const style: Style = report.status === 'flagged' ? 'error' : report.status === 'ok' ? 'ok' : 'warning';
  const who = [report.agency, report.year].filter((v) => v !== null).join(' ');
  const status = `${report.status} — ${pick(STATUS_TEXT[report.status], options.lang)}`;
  const head = `${paint('bold', report.file)}${who ? `  ${who}` : ''}  ${paint(style, status)}`;
  const lines = [head];
  const reason = reasonText(report, options.lang);
  if (reason) lines.push(`  ${paint('dim', reason)}`);
  const explained = explainFindings(report)
    .filter((e) => SHOWN[options.shown].has(e.finding.severity))
    .sort((a, b) => SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity]);
  for (const finding of explained) lines.push(...describeFinding(finding, paint, options.lang));
  const hidden = report.findings.length - explained.length;
  if (hidden > 0) lines.push(`  ${paint('dim', hiddenNote(hidden, options))}`);
  return lines;
}

/** The reason of a report, in the chosen language where the catalogue has it. */
function reasonText(report: Report, lang: Lang): string | undefined {
  return report.reason ? findingText('reason', report.reason, lang) : undefined;
}

function hiddenNote(hidden: number, options: CheckOptions): string {
  return options.lang === 'zh'
    ? `另有 ${hidden} 条未列出（--verbose 全部列出）`
    : `${hidden} more not shown (--verbose shows all)`;
}

function describeFinding(explained: ExplainedFinding, paint: Paint, lang: Lang): string[] {
  const { finding, title, sides } = explained;
  // English labels padded to one width (warning), so that the rules line up as the Chinese ones do.
  const severity = lang === 'en' ? SEVERITY_TEXT[finding.severity].en.padEnd(7) : SEVERITY_TEXT[finding.severity].zh;
  const marks = { error: ['error', '✖'], warning: ['warning', '⚠'], info: ['dim', '·'] } as const;
  const [style, symbol] = marks[finding.severity];
  const mark = paint(style, `${symbol} ${severity}`);
  const head = `  ${mark} ${paint('bold', finding.rule)} ${title}`;
  if (sides) return [head, ...describeSum(sides.left, sides.right, finding, paint)];
  const lines = [head, `      ${findingText(finding.rule, finding.message, lang)}`];
  const placed = explained.terms.filter((t) => t.cell);
  if (finding.severity === 'error' && placed.length > 0 && placed.length <= 8)
    lines.push(`      ${paint('dim', placesOf(placed))}`);
  return lines;
}

/** 四、… › 行政复议: 总计 0 ≠ 结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11, with where they are printed. */
function describeSum(left: Term[], right: Term[], finding: Finding, paint: Paint): string[] {
  const all = [...left, ...right];
  const by = distinguishingLabel(all);
  const first = all[0]!;
  const context = by === 'column' ? first.labels.row : first.labels.column;
  const side = (terms: Term[], total: number | null) => {
    const text = terms.map((t) => describeTerm(t, by)).join(' + ');
    return terms.length > 1 && total !== null ? `${text} = ${total}` : text;
  };
  return [
    `      ${first.labels.table} › ${context}`,
    `      ${side(left, finding.expected)}  ${paint('error', '≠')}  ${side(right, finding.actual)}`,
    `      ${paint('dim', placesOf(all))}`,
  ];
}

/** 第4页; or, in a web page or Word file, the document table and each cell's row and column in it. */
function placesOf(terms: Term[]): string {
  const placed = terms.filter((t) => t.cell);
  if (placed.length === 0) return '位置未知';
  const pages = [
    ...new Set(placed.flatMap((t) => (t.cell!.place.page !== undefined ? [t.cell!.place.page] : []))),
  ].sort((a, b) => a - b);
  if (pages.length > 0) return `位置：${pages.map((p) => `第${p}页`).join('、')}`;
  const by = distinguishingLabel(terms);
  return `位置：${placed.map((t) => `${by === 'row' ? t.labels.row : t.labels.column} 在${describePlace(t.cell!.place)}`).join('，')}`;
}

function summaryLine(reports: Report[], paint: Paint, lang: Lang): string {
  const count = (status: Report['status']) => reports.filter((r) => r.status === status).length;
  const errors = reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  const unread = count('failed') + count('needs_ocr') + count('not_a_report');
  const parts: [ReportStatus | 'unread', number][] = [
    ['flagged', count('flagged')],
    ['ok', count('ok')],
  ];
  for (const status of ['incomplete', 'unchecked'] as const) if (count(status) > 0) parts.push([status, count(status)]);
  if (unread > 0) parts.push(['unread', unread]);
  const text = summaryText(lang, reports.length, parts, errors, warnings);
  return count('flagged') > 0 ? paint('error', text) : text;
}
