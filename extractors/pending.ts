import { ReadError } from './errors.js';
import type { ReaderOutput } from './reader.js';
import { said, type Said } from './said.js';

/**
 * Formats told apart by their bytes whose readers are being written on another branch (RTF, OFD, single-file web
 * pages): until they land, such a file is refused with a reason that names what it is, not taken for a broken Word
 * file or web page. Each is one slot in extractors/index.ts, swapped for the reader when it lands.
 */

function refuse(what: Said): () => ReaderOutput {
  return () => {
    throw new ReadError('unsupported', said(what));
  };
}

export const readRtfPending = refuse({
  zh: '该文件为 RTF 格式，暂不支持读取；请在 Word 或 WPS 中另存为 .docx',
  en: 'the file is in Rich Text Format (RTF), not read yet; save it as .docx in Word or WPS',
});
export const readOfdPending = refuse({
  zh: '该文件为 OFD 版式文件，暂不支持读取；请转换为 PDF',
  en: 'the file is an OFD fixed-layout document, not read yet; convert it to PDF',
});
export const readMhtPending = refuse({
  zh: '该文件为单文件网页（.mht），暂不支持读取；请在浏览器中另存为网页（.html）',
  en: 'the file is a single-file web page (.mht), not read yet; save it from a browser as a web page (.html)',
});
