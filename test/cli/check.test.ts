import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { balancedReport, carriedOverFrom, renderHtml, renderTabText } from '../fixtures/report-builder.js';
import { corpusPath, projectRoot } from '../helpers.js';

/** `xxgk check`, run as an agency's office runs it before publishing: the built command line, output piped. */

const CLI = join(projectRoot, 'dist/src/cli.js');

/** The environment without colour settings (the test runner sets some), plus the given ones. */
function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // Node's own colour test (stream.hasColors) says no under CI=…, NODE_DISABLE_COLORS or TERM=dumb, which a CI
  // runner sets: the test decides what the terminal is, not the machine it runs on.
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'NODE_DISABLE_COLORS', 'CI', 'TERM']) delete env[name];
  // No locale: the language is then Chinese, as in CI and most containers.
  for (const name of ['LANG', 'LC_ALL', 'LC_MESSAGES']) delete env[name];
  return { ...env, ...extra };
}

function check(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [CLI, 'check', ...args], { encoding: 'utf8', env: environment(env) });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const ESC = '\u001b[';

describe('xxgk check', () => {
  it('exits 1 on a flagged PDF, naming the rule, the table, row and column, both sides of the sum and the page', () => {
    const run = check([corpusPath('huaian-hongze-district-gov-2023.pdf')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('huaian-hongze-district-gov-2023.pdf  洪泽区人民政府 2023  flagged');
    expect(run.stdout).toContain('✖ 错误 review_litigation_sum 复议、诉讼各项之和等于总计');
    expect(run.stdout).toContain('四、政府信息公开行政复议、行政诉讼情况 › 行政复议\n');
    expect(run.stdout).toContain('总计 0  ≠  结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0 = 11');
    expect(run.stdout).toContain('四、政府信息公开行政复议、行政诉讼情况 › 行政诉讼·复议后起诉');
    expect(run.stdout).toContain('总计 0  ≠  结果维持 5 + 结果纠正 0 + 其他结果 0 + 尚未审结 0 = 5');
    expect(run.stdout).toContain('位置：第4页');
    expect(run.stdout).toMatch(/⚠ 警告 text_aligned_table/);
    expect(run.stdout.trim().split('\n').at(-1)).toBe('1 个文件：有问题 1，正常 0（错误 2 条，警告 1 条）');
    expect(run.stdout).not.toContain(ESC);
  });

  it('exits 0 on a clean report', () => {
    const run = check([corpusPath('pingtan-2021.html')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('pingtan-2021.html  平潭综合实验区 2021  ok');
    expect(run.stdout).toMatch(/1 个文件：有问题 0，正常 1/);
  });

  it("in a web page, says in which table, row and column each number of a failing sum is; a row's sum is told apart by columns", () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-check-'));
    const spec = balancedReport(3, { agency: '示例县审计局' });
    spec.cells['requests:granted:total'] = String(Number(spec.cells['requests:granted:total']) + 2);
    writeFileSync(join(dir, 'report.html'), renderHtml(spec));
    const run = check([join(dir, 'report.html')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✖ 错误 applicant_sum 各类申请人之和等于总计');
    expect(run.stdout).toContain('三、收到和处理政府信息公开申请情况 › （一）予以公开');
    const granted = (column: string) => spec.cells[`requests:granted:${column}`];
    const parts = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map(
      (label, i) =>
        `${label} ${granted(['natural_person', 'commercial_enterprise', 'research_institution', 'social_welfare_org', 'legal_service_org', 'other_org'][i]!)}`,
    );
    expect(run.stdout).toContain(`总计 ${granted('total')}  ≠  ${parts.join(' + ')} = ${Number(granted('total')) - 2}`);
    expect(run.stdout).toMatch(/位置：总计 在第\d+个表格第\d+行第\d+列，自然人 在第\d+个表格第\d+行第\d+列/);
    // The same total fails the column's sums too.
    expect(run.stdout).toMatch(/✖ 错误 outcome_sum/);
  });

  it('checks the files against each other: this year’s 上年结转 against last year’s 结转下年度', () => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-check-'));
    const earlier = balancedReport(30, { agency: '郑州市中牟县财政局', year: 2022 });
    const later = carriedOverFrom(earlier, balancedReport(31, { agency: '中牟县财政局', year: 2023 }));
    later.cells['requests:carried_over:natural_person'] = String(
      Number(later.cells['requests:carried_over:natural_person']) + 1,
    );
    later.cells['requests:carried_over:total'] = String(Number(later.cells['requests:carried_over:total']) + 1);
    later.cells['requests:new_received:natural_person'] = String(
      Number(later.cells['requests:new_received:natural_person']) - 1,
    );
    later.cells['requests:new_received:total'] = String(Number(later.cells['requests:new_received:total']) - 1);
    writeFileSync(join(dir, '2022.txt'), renderTabText(earlier));
    writeFileSync(join(dir, '2023.txt'), renderTabText(later));
    const run = check([dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /2023\.txt {2}中牟县财政局 2023 {2}flagged[\s\S]*carry_continuity 上年结转等于上一年报告的结转下年度/,
    );
    expect(run.stdout).toMatch(/2 个文件：有问题 1，正常 1/);
  });

  it('colours its output when asked (FORCE_COLOR), not when piped or when NO_COLOR is set', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'xxgk-check-')), 'flagged.txt');
    const spec = balancedReport(4);
    spec.cells['review_litigation:review:total'] = '99';
    writeFileSync(file, renderTabText(spec));
    expect(check([file]).stdout).not.toContain(ESC);
    expect(check([file], { FORCE_COLOR: '1' }).stdout).toContain(`${ESC}31m✖ 错误`);
    expect(check([file], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toContain(ESC);
  });

  // A real terminal: util-linux `script` runs the command on a pseudo-terminal (skipped, and named so, without it).
  it.skipIf(!existsSync('/usr/bin/script'))(
    'colours its output on a real terminal, unless NO_COLOR is set (util-linux script)',
    () => {
      const file = join(mkdtempSync(join(tmpdir(), 'xxgk-check-')), 'flagged.txt');
      const spec = balancedReport(4);
      spec.cells['review_litigation:review:total'] = '99';
      writeFileSync(file, renderTabText(spec));
      const tty = spawnSync('/usr/bin/script', ['-qec', `${process.execPath} ${CLI} check ${file}`, '/dev/null'], {
        encoding: 'utf8',
        env: environment({ TERM: 'xterm-256color' }),
      });
      expect(tty.stdout).toContain(`${ESC}31m✖ 错误`);
      const noColor = spawnSync('/usr/bin/script', ['-qec', `${process.execPath} ${CLI} check ${file}`, '/dev/null'], {
        encoding: 'utf8',
        env: environment({ NO_COLOR: '1', TERM: 'xterm-256color' }),
      });
      expect(noColor.stdout).toContain('✖ 错误');
      expect(noColor.stdout).not.toContain(`${ESC}31m`);
    },
  );

  it('in English with --lang en or an English locale, as before; errors only with --errors-only', () => {
    const file = corpusPath('huaian-hongze-district-gov-2023.pdf');
    for (const run of [check(['--lang', 'en', file]), check([file], { LANG: 'en_US.UTF-8' })]) {
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('✖ error   review_litigation_sum 复议、诉讼各项之和等于总计');
      expect(run.stdout).toMatch(/⚠ warning text_aligned_table/);
      expect(run.stdout.trim().split('\n').at(-1)).toBe('1 file: 1 flagged, 0 ok (2 errors, 1 warning)');
    }
    const errors = check(['--errors-only', file]);
    expect(errors.code).toBe(1);
    expect(errors.stdout).not.toContain('text_aligned_table');
    expect(errors.stdout).toContain('另有 1 条未列出（--verbose 全部列出）');
    // A flagged report's errors fit on one screen.
    expect(errors.stdout.trim().split('\n').length).toBeLessThanOrEqual(24);
  });

  it('says a report in which no number was read is unchecked (未核对), never passed', () => {
    const run = check([corpusPath('pingtan-2016_page-flattened_pre2019-format.txt')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('平潭综合实验区 2016  unchecked — 未核对：没有读到任何数字');
    expect(run.stdout).toContain('2019 年以前格式的报告，其统计表尚不能读取');
    expect(run.stdout).not.toContain('正常：');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('1 个文件：有问题 0，正常 0，未核对 1（错误 0 条，警告 0 条）');
  });

  it('prints no English sentence on the bundled sample in Chinese (the default)', () => {
    const run = check(['--verbose', corpusPath('.')]);
    // English words outside the machine keys (rule names, cell keys, file names) and the status keys.
    const words = run.stdout
      .split('\n')
      .map((line) =>
        line.replace(
          /\S*[._:/]\S*|\b(?:ok|flagged|incomplete|unchecked|not_a_report|needs_ocr|failed|attached)\b|--verbose/g,
          '',
        ),
      )
      .filter((line) => /\b[a-z]+ [a-z]+ [a-z]+\b/i.test(line));
    expect(words).toEqual([]);
  });

  it('exits 2 on a usage error: no file, or a file that does not exist', () => {
    expect(check([]).code).toBe(2);
    const missing = check(['/no/such/report.pdf']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('xxgk: no such file or folder: /no/such/report.pdf');
  });
});
