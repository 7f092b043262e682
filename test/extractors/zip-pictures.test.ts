import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../fixtures/docx-builder.js';
import { balancedReport, expectedValues } from '../fixtures/report-builder.js';
import { extractText, fixturePath, wrongValues } from '../helpers.js';

/** A white BMP logo as Word stores it: 24-bit, uncompressed, ~2.9 MB, deflating about 1000×. */
function whiteBmp(width = 1400, height = 700): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const header = Buffer.alloc(54);
  header.write('BM', 0, 'latin1');
  header.writeUInt32LE(54 + row * height, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(width, 18);
  header.writeInt32LE(height, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  return Buffer.concat([header, Buffer.alloc(row * height, 0xff)]);
}

async function withEntries(docx: Buffer, entries: Record<string, Buffer>, replaceMedia = false): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  if (replaceMedia)
    for (const name of Object.keys(zip.files)) if (name.startsWith('word/media/')) zip.file(name, entries['*']!);
  for (const [name, data] of Object.entries(entries)) if (name !== '*') zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('an oversized picture in a Word file costs only the picture', () => {
  it('reads every table of a report holding a 2.9 MB white BMP logo, with a warning naming the picture', async () => {
    const spec = balancedReport(31);
    const docx = await withEntries(await renderDocx(spec), { 'word/media/logo.bmp': whiteBmp() });
    const report = await extractText(docx, 'logo.docx');
    expect(report.status).toBe('ok');
    expect(wrongValues(report, expectedValues(spec))).toEqual([]);
    expect(report.cells.length).toBeGreaterThan(100);
    expect(report.messages.map((m) => m.message)).toContainEqual(
      expect.stringMatching(/^图片 word\/media\/logo\.bmp 解压后 2\.8 MiB（压缩比 \d+×），超出限制，已跳过/),
    );
  });

  it('still reads a Word file whose referenced pictures are all skipped', async () => {
    const docx = await withEntries(readFileSync(fixturePath('report-33-pictures.docx')), { '*': whiteBmp() }, true);
    const report = await extractText(docx, 'pictures.docx');
    expect(report.status).not.toBe('failed');
    expect(report.messages.some((m) => m.message.includes('超出限制，已跳过'))).toBe(true);
  });

  it('still refuses an archive whose document part inflates like a bomb', async () => {
    const docx = await withEntries(await renderDocx(balancedReport(32)), {
      'word/document.xml': Buffer.alloc(3 * 1024 * 1024, 0x20),
    });
    const report = await extractText(docx, 'bomb.docx');
    expect(report.reason).toMatch(/^too_large: refused as a zip bomb: word\/document\.xml/);
  });
});
