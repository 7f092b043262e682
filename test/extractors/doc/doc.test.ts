import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openWordFile } from '../../../extractors/doc/file.js';
import { readDoc } from '../../../extractors/doc/index.js';
import { readPieces } from '../../../extractors/doc/pieces.js';
import { rowDefinition, type CellDefinition, type RowDefinition } from '../../../extractors/doc/rows.js';
import type { Paragraph } from '../../../extractors/doc/story.js';
import { buildBlocks, DOC_TABLE_UNREAD } from '../../../extractors/doc/tables.js';
import { ReadError } from '../../../extractors/errors.js';
import type { Block, TableBlock } from '../../../src/core/model/document.js';
import { fixturePath } from '../../helpers.js';

const readFixture = (name: string) => readDoc(readFileSync(fixturePath(name)));

/** Each table as its grid of cell texts (null where no cell covers a slot). */
function grids(blocks: Block[]): (string | null)[][][] {
  return blocks
    .filter((b): b is TableBlock => b.kind === 'table')
    .map((t) => t.grid.map((row) => row.map((i) => (i < 0 ? null : t.cells[i]!.text))));
}

const texts = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));

describe('Word 97–2003 reader: tables from the file structure (files saved by LibreOffice)', () => {
  it('places every cell of the requests table on its grid, with the spans of the merged header cells', () => {
    const { value: document, messages: warnings } = readFixture('report-21.doc');
    const requests = document.blocks.filter((b): b is TableBlock => b.kind === 'table')[1]!;
    const cell = (text: string) => requests.cells.find((c) => c.text.startsWith(text))!;
    expect(warnings).toEqual([]);
    expect(requests.grid[0]).toHaveLength(10);
    expect(cell('（本列数据的勾稽关系')).toMatchObject({ row: 0, col: 0, rowSpan: 3, colSpan: 3 });
    expect(cell('申请人情况')).toMatchObject({ row: 0, col: 3, rowSpan: 1, colSpan: 7 });
    expect(cell('自然人')).toMatchObject({ row: 1, col: 3, rowSpan: 2, colSpan: 1 });
    // Three header rows, 本年新收 and 上年结转 above the results; 结转下年度 below them.
    expect(cell('三、本年度办理结果')).toMatchObject({ row: 5, col: 0, colSpan: 1, rowSpan: requests.grid.length - 6 });
  });

  it('shows what Word shows: deletions and field codes dropped, text boxes and nested tables kept, headers and footers left out', () => {
    const { value: document } = readFixture('doc-constructs.doc');
    expect(grids(document.blocks)).toEqual([
      [['规章', '12']],
      [
        ['行政许可', '550'],
        ['行政处罚', ''],
      ],
      [['行政强制', '7']],
    ]);
    expect(texts(document.blocks)).toEqual([
      '示例县2023年政府信息公开工作年度报告',
      '二、主动公开政府信息情况',
      '合计5件',
      '注：本表数据截至12月31日',
    ]);
    expect(document.blocks[0]).toMatchObject({ kind: 'text', emphasis: true });
    expect(document.blocks[2]).not.toHaveProperty('emphasis');
  });

  it('reads a fast-saved file: many pieces out of file order, 8-bit pieces, text deleted by piece modifiers', () => {
    const { fib, table } = openWordFile(readFileSync(fixturePath('report-21-fast-saved.doc')));
    const pieces = readPieces(table, fib.clx);
    expect(fib.complex).toBe(true);
    expect(pieces.filter((p) => p.compressed).length).toBeGreaterThan(100);
    expect(pieces.filter((p) => p.grpprl.length > 0)).toHaveLength(2);
    expect(grids(readFixture('report-21-fast-saved.doc').value.blocks)).toEqual(
      grids(readFixture('report-21.doc').value.blocks),
    );
  });
});

describe('Word 97–2003 reader: refusals', () => {
  it('a password-protected .doc is refused as encrypted', () => {
    expect(() => readFixture('report-21-encrypted.doc')).toThrow(expect.objectContaining({ code: 'encrypted' }));
  });

  it('a Word 6.0/95 document is refused as unsupported (its file information block is laid out differently)', () => {
    const bytes = Buffer.from(readFileSync(fixturePath('report-21.doc')));
    // The WordDocument stream starts on a 512-byte sector with the FIB's magic number; nFib follows it.
    let fib = 512;
    while (bytes.readUInt16LE(fib) !== 0xa5ec) fib += 512;
    bytes.writeUInt16LE(0x68, fib + 2);
    expect(() => readDoc(bytes)).toThrow(
      new ReadError('unsupported', 'a Word 6.0/95 document (file format 104); only Word 97–2003 documents are read'),
    );
  });

  it('an RTF file named .doc is refused as unsupported, saying what it is', () => {
    expect(() => readDoc(Buffer.from('{\\rtf1\\ansi 一、总体情况}'))).toThrow(
      new ReadError('unsupported', 'the file is in Rich Text Format (RTF), not a Word 97–2003 document'),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Table structure from paragraphs: what Word writes but LibreOffice does not (legacy merges, edits), and what
// cannot be read exactly.

const cellDef = (
  left: number,
  right: number,
  merge: Partial<Pick<CellDefinition, 'horizontal' | 'vertical'>> = {},
): CellDefinition => ({
  left,
  right,
  horizontal: merge.horizontal ?? 'none',
  vertical: merge.vertical ?? 'none',
});

/** A row: its cells' texts, then its row end carrying the definition. */
function row(texts: string[], definition: RowDefinition, depth = 1): Paragraph[] {
  return [
    ...texts.map((text): Paragraph => ({ text, emphasis: false, depth, mark: 'cell' })),
    { text: '', emphasis: false, depth, mark: 'row', row: definition },
  ];
}

const para = (text: string, depth = 0): Paragraph => ({ text, emphasis: false, depth, mark: 'paragraph' });

describe('Word 97–2003 reader: table structure', () => {
  it('legacy horizontal merges (fFirstMerged, fMerged) become one cell spanning their columns', () => {
    const blocks = buildBlocks([
      ...row(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'], {
        cells: [cellDef(0, 100), cellDef(100, 200), cellDef(200, 300), cellDef(300, 400)],
      }),
      ...row(['行政许可', '76', '', ''], {
        cells: [
          cellDef(0, 100),
          cellDef(100, 200, { horizontal: 'first' }),
          cellDef(200, 300, { horizontal: 'merged' }),
          cellDef(300, 400, { horizontal: 'merged' }),
        ],
      }),
    ]).blocks;
    expect(grids(blocks)).toEqual([
      [
        ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
        ['行政许可', '76', '76', '76'],
      ],
    ]);
  });

  it('a row that starts further right leaves the columns before it empty; edges within 3 twips are one column', () => {
    const blocks = buildBlocks([
      ...row(['结果维持', '结果纠正'], { cells: [cellDef(100, 200), cellDef(200, 300)] }),
      ...row(['', '1', '2'], { cells: [cellDef(0, 101), cellDef(101, 198), cellDef(198, 302)] }),
    ]).blocks;
    expect(grids(blocks)).toEqual([
      [
        [null, '结果维持', '结果纠正'],
        ['', '1', '2'],
      ],
    ]);
  });

  it('a vertically merged cell extends the cell above it; a merge with nothing above starts its own cell', () => {
    const blocks = buildBlocks([
      ...row(['三、本年度办理结果', '（一）予以公开', '5'], {
        cells: [cellDef(0, 100, { vertical: 'restart' }), cellDef(100, 200), cellDef(200, 300)],
      }),
      ...row(['', '（二）部分公开', '6'], {
        cells: [cellDef(0, 100, { vertical: 'continue' }), cellDef(100, 200), cellDef(200, 300)],
      }),
      ...row(['合计', '', '11'], {
        cells: [cellDef(0, 100), cellDef(100, 200, { vertical: 'continue' }), cellDef(200, 300)],
      }),
    ]).blocks;
    const table = blocks[0] as TableBlock;
    expect(table.cells.find((c) => c.text === '三、本年度办理结果')).toMatchObject({ row: 0, rowSpan: 2 });
    expect(grids(blocks)[0]![2]).toEqual(['合计', '', '11']);
  });

  it('a data table nested in a layout cell is read as a table of its own, the layout cell as text', () => {
    const inner = row(['行政许可', '550'], { cells: [cellDef(0, 100), cellDef(100, 200)] }, 2);
    const blocks = buildBlocks([
      para('标题'),
      para('二、主动公开政府信息情况', 1),
      ...inner,
      { ...para('', 1), mark: 'cell' },
      ...row([], { cells: [cellDef(0, 400)] }),
    ]).blocks;
    expect(texts(blocks)).toEqual(['标题', '二、主动公开政府信息情况']);
    expect(grids(blocks)).toEqual([[['行政许可', '550']]]);
  });

  const unread = (paragraphs: Paragraph[]) => {
    const { blocks, messages } = buildBlocks(paragraphs);
    return {
      tables: grids(blocks).length,
      texts: texts(blocks),
      warnings: messages.filter((m) => m.code === DOC_TABLE_UNREAD).map((m) => m.message),
    };
  };

  it('refuses a table whose rows have more cells than their definition, keeping its text', () => {
    const result = unread([
      ...row(['行政许可', '76'], { cells: [cellDef(0, 100), cellDef(100, 200)] }),
      ...row(['行政处罚', '', '12'], { cells: [cellDef(0, 100), cellDef(100, 200)] }),
    ]);
    expect(result.tables).toBe(0);
    expect(result.texts).toEqual(['行政许可', '76', '行政处罚', '12']);
    expect(result.warnings).toEqual([
      'a Word table (2 rows, starting “行政许可”) is not read: a row has 3 cells but its definition 2, so where its cells belong cannot be told exactly and its numbers are not read',
    ]);
  });

  it('refuses a table with a row the file left undefined, a vertically merged cell with text, or rows indented differently', () => {
    const plain = { cells: [cellDef(0, 100), cellDef(100, 200)] };
    expect(
      unread([
        ...row(['行政许可', '76'], plain),
        ...row(['行政处罚', '12'], { problem: 'the row has no table definition' }),
      ]).warnings,
    ).toHaveLength(1);
    expect(
      unread([
        ...row(['行政许可', '76'], { cells: [cellDef(0, 100, { vertical: 'restart' }), cellDef(100, 200)] }),
        ...row(['行政处罚', '12'], { cells: [cellDef(0, 100, { vertical: 'continue' }), cellDef(100, 200)] }),
      ]).warnings[0],
    ).toMatch(/a vertically merged cell holds text of its own/);
    expect(
      unread([...row(['行政许可', '76'], plain), ...row(['行政处罚', '12'], { ...plain, shift: 120 })]).warnings[0],
    ).toMatch(/indented differently/);
  });

  it('refuses a table whose last row has no row end mark (the table runs into the text)', () => {
    const result = unread([
      ...row(['行政许可', '76'], { cells: [cellDef(0, 100), cellDef(100, 200)] }),
      { ...para('行政处罚', 1), mark: 'cell' },
      para('五、存在的主要问题'),
    ]);
    expect(result.warnings[0]).toMatch(/a row has no row end mark/);
    expect(result.texts).toEqual(['行政许可', '76', '行政处罚', '五、存在的主要问题']);
  });
});

describe('Word 97–2003 reader: row definitions', () => {
  // sprmTDefTable of a row of the requests table as LibreOffice writes it: two cells, the first the top of a
  // vertical merge (TC80 flags 0x00e0: centred, fVertMerge, fVertRestart).
  const defTable = Buffer.from(
    '08d630000201008112dd27e000000006010f0006010f0002010f0006010f008000000006010f0002010f0002010f0006010f00',
    'hex',
  );
  const grpprl = (buffer: Buffer) => [{ buffer, start: 0, end: buffer.length }];

  it('reads the cell edges and merge flags of sprmTDefTable', () => {
    expect(rowDefinition(grpprl(defTable))).toEqual({
      cells: [cellDef(1, 4737, { vertical: 'restart' }), cellDef(4737, 10205)],
    });
  });

  it('applies sprmTVertMerge and sprmTMerge after it', () => {
    const vertMerge = Buffer.from('2bd6020101', 'hex'); // cell 1: merged with the cell above
    const merge = Buffer.from('24560002', 'hex'); // cells 0–1: one legacy merged range
    expect(rowDefinition(grpprl(Buffer.concat([defTable, vertMerge, merge])))).toEqual({
      cells: [
        cellDef(1, 4737, { horizontal: 'first', vertical: 'restart' }),
        cellDef(4737, 10205, { horizontal: 'merged', vertical: 'continue' }),
      ],
    });
  });

  it('an indent (sprmTDxaLeft) that matches the first cell edge leaves the row as it is; one that does not is kept as a shift', () => {
    const gapHalf = Buffer.from('02966c00', 'hex'); // sprmTDxaGapHalf 108
    const left = (dxa: number) => Buffer.from([0x01, 0x96, dxa & 0xff, (dxa >> 8) & 0xff]);
    expect(rowDefinition(grpprl(Buffer.concat([defTable, gapHalf, left(109)])))).not.toHaveProperty('shift');
    expect(rowDefinition(grpprl(Buffer.concat([defTable, gapHalf, left(229)])))).toMatchObject({ shift: 120 });
  });

  it('does not guess what a row edit (sprmTInsert) does, or a row without sprmTDefTable', () => {
    expect(rowDefinition(grpprl(Buffer.concat([defTable, Buffer.from('217601016801', 'hex')])))).toEqual({
      problem: 'the row was edited after its definition (cells inserted, deleted or resized)',
    });
    expect(rowDefinition(grpprl(Buffer.from('162401', 'hex')))).toEqual({ problem: 'the row has no table definition' });
  });
});
