import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { ReadError } from '../../extractors/errors.js';
import { OFFICE_LIMITS, unzipBounded } from '../../extractors/zip.js';
import { renderDocx } from '../fixtures/docx-builder.js';
import { balancedReport } from '../fixtures/report-builder.js';
import { zipArchive, zipBombDocx, type RawEntry } from '../fixtures/zip-bomb.js';
import { extractText } from '../helpers.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** An entry holding `text`, deflated, its size declared truly. */
const textEntry = (name: string, text: string): RawEntry => ({
  name,
  data: zlib.deflateRawSync(Buffer.from(text)),
  declaredSize: Buffer.byteLength(text),
});
/** An entry of `size` zero bytes, deflated (about 1000× smaller), its size declared truly. */
const zerosEntry = (name: string, size: number): RawEntry => ({
  name,
  data: zlib.deflateRawSync(Buffer.alloc(size)),
  declaredSize: size,
});
/** `n` entries of 1 MiB of zeros (one deflated copy shared). */
function megabytes(n: number): RawEntry[] {
  const { data } = zerosEntry('', MiB);
  return Array.from({ length: n }, (_, i) => ({ name: `part${i}.bin`, data, declaredSize: MiB }));
}
/** How unzipBounded refuses an archive: the error code and message. */
const refusal = (bytes: Uint8Array, wanted: (name: string) => boolean = () => true) =>
  unzipBounded(bytes, wanted).then(
    () => 'read',
    (error: unknown) =>
      error instanceof ReadError ? `${error.code}: ${error.message}` : `not a ReadError: ${String(error)}`,
  );

/** Archives that must be refused with a clear reason, before they can exhaust memory. (Time and memory: npm run bench:zip.) */
describe('unsafe or broken Word archives', () => {
  it('refuses a zip bomb that inflates to 2 GiB', async () => {
    const report = await extractText(zipBombDocx(2 * GiB), 'bomb.docx');
    expect(report.status).toBe('failed');
    expect(report.reason).toMatch(/^too_large: refused as a zip bomb: word\/document.xml inflates \d+× to 2.0 GiB/);
  });

  it('stops a bomb whose headers lie about its size as soon as it inflates past the declared size', async () => {
    const report = await extractText(zipBombDocx(128 * MiB, 4096), 'liar.docx');
    expect(report.status).toBe('failed');
    expect(report.reason).toBe(
      'too_large: refused as a zip bomb: word/document.xml inflates past the 4096 bytes it declares',
    );
  });

  it('refuses a password-protected archive, naming the encrypted entry', async () => {
    const bytes = zipArchive([
      textEntry('[Content_Types].xml', '<Types/>'),
      { ...textEntry('word/document.xml', '<w:document/>'), encrypted: true },
    ]);
    const report = await extractText(bytes, 'locked.docx');
    expect([report.status, report.reason]).toEqual([
      'failed',
      'encrypted: the archive is password-protected (word/document.xml is encrypted)',
    ]);
  });

  it('a truncated .docx is corrupt', async () => {
    const bytes = await renderDocx(balancedReport(1));
    const report = await extractText(bytes.subarray(0, Math.floor(bytes.length / 2)), 'cut.docx');
    expect(report.status).toBe('failed');
    expect(report.reason).toMatch(/^corrupt: not a readable zip archive/);
  });

  it('a spreadsheet renamed .docx is read by its bytes as a workbook (here a broken one), not as a Word document', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/workbook.xml', '<workbook/>');
    const report = await extractText(await zip.generateAsync({ type: 'nodebuffer' }), 'table.docx');
    expect(report.status).toBe('failed');
    expect(report.reason).toMatch(/^corrupt: 工作簿无法读取/);
  });
});

describe('zip limits for Office files, each checked from the declared sizes before anything is inflated', () => {
  it('are 5000 entries, 256 MiB in all and 200× per entry', () => {
    expect(OFFICE_LIMITS).toEqual({ maxEntries: 5000, maxTotalBytes: 256 * MiB, maxRatio: 200 });
  });

  it('entries: 5000 are read, 5001 are refused', async () => {
    const { data, declaredSize } = textEntry('', '<a/>');
    const entries = (n: number) =>
      Array.from({ length: n }, (_, i): RawEntry => ({ name: `part${i}.xml`, data, declaredSize }));
    const { files } = await unzipBounded(zipArchive(entries(5000)), (name) => name === 'part4999.xml');
    expect([...files].map(([name, data]) => [name, data.toString()])).toEqual([['part4999.xml', '<a/>']]);
    expect(await refusal(zipArchive(entries(5001)))).toBe('too_large: the archive holds 5001 entries (limit 5000)');
  });

  it('total: 256 MiB declared in all is read, one byte more is refused, even in entries too small for the ratio check', async () => {
    // Only one entry is inflated: the declared total is what is checked.
    const { files } = await unzipBounded(zipArchive(megabytes(256)), (name) => name === 'part0.bin');
    expect([...files.keys()]).toEqual(['part0.bin']);
    expect(files.get('part0.bin')!.length).toBe(MiB);
    // The last entry inflates less than 200× (so that only the total is over).
    const over = zipArchive([
      ...megabytes(255),
      { name: 'last.bin', data: Buffer.alloc(6000, 1), declaredSize: MiB + 1 },
    ]);
    expect(await refusal(over, () => false)).toBe(
      'too_large: refused: the archive inflates to 256.0 MiB (limit 256.0 MiB)',
    );
    expect(await refusal(zipArchive(megabytes(300)), () => false)).toBe(
      'too_large: refused: the archive inflates to 300.0 MiB (limit 256.0 MiB)',
    );
  });

  it('ratio: an entry over 1 MiB may inflate 200× its compressed size, not more; up to 1 MiB any ratio is read', async () => {
    const compressed = Buffer.alloc(6000, 1);
    const declaring = (declaredSize: number): RawEntry => ({
      name: 'word/document.xml',
      data: compressed,
      declaredSize,
    });
    expect(await refusal(zipArchive([declaring(200 * 6000)]), () => false)).toBe('read');
    expect(await refusal(zipArchive([declaring(200 * 6000 + 1)]), () => false)).toBe(
      'too_large: refused as a zip bomb: word/document.xml inflates 200× to 1.1 MiB',
    );
    // 1 MiB of zeros deflates about 1000×: small entries are not checked.
    expect(await refusal(zipArchive([zerosEntry('small.bin', MiB)]))).toBe('read');
    expect(await refusal(zipArchive([zerosEntry('big.bin', MiB + 1)]))).toMatch(
      /^too_large: refused as a zip bomb: big\.bin inflates \d{3,4}× to 1\.0 MiB$/,
    );
  });

  it('a size is shown in GiB from 1 GiB up', async () => {
    const declaring = (declaredSize: number) =>
      zipArchive([{ name: 'a.bin', data: Buffer.alloc(1000, 1), declaredSize }]);
    expect(await refusal(declaring(GiB), () => false)).toBe(
      'too_large: refused as a zip bomb: a.bin inflates 1073742× to 1.0 GiB',
    );
    expect(await refusal(declaring(GiB - 1), () => false)).toBe(
      'too_large: refused as a zip bomb: a.bin inflates 1073742× to 1024.0 MiB',
    );
  });
});

describe('unzipping what an Office file holds', () => {
  it('reads an archive that inflates to exactly its limit', async () => {
    const bytes = zipArchive([textEntry('a.xml', 'x'.repeat(60)), textEntry('b.xml', 'y'.repeat(40))]);
    const { files } = await unzipBounded(bytes, () => true, { maxEntries: 2, maxTotalBytes: 100, maxRatio: 200 });
    expect([...files].map(([name, data]) => [name, data.length])).toEqual([
      ['a.xml', 60],
      ['b.xml', 40],
    ]);
    await expect(unzipBounded(bytes, () => true, { maxEntries: 2, maxTotalBytes: 99, maxRatio: 200 })).rejects.toThrow(
      'refused: the archive inflates to 0.0 MiB (limit 0.0 MiB)',
    );
    await expect(unzipBounded(bytes, () => true, { maxEntries: 1, maxTotalBytes: 100, maxRatio: 200 })).rejects.toThrow(
      'the archive holds 2 entries (limit 1)',
    );
  });

  it('inflates the wanted entries only, skipping folders', async () => {
    const bytes = zipArchive([
      textEntry('word/', ''),
      textEntry('word/document.xml', '<w:document>文</w:document>'),
      textEntry('word/media/image1.png', 'PNG'),
    ]);
    const { files } = await unzipBounded(bytes, (name) => !name.startsWith('word/media/'));
    expect([...files].map(([name, data]) => [name, data.toString('utf8')])).toEqual([
      ['word/document.xml', '<w:document>文</w:document>'],
    ]);
  });

  it('reads an archive made with Windows paths (word\\document.xml) as word/document.xml', async () => {
    const { files } = await unzipBounded(zipArchive([textEntry('word\\document.xml', '<w:document/>')]), () => true);
    expect([...files.keys()]).toEqual(['word/document.xml']);
  });

  it('an entry that is not valid deflate data is a damaged entry', async () => {
    const bytes = zipArchive([
      { name: 'word/document.xml', data: Buffer.from([0xff, 0xff, 0xff, 0xff]), declaredSize: 100 },
    ]);
    expect(await refusal(bytes)).toMatch(/^corrupt: damaged entry word\/document\.xml \(.+\)$/);
  });

  it('an entry whose local header is damaged cannot be read', async () => {
    const bytes = zipArchive([textEntry('word/document.xml', '<w:document/>')]);
    bytes.writeUInt32LE(0x12345678, 0);
    expect(await refusal(bytes)).toMatch(
      /^corrupt: cannot read word\/document\.xml: invalid local file header signature/,
    );
  });

  it('a damaged central directory is a damaged archive', async () => {
    const bytes = zipArchive([textEntry('a.xml', '<a/>'), textEntry('b.xml', '<b/>')]);
    // The second central directory record: after both local entries and the first record.
    const second = bytes.indexOf(Buffer.from('PK\u0001\u0002'), bytes.indexOf(Buffer.from('PK\u0001\u0002')) + 4);
    bytes.writeUInt32LE(0x12345678, second);
    expect(await refusal(bytes)).toMatch(
      /^corrupt: damaged zip archive \(invalid central directory file header signature/,
    );
  });
});
