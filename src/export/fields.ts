import { reportStatusSchema, formatVersionSchema } from '../core/model/report.js';
import type { DataField } from './exporter.js';
import { WHERE_COLUMNS } from './finding-rows.js';

/** The columns of the three CSV files (and their Parquet twins), in order. */
export const REPORT_COLUMNS = [
  'file',
  'status',
  'format_version',
  'agency',
  'year',
  'reader',
  'encoding',
  'pages',
  'tables',
  'cells',
  'errors',
  'warnings',
  'reason',
  'province',
  'city',
  'county',
  'place_code',
] as const;
export const CELL_COLUMNS = [
  'file',
  'table',
  'row',
  'column',
  'value',
  'raw',
  'kind',
  'note',
  'label',
  'page',
  'source_table',
  'source_row',
  'source_col',
  'box',
  'ocr_confidence',
  'picture',
  'unit',
] as const;
export const FINDING_COLUMNS = [
  'file',
  'rule',
  'scope',
  'severity',
  'expected',
  'actual',
  'message',
  'cells',
  ...WHERE_COLUMNS,
] as const;

/**
 * What each column of the CSV files means, for datapackage.json (Frictionless Table Schema): type, and a description
 * in Chinese and English. Each list follows its CSV header (the types make every column need a description; a test
 * holds them to the header's order).
 */

type Described = Omit<DataField, 'name'>;

const FILE: Described = {
  type: 'string',
  description: '输入文件，相对于所给文件夹的路径 / the input file, as its path relative to the folder given',
  constraints: { required: true },
};

const REPORT_FIELDS: Record<(typeof REPORT_COLUMNS)[number], Described> = {
  file: FILE,
  status: {
    type: 'string',
    description:
      '状态：ok 全部勾稽关系成立，flagged 有勾稽关系不成立，incomplete 表格或单元格未能全部读取，not_a_report 不是年度报告，needs_ocr 扫描件需文字识别，attached 网页附件，failed 无法读取 / ' +
      'status: ok every rule holds, flagged an error-level rule fails, incomplete a table or cells could not be read, not_a_report, needs_ocr (scanned, no text), attached (saved with a web page), failed (see reason)',
    constraints: { required: true, enum: [...reportStatusSchema.options] },
  },
  format_version: {
    type: 'string',
    description:
      '报告格式（由表格本身判断）：2021、2019、hybrid 两者混合、legacy 2019 年以前 / report format, read from the tables: 2021, 2019, hybrid, legacy (before 2019)',
    constraints: { enum: [...formatVersionSchema.options] },
  },
  agency: { type: 'string', description: '发布机关（取自标题）/ publishing agency, from the title' },
  year: { type: 'integer', description: '报告年度 / the year the report covers' },
  reader: {
    type: 'string',
    description:
      '读取方式：pdf、docx、doc、html、text，+ocr 表示经文字识别 / reader used: pdf, docx, doc, html, text; +ocr when pictures were read by OCR',
  },
  encoding: { type: 'string', description: '文本编码（网页、文本）/ character encoding (web pages, text)' },
  pages: { type: 'integer', description: '页数（PDF）/ number of pages (PDF)' },
  tables: {
    type: 'string',
    description:
      '读出数字的表格，分号分隔：active 二、requests 三、review_litigation 四 / tables with numbers read, separated by semicolons',
  },
  cells: { type: 'integer', description: '读出的单元格数 / number of cells read (rows in cells.csv)' },
  errors: { type: 'integer', description: '错误级发现数 / number of error-level findings' },
  warnings: { type: 'integer', description: '警告数 / number of warnings' },
  reason: {
    type: 'string',
    description: '状态的原因（incomplete、failed 等）/ why the status (incomplete, failed, …)',
  },
  province: {
    type: 'string',
    description:
      "机关所在省级行政区（据其名称与本批其他机关名称）/ the agency's province, from its name and the batch's other agencies",
  },
  city: {
    type: 'string',
    description: '机关所在地级行政区（直辖市即其本身）/ its prefecture-level city (a municipality is its own)',
  },
  county: { type: 'string', description: '机关所在县级行政区 / its county-level division' },
  place_code: {
    type: 'string',
    description:
      '所在最具体一级的行政区划代码（GB/T 2260，6位）；同名地方无法确定时为空 / the GB/T 2260 code of its most specific level; empty where a shared name cannot be decided',
    constraints: { pattern: '^[0-9]{6}$' },
  },
};

const CELL_FIELDS: Record<(typeof CELL_COLUMNS)[number], Described> = {
  file: FILE,
  table: {
    type: 'string',
    description:
      '表格：active 二、主动公开，requests 三、依申请公开，review_litigation 四、行政复议行政诉讼 / template table',
    constraints: { required: true, enum: ['active', 'requests', 'review_litigation'] },
  },
  row: {
    type: 'string',
    description: '模板行键（见 docs/spec/template.md）/ the template row key',
    constraints: { required: true },
  },
  column: {
    type: 'string',
    description: '模板列键（见 docs/spec/template.md）/ the template column key',
    constraints: { required: true },
  },
  value: {
    type: 'number',
    description:
      '数值；两个金额列以万元计（元已换算）；空 = 总计未填或无法读取 / the number; the two money columns in 10,000 yuan; empty when a total was left blank or could not be read',
  },
  raw: { type: 'string', description: '原文（印刷的样子）/ the text as printed' },
  kind: {
    type: 'string',
    description:
      '读法：number 数字，placeholder 占位符（—、/、无 记为 0），empty 空格，unreadable 无法读取，ocr 经文字识别确认 / how it was read',
    constraints: { enum: ['number', 'placeholder', 'empty', 'unreadable', 'ocr'] },
  },
  note: { type: 'string', description: '数字旁的注释，如“其中修订16件” / a note printed with the number' },
  label: { type: 'string', description: '匹配到的行标签（原文）/ the printed row label the cell was matched by' },
  page: { type: 'integer', description: '页码（PDF）/ page number (PDF)' },
  source_table: {
    type: 'integer',
    description: '文档中的第几个表格（从 0 起）/ index of the table in the document, from 0',
  },
  source_row: { type: 'integer', description: '表格中的行（从 0 起）/ row in that table, from 0' },
  source_col: { type: 'integer', description: '表格中的列（从 0 起）/ column in that table, from 0' },
  box: {
    type: 'string',
    description:
      '位置框 x0 y0 x1 y1，单位为磅，自页面左上角起（PDF）/ box x0 y0 x1 y1 in points from the page top-left (PDF)',
  },
  ocr_confidence: { type: 'number', description: '文字识别置信度 0–1 / OCR confidence, 0–1' },
  picture: { type: 'string', description: '识别所用图片 / the picture the number was read from by OCR' },
  unit: {
    type: 'string',
    description:
      '原表所印计量单位（2019 年以前的统计表：条、件、人次、元、万元…），原样保留 / the unit printed beside the value (pre-2019 tables), as printed',
  },
};

const FINDING_FIELDS: Record<(typeof FINDING_COLUMNS)[number], Described> = {
  file: FILE,
  rule: {
    type: 'string',
    description:
      '规则：balance 第一项加第二项之和等于第三项加第四项之和，outcome_sum 办理结果之和，applicant_sum 申请人之和，review_litigation_sum 复议诉讼之和，carry_continuity 上年结转衔接，conflicting_copies 同一报告副本数字不同；其余为警告 / ' +
      'rule: balance, outcome_sum, applicant_sum, review_litigation_sum, carry_continuity, conflicting_copies (errors); the others are warnings',
    constraints: { required: true },
  },
  scope: { type: 'string', description: '规则适用的列键、行键或组 / the column, row or group the rule was checked on' },
  severity: {
    type: 'string',
    description: '级别：error 错误，warning 警告，info 提示 / severity',
    constraints: { required: true, enum: ['error', 'warning', 'info'] },
  },
  expected: { type: 'number', description: '等式左边之和（如总计）/ the left side of the sum (e.g. the total)' },
  actual: { type: 'number', description: '等式右边之和（各项相加）/ the right side of the sum (the parts added up)' },
  message: {
    type: 'string',
    description: '说明（哪一项、数字），中文或 --lang en 时英文 / what fails, with the numbers, in the language chosen',
  },
  cells: {
    type: 'string',
    description: '涉及的单元格 table:row:column，空格分隔 / the cells involved, space-separated',
  },
  page: {
    type: 'string',
    description: '涉及单元格所在页码，空格分隔 / the pages of the cells involved, space-separated',
  },
  table_label: {
    type: 'string',
    description: '涉及单元格所在表格的标题（；分隔）/ the printed table labels of the cells involved',
  },
  row_label: {
    type: 'string',
    description: '涉及单元格的行标签，如印出（；分隔）/ the row labels of the cells involved, as printed',
  },
  column_label: {
    type: 'string',
    description: '涉及单元格的列标签（；分隔）/ the column labels of the cells involved',
  },
  source_table: {
    type: 'string',
    description: "各单元格在文档中的表格序号（从 0 起，按 cells 顺序，- 为未找到）/ each cell's table in the document",
  },
  source_row: {
    type: 'string',
    description: "各单元格在文档表格中的行（从 0 起，按 cells 顺序）/ each cell's row in its document table",
  },
  source_col: {
    type: 'string',
    description: "各单元格在文档表格中的列（从 0 起，按 cells 顺序）/ each cell's column in its document table",
  },
};

const fields = (described: Record<string, Described>): DataField[] =>
  Object.entries(described).map(([name, field]) => ({ name, ...field }));

export const REPORT_FIELDS_LIST = fields(REPORT_FIELDS);
export const CELL_FIELDS_LIST = fields(CELL_FIELDS);
export const FINDING_FIELDS_LIST = fields(FINDING_FIELDS);
