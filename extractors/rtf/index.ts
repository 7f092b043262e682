import type { Message } from '../../src/core/model/messages.js';
import { tableFromCells, type Block, type DocumentModel } from '../../src/core/model/document.js';
import { collapseSpaces, withPictures, type PicturePlace } from '../html.js';
import type { EmbeddedPicture } from '../pictures.js';
import type { ReaderOutput } from '../reader.js';
import { scanRtf, type RtfSink } from './scan.js';
import { rowsToCells, type CellDef, type RtfRow } from './tables.js';

/**
 * RTF reader (Word's and WPS's "save as RTF", often still named .doc): paragraphs as text blocks, `\trowd … \cell …
 * \row` rows gathered into tables (tables.ts), field results read and field codes not, pictures (`\pict` PNG/JPEG)
 * read by OCR where they stand, as a Word file's are.
 */

export async function readRtf(bytes: Uint8Array): Promise<ReaderOutput> {
  const builder = new RtfDocument();
  scanRtf(bytes, builder);
  const content = builder.finish();
  const read = await withPictures(content, { embedded: builder.pictures });
  return { value: read.value, messages: read.messages, ...(read.usedOcr ? { usedOcr: true } : {}) };
}

const PICTURE_SRC = 'xxgk-rtf-picture:';

class RtfDocument implements RtfSink {
  readonly pictures = new Map<string, EmbeddedPicture>();
  private readonly blocks: Block[] = [];
  private readonly places: PicturePlace[] = [];
  private paragraph = '';
  private plainChars = 0;
  private inTable = false;
  private cellText: string[] = [];
  private rowTexts: string[] = [];
  private rowLeft = 0;
  private defs: CellDef[] = [];
  private mark: Pick<CellDef, 'vertical' | 'horizontal'> = {};
  private rows: RtfRow[] = [];
  private tables = 0;

  text(text: string, bold: boolean): void {
    this.paragraph += text;
    if (!bold) this.plainChars += text.replace(/\s+/g, '').length;
  }

  control(word: string, param: number | undefined): void {
    switch (word) {
      case 'par':
      case 'sect':
      case 'page': {
        this.endParagraph();
        return;
      }
      case 'pard':
        this.inTable = false;
        return;
      case 'intbl':
        this.inTable = true;
        return;
      case 'cell': {
        this.endCell();
        return;
      }
      case 'nestcell':
      case 'nestrow':
        this.paragraph += '\n';
        return;
      case 'row': {
        this.endRow();
        return;
      }
      case 'trowd':
        this.defs = [];
        this.mark = {};
        this.rowLeft = 0;
        return;
      case 'trleft':
        this.rowLeft = param ?? 0;
        return;
      case 'clvmgf':
        this.mark.vertical = 'first';
        return;
      case 'clvmrg':
        this.mark.vertical = 'more';
        return;
      case 'clmgf':
        this.mark.horizontal = 'first';
        return;
      case 'clmrg':
        this.mark.horizontal = 'more';
        return;
      case 'cellx':
        this.defs.push({ right: param ?? 0, ...this.mark });
        this.mark = {};
        return;
    }
  }

  picture(bytes: Uint8Array, type: 'png' | 'jpg'): void {
    this.endParagraph();
    const n = this.places.length + 1;
    const src = `${PICTURE_SRC}${n}`;
    this.pictures.set(src, { bytes, name: `RTF 图片 ${n}（${type}）` });
    this.endTable();
    this.places.push({ src, n, at: this.blocks.length });
  }

  finish(): { document: DocumentModel; pictures: PicturePlace[]; messages: Message[] } {
    this.endParagraph();
    if (this.rowTexts.length > 0 || this.cellText.length > 0) this.endRow();
    this.endTable();
    return { document: { blocks: this.blocks }, pictures: this.places, messages: [] };
  }

  private endParagraph(): void {
    if (this.inTable) {
      this.cellText.push(this.paragraph);
    } else {
      this.endTable();
      const text = collapseSpaces(this.paragraph);
      if (text) this.blocks.push({ kind: 'text', text, ...(this.plainChars === 0 ? { emphasis: true } : {}) });
    }
    this.paragraph = '';
    this.plainChars = 0;
  }

  private endCell(): void {
    this.cellText.push(this.paragraph);
    this.paragraph = '';
    this.plainChars = 0;
    const lines = this.cellText.map(collapseSpaces).filter((line) => line !== '');
    this.rowTexts.push(lines.join('\n'));
    this.cellText = [];
  }

  private endRow(): void {
    if (this.paragraph.trim() !== '' || this.cellText.length > 0) this.endCell();
    // A row whose definitions were lost (a damaged file) still keeps its cells, one column each.
    const defs =
      this.defs.length >= this.rowTexts.length
        ? this.defs
        : this.rowTexts.map((_, i) => this.defs[i] ?? { right: (i + 1) * 1000 });
    if (this.rowTexts.length > 0)
      this.rows.push({
        left: this.rowLeft,
        defs: defs.slice(0, Math.max(1, this.rowTexts.length)),
        texts: this.rowTexts,
      });
    this.rowTexts = [];
    this.paragraph = '';
    this.plainChars = 0;
  }

  private endTable(): void {
    if (this.rows.length === 0) return;
    const cells = rowsToCells(this.rows);
    this.rows = [];
    if (cells.length > 0) this.blocks.push(tableFromCells(this.tables++, cells, 'markup'));
  }
}
