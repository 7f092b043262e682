import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { declaredCharset, decodeText } from '../decode.js';

/**
 * Where a workbook of statistics tables alone (no title printed) finds its report's name: its file name when that
 * names a report of a year (某某局2023年政府信息公开工作年度报告.xls), else the web page saved beside it under the
 * same stem (报告.html next to 报告.xls), whose <title> or first heading names it.
 */

const NAMES_REPORT = (text: string) => /(?:19|20)\d{2}\s*年/.test(text) && /年度?报告|年报/.test(text);
const PAGE_EXTENSIONS = ['.html', '.htm', '.shtml'];
/** A saved page is tens of KB; only its head and first heading are looked at. */
const MAX_PAGE_BYTES = 4 * 1024 * 1024;

export function titleFromSurroundings(name: string, path: string | undefined): string | undefined {
  const stem = basename(name, extname(name));
  if (NAMES_REPORT(stem)) return stem;
  if (!path) return undefined;
  for (const extension of PAGE_EXTENSIONS) {
    const title = pageTitle(join(dirname(path), basename(path, extname(path)) + extension));
    if (title) return title;
  }
  return undefined;
}

function pageTitle(pagePath: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(pagePath);
  } catch {
    return undefined;
  }
  if (bytes.length > MAX_PAGE_BYTES) return undefined;
  let html: string;
  try {
    html = decodeText(bytes, declaredCharset(bytes)).text;
  } catch {
    return undefined;
  }
  const candidates = [/<title[^>]*>([^<]*)<\/title>/i, /<h1[^>]*>([\s\S]*?)<\/h1>/i].map((re) => re.exec(html)?.[1]);
  return candidates
    .map((c) =>
      c
        ?.replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .find((c): c is string => !!c && NAMES_REPORT(c));
}
