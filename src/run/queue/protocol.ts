import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RedisOptions } from 'ioredis';
import type { PoolLimits } from '../pool.js';
import type { FileRecord } from '../../store/store.js';
import type { Report } from '../../core/model/report.js';

/**
 * What travels between a coordinator and its workers through Redis. A job names one file; its bytes travel in a key
 * of their own (binary: BullMQ's job data is JSON, where bytes would grow by a third as base64), with their SHA-256,
 * which the worker checks. A result is the report as the local pool would have recorded it, or why the file was
 * stopped; the coordinator records it in the one store and then deletes the job and the bytes.
 */

export const QUEUE_NAME = 'xxgk';

export interface JobData {
  file: FileRecord;
  /** Redis key of the file's bytes. */
  bytesKey: string;
  /** SHA-256 of the bytes alone (hex). */
  sha256: string;
  /** The batch's per-file limits (`--timeout`, `--max-memory`), applied by the worker as a local run does. */
  limits: PoolLimits;
  /** The coordinator's build: a worker of another build refuses the job. */
  version: string;
}

export interface JobResult {
  version: string;
  /** `host:pid` of the worker process that read the file. */
  worker: string;
  ms: number;
  /** The report, when the reader finished. */
  report?: Report;
  /** Why the file was stopped (time or memory limit, crash): recorded as failed, as a local run does. */
  stopped?: string;
}

export const bytesKey = (contentKey: string) => `${QUEUE_NAME}:bytes:${contentKey}`;
/** The batch that owns the queue now (a lease, renewed while the coordinator runs). */
export const OWNER_KEY = `${QUEUE_NAME}:owner`;
/** The running coordinator's build, read by workers before they take jobs. */
export const VERSION_KEY = `${QUEUE_NAME}:version`;

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A queue problem a person can fix (Redis unreachable, wrong password, another batch): one line, no stack. */
export class QueueError extends Error {}

/** `redis://[:password@]host:port/db` or `rediss://…` (TLS) as connection options. */
export function connectionOptions(url: string): RedisOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QueueError(
      `队列地址无法解析 / cannot parse the queue address ${redact(url)}: expected redis://[:password@]host:port/db`,
    );
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new QueueError(
      `队列地址须以 redis:// 或 rediss:// 开头 / the queue address ${redact(url)} must start with redis:// or rediss://`,
    );
  }
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: { servername: parsed.hostname } } : {}),
  };
}

/** The address without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/^(rediss?:\/\/)([^@/]*)@/, (_, scheme: string, auth: string) =>
    auth.includes(':') ? `${scheme}${auth.split(':')[0]}:***@` : `${scheme}***@`,
  );
}

/** Why Redis refused or could not be reached, in one line that names the address (never its password). */
export function describeRedisError(error: unknown, url: string): string {
  const message = (error as Error).message ?? String(error);
  if (/NOAUTH|WRONGPASS|invalid password|Authentication required/i.test(message)) {
    const why = `missing or wrong password (${message})`;
    return `Redis 拒绝了连接：密码缺失或错误 / Redis at ${redact(url)} refused the connection: ${why}`;
  }
  return `无法连接 Redis / cannot reach Redis at ${redact(url)}: ${message}`;
}

let buildVersion: string | undefined;

/**
 * The package version and a hash of the code this process runs (every module under the build's root): two builds
 * of one version number with different readers are told apart. ~300 files, a few milliseconds.
 */
export function xxgkVersion(): string {
  if (buildVersion) return buildVersion;
  // dist/ (or the project, when run from source): this module is src/run/queue/protocol.
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const hash = createHash('sha256');
  for (const folder of ['src', 'extractors']) hashTree(join(root, folder), hash);
  const packageJson = [join(root, 'package.json'), join(root, '..', 'package.json')].find((p) =>
    statSync(p, { throwIfNoEntry: false }),
  );
  const version = packageJson ? (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version : '0';
  buildVersion = `${version}+${hash.digest('hex').slice(0, 12)}`;
  return buildVersion;
}

function hashTree(dir: string, hash: ReturnType<typeof createHash>): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) hashTree(path, hash);
    else if (/\.(js|ts|json)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      hash.update(entry.name).update(readFileSync(path));
    }
  }
}
