/**
 * The national report template (docs/spec/template.md): sections, tables, row and column keys, their printed labels and the
 * variants real reports print instead. `test/core/template/template.test.ts` checks it against the spec's template.json.
 */

export type FormatVersion = '2021' | '2019';
export type SectionKey = 'overview' | 'active' | 'requests' | 'review_litigation' | 'problems' | 'other';
export type TableKey = 'active' | 'requests' | 'review_litigation';

export interface Label {
  key: string;
  label: string;
  /** Other printed forms, matched like the label itself. */
  aliases?: string[];
}

export const SECTIONS: (Label & { key: SectionKey; ordinal: number })[] = [
  { key: 'overview', ordinal: 1, label: '总体情况' },
  { key: 'active', ordinal: 2, label: '主动公开政府信息情况', aliases: ['主动公开情况'] },
  { key: 'requests', ordinal: 3, label: '收到和处理政府信息公开申请情况', aliases: ['收到及处理政府信息公开申请情况'] },
  {
    key: 'review_litigation',
    ordinal: 4,
    label: '政府信息公开行政复议、行政诉讼情况',
    aliases: [
      '因政府信息公开工作被申请行政复议、提起行政诉讼情况',
      '因政府信息公开申请行政复议、提起行政诉讼的情况',
      '政府信息公开行政复议和行政诉讼情况',
      '因政府信息公开工作被申请行政复议和提起行政诉讼情况',
    ],
  },
  {
    key: 'problems',
    ordinal: 5,
    label: '存在的主要问题及改进情况',
    aliases: [
      '政府信息公开工作存在的主要问题及改进情况',
      '存在的主要问题和改进情况',
      '存在问题及改进情况',
      '存在的主要问题及整改措施',
      '存在的问题及改进措施',
    ],
  },
  { key: 'other', ordinal: 6, label: '其他需要报告的事项' },
];

// ---------------------------------------------------------------------------------------------------------------
// Section 二: table `active`

export interface ActiveColumn extends Label {
  /** Printed in 万元; a value in 元 is converted. */
  tenThousandYuan?: boolean;
  /** May be negative (本年增/减). */
  signed?: boolean;
}

export const ACTIVE_ROWS: Label[] = [
  { key: 'regulations', label: '规章' },
  { key: 'normative_documents', label: '行政规范性文件', aliases: ['规范性文件'] },
  { key: 'licensing', label: '行政许可' },
  { key: 'other_services', label: '其他对外管理服务事项' },
  { key: 'penalty', label: '行政处罚' },
  { key: 'enforcement', label: '行政强制' },
  { key: 'fees', label: '行政事业性收费' },
  { key: 'procurement', label: '政府集中采购' },
];

export const ACTIVE_COLUMNS: ActiveColumn[] = [
  { key: 'issued', label: '本年制发件数', aliases: ['本年制发数量'] },
  { key: 'repealed', label: '本年废止件数', aliases: ['本年废止数量'] },
  { key: 'in_force', label: '现行有效件数', aliases: ['现行有效数量'] },
  { key: 'decisions', label: '本年处理决定数量', aliases: ['处理决定数量'] },
  { key: 'amount_10k_yuan', label: '本年收费金额（单位：万元）', aliases: ['本年收费金额'], tenThousandYuan: true },
  { key: 'new_made', label: '本年新制作数量' },
  { key: 'new_published', label: '本年新公开数量' },
  { key: 'total_published', label: '对外公开总数量' },
  { key: 'prev_year_items', label: '上一年项目数量' },
  { key: 'change', label: '本年增/减', aliases: ['本年增减'], signed: true },
  { key: 'items', label: '采购项目数量' },
  { key: 'amount', label: '采购总金额', tenThousandYuan: true },
];

/** The (row, columns) blocks of section 二 per format, in printed order. */
export const ACTIVE_LAYOUT: Record<FormatVersion, { heading: string; rows: string[]; columns: string[] }[]> = {
  '2021': [
    {
      heading: '第二十条第（一）项',
      rows: ['regulations', 'normative_documents'],
      columns: ['issued', 'repealed', 'in_force'],
    },
    { heading: '第二十条第（五）项', rows: ['licensing'], columns: ['decisions'] },
    { heading: '第二十条第（六）项', rows: ['penalty', 'enforcement'], columns: ['decisions'] },
    { heading: '第二十条第（八）项', rows: ['fees'], columns: ['amount_10k_yuan'] },
  ],
  '2019': [
    {
      heading: '第二十条第（一）项',
      rows: ['regulations', 'normative_documents'],
      columns: ['new_made', 'new_published', 'total_published'],
    },
    {
      heading: '第二十条第（五）项',
      rows: ['licensing', 'other_services'],
      columns: ['prev_year_items', 'change', 'decisions'],
    },
    {
      heading: '第二十条第（六）项',
      rows: ['penalty', 'enforcement'],
      columns: ['prev_year_items', 'change', 'decisions'],
    },
    { heading: '第二十条第（八）项', rows: ['fees'], columns: ['prev_year_items', 'change'] },
    { heading: '第二十条第（九）项', rows: ['procurement'], columns: ['items', 'amount'] },
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// Section 三: table `requests`

export type RequestGroup = 'results' | 'denied' | 'unable' | 'not_processed' | 'other';

export interface RequestRow extends Label {
  level: 1 | 2 | 3;
  /** A group label with no numbers of its own (三、本年度办理结果, （三）不予公开 …). */
  isGroup?: RequestGroup;
  /** The group a numbered sub-row belongs to. */
  parent?: RequestGroup;
  /** Counts as an outcome in `outcome_sum`. */
  outcome?: boolean;
  /** Only in this format's shape of the table. */
  only?: FormatVersion;
}

const sub = (parent: RequestGroup, key: string, label: string, aliases?: string[]): RequestRow => ({
  key: `${parent}.${key}`,
  label,
  level: 3,
  parent,
  outcome: true,
  ...(aliases ? { aliases } : {}),
});

export const REQUEST_ROWS: RequestRow[] = [
  { key: 'new_received', level: 1, label: '一、本年新收政府信息公开申请数量' },
  { key: 'carried_over', level: 1, label: '二、上年结转政府信息公开申请数量' },
  { key: 'group.results', level: 1, label: '三、本年度办理结果', isGroup: 'results' },
  { key: 'granted', level: 2, label: '（一）予以公开', outcome: true, parent: 'results' },
  {
    key: 'partially_granted',
    level: 2,
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    aliases: ['部分公开'],
    outcome: true,
    parent: 'results',
  },
  { key: 'group.denied', level: 2, label: '（三）不予公开', isGroup: 'denied', parent: 'results' },
  sub('denied', 'state_secret', '1.属于国家秘密'),
  sub('denied', 'prohibited_by_law', '2.其他法律行政法规禁止公开'),
  sub('denied', 'three_safeties_one_stability', '3.危及“三安全一稳定”'),
  sub('denied', 'third_party_rights', '4.保护第三方合法权益'),
  sub('denied', 'internal_affairs', '5.属于三类内部事务信息'),
  sub('denied', 'process_info', '6.属于四类过程性信息'),
  sub('denied', 'law_enforcement_files', '7.属于行政执法案卷'),
  sub('denied', 'administrative_query', '8.属于行政查询事项'),
  { key: 'group.unable', level: 2, label: '（四）无法提供', isGroup: 'unable', parent: 'results' },
  sub('unable', 'not_held', '1.本机关不掌握相关政府信息'),
  sub('unable', 'needs_creation', '2.没有现成信息需要另行制作'),
  sub('unable', 'unclear_after_amendment', '3.补正后申请内容仍不明确'),
  { key: 'group.not_processed', level: 2, label: '（五）不予处理', isGroup: 'not_processed', parent: 'results' },
  sub('not_processed', 'petition_complaint', '1.信访举报投诉类申请'),
  sub('not_processed', 'duplicate', '2.重复申请'),
  sub('not_processed', 'publication', '3.要求提供公开出版物'),
  sub('not_processed', 'mass_repetitive', '4.无正当理由大量反复申请'),
  sub('not_processed', 'confirm_reissue', '5.要求行政机关确认或重新出具已获取信息'),
  // （六）其他处理 is a group of three numbered rows in the 2021 shape and one data row `other` in the 2019 shape.
  { key: 'group.other', level: 2, label: '（六）其他处理', isGroup: 'other', parent: 'results' },
  {
    ...sub('other', 'no_amendment_overdue', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'),
    only: '2021',
  },
  {
    ...sub('other', 'fee_unpaid', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'),
    only: '2021',
  },
  { ...sub('other', 'other', '3.其他'), only: '2021' },
  { key: 'total', level: 2, label: '（七）总计', aliases: ['合计', '总数'], parent: 'results' },
  { key: 'carried_forward', level: 1, label: '四、结转下年度继续办理', aliases: ['结转下年度'] },
];

/** The single （六）其他处理 data row of the 2019 shape. */
export const SINGLE_OTHER_ROW = 'other';

export const REQUEST_COLUMNS: Label[] = [
  { key: 'natural_person', label: '自然人' },
  { key: 'commercial_enterprise', label: '商业企业' },
  { key: 'research_institution', label: '科研机构' },
  { key: 'social_welfare_org', label: '社会公益组织' },
  { key: 'legal_service_org', label: '法律服务机构' },
  { key: 'other_org', label: '其他' },
  { key: 'total', label: '总计', aliases: ['合计'] },
];

export const APPLICANT_COLUMNS = REQUEST_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key);

/** The data rows of the requests table in a format's shape, in printed order. */
export function requestDataRows(shape: FormatVersion): string[] {
  const rows = REQUEST_ROWS.filter((r) => !r.isGroup && (!r.only || r.only === shape)).map((r) => r.key);
  if (shape === '2019') rows.splice(rows.indexOf('total'), 0, SINGLE_OTHER_ROW);
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// Section 四: table `review_litigation`

export const REVIEW_GROUPS: Label[] = [
  { key: 'review', label: '行政复议' },
  { key: 'litigation_direct', label: '未经复议直接起诉' },
  { key: 'litigation_after_review', label: '复议后起诉' },
];

export const REVIEW_COLUMNS: Label[] = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计', aliases: ['合计'] },
];

/** A cell whose emptiness means "not stated" rather than zero. */
export function isTotalCell(table: TableKey, row: string, column: string): boolean {
  if (table === 'requests') return row === 'total' || column === 'total';
  if (table === 'review_litigation') return column === 'total';
  return false;
}

/** Every cell a table of this format prints, as `row.column`. */
export function expectedCells(table: TableKey, version: FormatVersion | null): string[] {
  if (table === 'active') {
    if (!version) return [];
    return ACTIVE_LAYOUT[version].flatMap((b) =>
      b.rows.flatMap((row) => b.columns.map((column) => `${row}.${column}`)),
    );
  }
  if (table === 'requests')
    return requestDataRows(version ?? '2021').flatMap((row) => REQUEST_COLUMNS.map((c) => `${row}.${c.key}`));
  return REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => `${g.key}.${c.key}`));
}

/** The columns of 万元 figures (section 二's fees and procurement); every other cell is a count. */
export const MONEY_COLUMNS: ReadonlySet<string> = new Set(
  ACTIVE_COLUMNS.filter((c) => c.tenThousandYuan).map((c) => c.key),
);
