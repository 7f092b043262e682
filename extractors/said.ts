/**
 * A message said in Chinese first, with its English twin kept beside it so that a message catalogue can take both.
 * Reports carry the Chinese text; the English stays here for maintainers and for a catalogue to come.
 */
export interface Said {
  zh: string;
  en: string;
}

/** The text a report carries: the Chinese. */
export function say(said: Said): string {
  return said.zh;
}
