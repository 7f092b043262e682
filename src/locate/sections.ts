import type { Block } from '../core/model/document.js';
import { candidates, bestMatch, readLabel } from '../core/text/match.js';
import { squash } from '../core/text/normalize.js';
import { SECTIONS, type SectionKey } from '../core/template/template.js';

/**
 * Sections found by their headings. A heading is a short text block whose label matches one of the six section
 * labels (or a known variant); its 一、 numbering may be missing (Word auto-numbering) or shifted (an agency added
 * a section), so the number is not trusted, only the words.
 */

export interface LocatedSection {
  key: SectionKey;
  heading: string;
  /** Index of the heading block; the section runs to the next section's heading. */
  start: number;
  end: number;
}

const SECTION_POOL = candidates(SECTIONS);
const MAX_HEADING_CHARS = 45;

export function findSections(blocks: Block[]): LocatedSection[] {
  const found: LocatedSection[] = [];
  const seen = new Set<SectionKey>();
  blocks.forEach((block, index) => {
    if (block.kind !== 'text') return;
    const key = sectionHeading(block.text);
    if (!key || seen.has(key)) return;
    // Sections come in template order; a later match of an earlier section is body text, not a heading.
    const last = found[found.length - 1];
    if (last && ordinalOf(key) < ordinalOf(last.key)) return;
    seen.add(key);
    found.push({ key, heading: block.text, start: index, end: blocks.length });
  });
  found.forEach((section, i) => (section.end = found[i + 1]?.start ?? blocks.length));
  return found;
}

export function sectionHeading(text: string): SectionKey | undefined {
  const squashed = squash(text).replace(/[:：。.]$/, '');
  if (squashed.length > MAX_HEADING_CHARS || squashed.length < 4) return undefined;
  const label = readLabel(squashed);
  // Level-2 numbering （一） introduces a sub-heading, never a section.
  if (label.level && label.level !== 1) return undefined;
  const match = bestMatch(label, SECTION_POOL, { threshold: label.level ? 0.8 : 0.9 });
  return match?.key as SectionKey | undefined;
}

function ordinalOf(key: SectionKey): number {
  return SECTIONS.find((s) => s.key === key)!.ordinal;
}

/** Section labels, longest first so that a label is not cut short by a shorter variant. */
const SECTION_LABELS = SECTIONS.flatMap((s) => [s.label, ...(s.aliases ?? [])]).sort((a, b) => b.length - a.length);
const INLINE_HEADING = new RegExp(`[一二三四五六七八九][、.．](?=${SECTION_LABELS.map(escapeRegExp).join('|')})`, 'g');
/** Long enough to be a page flattened into one line rather than a paragraph. */
const RUN_ON_CHARS = 300;

/**
 * A page copied as one run of text (headings and body on one line) has no heading blocks: cut such long blocks
 * before each numbered section heading, so that sections can still be found.
 */
export function splitRunOnText(blocks: Block[]): Block[] {
  return blocks.flatMap((block) => {
    if (block.kind !== 'text' || block.text.length < RUN_ON_CHARS) return [block];
    const cuts = [...block.text.matchAll(INLINE_HEADING)].map((m) => m.index).filter((i) => i > 0);
    if (cuts.length === 0) return [block];
    return [0, ...cuts].flatMap((start, i, all) => {
      const piece = block.text.slice(start, all[i + 1]).trim();
      const heading = leadingHeading(piece);
      const body = heading ? piece.slice(heading.length).trim() : '';
      return heading && body
        ? [
            { ...block, text: heading },
            { ...block, text: body },
          ]
        : [{ ...block, text: piece }];
    });
  });
}

/** Heading then body on one line: `一、总体情况2021年，我区…` → `一、总体情况`. */
function leadingHeading(text: string): string | undefined {
  const label = SECTION_LABELS.find((l) => text.slice(2).startsWith(l));
  return label ? text.slice(0, 2 + label.length) : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
