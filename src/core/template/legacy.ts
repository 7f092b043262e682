/**
 * The indicators of the pre-2019 statistics tables (政府信息公开情况统计表, docs/spec/legacy.md): one stable key
 * per indicator across the provincial forms, the printed stems it is known by, and its place in the hierarchy.
 * There was no national layout before 2019, so rows are matched by stems (numbering, 其中, quotes, notes, the
 * `数`/`总数` suffix and synonyms such as 网络/网上 removed), never by whole strings.
 */

export interface LegacyRow {
  key: string;
  /** Printed stems after `legacyStem` (several forms, several wordings). */
  stems: string[];
  /** The row this one is a part of (printed as its 其中 item). */
  parent?: string;
}

/**
 * A sum that holds by definition (LEGACY.md "Which sums hold"): the parent equals the sum of those of its parts
 * the table prints. Only these become error-level rules; 主动公开 vs its channels is not a partition.
 */
export interface LegacySum {
  rule: string;
  parent: string;
  parts: string[];
  zh: string;
  en: string;
}

const row = (key: string, stems: string[], parent?: string): LegacyRow => ({
  key,
  stems,
  ...(parent ? { parent } : {}),
});

const ACTIVE: LegacyRow[] = [
  row('active', ['主动公开信息', '主动公开文件', '主动公开政府信息']),
  row('active.website', ['网站公开', '政府网站公开', '政府网站'], 'active'),
  row('active.gazette', ['政府公报公开', '政府公报'], 'active'),
  row('active.weibo', ['政务微博'], 'active'),
  row('active.wechat', ['政务微信'], 'active'),
  row('active.other', ['其他方式'], 'active'),
  row('active.full_text', ['全文电子化的主动公开信息'], 'active'),
  row('active.new_normative', ['新增的行政规范性文件'], 'active'),
  row('active.service_info', ['提供服务类信息'], 'active'),
  row('active.normative', ['主动公开规范性文件'], 'active'),
  row('normative_issued', ['制发规范性文件']),
  row('site_visits', ['网站专栏页面访问量']),
  row('walk_in_visitors', ['现场接待人']),
  row('online_enquiries', ['网上咨询']),
  row('phone_enquiries', ['咨询电话接听']),
  row('request_catalogue', ['依申请公开信息目录']),
];

const RESPONSES: LegacyRow[] = [
  row('hot_topic_responses', ['回应公众关注热点或重大舆情']),
  row('press_conferences', ['参加或举办新闻发布会总次', '参加或举办新闻发布会次']),
  row('press_conferences.leader', ['主要负责同志参加新闻发布会次'], 'press_conferences'),
  row('online_interviews', ['政府网站在线访谈次']),
  row('online_interviews.leader', ['主要负责同志参加政府网站在线访谈次'], 'online_interviews'),
  row('policy_explanations', ['政策解读稿件发布']),
  row('weibo_wechat_responses', ['微博微信回应事件']),
  row('other_responses', ['其他方式回应事件']),
];

const RECEIVED: LegacyRow[] = [
  row('received', ['受理依申请公开信息', '受理政府信息依申请公开', '申请', '收到申请', '受理申请']),
  row('received.in_person', ['当面申请'], 'received'),
  row('received.fax', ['传真申请'], 'received'),
  row('received.email', ['电子邮件申请'], 'received'),
  row('received.online', ['网上申请'], 'received'),
  row('received.post', ['信函申请'], 'received'),
  row('received.post_fax', ['信函传真申请'], 'received'),
  row('received.other', ['其他形式申请'], 'received'),
  row('completed', ['申请办结']),
  row('completed.on_time', ['按时办结'], 'completed'),
  row('completed.extended', ['延期办结'], 'completed'),
];

const ANSWERED: LegacyRow[] = [
  row('answered', ['对申请的答复', '申请答复', '对依申请公开的答复']),
  row('answered.already_public', ['属于已主动公开范围'], 'answered'),
  row('answered.granted', ['同意公开答复'], 'answered'),
  row('answered.partly_granted', ['同意部分公开答复'], 'answered'),
  row('answered.refused', ['否决公开答复', '不予公开答复', '不同意公开答复', '不同意公开'], 'answered'),
  row('answered.other', ['其他类型答复'], 'answered'),
  row('answered.not_this_agency', ['不属于本行政机关公开'], 'answered'),
  row('answered.not_held', ['申请信息不存在'], 'answered'),
  row('answered.amend', ['告知作出更改补充'], 'answered'),
  row('answered.other_channel', ['告知通过其他途径办理'], 'answered'),
];

/** Form C's eleven reasons (信息不存在 and 非本部门掌握 are refusals there) and form D's six. */
const REFUSED: LegacyRow[] = [
  row('refused.not_government_info', ['非规定所指政府信息', '不是条例所指政府信息'], 'answered.refused'),
  row('refused.not_held', ['信息不存在'], 'answered.refused'),
  row('refused.not_this_agency', ['非本部门掌握'], 'answered.refused'),
  row('refused.unclear', ['申请内容不明确'], 'answered.refused'),
  ...[1, 2, 3, 4, 5, 6].map((n) => row(`refused.exempt_${n}`, [`免予公开范围${n}`], 'answered.refused')),
  row('refused.other', ['其他原因'], 'answered.refused'),
  row('refused.state_secret', ['涉及国家秘密'], 'answered.refused'),
  row('refused.commercial_secret', ['涉及商业秘密'], 'answered.refused'),
  row('refused.privacy', ['涉及个人隐私'], 'answered.refused'),
  row('refused.security', ['危及国家安全公共安全经济安全和社会稳定'], 'answered.refused'),
  row('refused.other_law', ['法律法规规定的其他情形'], 'answered.refused'),
];

const outcomes = (parent: string): LegacyRow[] => [
  row(`${parent}.upheld`, ['维持具体行政行为', '维持具体行政行为或者驳回原告诉讼请求'], parent),
  row(`${parent}.corrected`, ['被依法纠错'], parent),
  row(`${parent}.other`, ['其他情形'], parent),
];

const REDRESS: LegacyRow[] = [
  row('review', ['行政复议', '行政复议数量', '因政府信息公开申请行政复议']),
  ...outcomes('review'),
  row('litigation', ['行政诉讼', '行政诉讼数量', '因政府信息公开申请行政诉讼']),
  ...outcomes('litigation'),
  row('appeals', ['行政申诉', '行政申诉举报']),
  row('appeals.first_handling', ['对本部门首次处理不满意的行政申诉'], 'appeals'),
  row('complaints', ['举报投诉', '举报投诉数量']),
  row('suits_and_reports', ['接受行政诉讼举报']),
];

const fees = (parent: string): LegacyRow[] =>
  (['search', '检索费', 'postage', '邮寄费', 'delivery', '递送费', 'copying', '复制费'] as const).flatMap(
    (_, i, all) => (i % 2 === 0 ? [row(`${parent}.${all[i]}`, [all[i + 1]!], parent)] : []),
  );

const FEES: LegacyRow[] = [
  row('fees', ['收取费用总', '收取费用', '依申请公开信息收取的费用']),
  row('fees.active', ['主动公开收费'], 'fees'),
  ...fees('fees.active'),
  row('fees.request', ['依申请公开收费'], 'fees'),
  ...fees('fees.request'),
  row('fee_waivers', ['政府信息公开收费减免金额', '收费减免金额']),
];

const CAPACITY: LegacyRow[] = [
  row('offices', ['政府信息公开工作专门机构']),
  row('reading_points', ['设置政府信息公开查阅点']),
  row('staff', ['从事政府信息公开工作人员']),
  row('staff.full_time', ['专职人员'], 'staff'),
  row('staff.part_time', ['兼职人员'], 'staff'),
  row('budget', ['政府信息公开专项经费']),
  row('meetings', ['召开政府信息公开工作会议或专题会议']),
  row('trainings', ['举办各类培训班']),
  row('trainees', ['接受培训人员']),
];

export const LEGACY_ROWS: readonly LegacyRow[] = [
  ...ACTIVE,
  ...RESPONSES,
  ...RECEIVED,
  ...ANSWERED,
  ...REFUSED,
  ...REDRESS,
  ...FEES,
  ...CAPACITY,
];

const childrenOf = (parent: string) => LEGACY_ROWS.filter((r) => r.parent === parent).map((r) => r.key);

const sum = (rule: string, parent: string, zh: string, en: string): LegacySum => ({
  rule,
  parent,
  parts: childrenOf(parent),
  zh,
  en,
});

export const LEGACY_SUMS: readonly LegacySum[] = [
  sum(
    'legacy_received_sum',
    'received',
    '受理申请总数应等于各申请渠道之和',
    'applications received = the sum of their channels',
  ),
  sum('legacy_answered_sum', 'answered', '答复总数应等于各类答复之和', 'answers = the sum of the kinds of answer'),
  sum(
    'legacy_refused_sum',
    'answered.refused',
    '不予公开答复数应等于各项理由之和',
    'refusals = the sum of their reasons',
  ),
  sum(
    'legacy_completed_sum',
    'completed',
    '申请办结数应等于按时办结数与延期办结数之和',
    'requests completed = on time + extended',
  ),
  sum('legacy_staff_sum', 'staff', '工作人员数应等于专职与兼职人员数之和', 'staff = full-time + part-time'),
];

/**
 * A printed label reduced to the form its stem is compared in: outline numbering, 其中, quotes, bracketed notes,
 * punctuation and the `数`/`总数`/`数量` suffix removed, 网络→网上 and 其它→其他, 《规定》/《条例》 unwrapped.
 */
function legacyStem(label: string): string {
  let text = label.normalize('NFKC').replace(/[\s\u200b\ufeff]+/g, '');
  text = text.replace(/^其中[:：]?/, '');
  text = text.replace(
    /^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．)）]?)/,
    '',
  );
  text = text.replace(/^其中[:：]?/, '');
  text = text.replace(/[(（][^()（）]*[)）]$/, '');
  text = text
    .replace(/网络/g, '网上')
    .replace(/其它/g, '其他')
    .replace(/[^\p{L}\p{N}]+/gu, '');
  return text.replace(/(?:总数|数量|数|总次数|次数)$/, (m) => (m.endsWith('次数') ? '次' : ''));
}

/** Stem → the rows known by it (a stem such as 邮寄费 or 维持具体行政行为 belongs to several parents). */
const BY_STEM: ReadonlyMap<string, readonly LegacyRow[]> = (() => {
  const map = new Map<string, LegacyRow[]>();
  for (const entry of LEGACY_ROWS) {
    for (const stem of entry.stems) {
      const key = legacyStem(stem);
      map.set(key, [...(map.get(key) ?? []), entry]);
    }
  }
  return map;
})();

/**
 * The row a printed label names, given the keys already read above it in the table (most recent last): where a
 * stem belongs to several parents, the one whose parent was read most recently.
 */
export function matchLegacyRow(label: string, above: readonly string[]): LegacyRow | undefined {
  const found = BY_STEM.get(legacyStem(label));
  if (!found || found.length === 1) return found?.[0];
  const recency = (entry: LegacyRow) => (entry.parent ? above.lastIndexOf(entry.parent) : -1);
  return [...found].sort((a, b) => recency(b) - recency(a))[0];
}

export const LEGACY_TABLE_LABEL = '政府信息公开情况统计表（2019 年以前）';

/** The value columns' keys (docs/spec/legacy.md "Columns") and the header they stand for. */
export const LEGACY_COLUMN_LABELS: Record<string, string> = {
  year: '本年度',
  cumulative: '历年累计',
  period: '本期实际',
  year_to_date: '本年累计',
  month_to_date: '本月累计',
  level_government: '政府本级',
  level_departments: '直属单位',
  level_townships: '乡镇街道',
  total: '合计',
};

export function legacyColumnLabel(column: string): string {
  return LEGACY_COLUMN_LABELS[column] ?? column;
}
