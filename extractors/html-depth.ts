import { warning, type Message } from '../src/core/model/messages.js';
import { bothLanguages } from '../src/core/i18n/lang.js';

/**
 * A bound on how deeply a web page's elements nest, applied to the markup before it is parsed. The HTML parser
 * (parse5, under cheerio) checks its stack of open elements for every tag, so 100,000 nested `<div>`s took 153 s to
 * parse and then overflowed the call stack of the walk over the tree (measured, issue 21). Real report pages nest a
 * few dozen levels (Word's saved pages included). Deeper than the limit, the tags are dropped and their content kept
 * as text of the deepest element kept: the page is read in linear time, with a warning.
 *
 * Hand-written: a scan of tags by pattern, not a parser — it only counts, and removes tags the limit cuts.
 */

const MAX_NESTING = 1000;

/** Elements that never hold others, and those the parser closes by itself when the next one opens (a row, a cell). */
const NOT_NESTING = new Set(
  'area base br col embed hr img input link meta param source track wbr p li td th tr tbody thead tfoot option optgroup dt dd rt rp colgroup caption html head body'.split(
    ' ',
  ),
);
const TAG = /<(\/?)([a-zA-Z][\w:-]*)\b[^>]*?(\/?)>/g;

export interface Bounded {
  html: string;
  messages: Message[];
}

export function limitNesting(html: string, max = MAX_NESTING): Bounded {
  if (deepest(html) <= max) return { html, messages: [] };
  // Whether each open element was kept, so that its end tag is kept or dropped with it.
  const open: boolean[] = [];
  let depth = 0;
  let dropped = 0;
  const kept = html.replace(TAG, (tag: string, closing: string, name: string, selfClosing: string) => {
    const lower = name.toLowerCase();
    if (selfClosing || NOT_NESTING.has(lower)) return tag;
    // A table is what a report is read from: kept below the wrappers cut, up to a margin of its own.
    const keep = closing ? (open.pop() ?? true) : depth < max || (lower === 'table' && depth < max + TABLE_MARGIN);
    if (!closing) open.push(keep);
    if (keep) depth += closing ? -1 : 1;
    else dropped++;
    return keep ? tag : '';
  });
  const note = bothLanguages({
    zh: `网页元素嵌套超过 ${max} 层：更深的 ${dropped} 个标签已忽略，其中文字按普通文字读取`,
    en: `the page's elements nest deeper than ${max} levels: ${dropped} deeper tags were ignored and their text read as plain text`,
  });
  return { html: kept, messages: [warning('read', note)] };
}

/** Levels of tables kept below the limit (tables inside tables). */
const TABLE_MARGIN = 10;

function deepest(html: string): number {
  let depth = 0;
  let most = 0;
  for (const [, closing, name, selfClosing] of html.matchAll(TAG)) {
    if (selfClosing || NOT_NESTING.has(name!.toLowerCase())) continue;
    depth += closing ? -1 : 1;
    if (depth > most) most = depth;
  }
  return most;
}
