import type { ReportStatus } from '../model/report.js';
import type { Lang, Twin } from './lang.js';

/**
 * The words people read around the data, keyed by the stable English identifiers the data keeps (status, severity):
 * Chinese first, English beside it. Imports nothing of ours but the model, so that any layer may use it.
 */

export const STATUS_TEXT: Record<ReportStatus, Twin> = {
  ok: { zh: '正常：勾稽关系均已核对，全部成立', en: 'every rule checked on numbers read, and all hold' },
  flagged: { zh: '有问题：有数字对不上', en: 'numbers that do not add up' },
  incomplete: { zh: '不完整：部分表格或单元格未能读取', en: 'some tables or cells could not be read' },
  unchecked: { zh: '未核对：没有读到任何数字', en: 'no number was read, no rule ran' },
  not_a_report: { zh: '非年度报告', en: 'not a report' },
  needs_ocr: { zh: '需文字识别：扫描件，没有文字层', en: 'scanned pages without a text layer' },
  attached: { zh: '网页附件', en: 'attached to a web page' },
  failed: { zh: '无法读取', en: 'could not be read' },
};

/** Why a report is unchecked (未核对): the reason stored is the English, the outputs show the language chosen. */
export const UNCHECKED_REASONS: Record<'legacy' | 'unread' | 'noTables', Twin> = {
  legacy: {
    zh: '未核对：2019 年以前格式的报告，其统计表尚不能读取，没有读到任何数字，勾稽关系未能核对',
    en: 'unchecked: a report in the pre-2019 format, whose tables cannot be read yet; no number was read, no rule ran',
  },
  unread: {
    zh: '未核对：找到了统计表，但没有读到其中任何数字，勾稽关系未能核对',
    en: 'unchecked: statistics tables were found but no number in them could be read; no rule ran',
  },
  noTables: {
    zh: '未核对：没有找到统计表，没有读到任何数字，勾稽关系未能核对',
    en: 'unchecked: no statistics table was found and no number was read; no rule ran',
  },
};

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_TEXT: Record<Severity, Twin> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  info: { zh: '提示', en: 'note' },
};

/** Errors first, then warnings, then notes: the order findings are listed in (findings.csv, `check`, the view). */
export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Short status labels (list, summaries). */
const STATUS_LABEL: Record<ReportStatus, Twin> = {
  ok: { zh: '正常', en: 'ok' },
  flagged: { zh: '有问题', en: 'flagged' },
  incomplete: { zh: '不完整', en: 'incomplete' },
  unchecked: { zh: '未核对', en: 'unchecked' },
  not_a_report: { zh: '非年度报告', en: 'not_a_report' },
  needs_ocr: { zh: '需文字识别', en: 'needs_ocr' },
  attached: { zh: '网页附件', en: 'attached' },
  failed: { zh: '无法读取', en: 'failed' },
};

/** `extract`'s summary: 报告 13 份（有问题 1，正常 9，未核对 2）；有问题 1 份；无法读取 0 份. */
export function batchSummaryText(
  lang: Lang,
  total: number,
  byStatus: Partial<Record<ReportStatus, number>>,
  flagged: number,
  failed: number,
): string {
  const counts = (Object.entries(byStatus) as [ReportStatus, number][]).sort(([a], [b]) => a.localeCompare(b));
  if (lang === 'en') {
    return `reports: ${total} (${counts.map(([s, n]) => `${s} ${n}`).join(', ')}); flagged: ${flagged}; failed: ${failed}`;
  }
  const byLabel = counts.map(([s, n]) => `${STATUS_LABEL[s].zh} ${n}`).join('，');
  return `报告 ${total} 份（${byLabel}）；有问题 ${flagged} 份；无法读取 ${failed} 份`;
}

/** `check`'s summary line: 3 个文件：有问题 1，正常 1，未核对 1（错误 2 条，警告 5 条）. */
export function summaryText(
  lang: Lang,
  files: number,
  parts: [ReportStatus | 'unread', number][],
  errors: number,
  warnings: number,
): string {
  const label: Record<ReportStatus | 'unread', Twin> = {
    ok: { zh: '正常', en: 'ok' },
    flagged: { zh: '有问题', en: 'flagged' },
    incomplete: { zh: '不完整', en: 'incomplete' },
    unchecked: { zh: '未核对', en: 'unchecked' },
    not_a_report: { zh: '非年度报告', en: 'not a report' },
    needs_ocr: { zh: '需文字识别', en: 'needs OCR' },
    attached: { zh: '网页附件', en: 'attached' },
    failed: { zh: '无法读取', en: 'failed' },
    unread: { zh: '未能作为报告读取', en: 'not read as reports' },
  };
  if (lang === 'zh') {
    return `${files} 个文件：${parts.map(([s, n]) => `${label[s].zh} ${n}`).join('，')}（错误 ${errors} 条，警告 ${warnings} 条）`;
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const byLabel = parts.map(([s, n]) => `${n} ${label[s].en}`).join(', ');
  return `${plural(files, 'file')}: ${byLabel} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
}
