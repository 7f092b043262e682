import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReadError } from '../../extractors/errors.js';
import { readDocument } from '../../extractors/index.js';
import { readMht } from '../../extractors/mht/index.js';
import { balancedReport, expectedValues, renderHtml } from '../fixtures/report-builder.js';
import { mhtPage } from '../fixtures/mht-writer.js';
import { extractText, fixturePath, valuesOf, wrongValues } from '../helpers.js';

const table = readFileSync(fixturePath('ocr/table.png'));

describe('single-file web pages (.mht/.mhtml): whole reports', () => {
  // Seeds 1–2 were looked at while writing the reader; 51–52 never were.
  it.each([
    [1, { charset: 'utf-8' as const }],
    [2, { charset: 'gbk' as const, lineBreak: '\n' as const }],
    [51, { charset: 'gbk' as const, encoding: 'base64' as const }],
    [52, { charset: 'utf-8' as const, encoding: 'base64' as const, lineBreak: '\n' as const }],
  ])('reads every number of report %i as printed (%o)', async (seed, options) => {
    const spec = balancedReport(seed);
    const report = await extractText(
      mhtPage(renderHtml(spec, { wordMarkup: seed % 2 === 0 }), options),
      `report-${seed}.mht`,
    );
    expect(report.status).toBe('ok');
    expect(report.reader).toBe('mht');
    expect(wrongValues(report, expectedValues(spec))).toEqual([]);
    expect(valuesOf(report).size).toBe(expectedValues(spec).size);
  });

  it('is told by its MIME headers whatever its name', async () => {
    const page = mhtPage('<html><body><p>年报</p></body></html>', { charset: 'gbk' });
    const read = await readDocument(page, { name: 'report.html' });
    expect(read.reader).toBe('mht');
    expect(read.value.blocks).toEqual([{ kind: 'text', text: '年报' }]);
  });
});

describe('single-file web pages: pictures from the other parts', () => {
  it('finds a picture by its Content-Location, resolved against the page’s, and reads it by OCR', async () => {
    const html = '<html><body><p>表格如下</p><img src="report_files/t.png"></body></html>';
    const page = mhtPage(html, {
      pageLocation: 'http://www.example.gov.cn/2023/report.html',
      pictures: [{ bytes: table, location: 'http://www.example.gov.cn/2023/report_files/t.png' }],
    });
    const read = await readMht(page);
    expect(read.usedOcr).toBe(true);
    expect(read.value.blocks.some((b) => b.kind === 'table')).toBe(true);
  }, 60_000);

  it('finds a picture by cid:, and names a picture that is in no part', async () => {
    const html = '<html><body><img src="cid:image001.png@01D9"><img src="lost.png"></body></html>';
    const read = await readMht(mhtPage(html, { pictures: [{ bytes: table, contentId: 'image001.png@01D9' }] }));
    expect(read.usedOcr).toBe(true);
    expect(JSON.stringify(read.messages)).toContain('lost.png');
  }, 60_000);

  it('says so when the page was garbled before it was saved', async () => {
    const read = await readMht(mhtPage(`<html><body><p>${'\ufffd'.repeat(40)}</p></body></html>`));
    expect(read.messages.map((m) => m.message).join(' ')).toContain('错误的字符集');
  });
});

describe('single-file web pages: bad input', () => {
  it('refuses a MIME bomb of 10⁵ parts quickly, with a reason', async () => {
    const parts = Array.from({ length: 100_000 }, () => '--b\r\nContent-Type: text/plain\r\n\r\nx\r\n').join('');
    const bomb = Buffer.from(
      `MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n${parts}--b--\r\n`,
    );
    const started = Date.now();
    const error = await readDocument(bomb, { name: 'bomb.mht' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReadError);
    expect(error).toMatchObject({ code: 'too_large', message: expect.stringContaining('MIME 分段') });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses multiparts nested deeper than a page needs', async () => {
    let body = 'Content-Type: text/html\r\n\r\n<p>x</p>';
    for (let depth = 0; depth < 50; depth++)
      body = `Content-Type: multipart/related; boundary="b${depth}"\r\n\r\n--b${depth}\r\n${body}\r\n--b${depth}--`;
    const error = await readMht(Buffer.from(`MIME-Version: 1.0\r\n${body}`)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'too_large', message: expect.stringContaining('嵌套') });
  });

  it('a message with no page in it is unsupported, and cut or damaged pages never crash', async () => {
    const noPage = Buffer.from(
      'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n' +
        '--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--',
    );
    await expect(readMht(noPage)).rejects.toMatchObject({ code: 'unsupported' });
    const whole = mhtPage(renderHtml(balancedReport(7)), { charset: 'gbk' });
    for (let cut = 10; cut < whole.length; cut += Math.floor(whole.length / 29)) {
      const read = await readDocument(whole.subarray(0, cut), { name: 'cut.mht' }).catch((e: unknown) => e as Error);
      if (read instanceof Error) expect(read).toBeInstanceOf(ReadError);
      else expect(Array.isArray(read.value.blocks)).toBe(true);
    }
  });
});
