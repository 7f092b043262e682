import type { Block, OcrReading, TableBlock } from '../core/model/document.js';
import { core, squash } from '../core/text/normalize.js';
import type { TableKey } from '../core/template/template.js';
import type { LocatedSection } from './sections.js';

/**
 * Tables found by what they hold: each table block is classified by the template labels in its cells (the
 * section it sits in decides only for tables with no telling label, such as the second half of a split table).
 * All pieces of one template table, in order, become one region of rows; short text blocks lying between two
 * pieces (a group label that a copy lost from the table) are kept as label-only rows.
 */

export interface RegionCell {
  text: string;
  /** Grid slot of the cell's origin and its spans. */
  col: number;
  colSpan: number;
  rowSpan: number;
  /** The cell starts in this row (false for the lower part of a row-spanning cell). */
  isOrigin: boolean;
  table: number;
  row: number;
  page?: number;
  box?: [number, number, number, number];
  /** Present when the text was read from a picture. */
  ocr?: OcrReading;
}

export interface RegionRow {
  cells: RegionCell[];
  /** How its table's structure was read; grid positions of `text-separated` rows are not reliable. */
  structure: TableBlock['structure'];
  table: number;
  /** Grid row in its table, or -1 for a label row taken from a text block. */
  row: number;
}

export interface TableRegion {
  key: TableKey;
  rows: RegionRow[];
  tables: number[];
  pages: number[];
  structure: TableBlock['structure'][];
}

const SIGNALS: Record<TableKey, string[]> = {
  active: [
    '第二十条',
    '信息内容',
    '规章',
    '规范性文件',
    '行政许可',
    '行政处罚',
    '行政强制',
    '行政事业性收费',
    '本年制发件数',
    '现行有效件数',
    '本年新制作数量',
    '政府集中采购',
    '处理决定数量',
    '本年收费金额',
  ],
  requests: [
    '勾稽关系',
    '申请人情况',
    '自然人',
    '商业企业',
    '本年新收',
    '上年结转',
    '予以公开',
    '不予公开',
    '无法提供',
    '不予处理',
    '属于国家秘密',
    '重复申请',
    '结转下年度',
  ],
  review_litigation: ['行政复议', '行政诉讼', '结果维持', '结果纠正', '其他结果', '尚未审结', '直接起诉', '复议后起诉'],
};

const SECTION_TABLE: Partial<Record<string, TableKey>> = {
  active: 'active',
  requests: 'requests',
  review_litigation: 'review_litigation',
};

function classifyTable(table: TableBlock): TableKey | undefined {
  const text = table.cells.map((c) => core(c.text)).join('|');
  let best: TableKey | undefined;
  let bestHits = 0;
  for (const key of Object.keys(SIGNALS) as TableKey[]) {
    const hits = SIGNALS[key].filter((signal) => text.includes(signal)).length;
    if (hits > bestHits) [best, bestHits] = [key, hits];
  }
  return best;
}

/** The section containing a block, if any. */
function sectionAt(sections: LocatedSection[], index: number): LocatedSection | undefined {
  return sections.find((s) => index > s.start && index < s.end);
}

export function findTableRegions(blocks: Block[], sections: LocatedSection[]): Map<TableKey, TableRegion> {
  const keyed: { index: number; key: TableKey }[] = [];
  blocks.forEach((block, index) => {
    if (block.kind !== 'table') return;
    const sectionKey = sectionAt(sections, index)?.key;
    const key = classifyTable(block) ?? (sectionKey ? SECTION_TABLE[sectionKey] : undefined);
    if (key) keyed.push({ index, key });
  });
  const regions = new Map<TableKey, TableRegion>();
  keyed.forEach(({ index, key }, i) => {
    const table = blocks[index] as TableBlock;
    let region = regions.get(key);
    if (!region) {
      region = { key, rows: [], tables: [], pages: [], structure: [] };
      regions.set(key, region);
    } else {
      const previous = keyed[i - 1];
      if (previous?.key === key) region.rows.push(...labelRowsBetween(blocks, previous.index, index));
    }
    region.tables.push(table.index);
    region.structure.push(table.structure);
    for (const page of table.pages ?? []) if (!region.pages.includes(page)) region.pages.push(page);
    region.rows.push(...tableRows(table));
  });
  return regions;
}

/** Distinct cells of each grid row, in column order. */
export function tableRows(table: TableBlock): RegionRow[] {
  return table.grid.map((slots, r) => {
    const cells: RegionCell[] = [];
    let previous = -2;
    for (const index of slots) {
      if (index === previous) continue;
      previous = index;
      if (index < 0) continue;
      const cell = table.cells[index]!;
      cells.push({
        text: cell.text,
        col: cell.col,
        colSpan: cell.colSpan,
        rowSpan: cell.rowSpan,
        isOrigin: cell.row === r,
        table: table.index,
        row: r,
        ...(cell.page ? { page: cell.page } : {}),
        ...(cell.box ? { box: cell.box } : {}),
        ...(cell.ocr ? { ocr: cell.ocr } : {}),
      });
    }
    return { cells, structure: table.structure, table: table.index, row: r };
  });
}

const MAX_LABEL_ROW_CHARS = 40;

function labelRowsBetween(blocks: Block[], from: number, to: number): RegionRow[] {
  const rows: RegionRow[] = [];
  for (let i = from + 1; i < to; i++) {
    const block = blocks[i]!;
    if (block.kind !== 'text' || squash(block.text).length > MAX_LABEL_ROW_CHARS) continue;
    const cell: RegionCell = { text: block.text, col: 0, colSpan: 1, rowSpan: 1, isOrigin: true, table: -1, row: -1 };
    if (block.page) cell.page = block.page;
    rows.push({ cells: [cell], structure: 'text-separated', table: -1, row: -1 });
  }
  return rows;
}
