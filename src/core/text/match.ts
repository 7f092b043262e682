import type { Label } from '../template/template.js';
import { core, similarity, splitNumbering, squash, stripNotes, type NumberingLevel } from './normalize.js';

/**
 * Fuzzy matching of printed labels to template keys, on normalised cores: typos, a missing or extra character,
 * notes in brackets, numbering and width variants are tolerated; the best candidate must also stand clear of the
 * second best, so that an ambiguous label is reported rather than guessed.
 */

export interface Candidate {
  key: string;
  cores: string[];
}

export interface LabelMatch {
  key: string;
  score: number;
}

export interface PrintedLabel {
  level?: NumberingLevel;
  ordinal?: number;
  /** Core with numbering removed, and the same without bracketed notes. */
  variants: string[];
}

export function candidates(labels: Label[]): Candidate[] {
  return labels.map((label) => ({
    key: label.key,
    cores: unique([label.label, ...(label.aliases ?? [])].flatMap((text) => readLabel(text).variants)),
  }));
}

export function readLabel(text: string): PrintedLabel {
  const numbered = splitNumbering(squash(text));
  const variants = unique([core(numbered.rest), core(stripNotes(numbered.rest))]).filter(Boolean);
  return {
    ...(numbered.level ? { level: numbered.level } : {}),
    ...(numbered.ordinal !== undefined ? { ordinal: numbered.ordinal } : {}),
    variants,
  };
}

export interface MatchOptions {
  threshold?: number;
  /** How far the best must be ahead of the next-best candidate of another key. */
  margin?: number;
}

export function bestMatch(
  text: string | PrintedLabel,
  pool: Candidate[],
  options: MatchOptions = {},
): LabelMatch | undefined {
  const printed = typeof text === 'string' ? readLabel(text) : text;
  const { threshold = 0.75, margin = 0.05 } = options;
  const [best, second] = ranked(printed.variants, pool);
  if (!best || best.score < threshold) return undefined;
  if (second && best.score < 1 && best.score - second.score < margin) return undefined;
  return best;
}

/**
 * The pool's candidates, best first, for a label's variants. Reports print the same few hundred labels over and
 * over, so rankings are remembered per pool (a bounded cache: the fuzzy scoring was a tenth of a batch's time).
 */
function ranked(variants: string[], pool: Candidate[]): LabelMatch[] {
  let cache = rankings.get(pool);
  if (!cache) rankings.set(pool, (cache = new Map()));
  const key = variants.join('\n');
  let result = cache.get(key);
  if (!result) {
    if (cache.size >= MAX_RANKINGS_PER_POOL) cache.clear();
    result = pool
      .map((candidate) => ({ key: candidate.key, score: score(variants, candidate.cores) }))
      .sort((a, b) => b.score - a.score);
    cache.set(key, result);
  }
  return result;
}

const rankings = new WeakMap<Candidate[], Map<string, LabelMatch[]>>();
const MAX_RANKINGS_PER_POOL = 4096;

function score(variants: string[], cores: string[]): number {
  let best = 0;
  for (const v of variants) for (const c of cores) best = Math.max(best, similarity(v, c));
  return best;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
