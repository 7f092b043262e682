import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { balancedReport, renderTabText } from '../fixtures/report-builder.js';
import { projectRoot } from '../helpers.js';
import { printable } from '../../src/core/text/printable.js';

/** Named pipes, sockets and control characters through the built command line. */
const CLI = join(projectRoot, 'dist/src/cli.js');
const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `xxgk-${prefix}-`));

function xxgk(args: string[]) {
  // A bound on the child: a named pipe that is opened would hang it for ever.
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
}

function fifo(path: string): void {
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
}

describe('only regular files are read', () => {
  it('gives a named pipe (by name or in a folder) and a socket one row each at once; the rest is read', async () => {
    const input = temp('special');
    writeFileSync(join(input, 'a.txt'), renderTabText(balancedReport(1)));
    fifo(join(input, 'pipe.html'));
    fifo(join(input, 'given.pdf'));
    symlinkSync(join(input, 'gone.pdf'), join(input, 'link.pdf'));
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(join(input, 'socket.doc'), resolve));
    try {
      const out = temp('special-out');
      const run = xxgk(['extract', input, join(input, 'given.pdf'), '--out', out, '--quiet', '--timeout', '30']);
      expect(run.status, run.stderr).toBe(0);
      const rows = parse(readFileSync(join(out, 'reports.csv'), 'utf8'), { bom: true, columns: true }) as Record<
        string,
        string
      >[];
      expect(rows.map((r) => [r.file, r.status, r.reason])).toEqual([
        ['a.txt', 'ok', ''],
        [
          'given.pdf',
          'failed',
          'unreadable: 不是普通文件（命名管道），未读取（not a regular file (a named pipe), not read）',
        ],
        [
          'link.pdf',
          'failed',
          'unreadable: 无法打开文件：文件不存在（可能是失效的链接）（cannot open the file: the file does not exist (a broken link?)）',
        ],
        [
          'pipe.html',
          'failed',
          'unreadable: 不是普通文件（命名管道），未读取（not a regular file (a named pipe), not read）',
        ],
        [
          'socket.doc',
          'failed',
          'unreadable: 不是普通文件（套接字），未读取（not a regular file (a socket), not read）',
        ],
      ]);
    } finally {
      server.close();
    }
  }, 90_000);

  it('check does not wait on a named pipe either', () => {
    const input = temp('check-pipe');
    fifo(join(input, 'pipe.txt'));
    const run = xxgk(['check', input]);
    expect(run.error).toBeUndefined();
    expect(run.stdout).toContain('pipe.txt');
  });
});

describe('control characters never reach a terminal', () => {
  it('escapes ESC, BEL, carriage return and bidirectional overrides, and keeps Chinese and tabs readable', () => {
    expect(printable('\u001b]0;title\u0007甲县\u202e局\r')).toBe('\\x1b]0;title\\x07甲县\\u202e局\\x0d');
  });

  it("check prints a document's agency name and a file name escaped; the CSV keeps the name as read", () => {
    const input = temp('escape');
    const agency = '甲县\u001b[2J\u001b]0;pwned\u0007财政局';
    const name = 'x\u001b[31m.txt';
    writeFileSync(join(input, name), renderTabText(balancedReport(1, { agency })));
    const checked = xxgk(['check', input]);
    expect(checked.stdout).not.toContain('\u001b');
    expect(checked.stdout).toContain('x\\x1b[31m.txt');
    const out = temp('escape-out');
    const run = xxgk(['extract', input, '--out', out, '--quiet']);
    expect(run.stdout).not.toContain('\u001b');
    expect(readFileSync(join(out, 'reports.csv'), 'utf8')).toContain(name);
  }, 60_000);
});
