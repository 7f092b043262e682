import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeSamples, renderSamples } from '../scripts/readme-samples.js';
import { projectRoot } from './helpers.js';

/** The README's sample outputs are what the code gives on the bundled sample: they cannot drift. */

describe('the README samples', () => {
  it('docs/readme-samples.md, and every README block marked <!-- sample:NAME -->, are what the sample gives now', async () => {
    const samples = await readmeSamples();
    expect(readFileSync(`${projectRoot}docs/readme-samples.md`, 'utf8')).toBe(renderSamples(samples));
    const readme = readFileSync(`${projectRoot}README.md`, 'utf8');
    for (const [, name, text] of readme.matchAll(/<!-- sample:([\w-]+) -->\n```\n([\s\S]*?)\n```/g)) {
      expect(samples[name!], `README sample ${name}`).toBe(text);
    }
  }, 120_000);
});
