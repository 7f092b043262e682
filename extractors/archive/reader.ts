import { ReadError } from '../errors.js';
import type { ReaderOutput } from '../reader.js';
import { bothLanguages } from '../../src/core/i18n/lang.js';
import { archiveEntries } from './entries.js';

/**
 * An archive given to a reader of one document (`xxgk check`, the library): a batch opens a .zip and reads each of
 * its files as a report of its own (src/archive-inputs.ts), so here a readable .zip is refused with a reason naming
 * that; a damaged or oversized one with what is wrong with it. RAR and 7z need native code or a large decoder for
 * formats agencies rarely use: they are refused, saying to unpack them.
 */

export async function readArchive(bytes: Uint8Array): Promise<ReaderOutput> {
  const head = Buffer.from(bytes.subarray(0, 8));
  const rar = head.subarray(0, 4).toString('latin1') === 'Rar!';
  if (rar || head.subarray(0, 6).equals(SEVEN_ZIP)) {
    const kind = rar ? 'RAR' : '7z';
    throw new ReadError(
      'unsupported',
      bothLanguages({
        zh: `该文件为 ${kind} 压缩包，不支持读取；请先解压，再提取其中的文件`,
        en: `the file is a ${kind} archive, which is not read; unpack it and extract its files`,
      }),
    );
  }
  const entries = await archiveEntries(bytes);
  throw new ReadError(
    'unsupported',
    bothLanguages({
      zh: `该文件为 zip 压缩包（${entries.length} 个文件）；批量提取（xxgk extract）时其中的文件逐个读取`,
      en: `the file is a zip archive (${entries.length} files); its files are read one by one by a batch (xxgk extract)`,
    }),
  );
}

const SEVEN_ZIP = Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]);
