import { describe, expect, it } from 'vitest';
import { readDocx } from '../../extractors/docx.js';
import { repairDocumentXml } from '../../extractors/docx-xml.js';
import { findSections } from '../../src/locate/sections.js';
import type { TableBlock } from '../../src/core/model/document.js';
import { docxPackage, paragraph, run, table } from '../fixtures/docx-builder.js';

/** Tables of a .docx body, each as its grid of cell texts (null where no cell covers a slot). */
async function grids(body: string): Promise<(string | null)[][][]> {
  const { value: document } = await readDocx(await docxPackage({ body }));
  return document.blocks
    .filter((b): b is TableBlock => b.kind === 'table')
    .map((t) => t.grid.map((row) => row.map((i) => (i < 0 ? null : t.cells[i]!.text))));
}

describe('DOCX reader: what mammoth drops, recovered from the document XML', () => {
  it('w:gridBefore: the row keeps its columns instead of shifting left', async () => {
    const body = table(
      [
        { cells: [{ text: 'A' }, { text: 'B' }, { text: 'C' }] },
        { gridBefore: 1, cells: [{ text: '11' }, { text: '13' }] },
      ],
      3,
    );
    expect(await grids(body)).toEqual([
      [
        ['A', 'B', 'C'],
        ['', '11', '13'],
      ],
    ]);
  });

  it('w:gridAfter: the row is padded at its end', async () => {
    const body = table(
      [{ cells: [{ text: 'A' }, { text: 'B' }, { text: 'C' }] }, { gridAfter: 2, cells: [{ text: '7' }] }],
      3,
    );
    expect(await grids(body)).toEqual([
      [
        ['A', 'B', 'C'],
        ['7', '', ''],
      ],
    ]);
  });

  it('legacy w:hMerge: the continue cells fold into one spanning cell instead of extra empty cells', async () => {
    const body = table(
      [
        { cells: [{ text: 'A' }, { text: 'B' }, { text: 'C' }] },
        { cells: [{ text: 'Total', hMerge: 'restart' }, { text: '', hMerge: 'continue' }, { text: '46' }] },
      ],
      3,
    );
    expect(await grids(body)).toEqual([
      [
        ['A', 'B', 'C'],
        ['Total', 'Total', '46'],
      ],
    ]);
  });

  it('w:vMerge becomes a row span', async () => {
    const body = table(
      [
        { cells: [{ text: '（三）不予公开', vMerge: 'restart' }, { text: '1.属于国家秘密' }] },
        { cells: [{ text: '', vMerge: 'continue' }, { text: '2.其他法律行政法规禁止公开' }] },
      ],
      2,
    );
    expect(await grids(body)).toEqual([
      [
        ['（三）不予公开', '1.属于国家秘密'],
        ['（三）不予公开', '2.其他法律行政法规禁止公开'],
      ],
    ]);
  });

  it('headings numbered by Word arrive without their 一、 and are still located', async () => {
    const headings = [
      '总体情况',
      '主动公开政府信息情况',
      '收到和处理政府信息公开申请情况',
      '政府信息公开行政复议、行政诉讼情况',
      '存在的主要问题及改进情况',
      '其他需要报告的事项',
    ];
    const { value: document } = await readDocx(
      await docxPackage({ body: headings.map((h) => paragraph(h, { numbered: true }) + paragraph('正文。')).join('') }),
    );
    expect(document.blocks[0]).toMatchObject({ kind: 'text', text: '总体情况' });
    expect(findSections(document.blocks).map((s) => s.key)).toEqual([
      'overview',
      'active',
      'requests',
      'review_litigation',
      'problems',
      'other',
    ]);
  });

  it('reads the accepted text of tracked changes, text boxes, and leaves headers and footers out', async () => {
    const body =
      table(
        [
          {
            cells: [
              { text: '规章' },
              {
                text: '',
                xml: `<w:p><w:del w:id="1" w:author="a"><w:r><w:delText>99</w:delText></w:r></w:del><w:ins w:id="2" w:author="a">${run('12')}</w:ins></w:p>`,
              },
            ],
          },
        ],
        2,
      ) +
      `<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>${paragraph('注：本表数据截至12月31日')}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>`;
    const { value: document } = await readDocx(
      await docxPackage({ body, header: '页眉 一、本年新收政府信息公开申请数量 999', footer: '— 3 —' }),
    );
    const cells = document.blocks.flatMap((b) => (b.kind === 'table' ? b.cells.map((c) => c.text) : []));
    const texts = document.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));
    expect(cells).toEqual(['规章', '12']);
    expect(texts).toContain('注：本表数据截至12月31日');
    expect(texts.join('')).not.toMatch(/999|页眉|— 3 —/);
  });

  it('keeps a data table nested inside a layout table', async () => {
    const inner = table([{ cells: [{ text: '行政许可' }, { text: '550' }] }], 2);
    const body = table(
      [{ cells: [{ text: '', xml: paragraph('二、主动公开政府信息情况') + inner + paragraph('') }] }],
      1,
    );
    expect(await grids(body)).toEqual([[['行政许可', '550']]]);
  });
});

describe('document.xml repairs', () => {
  it('leaves a document without the constructs untouched (byte for byte)', () => {
    const xml =
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>';
    expect(repairDocumentXml(xml)).toEqual({ xml, gridBefore: 0, gridAfter: 0, hMerge: 0 });
  });
});
