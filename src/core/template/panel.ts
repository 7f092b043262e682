/**
 * The panel across all years: the indicators that mean the same thing in the pre-2019 statistics tables and in
 * the 2019 and 2021 templates, and which cells each format takes them from (README "The panel"). A format that
 * does not measure an indicator has no entry: the panel leaves it empty, never 0. Where an indicator is the sum of
 * several printed cells (2019+ 不予公开 by its eight reasons), every one must have been read.
 */

export type PanelFormat = 'legacy' | 'template';

export interface PanelIndicator {
  key: string;
  zh: string;
  en: string;
  /** 万元 amounts: a legacy value printed in 元 is converted. */
  money?: boolean;
  /**
   * Per format, the alternatives in order of preference; each a list of `table:row:column` cells added up. A legacy
   * cell is written `legacy:row` and read from its year's column (year, else 本期实际, else 合计).
   */
  sources: Partial<Record<PanelFormat, string[][]>>;
}

const DENIED = [
  'state_secret',
  'prohibited_by_law',
  'three_safeties_one_stability',
  'third_party_rights',
  'internal_affairs',
  'process_info',
  'law_enforcement_files',
  'administrative_query',
];

export const PANEL_INDICATORS: readonly PanelIndicator[] = [
  {
    key: 'received',
    zh: '收到申请数（2019 年起为本年新收）',
    en: 'requests received (2019+: new this year)',
    sources: { legacy: [['legacy:received']], template: [['requests:new_received:total']] },
  },
  {
    key: 'granted',
    zh: '同意公开 / 予以公开',
    en: 'granted',
    sources: { legacy: [['legacy:answered.granted']], template: [['requests:granted:total']] },
  },
  {
    key: 'partly_granted',
    zh: '同意部分公开 / 部分公开',
    en: 'partly granted',
    sources: { legacy: [['legacy:answered.partly_granted']], template: [['requests:partially_granted:total']] },
  },
  {
    key: 'refused',
    zh: '不予公开（2019 年以前的表式含信息不存在等理由）',
    en: 'refused (pre-2019 forms count reasons such as "does not exist" among them)',
    sources: {
      legacy: [['legacy:answered.refused']],
      template: [DENIED.map((reason) => `requests:denied.${reason}:total`)],
    },
  },
  {
    key: 'not_held',
    zh: '信息不存在 / 本机关不掌握',
    en: 'information not held',
    sources: {
      legacy: [['legacy:answered.not_held'], ['legacy:refused.not_held']],
      template: [['requests:unable.not_held:total']],
    },
  },
  {
    key: 'reviews',
    zh: '行政复议数',
    en: 'administrative reviews',
    sources: { legacy: [['legacy:review']], template: [['review_litigation:review:total']] },
  },
  {
    key: 'suits',
    zh: '行政诉讼数（2019 年起为直接起诉与复议后起诉之和）',
    en: 'lawsuits (2019+: direct and after review)',
    sources: {
      legacy: [['legacy:litigation']],
      template: [['review_litigation:litigation_direct:total', 'review_litigation:litigation_after_review:total']],
    },
  },
  {
    key: 'fees',
    zh: '依申请公开收取的费用（万元）',
    en: 'fees charged for disclosure (10,000 yuan)',
    money: true,
    sources: { legacy: [['legacy:fees']] },
  },
];

/** The column a legacy table's year figure is in, by preference (docs/spec/legacy.md "Columns"). */
export const LEGACY_YEAR_COLUMNS = ['year', 'period', 'total'] as const;
