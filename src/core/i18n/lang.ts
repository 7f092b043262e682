/**
 * The language people read: Chinese unless asked otherwise. The users are Chinese auditors, researchers and 政务公开
 * offices, so Chinese is the default also when no locale is set (LANG unset, as in CI and most containers); English
 * is chosen by `--lang en` or an English locale (LC_ALL, LC_MESSAGES or LANG starting `en`). Machine keys (rule,
 * scope, table, row, column, status) are English identifiers in every language.
 */

export type Lang = 'zh' | 'en';

/** A message a person reads, in both languages, so that a message catalogue can take them. */
export interface Twin {
  zh: string;
  en: string;
}

/** `--lang` when given, else the locale: the first of LC_ALL, LC_MESSAGES, LANG that is set (POSIX precedence). */
export function chooseLang(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (flag !== undefined) return /^en/i.test(flag) ? 'en' : 'zh';
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(locale) ? 'en' : 'zh';
}

export function pick(twin: Twin, lang: Lang): string {
  return twin[lang];
}

/** Both, as reasons and warnings are stored in a report: the Chinese, then the English in brackets. */
export function bothLanguages(twin: Twin): string {
  return `${twin.zh}（${twin.en}）`;
}

/** The Chinese alone, as a warning a reader hands on. */
export function chinese(twin: Twin): string {
  return twin.zh;
}
