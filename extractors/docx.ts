import JSZip from 'jszip';
import mammoth from 'mammoth';
import { repairDocumentXml } from './docx-xml.js';
import { ReadError } from './errors.js';
import { htmlToDocument } from './html.js';
import type { ReaderOutput } from './reader.js';
import { unzipBounded } from './zip.js';

/**
 * Word (.docx) reader: the archive is unzipped within bounds, word/document.xml is repaired for the constructs
 * mammoth drops (see docx-xml.ts), mammoth turns the document into HTML (tracked insertions kept, deletions dropped,
 * text boxes kept, headers and footers left out), and the HTML path builds the document model.
 */

const DOCUMENT = 'word/document.xml';

export async function readDocx(bytes: Uint8Array): Promise<ReaderOutput> {
  // Parts mammoth reads; media (images) are left compressed and unread.
  const files = await unzipBounded(bytes, (name) => !/^word\/media\//.test(name));
  const xml = files.get(DOCUMENT);
  if (!xml) {
    const what = files.has('xl/workbook.xml') ? 'an Excel workbook' : files.has('ppt/presentation.xml') ? 'a PowerPoint file' : 'a zip archive';
    throw new ReadError('unsupported', `not a Word document: the file is ${what} with no ${DOCUMENT}`);
  }
  const repaired = repairDocumentXml(xml.toString('utf8'));
  const warnings: string[] = [];
  if (repaired.gridBefore + repaired.gridAfter + repaired.hMerge > 0) {
    warnings.push(`Word table layout repaired: ${repaired.gridBefore} rows with gridBefore, ${repaired.gridAfter} with gridAfter, ${repaired.hMerge} legacy merged cells`);
  }
  const zip = new JSZip();
  for (const [name, data] of files) zip.file(name, name === DOCUMENT ? repaired.xml : data);
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
  let html;
  try {
    html = await mammoth.convertToHtml({ buffer }, { ignoreEmptyParagraphs: false });
  } catch (error) {
    throw new ReadError('corrupt', `the Word document could not be read (${(error as Error).message})`);
  }
  for (const message of html.messages) {
    // Style names with no HTML mapping do not affect the text or tables.
    if (!/Unrecognised (paragraph|run|table) style/.test(message.message)) warnings.push(`docx: ${message.message}`);
  }
  return { document: htmlToDocument(html.value), warnings };
}
