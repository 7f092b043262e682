import { warning, type Message } from '../src/core/model/messages.js';
import yauzl from 'yauzl';
import { bothLanguages } from '../src/core/i18n/lang.js';
import { detailOf, ReadError } from './errors.js';

/**
 * Unzips an Office file with its size bounded before anything is inflated: entry count, each entry's and the total
 * declared size, and the compression ratio are checked from the central directory, and inflation stops the moment
 * an entry produces more bytes than it declared. A zip bomb is refused in milliseconds, without its bytes in memory.
 * A picture is not the document: a picture entry beyond the bounds (an uncompressed BMP logo deflates 1000×) is
 * skipped with a warning, as an oversized picture in a web page is, and the document's tables are still read.
 */

export interface Unzipped {
  files: Map<string, Buffer>;
  /** Picture entries skipped for their size. */
  messages: Message[];
}

/** Pictures Office files hold (in `media/` folders; by name elsewhere). */
const PICTURE = /(^|\/)media\/|\.(png|jpe?g|gif|bmp|dib|tiff?|emf|wmf|webp|wdp|svg)$/i;

export interface ZipLimits {
  maxEntries: number;
  /** Total uncompressed bytes of the entries read. */
  maxTotalBytes: number;
  /** Uncompressed / compressed, per entry; XML compresses ~10–30×, bombs ~1000×. */
  maxRatio: number;
}

export const OFFICE_LIMITS: ZipLimits = { maxEntries: 5000, maxTotalBytes: 256 * 1024 * 1024, maxRatio: 200 };

/** A picture larger than this inflated is skipped (a 600 dpi A4 scan as an uncompressed 24-bit BMP is ~100 MB). */
const MAX_PICTURE_BYTES = 128 * 1024 * 1024;
/** Ratios are only checked above this size: tiny entries compress wildly and cost nothing. */
const RATIO_FLOOR_BYTES = 1024 * 1024;

/**
 * How entry names are decoded when the caller knows better than yauzl (which takes a name without the UTF-8 flag for
 * CP437): an archive of reports made on Chinese Windows names its entries in GBK.
 */
export type NameDecoder = (raw: Buffer, utf8: boolean) => string;

export async function unzipBounded(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  limits: ZipLimits = OFFICE_LIMITS,
  decodeName?: NameDecoder,
): Promise<Unzipped> {
  let zip: yauzl.ZipFile;
  try {
    // Stryker disable next-line ObjectLiteral: equivalent, these are yauzl's defaults (its promise API always lists entries lazily)
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes), {
      lazyEntries: true,
      validateEntrySizes: true,
      strictFileNames: false,
      decodeStrings: !decodeName,
    });
  } catch (error) {
    throw new ReadError('corrupt', `not a readable zip archive${detailOf(error)}`);
  }
  if (zip.entryCount > limits.maxEntries)
    throw new ReadError('too_large', `the archive holds ${zip.entryCount} entries (limit ${limits.maxEntries})`);
  const listed = await listEntries(zip);
  if (decodeName)
    for (const entry of listed)
      entry.fileName = decodeName(entry.fileName as unknown as Buffer, (entry.generalPurposeBitFlag & 0x800) !== 0);
  const { entries, messages } = withoutOversizedPictures(listed, limits);
  checkDeclaredSizes(entries, limits);
  const files = new Map<string, Buffer>();
  let total = 0;
  for (const entry of entries) {
    if (!wanted(entry.fileName) || entry.fileName.endsWith('/')) continue;
    // Stryker disable next-line ArithmeticOperator: equivalent, the budget is never reached (see inflate)
    const data = await inflate(zip, entry, limits.maxTotalBytes - total, limits.maxTotalBytes);
    // Stryker disable next-line AssignmentOperator: equivalent, the budget is never reached (see inflate)
    total += data.length;
    files.set(entry.fileName, data);
  }
  zip.close();
  return { files, messages };
}

function withoutOversizedPictures(
  all: yauzl.Entry[],
  limits: ZipLimits,
): { entries: yauzl.Entry[]; messages: Message[] } {
  const messages: Message[] = [];
  const entries = all.filter((entry) => {
    if (!PICTURE.test(entry.fileName) || entry.isEncrypted()) return true;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    const bomb = entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxRatio;
    if (!bomb && entry.uncompressedSize <= MAX_PICTURE_BYTES) return true;
    const size = formatBytes(entry.uncompressedSize);
    messages.push(
      warning(
        'read',
        bothLanguages({
          zh: `图片 ${entry.fileName} 解压后 ${size}（压缩比 ${Math.round(ratio)}×），超出限制，已跳过`,
          en: `picture ${entry.fileName} skipped: it inflates ${Math.round(ratio)}× to ${size}, beyond the limits`,
        }),
      ),
    );
    return false;
  });
  return { entries, messages };
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (error: Error) => reject(new ReadError('corrupt', `damaged zip archive${detailOf(error)}`)));
    zip.readEntry();
  });
}

function checkDeclaredSizes(entries: yauzl.Entry[], limits: ZipLimits): void {
  let total = 0;
  for (const entry of entries) {
    if (entry.isEncrypted())
      throw new ReadError('encrypted', `the archive is password-protected (${entry.fileName} is encrypted)`);
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > RATIO_FLOOR_BYTES && ratio > limits.maxRatio) {
      throw new ReadError(
        'too_large',
        `refused as a zip bomb: ${entry.fileName} inflates ${Math.round(ratio)}× to ${formatBytes(entry.uncompressedSize)}`,
      );
    }
  }
  if (total > limits.maxTotalBytes)
    throw new ReadError(
      'too_large',
      `refused: the archive inflates to ${formatBytes(total)} (limit ${formatBytes(limits.maxTotalBytes)})`,
    );
}

async function inflate(zip: yauzl.ZipFile, entry: yauzl.Entry, budget: number, limit: number): Promise<Buffer> {
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    // Stryker disable next-line LogicalOperator,OptionalChaining: equivalent, yauzl gives an error or a stream, never neither
    zip.openReadStream(entry, (error, s) =>
      error || !s ? reject(new ReadError('corrupt', `cannot read ${entry.fileName}: ${error?.message}`)) : resolve(s),
    ),
  );
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      // Stryker disable next-line AssignmentOperator: equivalent, the budget is never reached (below)
      size += chunk.length;
      // yauzl already stops an entry that inflates past its declared size; this bounds the whole archive. (Never reached
      // while the declared total is checked first: it holds if either check is ever loosened.)
      // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, unreachable while both checks above hold
      if (size > budget) throw new ReadError('too_large', `refused: the archive inflates past ${formatBytes(limit)}`);
      chunks.push(chunk);
    }
  } catch (error) {
    // Stryker disable next-line OptionalChaining: equivalent, yauzl's streams have destroy()
    (stream as unknown as { destroy?: () => void }).destroy?.();
    // Stryker disable next-line ConditionalExpression: equivalent, the only ReadError thrown above is the unreachable one
    if (error instanceof ReadError) throw error;
    if (/too many bytes/.test((error as Error).message)) {
      throw new ReadError(
        'too_large',
        `refused as a zip bomb: ${entry.fileName} inflates past the ${entry.uncompressedSize} bytes it declares`,
      );
    }
    throw new ReadError('corrupt', `damaged entry ${entry.fileName}${detailOf(error)}`);
  }
  return Buffer.concat(chunks);
}

function formatBytes(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;
}
