/**
 * A user-facing sentence in Chinese first, with its English twin beside it, so that a message catalogue can take
 * both; the text a report carries is the Chinese followed by the English in brackets.
 */
export interface Said {
  zh: string;
  en: string;
}

export function said(message: Said): string {
  return `${message.zh}（${message.en}）`;
}
