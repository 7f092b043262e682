import type { Cell, Report } from '../core/model/report.js';
import { placeOfAgency } from '../core/places/gazetteer.js';
import {
  LEGACY_YEAR_COLUMNS,
  PANEL_INDICATORS,
  type PanelFormat,
  type PanelIndicator,
} from '../core/template/panel.js';
import { agencyKey } from '../core/text/agency.js';
import { roundDecimal } from '../core/text/numbers.js';
import type { DataField } from './exporter.js';

/**
 * The panel across all years (panel.csv, panel.parquet): one row per agency and year, the indicators of
 * src/template/panel.ts with the cells each came from. Reports arrive in file order, not by agency, so the panel
 * keeps each report's few values until the end (about 200 bytes a report) and writes agency by agency, year by
 * year. Copies of one report are merged; an indicator on which they disagree is left empty and named in
 * `conflicts` (the copies themselves are flagged by the rules across files, `conflicting_copies`).
 */

interface Reading {
  value: number;
  source: string;
}

interface PanelEntry {
  agency: string;
  key: string;
  year: number;
  format: string;
  files: string[];
  readings: Map<string, Reading[]>;
}

export const PANEL_COLUMNS = [
  'agency_key',
  'agency',
  'year',
  'format',
  'place',
  'place_code',
  'files',
  ...PANEL_INDICATORS.flatMap((i) => [i.key, `${i.key}_source`]),
  'conflicts',
] as const;

export const PANEL_FIELDS: DataField[] = [
  {
    name: 'agency_key',
    type: 'string',
    description: '机关名称的归一化形式（同副本分组）/ the agency name normalised, as copies are grouped',
  },
  { name: 'agency', type: 'string', description: '机关名称（首个副本所印）/ the agency as its first copy prints it' },
  { name: 'year', type: 'integer', description: '报告年度 / report year' },
  {
    name: 'format',
    type: 'string',
    description: "表式：legacy（2019 年以前）、2019、2021、hybrid / the tables' format",
  },
  { name: 'place', type: 'string', description: '所在地（行政区划名称，来自地名库）/ the place, from the gazetteer' },
  {
    name: 'place_code',
    type: 'string',
    description: '6 位行政区划代码（GB/T 2260）/ 6-digit administrative division code',
  },
  { name: 'files', type: 'string', description: '合并的副本文件，空格分隔 / the copies merged, space-separated' },
  ...PANEL_INDICATORS.flatMap((i): DataField[] => [
    {
      name: i.key,
      type: 'number',
      description: `${i.zh}；该年表式不统计时为空 / ${i.en}; empty where the format does not measure it`,
    },
    {
      name: `${i.key}_source`,
      type: 'string',
      description: `${i.key} 取自的单元格（table:row:column，多个相加用 +）/ the cells ${i.key} came from`,
    },
  ]),
  {
    name: 'conflicts',
    type: 'string',
    description: '副本数值不一致而留空的指标 / indicators left empty because copies disagree',
  },
];

export class PanelRows {
  private readonly entries = new Map<string, PanelEntry>();

  add(report: Report): void {
    if (!report.agency || report.year === null || !report.formatVersion) return;
    const key = agencyKey(report.agency);
    const id = `${key}\u0000${report.year}`;
    let entry = this.entries.get(id);
    if (!entry) {
      const { agency, year, formatVersion: format } = report;
      entry = { agency, key, year, format, files: [], readings: new Map() };
      this.entries.set(id, entry);
    }
    entry.files.push(report.file);
    const format: PanelFormat = report.formatVersion === 'legacy' ? 'legacy' : 'template';
    const cells = new Map(report.cells.map((c) => [`${c.table}:${c.row}:${c.column}`, c]));
    for (const indicator of PANEL_INDICATORS) {
      const reading = readIndicator(indicator, format, cells);
      if (reading) entry.readings.set(indicator.key, [...(entry.readings.get(indicator.key) ?? []), reading]);
    }
  }

  /** The rows, by agency key then year. */
  rows(): (string | number | null)[][] {
    const order = (a: PanelEntry, b: PanelEntry) => (a.key === b.key ? a.year - b.year : a.key < b.key ? -1 : 1);
    const sorted = [...this.entries.values()].sort(order);
    return sorted.map(panelRow);
  }
}

function panelRow(entry: PanelEntry): (string | number | null)[] {
  const place = placeOfAgency(entry.agency);
  const conflicts: string[] = [];
  const values = PANEL_INDICATORS.flatMap((indicator) => {
    const readings = entry.readings.get(indicator.key) ?? [];
    if (readings.length === 0) return [null, null];
    if (readings.some((r) => r.value !== readings[0]!.value)) {
      conflicts.push(indicator.key);
      return [null, null];
    }
    return [readings[0]!.value, readings[0]!.source];
  });
  const { key, agency, year, format, files } = entry;
  return [
    key,
    agency,
    year,
    format,
    place?.name ?? null,
    place?.code ?? null,
    files.join(' '),
    ...values,
    conflicts.join(' '),
  ];
}

/** The first alternative whose every cell was read; null when none was (the panel then leaves it empty). */
function readIndicator(indicator: PanelIndicator, format: PanelFormat, cells: Map<string, Cell>): Reading | null {
  for (const alternative of indicator.sources[format] ?? []) {
    const found = alternative.map((ref) => (format === 'legacy' ? legacyCell(ref, cells) : cells.get(ref)));
    const unsure = (c: Cell) => indicator.money === true && c.table === 'legacy' && !MONEY_UNITS.has(c.unit ?? '');
    if (found.some((c) => !c || c.value === null || unsure(c))) continue;
    const value = roundDecimal(found.reduce((total, c) => total + indicatorValue(c!, indicator), 0));
    return { value, source: found.map((c) => `${c!.table}:${c!.row}:${c!.column}`).join('+') };
  }
  return null;
}

function legacyCell(ref: string, cells: Map<string, Cell>): Cell | undefined {
  for (const column of LEGACY_YEAR_COLUMNS) {
    const cell = cells.get(`${ref}:${column}`);
    if (cell) return cell;
  }
  return undefined;
}

/** An amount printed without 元 or 万元 is not converted by guess: the panel leaves it empty. */
const MONEY_UNITS = new Set(['元', '万元']);

/** A legacy amount printed in 元 in 万元, as the panel's money columns are. */
function indicatorValue(cell: Cell, indicator: PanelIndicator): number {
  return indicator.money && cell.unit === '元' ? roundDecimal(cell.value! / 10000) : cell.value!;
}
