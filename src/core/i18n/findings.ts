import { UNCHECKED_REASONS } from './catalogue.js';
import type { Lang } from './lang.js';

/**
 * Chinese for the messages the audit and the readers write (findings, reasons, warnings), keyed by rule/code. The
 * messages are made in English by the code that notices the problem and travel with the report unchanged (the
 * store, reports.jsonl and the English outputs keep them); here, at the edge where a person reads them, each known
 * message shape is rendered in Chinese from the values it carries. Keeping the producers as they are lets every
 * reader and rule be changed without touching the catalogue's callers; a message of an unknown shape is shown as
 * written rather than dropped.
 */

type Translate = (...groups: string[]) => string;

const TABLES: Record<string, string> = {
  active: '二、主动公开',
  requests: '三、依申请公开',
  review_litigation: '四、复议诉讼',
  document: '全文',
};
const table = (key: string) => TABLES[key] ?? key;

/** A text to match as written, in a regular expression. */
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A printed row or value list, quoted the Chinese way. */
const q = (text: string) => `「${text}」`;

const ROW_PROBLEMS: [RegExp, Translate][] = [
  [
    /^(\d+) cells for (\d+) columns; empty cells at the ends dropped$/,
    (n, m) => `${n} 个单元格对 ${m} 列，两端的空单元格已去掉`,
  ],
  [
    /^(\d+) cells for (\d+) columns, empty cells at both ends: .*$/,
    (n, m) => `${n} 个单元格对 ${m} 列，两端都有空单元格，分不清哪些是空白数值，该行未读取`,
  ],
  [
    /^(\d+) cells for (\d+) columns; in a copy split by tabs or pipes .*$/,
    (n, m) => `${n} 个单元格对 ${m} 列，以制表符或竖线分隔的副本中无法确定空白单元格的位置，该行未读取`,
  ],
  [/^(\d+) values for (\d+) columns; placed by .*$/, (n, m) => `${n} 个数值对 ${m} 列，按表头的列位置放置`],
  [/^only (\d+) of (\d+) values printed; the rest are missing$/, (n, m) => `${m} 列中只印出 ${n} 个数值，其余缺失`],
  [
    /^only (\d+) of (\d+) values printed, and which columns .*$/,
    (n, m) => `${m} 列中只印出 ${n} 个数值，分不清各在哪一列，该行未读取`,
  ],
  [/^(\d+) values for (\d+) columns; row not read$/, (n, m) => `${n} 个数值对 ${m} 列，该行未读取`],
];

function rowProblem(text: string): string | undefined {
  for (const [pattern, translate] of ROW_PROBLEMS) {
    const match = pattern.exec(text);
    if (match) return translate(...match.slice(1));
  }
  return undefined;
}

/** The causes a group of skipped checks is told by (audit/notes.ts). */
const CAUSES: Record<string, string> = {
  'cells not found': '单元格未找到',
  'total left empty': '总计未填',
  'readings from a picture not confirmed': '由图片识别的读数未经确认',
  'unreadable cells': '有单元格无法读取',
};

const SKIPPED: [RegExp, Translate][] = [
  [/^(\d+) cells not found \(.*\)$/, (n) => `${n} 个单元格未找到`],
  [/^total left empty \((.*)\)$/, (refs) => `总计未填（${refs.split(', ').length} 处）`],
  [/^unreadable cells \(.*\)$/, () => '有单元格无法读取'],
];

/** By code: a message shape and its Chinese. */
const CATALOGUE: Record<string, [RegExp, Translate][]> = {
  rule_skipped: [
    [
      /^(\S+) (.+): not checked: (.*) \((\d+) checks\)$/,
      (rule, scopes, why, n) => `${rule} ${scopes}：${n} 项未核对，${CAUSES[why] ?? why}`,
    ],
    [/^(\S+) (\S+): not checked: (.*)$/, (rule, scope, why) => `${rule} ${scope}：未核对，${skippedWhy(why)}`],
    [
      /^(\S+) (\S+): the sum could not be verified: (\d+) of its cells .*$/,
      (rule, scope, n) => `${rule} ${scope}：未核对，其中 ${n} 个单元格由图片识别，读数未经确认`,
    ],
  ],
  blank_total: [
    [
      /^(\S+) (.+): not checked: (.*) \((\d+) checks\)$/,
      (rule, scopes, why, n) => `${rule} ${scopes}：${n} 项未核对，${CAUSES[why] ?? why}`,
    ],
    [/^(\S+) (\S+): not checked: (.*)$/, (rule, scope, why) => `${rule} ${scope}：未核对，${skippedWhy(why)}`],
  ],
  picture: [
    [
      /^picture (.*) not read: the page's folder is not known$/,
      (name) => `图片 ${name} 未读取：不知道网页所在的文件夹`,
    ],
    [
      /^a picture on the web not read \(xxgk never downloads\): (.*)$/,
      (name) => `网络上的图片未读取（xxgk 从不下载）：${name}`,
    ],
    [
      /^(\d+) pictures on the web not read \(xxgk never downloads\): (.*)$/,
      (n, names) => `网络上的 ${n} 张图片未读取（xxgk 从不下载）：${names}`,
    ],
    [
      /^(\d+) more pictures not read \(OCR reads at most (\d+) pictures of a document\): (.*)$/,
      (n, max, names) => `另有 ${n} 张图片未读取（每份文档最多识别 ${max} 张图片）：${names}`,
    ],
  ],
  pictures_absent: [
    [
      /^pictures linked from the page but not on disk beside it: (\d+) \((.*)\); .*$/,
      (n, names) => `网页链接的 ${n} 张图片没有随网页保存（${names}），其内容未读取`,
    ],
  ],
  table_missing: [
    [/^(\w+): neither the section nor its table was found$/, (t) => `${table(t)}：未找到这一部分及其表格`],
    [
      /^(\w+): section "(.*)" has no table; no numbers are reported for it$/,
      (t, h) => `${table(t)}：${q(h)}部分没有表格，不报告其数字`,
    ],
    [
      /^(\w+): a table was found but none of its numbers could be placed$/,
      (t) => `${table(t)}：找到了表格，但其中的数字都未能对应到模板的单元格`,
    ],
  ],
  missing_cells: [
    [
      /^(\w+): (\d+) template cells not found, in rows (.*)$/,
      (t, n, rows) => `${table(t)}：模板中有 ${n} 个单元格未找到（行：${rows}）`,
    ],
  ],
  no_agency: [[/^agency and year could not be read from a title$/, () => '未能从标题读出机关和年度']],
  text_aligned_table: [
    [
      /^(\w+): read from text alignment .*$/,
      (t) => `${table(t)}：表格没有框线，按文字对齐读取，各列为推断，置信度较低`,
    ],
  ],
  table_unreadable: [[/^(\w+): no row of numbers found in the table$/, (t) => `${table(t)}：表格中没有找到数字行`]],
  narrative_mismatch: [
    [
      /^section (\S+) says (\d+) requests were received, but the table's 本年新收 总计 is (\d+)$/,
      (s, n, m) => `第${s}部分正文说收到申请 ${n} 件，但表格中本年新收总计为 ${m}`,
    ],
  ],
  row_columns: [
    [/^(\w+): row "(.*)": (.*)$/, (t, row, why) => `${table(t)}：行${q(row)}：${rowProblem(why) ?? why}`],
    [/^(\w+): (.*)$/, (t, why) => `${table(t)}：${rowProblem(why) ?? why}`],
  ],
  unknown_row: [
    [
      /^(\w+): row "(.*)" is not in the template; its numbers are not used$/,
      (t, row) => `${table(t)}：行${q(row)}不在模板中，其数字未使用`,
    ],
    [
      /^(\w+): a row of numbers with no label \((.*)\) is not used$/,
      (t, nums) => `${table(t)}：一行没有标签的数字（${nums}）未使用`,
    ],
  ],
  carry_continuity: [
    [
      /^(\S+): 上年结转 (\S+), but the (\d+) report \((.*)\) carried forward 结转下年度 (\S+)$/,
      (c, now, y, name, before) => `${c}：上年结转 ${now}，但 ${y} 年报告（${name}）的结转下年度为 ${before}`,
    ],
  ],
  in_force_continuity: [
    [
      /^(\S+): 现行有效 (\S+), but last year's (\S+) \+ 本年制发 (\S+) − 本年废止 (\S+) = (\S+) .*$/,
      (r, now, b, i, x, e) =>
        `${r}：现行有效 ${now}，但上年 ${b} + 本年制发 ${i} − 本年废止 ${x} = ${e}（文件也可能失效）`,
    ],
  ],
  conflicting_copies: [
    [
      /^other copies of the (.*) (\d+) report \((.*)\) print different numbers in (\d+) cells: (.*)$/,
      (a, y, others, n, shown) => `${a} ${y} 年报告的其他副本（${others}）有 ${n} 个单元格数字不同：${shown}`,
    ],
  ],
  reason: [
    ...Object.values(UNCHECKED_REASONS).map(({ zh, en }): [RegExp, Translate] => [
      new RegExp(`^${escapeRegExp(en)}(.*)$`),
      (rest) => `${zh}${reasonRest(rest)}`,
    ]),
    [
      /^tables not found: ([\w, ]+)(.*)$/,
      (keys, rest) => `未找到表格：${keys.split(', ').map(table).join('、')}${reasonRest(rest)}`,
    ],
    [/^template cells not found \(see findings: missing_cells\)$/, () => '有模板单元格未找到（见 missing_cells）'],
    [/^no report title, section headings or template tables found$/, () => '没有找到报告标题、章节标题或模板表格'],
    // Why a file was not read: the code before the colon stays (a machine key), the words after it in Chinese.
    [/^empty: the file is empty \(0 bytes\)$/, () => 'empty: 文件为空（0 字节）'],
    [/^binary: the file holds binary data.*$/, () => 'binary: 文件是二进制数据，不是文本'],
    [/^encrypted: the PDF is password-protected$/, () => 'encrypted: PDF 文件有密码保护'],
    [/^encrypted: the Word .*password-protected.*$/, () => 'encrypted: Word 文档有密码保护'],
    [
      /^encrypted: the archive is password-protected \((.*) is encrypted\)$/,
      (name) => `encrypted: 压缩包有密码保护（${name} 已加密）`,
    ],
    [/^timeout: stopped after (\d+) s$/, (s) => `timeout: 读取 ${s} 秒后停止`],
    [/^too_large: stopped at the (\d+) MB memory limit$/, (mb) => `too_large: 达到 ${mb} MB 内存上限，已停止`],
    [
      /^saved with (.*): read as part of that page, not as a report of its own$/,
      (page) => `随 ${page} 保存的文件：作为该网页的一部分读取，不单独作为报告`,
    ],
    [
      /^a picture with no report title or section headings .*$/,
      () => '一张图片，没有报告标题或章节标题（至多是表格的一部分），不作为年度报告核对',
    ],
  ],
};

/** The four sums (balance…): `自然人: 本年新收 + 上年结转 = 5, but （七）总计 + 结转下年度 = 6 (…)`. */
const SUM_RULES = new Set(['balance', 'outcome_sum', 'applicant_sum', 'review_litigation_sum']);

function skippedWhy(why: string): string {
  for (const [pattern, translate] of SKIPPED) {
    const match = pattern.exec(why);
    if (match) return translate(...match.slice(1));
  }
  return why;
}

function reasonRest(rest: string): string {
  if (rest.includes('row labels wrap')) return '（表格的行标签跨行，且没有框线，分不清各行）';
  if (rest.includes('runs together')) return '（表格文字连在一起，没有单元格边界，数字无法可靠拆分）';
  return rest;
}

/** A message in the language chosen: as written for English, else its Chinese where its shape is known. */
export function findingText(code: string, message: string, lang: Lang): string {
  if (lang === 'en') return message;
  if (SUM_RULES.has(code)) return message.replace(/, but /, '，但 ').replace(/ \((第一项[^)]*)\)$/, '（$1）');
  for (const [pattern, translate] of CATALOGUE[code] ?? []) {
    const match = pattern.exec(message);
    if (match) return translate(...match.slice(1));
  }
  return message;
}
