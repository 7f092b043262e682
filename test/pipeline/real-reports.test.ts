import { describe, expect, it } from 'vitest';
import { extractCorpus, flagsOf, REVIEW_RESULTS, rowValues, valuesOf } from '../helpers.js';

/** Published reports bundled in corpus/: every printed number is pinned. */

describe('卢氏县国防动员办公室 2023 (tab-separated copy with shifted columns)', () => {
  it('reads section 二 including the typo 本年度止件数 and the 万元 decimal', async () => {
    const values = valuesOf(await extractCorpus('lushi-defense-2023.txt'));
    expect(rowValues(values, 'active', 'regulations', ['issued', 'repealed', 'in_force'])).toEqual([0, 0, 0]);
    expect(rowValues(values, 'active', 'normative_documents', ['issued', 'repealed', 'in_force'])).toEqual([0, 0, 0]);
    expect(values.get('active:licensing:decisions')).toBe(8);
    expect(values.get('active:penalty:decisions')).toBe(0);
    expect(values.get('active:enforcement:decisions')).toBe(0);
    expect(values.get('active:fees:amount_10k_yuan')).toBe(57.2343);
  });

  it('reads all 25 request rows and the 15 review numbers as zeros, with no finding', async () => {
    const report = await extractCorpus('lushi-defense-2023.txt');
    expect(report.status).toBe('ok');
    expect(report.agency).toBe('卢氏县国防动员办公室');
    expect(report.year).toBe(2023);
    expect(report.cells).toHaveLength(200);
    expect(report.cells.filter((c) => c.table !== 'active').every((c) => c.value === 0)).toBe(true);
    expect(flagsOf(report)).toEqual([]);
    expect(report.sections.map((s) => s.key)).toEqual([
      'overview',
      'active',
      'requests',
      'review_litigation',
      'problems',
      'other',
    ]);
  });
});

describe('上海市人民政府办公厅 2019 (2019 format, empty totals, 251000元)', () => {
  it('reads the 2019 section 二 and converts 251000元 to 25.1 万元', async () => {
    const report = await extractCorpus('shanghai-gov-office-2019_content-fragment.html');
    const values = valuesOf(report);
    expect(report.formatVersion).toBe('2019');
    expect(rowValues(values, 'active', 'regulations', ['new_made', 'new_published', 'total_published'])).toEqual([
      13, 13, 524,
    ]);
    expect(
      rowValues(values, 'active', 'normative_documents', ['new_made', 'new_published', 'total_published']),
    ).toEqual([60, 60, 368]);
    expect(rowValues(values, 'active', 'licensing', ['prev_year_items', 'change', 'decisions'])).toEqual([0, 0, 0]);
    expect(rowValues(values, 'active', 'fees', ['prev_year_items', 'change'])).toEqual([0, 0]);
    expect(rowValues(values, 'active', 'procurement', ['items', 'amount'])).toEqual([6, 25.1]);
  });

  it('reads section 三, leaving empty totals unknown and empty components zero', async () => {
    const values = valuesOf(await extractCorpus('shanghai-gov-office-2019_content-fragment.html'));
    expect(rowValues(values, 'requests', 'new_received')).toEqual([821, 35, 0, 0, 2, 1, 859]);
    expect(rowValues(values, 'requests', 'carried_over')).toEqual([18, 0, 0, 0, 0, 0, 18]);
    expect(rowValues(values, 'requests', 'granted')).toEqual([258, 12, 0, 0, 1, 1, null]);
    expect(rowValues(values, 'requests', 'partially_granted')).toEqual([3, 0, 0, 0, 0, 0, null]);
    expect(rowValues(values, 'requests', 'denied.state_secret')).toEqual([14, 0, 0, 0, 0, 0, null]);
    expect(rowValues(values, 'requests', 'denied.internal_affairs')).toEqual([5, 0, 0, 0, 0, 0, null]);
    expect(rowValues(values, 'requests', 'denied.process_info')).toEqual([3, 1, 0, 0, 0, 0, null]);
    expect(rowValues(values, 'requests', 'denied.administrative_query')).toEqual([10, 2, 0, 0, 0, 0, null]);
    expect(rowValues(values, 'requests', 'unable.not_held')).toEqual([252, 12, 0, 0, 1, 0, null]);
    expect(rowValues(values, 'requests', 'unable.needs_creation')).toEqual([44, 3, 0, 0, 0, 0, null]);
    expect(rowValues(values, 'requests', 'unable.unclear_after_amendment')).toEqual([25, 0, 0, 0, 0, 0, null]);
    expect(rowValues(values, 'requests', 'not_processed.petition_complaint')).toEqual([148, 1, 0, 0, 0, 0, null]);
    expect(rowValues(values, 'requests', 'not_processed.duplicate')).toEqual([5, 4, 0, 0, 0, 0, null]);
    expect(rowValues(values, 'requests', 'other')).toEqual([0, 0, 0, 0, 0, 0, null]);
    expect(rowValues(values, 'requests', 'total')).toEqual([767, 35, null, null, 2, 1, 805]);
    expect(rowValues(values, 'requests', 'carried_forward')).toEqual([72, 0, 0, 0, 0, 0, 72]);
    expect(rowValues(values, 'review_litigation', 'review', REVIEW_RESULTS)).toEqual([5, 0, 0, 2, 7]);
    expect(rowValues(values, 'review_litigation', 'litigation_direct', REVIEW_RESULTS)).toEqual([8, 0, 0, 1, 9]);
    expect(rowValues(values, 'review_litigation', 'litigation_after_review', REVIEW_RESULTS)).toEqual([
      0,
      0,
      0,
      0,
      null,
    ]);
  });

  it('finds every checkable rule holding and skips the ones with an empty total, saying so', async () => {
    const report = await extractCorpus('shanghai-gov-office-2019_content-fragment.html');
    expect(flagsOf(report)).toEqual([]);
    expect(report.status).toBe('ok');
    // Told once per rule (several columns or rows), with every cell involved; a rule skipped once, by its scope.
    const skipped = report.findings.filter((f) => f.rule === 'blank_total');
    expect(skipped.map((f) => f.scope)).toEqual(
      expect.arrayContaining(['balance', 'applicant_sum', 'review_litigation_sum:litigation_after_review']),
    );
    const balance = skipped.find((f) => f.scope === 'balance')!;
    expect(balance.message).toMatch(
      /^balance (?:\S+, )*research_institution(?:, \S+)*: not checked: total left empty \(\d+ checks\)$/,
    );
    expect(balance.message).not.toContain('natural_person');
    expect(balance.cells).toContain('requests:total:research_institution');
    expect(skipped.find((f) => f.scope === 'applicant_sum')!.message).toMatch(/ granted, /);
  });
});

describe('平潭综合实验区 web pages (site frame, MsoNormal markup)', () => {
  it('2019: 2019 format, split 三、本年度办理结果 label, 75394432.52元 → 7539.443252 万元', async () => {
    const report = await extractCorpus('pingtan-2019.html');
    const values = valuesOf(report);
    expect(report.status).toBe('ok');
    expect(report.formatVersion).toBe('2019');
    expect(report.cells).toHaveLength(198);
    expect(values.get('active:procurement:amount')).toBe(7539.443252);
    expect(rowValues(values, 'requests', 'new_received')).toEqual([23, 0, 0, 0, 0, 0, 23]);
    expect(rowValues(values, 'requests', 'unable.not_held')).toEqual([7, 0, 0, 0, 0, 0, 7]);
    expect(rowValues(values, 'requests', 'unable.unclear_after_amendment')).toEqual([5, 0, 0, 0, 0, 0, 5]);
    expect(rowValues(values, 'requests', 'not_processed.duplicate')).toEqual([3, 0, 0, 0, 0, 0, 3]);
  });

  it('2021: 自然人 header spanning two columns still maps the seven columns', async () => {
    const report = await extractCorpus('pingtan-2021.html');
    const values = valuesOf(report);
    expect(report.status).toBe('ok');
    expect(report.agency).toBe('平潭综合实验区');
    expect(report.year).toBe(2021);
    expect(values.get('active:fees:amount_10k_yuan')).toBe(24252.311082);
    expect(rowValues(values, 'requests', 'new_received')).toEqual([64, 0, 0, 2, 0, 4, 70]);
    expect(rowValues(values, 'requests', 'total')).toEqual([63, 0, 0, 2, 0, 4, 69]);
    expect(rowValues(values, 'requests', 'unable.not_held')).toEqual([22, 0, 0, 0, 0, 3, 25]);
    expect(rowValues(values, 'review_litigation', 'litigation_direct', REVIEW_RESULTS)).toEqual([12, 0, 0, 0, 12]);
  });

  it('2024: all 200 cells, every rule holds', async () => {
    const report = await extractCorpus('pingtan-2024.html');
    expect(report.cells).toHaveLength(200);
    expect(flagsOf(report)).toEqual([]);
    expect(valuesOf(report).get('active:licensing:decisions')).toBe(4529);
  });
});

describe('沭阳县发展和改革局 2023 (Word-exported page, labels split across spans)', () => {
  it('reads the values and leaves the empty 总计 row cells unknown', async () => {
    const report = await extractCorpus('shuyang-fgj-2023.html');
    const values = valuesOf(report);
    expect(report.agency).toBe('沭阳县发展和改革局');
    expect(rowValues(values, 'requests', 'new_received')).toEqual([26, 0, 0, 0, 0, 0, 26]);
    expect(rowValues(values, 'requests', 'total')).toEqual([26, null, null, null, null, null, 26]);
    expect(values.get('active:normative_documents:in_force')).toBe(18);
    expect(rowValues(values, 'review_litigation', 'review', REVIEW_RESULTS)).toEqual([0, 0, 0, 1, 1]);
    expect(flagsOf(report)).toEqual([]);
  });
});

describe('上海市人民政府办公厅 2025 (a PDF converted to markdown, blank cells dropped)', () => {
  it('leaves unread the rows that lost a blank cell (规章 22 | 235 under three headings) and reads the others', async () => {
    const report = await extractCorpus('shanghai-gov-office-2025_pdf-extracted.md');
    const values = valuesOf(report);
    // 235 is the number of regulations in force, printed where 本年废止件数 was left blank: never read as repealed.
    expect(report.cells.filter((c) => c.row === 'regulations' || c.row === 'normative_documents')).toEqual([]);
    expect(
      report.findings.filter((f) => /blank cells cannot be located/.test(f.message)).map((f) => f.message),
    ).toEqual([
      'active: row "规章": 2 cells for 3 columns; in a copy split by tabs or pipes the blank cells cannot be located, so the row is not read',
      'active: row "行政规范性文件": 2 cells for 3 columns; in a copy split by tabs or pipes the blank cells cannot be located, so the row is not read',
    ]);
    expect(rowValues(values, 'requests', 'total')).toEqual([1139, 48, 0, 0, 4, 0, 1191]);
    expect(rowValues(values, 'review_litigation', 'review', REVIEW_RESULTS)).toEqual([40, 0, 10, 5, 55]);
    expect(rowValues(values, 'review_litigation', 'litigation_after_review', REVIEW_RESULTS)).toEqual([6, 0, 9, 7, 22]);
  });
});

describe('沭阳县人民政府 2025 (OCR to markdown: section 四 as three small tables)', () => {
  it("reads each group's table under its own heading, the first named before the tables", async () => {
    const report = await extractCorpus('shuyang-county-gov-2025_ocr-markdown.txt');
    const values = valuesOf(report);
    expect(rowValues(values, 'review_litigation', 'review', REVIEW_RESULTS)).toEqual([27, 10, 9, 15, 61]);
    expect(rowValues(values, 'review_litigation', 'litigation_direct', REVIEW_RESULTS)).toEqual([3, 0, 0, 0, 3]);
    expect(rowValues(values, 'review_litigation', 'litigation_after_review', REVIEW_RESULTS)).toEqual([8, 0, 1, 1, 10]);
    expect(report.status).toBe('ok');
    expect(report.cells).toHaveLength(200);
  });
});

describe('page copies whose tables were flattened into runs of digits (平潭)', () => {
  it('2021: finds the report and its title, and reports no number rather than guess how the digits split', async () => {
    const report = await extractCorpus('pingtan-2021_page-flattened.txt');
    // No number read, so no rule ran: unchecked, never ok — with why no table was read.
    expect(report.status).toBe('unchecked');
    expect(report.agency).toBe('平潭综合实验区');
    expect(report.year).toBe(2021);
    expect(report.cells).toEqual([]);
    expect(report.reason).toMatch(/cannot be split/);
  });

  it('2016: a pre-2019 report is legacy, with no table invented, and not shown as passed while its table is unread', async () => {
    const report = await extractCorpus('pingtan-2016_page-flattened_pre2019-format.txt');
    expect(report.formatVersion).toBe('legacy');
    expect(report.cells).toEqual([]);
    expect(report.status).toBe('unchecked');
    expect(report.reason).toMatch(/^unchecked: a report in the pre-2019 format/);
  });
});

describe('a page flattened into one line', () => {
  it('still yields the six sections and their text', async () => {
    const report = await extractCorpus('pingtan-2021_page-flattened.txt');
    expect(report.sections.map((s) => s.key)).toEqual([
      'overview',
      'active',
      'requests',
      'review_litigation',
      'problems',
      'other',
    ]);
    expect(report.sections[0]!.text).toMatch(/^2021年，我区以习近平/);
    expect(report.sections[5]!.text).toMatch(/无收取信息处理费/);
  });
});
