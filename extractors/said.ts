/**
 * A user-facing sentence in Chinese first, with its English twin beside it, so that a message catalogue can take
 * both.
 */
export interface Said {
  zh: string;
  en: string;
}

/** Both, as a reason a report stores: the Chinese followed by the English in brackets. */
export function said(message: Said): string {
  return `${message.zh}（${message.en}）`;
}

/** The Chinese alone, as a warning a report carries. */
export function say(message: Said): string {
  return message.zh;
}
