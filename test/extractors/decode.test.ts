import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { declaredCharset, decodeText, isValidUtf8 } from '../../extractors/decode.js';
import { ReadError } from '../../extractors/errors.js';
import { balancedReport, expectedValues, renderTabText } from '../fixtures/report-builder.js';
import { extractText, valuesOf } from '../helpers.js';

/** A reader's own note, as decoding hands it on. */
const readNote = (message: string) => ({ level: 'warning', code: 'read', message });

/** Bytes → text for web pages and text copies: which evidence decides the encoding, and what is refused as not text. */

const TEXT = '汝州市人力资源和社会保障局2023年政府信息公开工作年度报告\n（一）予以公开\t12\t3\n';
const BOM = { 'utf-8': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff] } as const;
const withBom = (encoding: keyof typeof BOM, text = TEXT) =>
  Buffer.concat([Buffer.from(BOM[encoding]), iconv.encode(text, encoding)]);
const refusal = (bytes: Uint8Array) => {
  try {
    decodeText(bytes);
    return 'decoded';
  } catch (error) {
    return error instanceof ReadError ? `${error.code}: ${error.message}` : String(error);
  }
};

describe('decoding: a byte-order mark decides', () => {
  it.each(['utf-16le', 'utf-16be'] as const)('reads %s text with its byte-order mark', (encoding) => {
    expect(decodeText(withBom(encoding))).toEqual({ text: TEXT, encoding, evidence: 'bom', messages: [] });
  });

  it('reads UTF-8 with a byte-order mark as UTF-8 whatever the page declares, and drops the mark', () => {
    expect(decodeText(withBom('utf-8'), 'gbk')).toEqual({
      text: TEXT,
      encoding: 'utf-8',
      evidence: 'bom',
      messages: [],
    });
  });

  it.each(['utf-16le', 'utf-16be'] as const)(
    'a %s text copy of a report is read whole, every number in its row and column',
    async (encoding) => {
      const spec = balancedReport(61);
      const report = await extractText(withBom(encoding, renderTabText(spec)), 'copy.txt');
      expect([report.status, report.encoding]).toEqual(['ok', encoding]);
      expect(valuesOf(report)).toEqual(expectedValues(spec));
    },
  );
});

describe('decoding: only a whole byte-order mark is one', () => {
  it.each([
    ['41 BB BF', [0x41, 0xbb, 0xbf]],
    ['EF 41 BF', [0xef, 0x41, 0xbf]],
    ['EF BB 41', [0xef, 0xbb, 0x41]],
    ['41 41 BF', [0x41, 0x41, 0xbf]],
    ['41 FE', [0x41, 0xfe]],
    ['FF 41', [0xff, 0x41]],
    ['41 FF', [0x41, 0xff]],
  ])('bytes starting %s are no mark', (_, start) => {
    const decoded = decodeText(
      Buffer.concat([Buffer.from([...start, 0x20]), iconv.encode('汝州市人力资源和社会保障局', 'gbk')]),
    );
    expect(decoded.evidence).toBe('sniffed');
    expect(decoded.text.endsWith('汝州市人力资源和社会保障局')).toBe(true);
  });

  it('reads UTF-16 with its mark whatever its zero bytes look like', () => {
    // 一 (U+4E00) and 1 have their zero bytes on opposite sides: no pattern, but the mark says UTF-16.
    expect(decodeText(withBom('utf-16le', '一1一1一1'))).toEqual({
      text: '一1一1一1',
      encoding: 'utf-16le',
      evidence: 'bom',
      messages: [],
    });
  });
});

describe('decoding: UTF-16 without a byte-order mark', () => {
  it.each([
    ['utf-16le', 'UTF-16LE'],
    ['utf-16be', 'UTF-16BE'],
  ] as const)('recognises %s from where the zero bytes of its ASCII characters fall, and says so', (encoding, name) => {
    expect(decodeText(iconv.encode(TEXT, encoding))).toEqual({
      text: TEXT,
      encoding,
      evidence: 'sniffed',
      messages: [
        readNote(`no byte-order mark: read as ${name}, which the zero bytes of its digits and line breaks show`),
      ],
    });
  });

  it('reads a report copied as UTF-16 without a byte-order mark', async () => {
    const spec = balancedReport(62);
    const report = await extractText(iconv.encode(renderTabText(spec), 'utf-16le'), 'copy.txt');
    expect([report.status, report.encoding]).toEqual(['ok', 'utf-16le']);
    expect(valuesOf(report)).toEqual(expectedValues(spec));
  });

  it('needs zero bytes in one code unit in twenty, at least twice as many on one side as on the other', () => {
    const utf16 = (text: string, encoding: 'utf-16le' | 'utf-16be' = 'utf-16le') =>
      refusal(iconv.encode(text, encoding));
    // 一 (U+4E00) has its zero byte on the other side from ASCII's.
    expect(utf16('aa一'.repeat(10))).toBe('decoded');
    expect(utf16(`${'aa一'.repeat(10)}一`)).toBe('binary: the file holds binary data (NUL bytes), not text');
    expect(utf16('aa一'.repeat(10), 'utf-16be')).toBe('decoded');
    expect(utf16(`${'aa一'.repeat(10)}一`, 'utf-16be')).toBe(
      'binary: the file holds binary data (NUL bytes), not text',
    );
    expect(utf16(`1${'汝州市'.repeat(6)}政`)).toBe('decoded');
    expect(utf16(`1${'汝州市'.repeat(6)}政府`)).toBe('binary: the file holds binary data (NUL bytes), not text');
    expect(utf16(`1${'汝州市'.repeat(6)}政`, 'utf-16be')).toBe('decoded');
    expect(utf16(`1${'汝州市'.repeat(6)}政府`, 'utf-16be')).toBe(
      'binary: the file holds binary data (NUL bytes), not text',
    );
  });

  it('a UTF-8 byte-order mark does not make binary data text', () => {
    expect(
      refusal(
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0x50, 0x4b, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00])]),
      ),
    ).toBe('binary: the file holds binary data (NUL bytes), not text');
  });

  it('does not take bytes with a lone surrogate or many control characters for UTF-16', () => {
    expect(
      refusal(
        Buffer.concat([
          iconv.encode('规章 12\n', 'utf-16le'),
          Buffer.from([0x00, 0xd8]),
          iconv.encode('规章 12\n', 'utf-16le'),
        ]),
      ),
    ).toBe('binary: the file holds binary data (NUL bytes), not text');
    // 114 characters of text, then 6 control characters (5%) or 7.
    expect(refusal(iconv.encode(`${'规章 12\n'.repeat(19)}${'\u0001'.repeat(6)}`, 'utf-16le'))).toBe('decoded');
    expect(refusal(iconv.encode(`${'规章 12\n'.repeat(19)}${'\u0001'.repeat(7)}`, 'utf-16le'))).toBe(
      'binary: the file holds binary data (NUL bytes), not text',
    );
  });

  it('judges control characters on the first 4096 characters, as it judges zero bytes on the first 8 KiB', () => {
    const bytes = iconv.encode(`${'a'.repeat(4096)}${'\u0001'.repeat(1000)}`, 'utf-16le');
    expect(decodeText(bytes)).toMatchObject({ encoding: 'utf-16le', evidence: 'sniffed' });
  });

  it('does not take binary data with zero bytes on both sides for UTF-16', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i % 3 === 0 ? 0 : 0x41 + (i % 26))));
    expect(refusal(bytes)).toBe('binary: the file holds binary data (NUL bytes), not text');
  });

  it('does not take text broken in the middle of a UTF-16 character (an odd length) for UTF-16', () => {
    expect(refusal(iconv.encode(TEXT, 'utf-16le').subarray(1))).toBe(
      'binary: the file holds binary data (NUL bytes), not text',
    );
  });
});

describe('decoding: what the page declares, and what the bytes are', () => {
  it('follows a declared charset, reading GB2312 and GBK as their superset GB18030', () => {
    for (const declared of ['gb2312', 'GBK', 'x-gbk', 'cp936', 'GB18030']) {
      expect(decodeText(iconv.encode('䶮城县镕业局', 'gb18030'), declared)).toEqual({
        text: '䶮城县镕业局',
        encoding: 'gb18030',
        evidence: 'declared',
        messages: [],
      });
    }
  });

  it('follows a declared charset it knows by another spelling (utf_8, UTF8, Big5)', () => {
    expect(decodeText(Buffer.from('规章 12', 'utf8'), 'UTF_8')).toEqual({
      text: '规章 12',
      encoding: 'utf-8',
      evidence: 'declared',
      messages: [],
    });
    expect(decodeText(Buffer.from('规章 12', 'utf8'), 'UTF8')).toEqual({
      text: '规章 12',
      encoding: 'utf-8',
      evidence: 'declared',
      messages: [],
    });
    expect(
      decodeText(iconv.encode('汝州市人力资源和社会保障局', 'gbk'), 'UTF8').messages.map((m) => m.message),
    ).toEqual(['page declares charset UTF8 but its bytes are not UTF-8; decoded by sniffing instead']);
    expect(decodeText(iconv.encode('臺北市政府', 'big5'), 'Big5')).toEqual({
      text: '臺北市政府',
      encoding: 'big5',
      evidence: 'declared',
      messages: [],
    });
  });

  it('reads a declared charset written with an underscore (X_GBK) as its usual name', () => {
    expect(decodeText(iconv.encode('汝州市', 'gbk'), 'X_GBK')).toEqual({
      text: '汝州市',
      encoding: 'gb18030',
      evidence: 'declared',
      messages: [],
    });
  });

  it('believes valid UTF-8 over a declared Chinese charset, with a warning', () => {
    expect(decodeText(Buffer.from('规章 12', 'utf8'), 'gb2312')).toEqual({
      text: '规章 12',
      encoding: 'utf-8',
      evidence: 'utf8-valid',
      messages: [readNote('page declares charset gb2312 but its bytes are valid UTF-8; decoded as UTF-8')],
    });
  });

  it('keeps a declared charset for plain ASCII, which is valid UTF-8 too', () => {
    expect(decodeText(Buffer.from('<p>12</p>'), 'gbk')).toEqual({
      text: '<p>12</p>',
      encoding: 'gb18030',
      evidence: 'declared',
      messages: [],
    });
  });

  it('sniffs when a page declares UTF-8 but is not, and says so', () => {
    const decoded = decodeText(iconv.encode('汝州市人力资源和社会保障局政府信息公开工作年度报告', 'gbk'), 'utf-8');
    expect(decoded).toEqual({
      text: '汝州市人力资源和社会保障局政府信息公开工作年度报告',
      encoding: 'gb18030',
      evidence: 'sniffed',
      messages: [readNote('page declares charset utf-8 but its bytes are not UTF-8; decoded by sniffing instead')],
    });
  });

  it('warns about a charset it does not know and goes by the bytes', () => {
    expect(decodeText(Buffer.from('<p>12</p>'), 'klingon-8')).toEqual({
      text: '<p>12</p>',
      encoding: 'utf-8',
      evidence: 'utf8-valid',
      messages: [readNote('page declares an unknown charset klingon-8')],
    });
    expect(decodeText(iconv.encode('汝州市人力资源和社会保障局', 'gbk'), 'klingon-8')).toEqual({
      text: '汝州市人力资源和社会保障局',
      encoding: 'gb18030',
      evidence: 'sniffed',
      messages: [readNote('page declares an unknown charset klingon-8')],
    });
  });

  it('reads undeclared valid UTF-8 as UTF-8, and undeclared GBK as GB18030', () => {
    expect(decodeText(Buffer.from('规章 12', 'utf8'))).toEqual({
      text: '规章 12',
      encoding: 'utf-8',
      evidence: 'utf8-valid',
      messages: [],
    });
    expect(decodeText(iconv.encode('汝州市人力资源和社会保障局', 'gbk'))).toMatchObject({
      text: '汝州市人力资源和社会保障局',
      encoding: 'gb18030',
      evidence: 'sniffed',
    });
  });

  it('sniffs GB18030 when Big5 is not clearly more likely, and when nothing suggests a Chinese encoding', () => {
    // Six characters fit Big5 and GB18030 alike: the domain decides.
    expect(decodeText(iconv.encode('政府資訊公開', 'big5')).encoding).toBe('gb18030');
    expect(decodeText(Buffer.from('Café résumé naïve façade à la carte, déjà vu. '.repeat(5), 'latin1')).encoding).toBe(
      'gb18030',
    );
  });

  it('recognises Big5 when the bytes are clearly Big5, not GB18030', () => {
    const text = '臺灣省政府資訊公開年度報告，本年度受理申請案件共計十二件，均已依法處理完畢。'.repeat(20);
    expect(decodeText(iconv.encode(text, 'big5'))).toMatchObject({
      text,
      encoding: 'big5',
      evidence: 'sniffed',
      messages: [],
    });
  });

  it('counts the characters that could not be decoded, above one in a thousand', () => {
    // 998 characters, then a byte that starts no GB18030 character (one U+FFFD) and a space: 1 in 1000.
    const bytes = Buffer.concat([iconv.encode('规章'.repeat(499), 'gb18030'), Buffer.from([0x81, 0x20])]);
    expect(decodeText(bytes, 'gbk')).toMatchObject({ encoding: 'gb18030', evidence: 'declared', messages: [] });
    const worse = Buffer.concat([iconv.encode('规章'.repeat(498), 'gb18030'), Buffer.from([0x81, 0x20])]);
    expect(decodeText(worse, 'gbk').messages.map((m) => m.message)).toEqual([
      '1 characters could not be decoded as gb18030',
    ]);
  });
});

describe('decoding: what is not text', () => {
  it('refuses an empty file', () => {
    expect(refusal(new Uint8Array(0))).toBe('empty: the file is empty (0 bytes)');
  });

  it('refuses NUL bytes, and more than 5% control characters, but not tabs, line breaks, form feeds or escapes', () => {
    expect(refusal(Buffer.from('规章\u0000', 'utf8'))).toBe('binary: the file holds binary data (NUL bytes), not text');
    const text = (controls: string) => Buffer.from(`${'a'.repeat(95 - controls.length)}${controls}`, 'latin1');
    expect(refusal(Buffer.from('a\tb\nc\rd\u000be\u000cf\u001bg'.repeat(10), 'latin1'))).toBe('decoded');
    expect(refusal(text('\u0001'.repeat(4)))).toBe('decoded');
    expect(refusal(Buffer.concat([text(''), Buffer.from('\u0001\u0008\u000e\u001f\u0001', 'latin1')]))).toBe('decoded');
    expect(refusal(Buffer.concat([text(''), Buffer.from('\u0001\u0008\u000e\u001f\u0001\u0002', 'latin1')]))).toBe(
      'binary: the file holds binary data, not text',
    );
  });

  it('looks for binary data in the first 8 KiB only', () => {
    expect(refusal(Buffer.concat([Buffer.alloc(8192, 0x41), Buffer.from([0, 1, 2, 3])]))).toBe('decoded');
  });
});

describe('the charset a page declares', () => {
  it.each([
    ['<meta charset="gb2312">', 'gb2312'],
    ["<META CHARSET='GBK'>", 'GBK'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', 'utf-8'],
    ['<meta content="text/html; charset = x-gbk" http-equiv="Content-Type">', 'x-gbk'],
    ['<?xml version="1.0" encoding="GB18030"?>', 'GB18030'],
    ["<?xml version='1.0' encoding = 'gbk'?>", 'gbk'],
    ['<meta charset=" gbk ">', 'gbk'],
    ['<meta http-equiv="Content-Type" content="text/html;charset=windows-936">', 'windows-936'],
    ['<p>charset=gbk</p>', undefined],
  ])('%s declares %s', (head, charset) => {
    expect(declaredCharset(Buffer.from(`<html><head>${head}</head><body></body></html>`))).toBe(charset);
  });

  it('is read from the first 4 KiB only', () => {
    expect(declaredCharset(Buffer.from(`${' '.repeat(4096)}<meta charset="gbk">`))).toBeUndefined();
    expect(declaredCharset(Buffer.from(`${' '.repeat(4070)}<meta charset="gbk">`))).toBe('gbk');
  });
});

describe('valid UTF-8', () => {
  it('is told from GBK bytes and from a truncated character', () => {
    expect(isValidUtf8(Buffer.from('规章', 'utf8'))).toBe(true);
    expect(isValidUtf8(iconv.encode('规章', 'gbk'))).toBe(false);
    expect(isValidUtf8(Buffer.from('规章', 'utf8').subarray(0, 5))).toBe(false);
  });
});
