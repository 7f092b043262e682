import iconv from 'iconv-lite';
import { ReadError } from '../errors.js';
import { bothLanguages } from '../../src/core/i18n/lang.js';
import { sniffBytes } from '../sniff.js';
import { unzipBounded, type ZipLimits } from '../zip.js';

/**
 * An archive of reports (.zip) opened in memory: each file in it becomes an entry read as a file of the batch,
 * named by its path in the archive. Names are decoded as the archive says (UTF-8 flag) or else as GBK, which is what
 * Chinese Windows writes. Archives inside it are opened too, down to ARCHIVE_DEPTH; all of it within one budget, the
 * Office bounds, so that a zip of zips costs no more than one zip.
 */

export interface ArchiveEntry {
  /** Path inside the archive ("附件/报告.pdf"; for a nested archive "inner.zip/报告.pdf"). */
  name: string;
  bytes: Uint8Array;
  /** Why the entry is not read (an archive nested too deep): it is a row of its own with this reason. */
  refused?: ReadError;
}

/** The archive given is depth 1, an archive inside it depth 2; deeper ones are refused with a reason. */
const ARCHIVE_DEPTH = 2;
const ARCHIVE_LIMITS: ZipLimits = { maxEntries: 2000, maxTotalBytes: 512 * 1024 * 1024, maxRatio: 200 };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Whether bytes are a plain zip archive (not a .docx, .xlsx, .odt or .ofd, which are zips of one document). */
export async function isPlainZip(bytes: Uint8Array): Promise<boolean> {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b) && (await sniffBytes(bytes)) === 'zip';
}

/** Hidden files and the resource forks macOS adds (__MACOSX/) are no files of the archive's owner, as on disk. */
function isJunk(name: string): boolean {
  return name.startsWith('__MACOSX/') || name.split('/').some((part) => part.startsWith('.'));
}

export async function archiveEntries(
  bytes: Uint8Array,
  depth = 1,
  budget = { bytes: ARCHIVE_LIMITS.maxTotalBytes },
): Promise<ArchiveEntry[]> {
  const limits = { ...ARCHIVE_LIMITS, maxTotalBytes: budget.bytes };
  const { files } = await unzipBounded(bytes, () => true, limits, decodeName);
  const entries: ArchiveEntry[] = [];
  for (const [name, data] of files) {
    budget.bytes -= data.length;
    if (isJunk(name)) continue;
    if (!(await isPlainZip(data))) {
      entries.push({ name, bytes: data });
      continue;
    }
    if (depth >= ARCHIVE_DEPTH) {
      entries.push({ name, bytes: data, refused: tooDeep() });
      continue;
    }
    const inner = await archiveEntries(data, depth + 1, budget);
    entries.push(...inner.map((entry) => ({ ...entry, name: `${name}/${entry.name}` })));
  }
  return entries;
}

function tooDeep(): ReadError {
  return new ReadError(
    'too_large',
    bothLanguages({
      zh: `压缩包嵌套超过 ${ARCHIVE_DEPTH} 层，未解开；请先解压`,
      en: `an archive nested more than ${ARCHIVE_DEPTH} deep, not opened; unpack it first`,
    }),
  );
}

function decodeName(raw: Buffer, utf8: boolean): string {
  return utf8 ? raw.toString('utf8') : iconv.decode(raw, 'gbk');
}
