import type { DocumentModel } from '../core/model/document.js';
import { squash } from '../core/text/normalize.js';

/**
 * Agency and year from the report's title: `汝州市人力资源和社会保障局2021年政府信息公开工作年度报告`,
 * `2019年上海市人民政府办公厅政府信息公开工作年度报告`, `平潭综合实验区2019年度…`, or a title printed over two
 * lines (`洪泽区人民政府` / `2023 年政府信息公开工作年度报告`).
 */

export interface Title {
  text: string;
  agency?: string;
  year?: number;
}

const REPORT = '(?:政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:报告|年报)';
const AGENCY_FIRST = new RegExp(`^(.{2,50}?)((?:19|20)\\d{2})年度?${REPORT}`);
const YEAR_FIRST = new RegExp(`^((?:19|20)\\d{2})年度?(.{2,50}?)${REPORT}`);
const YEAR_ONLY = new RegExp(`^((?:19|20)\\d{2})年度?${REPORT}`);
const AGENCY_END =
  /(?:政府|人民政府|办公室|办公厅|局|委员会|委|厅|院|署|中心|管委会|管理委员会|街道办事处|街道|镇|乡|公司|部|所|站|队|会|区|县|市|省)$/;

/** The place where a title is looked for: the container's title, then the first text blocks. */
const TITLE_BLOCKS = 25;

export function findTitle(document: DocumentModel): Title | undefined {
  const texts = document.blocks
    .slice(0, 60)
    .filter((b) => b.kind === 'text')
    .slice(0, TITLE_BLOCKS)
    .map((b) => b.text);
  const candidates = [...(document.title ? [document.title] : []), ...texts];
  for (let i = 0; i < candidates.length; i++) {
    const parsed = parseTitle(candidates[i]!) ?? parseWrapped(candidates, i);
    if (parsed?.agency) return parsed;
    if (parsed && i > 0) {
      const previous = squash(candidates[i - 1]!);
      if (previous.length <= 30 && AGENCY_END.test(previous))
        return { ...parsed, agency: previous, text: `${candidates[i - 1]} ${candidates[i]}` };
      return parsed;
    }
  }
  return undefined;
}

/** A title line is short; body lines of a PDF are about 30 characters, a wrapped title piece no longer than 40. */
const WRAPPED_PIECE = 40;
const WRAPPED_LINES = 3;
const YEAR_MARK = /(?:19|20)\d{2}年/;

/**
 * A title wrapped over two or three lines or split by markup (`2025 年上海市人民政府办公厅政府信息公开` /
 * `工作年度报告`): joined only from a piece that opens a title — one holding the year or ending as an agency's name
 * does — so a heading before it (`正文`) is never taken for the agency.
 */
function parseWrapped(candidates: string[], start: number): Title | undefined {
  const first = squash(candidates[start]!);
  if (first.length > WRAPPED_PIECE || !(YEAR_MARK.test(first) || AGENCY_END.test(first))) return undefined;
  const pieces = [candidates[start]!];
  for (let next = start + 1; next < candidates.length && pieces.length < WRAPPED_LINES; next++) {
    if (squash(candidates[next]!).length > WRAPPED_PIECE) return undefined;
    pieces.push(candidates[next]!);
    const parsed = parseTitle(pieces.join(''));
    if (parsed?.year !== undefined) return { ...parsed, text: pieces.map((p) => p.trim()).join(' ') };
  }
  return undefined;
}

export function parseTitle(text: string): Title | undefined {
  const squashed = squash(text).replace(/^关于/, '');
  // The title may sit after a breadcrumb ("当前位置：首页 > …"); try every start after a separator.
  for (const start of startPositions(squashed)) {
    const rest = squashed.slice(start);
    const agencyFirst = AGENCY_FIRST.exec(rest);
    if (agencyFirst) return title(text, cleanAgency(agencyFirst[1]!), Number(agencyFirst[2]));
    // Before YEAR_FIRST, which would otherwise read `2023年政府|信息公开…` as an agency called 政府.
    const yearOnly = YEAR_ONLY.exec(rest);
    if (yearOnly) return title(text, undefined, Number(yearOnly[1]));
    const yearFirst = YEAR_FIRST.exec(rest);
    if (yearFirst) return title(text, cleanAgency(yearFirst[2]!), Number(yearFirst[1]));
  }
  return undefined;
}

function startPositions(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (/[>》:：|_\-—]/.test(text[i]!)) starts.push(i + 1);
  return starts;
}

function title(text: string, agency: string | undefined, year: number): Title {
  return { text: text.trim(), ...(agency ? { agency } : {}), year };
}

function cleanAgency(agency: string): string | undefined {
  // Drop what precedes the name on the same line: a field label (标题：), a markdown mark, a breadcrumb.
  const cleaned = agency
    .replace(/^.*[:：>|#》]/, '')
    .replace(/^[《“"#\s]+/, '')
    .replace(/^关于/, '');
  return cleaned.length >= 2 ? cleaned : undefined;
}
