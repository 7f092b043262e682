import type { Message } from '../../src/core/model/messages.js';
import { multiply, type Matrix, type Segment } from '../geometry/segments.js';
import { itemsToGlyphs, type Glyph, type TextItemLike } from '../geometry/glyphs.js';
import { findTables, type Box, type LatticeTable } from '../geometry/lattice.js';
import type { PageItem } from '../geometry/page-items.js';
import { layoutPage } from './layout.js';
import {
  displayedBox,
  runTurns,
  turnSegment,
  uprightFrame,
  type QuarterTurns,
  type UprightFrame,
} from '../geometry/orientation.js';

/**
 * A page read in its upright frames. Text runs are grouped by the way they run (see orientation.ts); each group is
 * laid out in the frame where it reads upright, with the page's rulings turned into that frame. Nearly every page
 * has one group. A page with two — a table drawn sideways under an upright heading, a sideways landscape table with
 * an upright page number — gives each ruled table to the group with most text inside it, and text of another group
 * inside that table (a column heading set sideways) is left out, as sideways text always was.
 *
 * Everything stays in upright coordinates for layout and for joining tables across pages; each item and cell also
 * carries `shown`, its box on the page as displayed, which is what provenance reports.
 */

export interface PageFrame {
  frame: UprightFrame;
  glyphs: Glyph[];
}

/** The page's text, grouped by the frame in which it reads upright; most text first. */
export function pageFrames(items: TextItemLike[], viewport: Matrix, width: number, height: number): PageFrame[] {
  const groups = new Map<QuarterTurns, TextItemLike[]>();
  for (const item of items) {
    if (!item.str || item.str.trim() === '') continue;
    const turns = runTurns(multiply(viewport, item.transform as Matrix));
    if (turns === undefined) continue;
    const group = groups.get(turns);
    if (group) group.push(item);
    else groups.set(turns, [item]);
  }
  const frames: PageFrame[] = [];
  for (const [turns, runs] of groups) {
    const frame = uprightFrame(turns, width, height);
    const glyphs = itemsToGlyphs(runs, multiply(frame.matrix, viewport));
    if (glyphs.length > 0) frames.push({ frame, glyphs });
  }
  return frames.sort((a, b) => b.glyphs.length - a.glyphs.length);
}

export interface FramedLayout {
  items: PageItem[];
  messages: Message[];
}

/** Lay out each frame's text with its ruled tables; items in reading order, frames ordered by where they start on the displayed page. */
export function layoutFrames(page: number, frames: PageFrame[], segments: Segment[]): FramedLayout {
  if (frames.length === 1 && frames[0]!.frame.turns === 0) {
    const only = frames[0]!;
    return layoutPage(
      { page, width: only.frame.width, height: only.frame.height },
      only.glyphs,
      segments.length > 0 ? findTables(segments) : [],
    );
  }
  const tables = frames.map(({ frame }) =>
    segments.length > 0 ? findTables(segments.map((s) => turnSegment(s, frame))) : [],
  );
  const laid = frames.map(({ frame, glyphs }, f) => {
    const owned = tables[f]!.filter((table) => owner(table, f, frames) === f);
    const foreign = tables[f]!.filter((table) => !owned.includes(table));
    const own = foreign.length === 0 ? glyphs : glyphs.filter((g) => !foreign.some((t) => inside(t, g)));
    const layout = layoutPage({ page, width: frame.width, height: frame.height }, own, owned);
    return { frame, layout, top: displayedTop(frame, layout.items) };
  });
  laid.sort((a, b) => a.top - b.top);
  return {
    items: laid.flatMap(({ frame, layout }) => layout.items.map((item) => withShownBoxes(item, frame))),
    messages: laid.flatMap(({ layout }) => layout.messages),
  };
}

/** The frame with most glyphs inside a table found in frame `f`; a table with no text belongs to the page's main frame. */
function owner(table: LatticeTable, f: number, frames: PageFrame[]): number {
  const here = frames[f]!.frame;
  let best = 0;
  let bestCount = -1;
  frames.forEach(({ frame, glyphs }, g) => {
    let count = 0;
    for (const glyph of glyphs) {
      const [dx, dy] = frame.toDisplayed((glyph.x0 + glyph.x1) / 2, glyph.cy);
      const [x, y] = here.toUpright(dx, dy);
      if (x >= table.x0 && x <= table.x1 && y >= table.y0 && y <= table.y1) count++;
    }
    if (count > bestCount) [best, bestCount] = [g, count];
  });
  return best;
}

function inside(box: Box, glyph: Glyph): boolean {
  const cx = (glyph.x0 + glyph.x1) / 2;
  return cx >= box.x0 && cx <= box.x1 && glyph.cy >= box.y0 && glyph.cy <= box.y1;
}

function displayedTop(frame: UprightFrame, items: PageItem[]): number {
  return Math.min(Infinity, ...items.map((item) => displayedBox(item, frame).y0));
}

/** The item and its cells with their boxes as the page displays them. */
function withShownBoxes(item: PageItem, frame: UprightFrame): PageItem {
  if (item.kind === 'text') return { ...item, shown: displayedBox(item, frame) };
  const shown = <T extends Box>(cell: T): T => ({ ...cell, shown: displayedBox(cell, frame) });
  return {
    ...item,
    shown: displayedBox(item, frame),
    cells: item.cells.map(shown),
    ...(item.continued ? { continued: item.continued.map(shown) } : {}),
  };
}
