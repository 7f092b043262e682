import { warning, type Message } from '../src/core/model/messages.js';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { repairDocumentXml } from './docx-xml.js';
import { detailOf, ReadError } from './errors.js';
import { parseHtml, withPictures } from './html.js';
import type { EmbeddedPicture } from './pictures.js';
import type { ReaderOutput } from './reader.js';
import { unzipBounded } from './zip.js';

/**
 * Word (.docx) reader: the archive is unzipped within bounds, word/document.xml is repaired for the constructs
 * mammoth drops (see docx-xml.ts), mammoth turns the document into HTML (tracked insertions kept, deletions dropped,
 * text boxes kept, headers and footers left out), and the HTML path builds the document model. Pictures in the body
 * (word/media/*, tables pasted as pictures) are read by OCR where they stand, as on a web page.
 */

const DOCUMENT = 'word/document.xml';
/** The src mammoth is given for the body's n-th picture; its bytes stay here rather than in a data: URI. */
const EMBEDDED = 'xxgk-word-picture:';

export async function readDocx(bytes: Uint8Array): Promise<ReaderOutput> {
  const { files, messages: skipped } = await unzipBounded(bytes, () => true);
  const xml = files.get(DOCUMENT);
  if (!xml) {
    const what = files.has('xl/workbook.xml')
      ? 'an Excel workbook'
      : files.has('ppt/presentation.xml')
        ? 'a PowerPoint file'
        : 'a zip archive';
    throw new ReadError('unsupported', `not a Word document: the file is ${what} with no ${DOCUMENT}`);
  }
  const original = xml.toString('utf8');
  const repaired = repairDocumentXml(original);
  const messages: Message[] = [...skipped];
  if (repaired.gridBefore + repaired.gridAfter + repaired.hMerge > 0) {
    messages.push(
      warning(
        'read',
        `Word table layout repaired: ${repaired.gridBefore} rows with gridBefore, ${repaired.gridAfter} with gridAfter, ${repaired.hMerge} legacy merged cells`,
      ),
    );
  }
  const buffer = await forMammoth(
    bytes,
    files,
    repaired.xml === original && skipped.length === 0 ? undefined : repaired.xml,
  );
  const pictures = new Map<string, EmbeddedPicture>();
  const convertImage = mammoth.images.imgElement(async (image) => {
    const src = `${EMBEDDED}${pictures.size + 1}`;
    const type = image.contentType?.replace(/^image\//, '') || 'unknown type';
    pictures.set(src, {
      bytes: new Uint8Array(await image.readAsArrayBuffer()),
      name: `Word picture ${pictures.size + 1} (${type})`,
    });
    return { src };
  });
  let html: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    html = await mammoth.convertToHtml({ buffer }, { ignoreEmptyParagraphs: false, convertImage });
  } catch (error) {
    throw new ReadError('corrupt', `the Word document could not be read${detailOf(error)}`);
  }
  for (const message of html.messages) {
    // Style names with no HTML mapping do not affect the text or tables.
    if (!/Unrecognised (paragraph|run|table) style/.test(message.message))
      messages.push(warning('read', `docx: ${message.message}`));
  }
  const read = await withPictures(parseHtml(html.value), { embedded: pictures });
  return { value: read.value, messages: [...messages, ...read.messages], ...(read.usedOcr ? { usedOcr: true } : {}) };
}

/**
 * What mammoth reads: the file as it is when nothing was repaired or left out (most files: its entries were already
 * inflated within bounds, so mammoth's own unzip is safe), else the entries again with the repaired document, stored
 * uncompressed (zipping it once more would cost what the first unzip did).
 */
async function forMammoth(
  bytes: Uint8Array,
  files: Map<string, Buffer>,
  repairedXml: string | undefined,
): Promise<Buffer> {
  if (repairedXml === undefined) return Buffer.from(bytes);
  const zip = new JSZip();
  for (const [name, data] of files) zip.file(name, name === DOCUMENT ? repairedXml : data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}
