import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, declaredCharset } from '../../extractors/decode.js';
import { balancedReport, expectedValues, renderHtml, renderTabText } from '../fixtures/report-builder.js';
import { extractText, wrongValues } from '../helpers.js';

/**
 * UTF-8 with a few damaged bytes is read as UTF-8. The line was measured on reports 100–139 (decode.ts); these use
 * reports 700–719, kept aside, never tuned on.
 */

let state = 20_261_208;
const random = () => (state = (state * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;

function damage(bytes: Buffer, count: number): Buffer {
  const copy = Buffer.from(bytes);
  for (let n = 0; n < count; n++) copy[Math.floor(random() * copy.length)] = 0x80 + Math.floor(random() * 0x80);
  return copy;
}

describe('a page declared UTF-8 with a few invalid bytes', () => {
  it('is decoded as UTF-8, with a warning naming how many and on which lines', () => {
    const bytes = Buffer.from(`<meta charset="utf-8">\n<p>规章</p>\n<p>${'政府信息公开'.repeat(5)}</p>`, 'utf8');
    const cut = Buffer.concat([bytes.subarray(0, 30), bytes.subarray(31)]);
    const decoded = decodeText(cut, declaredCharset(cut));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('政府信息公开政府信息公开');
    expect(decoded.messages.map((m) => m.message)).toEqual([
      '按 UTF-8 读取，1 处字节无效，已替换为 �（第 2 行）（read as UTF-8 with 1 invalid byte sequences replaced by � (line 2)）',
    ]);
  });

  it('keeps the replacement characters a file really holds out of the count', () => {
    const bytes = Buffer.concat([Buffer.from('规章�'.repeat(20), 'utf8'), Buffer.from([0xff])]);
    expect(decodeText(bytes, 'utf-8').messages[0]?.message).toMatch(/^按 UTF-8 读取，1 处/);
  });

  it('gives way to sniffing when the declared UTF-8 fails badly: GBK and Big5 pages that say utf-8', () => {
    const page = renderTabText(balancedReport(700));
    expect(decodeText(iconv.encode(page, 'gb18030'), 'utf-8').encoding).toBe('gb18030');
    expect(decodeText(iconv.encode(page, 'big5'), 'utf-8').encoding).toBe('big5');
    expect(decodeText(iconv.encode(page, 'gb18030')).encoding).toBe('gb18030');
  });

  it('reads held-out fuzzed reports: no value read wrong; most pages and every text copy still read', async () => {
    const read = { html: 0, text: 0 };
    for (let seed = 700; seed < 720; seed++) {
      const spec = balancedReport(seed);
      const html = seed % 2 === 0;
      const bytes = damage(Buffer.from(html ? renderHtml(spec) : renderTabText(spec), 'utf8'), 1 + (seed % 4));
      const report = await extractText(bytes, html ? 'r.html' : 'r.txt');
      expect(wrongValues(report, expectedValues(spec)), `report ${seed}`).toEqual([]);
      if (report.cells.some((cell) => cell.value !== null)) read[html ? 'html' : 'text']++;
    }
    // Measured: 10 of 10 text copies; 1 of 10 pages — random bytes land mostly in the dense table markup of these
    // pages, and a page damaged in its markup is not read (as before): its cells could be shifted.
    expect(read).toEqual({ html: 1, text: 10 });
  }, 60_000);

  it('reads every page whose damage is a cut or broken Chinese character, exactly', async () => {
    let read = 0;
    for (let seed = 720; seed < 730; seed++) {
      const spec = balancedReport(seed);
      const bytes = Buffer.from(renderHtml(spec), 'utf8');
      // A continuation byte of a Chinese character replaced by ASCII: the character is cut short.
      const leads = [...bytes.keys()].filter((i) => bytes[i]! >= 0xe0 && bytes[i]! < 0xf0);
      for (let n = 0; n < 1 + (seed % 3); n++) bytes[leads[Math.floor(random() * leads.length)]! + 1] = 0x20;
      const report = await extractText(bytes, 'r.html');
      expect(wrongValues(report, expectedValues(spec)), `report ${seed}`).toEqual([]);
      if (report.cells.some((cell) => cell.value !== null)) read++;
      expect(report.messages.map((m) => m.message).join('\n')).toMatch(/按 UTF-8 读取，\d+ 处字节无效/);
    }
    expect(read).toBe(10);
  }, 60_000);
});
