import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { renderDocx } from '../../fixtures/docx-builder.js';
import { hangingPdf } from '../../fixtures/pdf-writer.js';
import { balancedReport, renderHtml, renderTabText } from '../../fixtures/report-builder.js';
import { mixedReportFolder, projectRoot } from '../../helpers.js';
import { hasRedisServer, startRedis, type RedisServer } from './redis-server.js';
import { outputFiles as outputs } from '../../helpers.js';

/**
 * Batches read through a real Redis (Debian's redis-server) by real `xxgk worker` processes, against the same
 * batch read locally: the outputs must be byte for byte the same, through workers and coordinators killed, Redis
 * lost, and a file that hangs.
 */

const CLI = join(projectRoot, 'dist/src/cli.js');
const SKIPPED = 'queue tests SKIPPED: redis-server is not installed (apt-get install redis-server; .ci/run does)';
if (!hasRedisServer) console.warn(`\n*** ${SKIPPED} ***\n`);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const children = new Set<ChildProcess>();
const servers = new Set<RedisServer>();

function start(args: string[]): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

const xxgk = (...args: string[]) => start(args).done;
const worker = (url: string, ...extra: string[]) => start(['worker', '--queue', url, '--jobs', '1', ...extra]).child;

async function redis(options: { password?: string } = {}): Promise<RedisServer> {
  const server = await startRedis(options);
  servers.add(server);
  return server;
}

afterEach(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
  await Promise.all([...servers].map((s) => s.stop()));
  servers.clear();
}, 30_000);
afterAll(() => {
  if (!hasRedisServer) console.warn(`\n*** ${SKIPPED} ***\n`);
});

const temp = (prefix: string) => mkdtempSync(join(tmpdir(), `xxgk-${prefix}-`));

/** Reports of two agencies over years (the rules across files see them), in four formats. */
async function reportFolder(): Promise<string> {
  const dir = mixedReportFolder();
  for (let i = 0; i < 3; i++) {
    const year = 2020 + i;
    writeFileSync(join(dir, `乙-${year}.html`), renderHtml(balancedReport(10 + i, { agency: '乙县教育局', year })));
    writeFileSync(
      join(dir, `丙-${year}.docx`),
      await renderDocx(balancedReport(20 + i, { agency: '丙县卫健委', year })),
    );
  }
  writeFileSync(join(dir, 'copy.txt'), renderTabText(balancedReport(10, { agency: '乙县教育局', year: 2020 })));
  return dir;
}

async function localRun(input: string, ...extra: string[]): Promise<Record<string, Buffer>> {
  const out = temp('local');
  const run = await xxgk('extract', input, '--out', out, '--jobs', '2', '--quiet', ...extra);
  expect(run.code, run.stderr).toBe(0);
  return outputs(out);
}

const until = async (test: () => Promise<boolean>, what: string, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe.skipIf(!hasRedisServer)('a batch read by workers through Redis', () => {
  it('gives byte for byte the outputs of a local run, and leaves no job or file in Redis', async () => {
    const input = await reportFolder();
    const server = await redis();
    worker(server.url);
    worker(server.url);
    const out = temp('queued');
    const run = await xxgk('extract', input, '--out', out, '--queue', server.url);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/workers: [12] \(/);
    expect(outputs(out)).toEqual(await localRun(input));
    const client = server.client();
    const left = await client.keys('*');
    client.disconnect();
    expect(left.filter((k) => /bytes|xxgk:[0-9a-f]{64}/.test(k))).toEqual([]);
  }, 180_000);

  it('gives a file whose worker was killed to another worker; a file that hangs is recorded as failed', async () => {
    const input = await reportFolder();
    writeFileSync(join(input, 'hang.pdf'), hangingPdf(4));
    const server = await redis();
    const first = worker(server.url, '--stalled-after', '2');
    const out = temp('queued');
    const coordinator = xxgk('extract', input, '--out', out, '--queue', server.url, '--timeout', '3', '--quiet');
    const client = server.client();
    // The first worker takes the hanging file (files are handed out in the folder's order; it is among them).
    const active = () => client.lrange('bull:xxgk:active', 0, -1);
    await until(async () => (await active()).some((id) => id.endsWith('.pdf')), 'a PDF taken up');
    first.kill('SIGKILL');
    worker(server.url, '--stalled-after', '2');
    const run = await coordinator;
    client.disconnect();
    expect(run.code, run.stderr).toBe(0);
    const queued = outputs(out);
    expect(queued['reports.csv']!.toString()).toContain('timeout: 读取 3 秒后停止');
    expect(queued).toEqual(await localRun(input, '--timeout', '3'));
  }, 240_000);

  it('resumes after its coordinator was killed, and ends with the same outputs', async () => {
    const input = await reportFolder();
    const server = await redis();
    const out = temp('queued');
    const args = ['extract', input, '--out', out, '--queue', server.url, '--window', '2', '--quiet'];
    const first = start(args);
    const client = server.client();
    await until(async () => Number(await client.get('bull:xxgk:id')) >= 3, 'three files handed out');
    // Workers join only now: the coordinator dies with files handed out and not all recorded.
    worker(server.url);
    await until(async () => Number(await client.get('bull:xxgk:id')) >= 5, 'files read');
    first.child.kill('SIGKILL');
    await first.done;
    worker(server.url);
    const run = await xxgk(...args);
    client.disconnect();
    expect(run.code, run.stderr).toBe(0);
    expect(outputs(out)).toEqual(await localRun(input));
  }, 240_000);

  it('stops with one line naming Redis without its password when Redis is lost; a rerun completes', async () => {
    const input = await reportFolder();
    writeFileSync(join(input, 'hang.pdf'), hangingPdf(4));
    const server = await redis({ password: 's3cret' });
    worker(server.url);
    const out = temp('queued');
    const args = ['extract', input, '--out', out, '--queue', server.url, '--timeout', '3', '--window', '2', '--quiet'];
    const first = start(args);
    const client = server.client();
    // Three files in flight at most: the sixth handed out means three were recorded.
    await until(async () => Number(await client.get('bull:xxgk:id')) >= 6, 'files recorded');
    client.disconnect();
    await server.stop();
    const lost = await first.done;
    expect(lost.code).toBe(1);
    const error = lost.stderr.trim();
    expect(error.split('\n')).toHaveLength(1);
    expect(error).toContain(`redis://:***@127.0.0.1:${server.port}/0`);
    expect(error).not.toContain('s3cret');
    const again = await startRedis({ password: 's3cret', port: server.port });
    servers.add(again);
    worker(again.url);
    const run = await xxgk(...args);
    expect(run.code, run.stderr).toBe(0);
    expect(outputs(out)).toEqual(await localRun(input, '--timeout', '3'));
  }, 240_000);

  it('says so in one line when Redis wants a password it was not given, or is not there', async () => {
    const server = await redis({ password: 's3cret' });
    const input = mixedReportFolder();
    const run = await xxgk('extract', input, '--out', temp('queued'), '--queue', `redis://127.0.0.1:${server.port}/0`);
    expect(run.code).toBe(1);
    const at = `127.0.0.1:${server.port}/0`;
    const refused = `Redis at redis://${at} refused the connection: missing or wrong password`;
    expect(run.stderr.trim()).toMatch(new RegExp(`^xxgk: .*${refused}`));
    const wrong = await xxgk('worker', '--queue', `redis://:nope@127.0.0.1:${server.port}/0`);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('missing or wrong password');
    expect(wrong.stderr).not.toContain('nope');
    await server.stop();
    const url = `redis://:s3cret@127.0.0.1:${server.port}/0`;
    const gone = await xxgk('extract', input, '--out', temp('queued'), '--queue', url);
    expect(gone.code).toBe(1);
    expect(gone.stderr.trim()).toMatch(new RegExp(`^xxgk: .*cannot reach Redis at redis://:\\*\\*\\*@${at}`));
  }, 120_000);

  it('refuses a second batch on a queue in use, and a worker of another build', async () => {
    const server = await redis();
    const client = server.client();
    await client.set('xxgk:owner', 'other-host:/data/xxgk.db', 'PX', 60_000);
    await client.set('xxgk:version', '0.0.1+000000000000');
    client.disconnect();
    const input = mixedReportFolder();
    const run = await xxgk('extract', input, '--out', temp('queued'), '--queue', server.url);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the queue is in use by another batch (other-host:/data/xxgk.db)');
    const stranger = await xxgk('worker', '--queue', server.url);
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain('refused: the coordinator runs xxgk 0.0.1+000000000000');
  }, 120_000);
});
