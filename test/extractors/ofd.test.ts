import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ReadError } from '../../extractors/errors.js';
import { readDocument } from '../../extractors/index.js';
import { readOfd } from '../../extractors/ofd/index.js';
import { balancedReport, expectedValues } from '../fixtures/report-builder.js';
import { documentOfd, reportOfd } from '../fixtures/ofd-writer.js';
import { extractText, fixturePath, valuesOf, wrongValues } from '../helpers.js';

describe('OFD reader: whole reports', () => {
  // Seeds 1–2 were looked at while writing the reader; 61–62 never were.
  it.each([
    [1, {}],
    [2, { glyphObjects: true }],
    [61, { titleInTemplate: true }],
    [62, { glyphObjects: true, pageHeight: 200 }],
  ])('reads every number of report %i as printed (%o)', async (seed, options) => {
    const spec = balancedReport(seed, seed % 2 ? {} : { activeVersion: '2019' });
    const report = await extractText(await reportOfd(spec, options), `report-${seed}.ofd`);
    expect(report.reader).toBe('ofd');
    expect(report.status).toBe('ok');
    expect(wrongValues(report, expectedValues(spec))).toEqual([]);
    expect(valuesOf(report).size).toBe(expectedValues(spec).size);
  });

  it('reads a table continued over pages as one table', async () => {
    const spec = balancedReport(3);
    const bytes = await reportOfd(spec, { pageHeight: 120 });
    const read = await readDocument(bytes, { name: 'short-pages.ofd' });
    expect(read.value.pageCount).toBeGreaterThanOrEqual(4);
    expect(read.value.blocks.filter((b) => b.kind === 'table' && (b.pages?.length ?? 0) > 1)).not.toHaveLength(0);
    const report = await extractText(bytes, 'short-pages.ofd');
    expect(wrongValues(report, expectedValues(spec))).toEqual([]);
    expect(valuesOf(report).size).toBe(expectedValues(spec).size);
  });

  it('reads the text a template draws, and names the seals it does not read', async () => {
    const blocks = [
      { kind: 'text' as const, text: '某某局2023年政府信息公开工作年度报告' },
      { kind: 'text' as const, text: '正文' },
    ];
    const read = await readOfd(await documentOfd(blocks, { titleInTemplate: true, signed: true }));
    expect(read.value.blocks.map((b) => (b.kind === 'text' ? b.text : '')).join('')).toBe(
      '某某局2023年政府信息公开工作年度报告正文',
    );
    expect(JSON.stringify(read.messages)).toContain('签章');
  });
});

describe('OFD reader: what cannot be trusted or read', () => {
  it('leaves text of fonts without Unicode unread, with a warning; a file of only such text needs OCR', async () => {
    const read = await readOfd(await documentOfd([{ kind: 'text', text: '正文' }], { glyphIdText: true }));
    expect(JSON.stringify(read.messages)).toContain('Unicode');
    await expect(readOfd(await documentOfd([], { glyphIdText: true }))).rejects.toMatchObject({ code: 'needs_ocr' });
  });

  it('reads a page that only paints a picture by OCR', async () => {
    const read = await readOfd(await documentOfd([], { scan: readFileSync(fixturePath('ocr/table.png')) }));
    expect(read.usedOcr).toBe(true);
  }, 60_000);

  it('refuses a page of 10⁶ objects quickly, with a reason', async () => {
    const objects = Array.from(
      { length: 1_000_000 },
      (_, i) => `<ofd:PathObject ID="${(i * 7919) % 1_000_003}"/>`,
    ).join('');
    const zip = new JSZip();
    zip.file(
      'OFD.xml',
      '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016">' +
        '<ofd:DocBody><ofd:DocRoot>D/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
    );
    zip.file(
      'D/Document.xml',
      '<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016">' +
        '<ofd:Pages><ofd:Page ID="1" BaseLoc="P.xml"/></ofd:Pages></ofd:Document>',
    );
    zip.file(
      'D/P.xml',
      `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>${objects}</ofd:Layer>` +
        '</ofd:Content></ofd:Page>',
    );
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const started = Date.now();
    const error = await readDocument(bomb, { name: 'bomb.ofd' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'too_large', message: expect.stringContaining('图元') });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a zip without a document, broken XML, and damaged files are refused with a reason, never a crash', async () => {
    const zip = new JSZip();
    zip.file('OFD.xml', '<ofd:OFD><ofd:DocBody><ofd:DocRoot>missing.xml</ofd:DocRoot>');
    await expect(readOfd(await zip.generateAsync({ type: 'nodebuffer' }))).rejects.toBeInstanceOf(ReadError);
    const whole = await reportOfd(balancedReport(4));
    let seed = 5;
    for (let k = 0; k < 12; k++) {
      const noisy = Buffer.from(whole);
      for (let j = 0; j < 20; j++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        noisy[seed % noisy.length] = seed & 0xff;
      }
      const read = await readDocument(noisy, { name: 'noisy.ofd' }).catch((e: unknown) => e as Error);
      if (read instanceof Error) expect(read).toBeInstanceOf(ReadError);
    }
  });
});

describe('OFD reader: a damaged page', () => {
  it('is left out and named; the other pages are read, and no table is joined across it', async () => {
    const spec = balancedReport(6);
    const zip = await JSZip.loadAsync(await reportOfd(spec, { pageHeight: 120 }));
    zip.file(
      'Doc_0/Pages/Page_2/Content.xml',
      '<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer',
    );
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    const read = await readOfd(bytes);
    expect(JSON.stringify(read.messages)).toContain('Page_2/Content.xml');
    const report = await extractText(bytes, 'damaged.ofd');
    expect(wrongValues(report, expectedValues(spec))).toEqual([]);
  });
});
