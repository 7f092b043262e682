import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { htmlToDocument, readHtml } from '../../extractors/html.js';
import type { TableBlock } from '../../src/core/model/document.js';

const tables = (html: string) => htmlToDocument(html).blocks.filter((b): b is TableBlock => b.kind === 'table');
const texts = (html: string) => htmlToDocument(html).blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
/** The grid as cell texts, each slot showing its origin cell. */
const slots = (table: TableBlock) => table.grid.map((row) => row.map((i) => (i < 0 ? null : table.cells[i]!.text)));

describe('HTML reader: tables', () => {
  it('expands rowspan and colspan into slots that point at their origin cell', () => {
    const [table] = tables(
      '<table><tr><td rowspan="2" colspan="2">A</td><td>B</td></tr><tr><td>C</td></tr><tr><td>D</td><td>E</td><td>F</td></tr></table>',
    );
    expect(slots(table!)).toEqual([
      ['A', 'A', 'B'],
      ['A', 'A', 'C'],
      ['D', 'E', 'F'],
    ]);
    expect(table!.cells[0]).toMatchObject({ row: 0, col: 0, rowSpan: 2, colSpan: 2 });
  });

  it('clamps a rowspan past the last row and reads rowspan="0" as "to the end"', () => {
    const [table] = tables('<table><tr><td rowspan="9">A</td><td>B</td></tr><tr><td>C</td></tr></table>');
    expect(slots(table!)).toEqual([
      ['A', 'B'],
      ['A', 'C'],
    ]);
    const [zero] = tables('<table><tbody><tr><td rowspan="0">A</td><td>B</td></tr><tr><td>C</td></tr></tbody></table>');
    expect(zero!.cells[0]!.rowSpan).toBe(2);
  });

  it('joins text split over spans and <o:p>, turns <br> and paragraphs into lines, &nbsp; into nothing', () => {
    const [table] = tables(
      '<table><tr><td><p class="MsoNormal"><span>一</span><span lang="EN-US">、本年新收</span><o:p></o:p></p></td><td><p>&nbsp;</p></td></tr>' +
        '<tr><td>（二）部分公开<br>（区分处理的）</td><td><font>１２</font></td></tr></table>',
    );
    expect(table!.cells.map((c) => c.text)).toEqual(['一、本年新收', '', '（二）部分公开\n（区分处理的）', '１２']);
  });

  it('walks through a page-layout table and keeps the data table nested in it', () => {
    const html =
      '<table><tr><td><p>二、主动公开政府信息情况</p><table><tr><td>规章</td><td>3</td></tr></table></td></tr></table>';
    expect(texts(html)).toEqual(['二、主动公开政府信息情况']);
    expect(tables(html).map((t) => t.cells.map((c) => c.text))).toEqual([['规章', '3']]);
  });

  it('reads rows from thead, tbody and tfoot in order', () => {
    const [table] = tables(
      '<table><thead><tr><th>H</th><th>I</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>',
    );
    expect(slots(table!)).toEqual([
      ['H', 'I'],
      ['1', '2'],
    ]);
  });
});

describe('HTML reader: text blocks', () => {
  it('marks bold-only paragraphs as emphasis and skips scripts and styles', () => {
    const doc = htmlToDocument(
      '<style>p{}</style><p><strong>一、总体情况</strong></p><p>正文<b>加粗</b></p><script>var a=1</script>',
    );
    expect(doc.blocks).toEqual([
      { kind: 'text', text: '一、总体情况', emphasis: true },
      { kind: 'text', text: '正文加粗' },
    ]);
  });

  it('takes the title from ArticleTitle or <title>', () => {
    expect(
      htmlToDocument(
        '<head><meta name="ArticleTitle" content="甲局2021年政府信息公开工作年度报告"><title>x</title></head>',
      ).title,
    ).toBe('甲局2021年政府信息公开工作年度报告');
  });
});

describe('HTML reader: character sets', () => {
  const page = '<html><head>META</head><body><p>汝州市人力资源和社会保障局</p></body></html>';
  it('follows a declared charset', async () => {
    const output = await readHtml(iconv.encode(page.replace('META', '<meta charset="gbk">'), 'gbk'));
    expect(output.encoding).toBe('gb18030');
    expect(output.value.blocks[0]).toMatchObject({ text: '汝州市人力资源和社会保障局' });
  });
  it('sniffs GBK when no charset is declared', async () => {
    const output = await readHtml(iconv.encode(page.replace('META', ''), 'gbk'));
    expect(output.value.blocks[0]).toMatchObject({ text: '汝州市人力资源和社会保障局' });
  });
  it('believes the bytes over a wrong declaration', async () => {
    const output = await readHtml(Buffer.from(page.replace('META', '<meta charset="gb2312">'), 'utf8'));
    expect(output.encoding).toBe('utf-8');
    expect(output.messages[0]?.message).toMatch(/valid UTF-8/);
  });
  it('honours a UTF-8 byte-order mark over the charset the page declares', async () => {
    const output = await readHtml(
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(page.replace('META', '<meta charset="gbk">'), 'utf8'),
      ]),
    );
    expect(output.encoding).toBe('utf-8');
    // The mark is the strongest evidence: the wrong declaration is not even worth a warning.
    expect(output.messages).toEqual([]);
    expect(output.value.blocks).toEqual([{ kind: 'text', text: '汝州市人力资源和社会保障局' }]);
  });

  it('reads a UTF-16 page with its byte-order mark', async () => {
    const output = await readHtml(
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        iconv.encode(page.replace('META', '<meta charset="utf-16">'), 'utf-16le'),
      ]),
    );
    expect([output.encoding, output.messages]).toEqual(['utf-16le', []]);
    expect(output.value.blocks).toEqual([{ kind: 'text', text: '汝州市人力资源和社会保障局' }]);
  });
});
