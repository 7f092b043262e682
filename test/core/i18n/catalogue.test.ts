import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findingText } from '../../../src/core/i18n/findings.js';
import { chooseLang } from '../../../src/core/i18n/lang.js';
import { corpusPath, extractCorpus } from '../../helpers.js';

/** Chinese first: every message the bundled sample gives is rendered in Chinese; English on request. */

/** Three English words in a row, outside machine keys (rule names, cell keys, paths). */
const englishSentence = (text: string) => /\b[a-z]+ [a-z]+ [a-z]+\b/i.test(text.replace(/\S*[._:/]\S*/g, ''));

describe('the message catalogue', () => {
  it('chooses Chinese unless English is asked for (--lang en, or an en_* locale); Chinese when no locale is set', () => {
    expect(chooseLang(undefined, {})).toBe('zh');
    expect(chooseLang(undefined, { LANG: 'C.UTF-8' })).toBe('zh');
    expect(chooseLang(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(chooseLang(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(chooseLang(undefined, { LANG: 'en_US.UTF-8', LC_ALL: 'zh_CN.UTF-8' })).toBe('zh');
    expect(chooseLang('en', { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(chooseLang('zh', { LANG: 'en_US.UTF-8' })).toBe('zh');
  });

  it('renders every finding and reason of the bundled sample in Chinese, and keeps the English as written', async () => {
    const english: string[] = [];
    for (const name of readdirSync(corpusPath('.'))) {
      const report = await extractCorpus(name);
      const texts = [
        ...report.findings.map((f) => [f.rule, f.message] as const),
        ...(report.reason ? [['reason', report.reason] as const] : []),
      ];
      for (const [code, message] of texts) {
        if (englishSentence(findingText(code, message, 'zh')))
          english.push(`${name}: ${code}: ${findingText(code, message, 'zh')}`);
        expect(findingText(code, message, 'en')).toBe(message);
      }
    }
    expect(english).toEqual([]);
  });
});
