import { readFile } from 'node:fs/promises';
import type { Twin } from './core/i18n/lang.js';

/** The command line's help, Chinese first (`--lang en` or an English locale for English). */

/** commander's section titles, in Chinese. */
export const HELP_TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
  'Global Options:': '全局选项：',
};

export const PROGRAM_HELP: Record<'description' | 'version' | 'help' | 'helpCommand' | 'lang', Twin> = {
  description: {
    zh: '读取并核对政府信息公开工作年度报告：抽取统计表，检查勾稽关系，输出数据集和审核页面。',
    en: 'Extract and audit 政府信息公开工作年度报告 (government information-disclosure annual reports).',
  },
  version: { zh: '显示版本号', en: 'show the version' },
  help: { zh: '显示帮助', en: 'show help' },
  helpCommand: { zh: '显示某个命令的帮助', en: 'display help for command' },
  lang: {
    zh: '界面语言：zh 中文（默认；未设置 LANG 时也是中文）或 en 英文',
    en: 'language: zh Chinese (the default, also when LANG is unset) or en English; an en_* locale chooses English',
  },
};

export const EXTRACT_HELP: Record<
  'description' | 'inputs' | 'out' | 'jobs' | 'db' | 'force' | 'json' | 'timeout' | 'maxMemory' | 'quiet' | 'years',
  Twin
> = {
  description: {
    zh:
      '读取报告（PDF、Word、网页、文本副本、图片），核对其表格，写出 reports.csv、cells.csv、findings.csv、dataset.csv、' +
      '相应的 Parquet 文件、datapackage.json 和审核页面 index.html；结果保存在 SQLite 库中，重新运行时只读取新增或改动的文件',
    en:
      'read reports (PDF, Word, web pages, text copies, pictures), audit their tables, and write reports.csv, cells.csv, findings.csv, ' +
      'dataset.csv, the same as Parquet, datapackage.json and the audit view index.html; ' +
      'results are kept in a SQLite store, so a rerun reads only new or changed files',
  },
  inputs: { zh: '报告文件或文件夹（递归查找）', en: 'report files or folders (searched recursively)' },
  out: { zh: '输出文件夹', en: 'output folder' },
  jobs: { zh: '工作线程数', en: 'worker threads' },
  db: { zh: 'SQLite 库（默认：<out>/xxgk.db）', en: 'SQLite store (default: <out>/xxgk.db)' },
  force: { zh: '重新读取每个文件，即使其内容已读过', en: 're-read every file, even if its content was read before' },
  json: {
    zh: '另将每份报告完整写入 reports.jsonl.gz（章节文字、带出处的单元格）',
    en: 'also write every report whole (section texts, cells with provenance) to reports.jsonl.gz',
  },
  timeout: { zh: '读取一个文件超过这么多秒即停止', en: 'stop reading a file after this long' },
  maxMemory: { zh: '每个工作线程的内存上限（MB）', en: 'memory limit of each worker thread' },
  years: {
    zh: '机关 × 年度表格列出的年度范围（如 2008-2025），无人报送的年度也列出；默认为本批最早至最晚年度',
    en: "the years the agencies × years grid shows (e.g. 2008-2025), years nobody filed for too; by default the batch's earliest to latest",
  },
  quiet: { zh: '不显示进度，只显示汇总', en: 'no progress output, only the summary' },
};

export const CHECK_HELP: Record<'description' | 'errorsOnly' | 'verbose', Twin> = {
  description: {
    zh:
      '发布前核对报告：在终端列出错误和警告，注明表格、行、列，对不上的两边数字及其所在位置；' +
      '有报告“有问题”时退出码为 1，否则为 0（不建库，不写输出文件）',
    en:
      'check reports before publishing them: errors and warnings on the terminal, with the table, row and column, the numbers on both ' +
      'sides of a failing sum and where they are printed; exit 1 when any report is flagged, 0 when none is (no store, no output files)',
  },
  errorsOnly: { zh: '只列出错误', en: 'list errors only' },
  verbose: { zh: '也列出提示（info）', en: 'list notes (info) too' },
};

/** The version in package.json, two folders up from the built cli-text.js (dist/src/) and one up from src/. */
export async function readVersion(): Promise<string> {
  for (const path of ['../../package.json', '../package.json']) {
    const text = await readFile(new URL(path, import.meta.url), 'utf8').catch(() => undefined);
    const pkg = text ? (JSON.parse(text) as { name?: string; version?: string }) : undefined;
    if (pkg?.name === 'xxgk' && pkg.version) return pkg.version;
  }
  return 'unknown';
}

export const QUEUE_HELP = {
  queue: {
    zh: '文件交由 `xxgk worker` 进程经 Redis 读取：redis://[:密码@]主机:端口/库',
    en: 'files read by `xxgk worker` processes through Redis: redis://[:password@]host:port/db',
  },
  window: {
    zh: '与 --queue 同用：同时在途的文件数（记录前存于 Redis）',
    en: 'with --queue: files in flight (in Redis until recorded)',
  },
  worker: {
    zh: '为协调进程（`xxgk extract … --queue`）从 Redis 读取文件，直到停止（Ctrl-C）',
    en: 'read files for coordinators (`xxgk extract … --queue`) from Redis, until stopped (Ctrl-C)',
  },
  workerQueue: {
    zh: 'redis://[:密码@]主机:端口/库 或 rediss://，与协调进程相同',
    en: 'redis://[:password@]host:port/db or rediss://, as given to the coordinator',
  },
  workerJobs: { zh: '同时读取的文件数（每个一个线程）', en: 'files read at once (one thread each)' },
  stalledAfter: {
    zh: '读取它的进程不再应答时，文件交给另一个进程（秒）',
    en: 'a file whose worker stopped answering goes to another (seconds)',
  },
};
