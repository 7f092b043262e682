/**
 * A message for people, Chinese first with its English twin beside it, so that a message catalogue can take both.
 * Reasons and warnings stored in a report carry both (`中文（English）`); a terminal line may show the Chinese alone.
 */
export interface Words {
  zh: string;
  en: string;
}

/** Both languages in one string, as reasons and warnings are stored. */
export function inWords(words: Words): string {
  return `${words.zh}（${words.en}）`;
}
