import { warning } from '../../src/core/model/messages.js';
import { ReadError } from '../errors.js';
import { parseHtml, withPictures } from '../html.js';
import type { EmbeddedPicture } from '../pictures.js';
import type { ReaderOutput } from '../reader.js';
import { bothLanguages } from '../../src/core/i18n/lang.js';
import { unzipBounded } from '../zip.js';
import { odtToHtml } from './html.js';

/**
 * OpenDocument text (.odt, from LibreOffice and WPS): the package unzipped within the Office bounds, content.xml
 * written as HTML (html.ts) and read by the web-page path, pictures in the body read by OCR where they stand, as
 * Word's are.
 */

/** The src an n-th picture is given; its bytes stay in the map rather than in a data: URI. */
const EMBEDDED = 'xxgk-odt-picture:';

export async function readOdt(bytes: Uint8Array): Promise<ReaderOutput> {
  const { files, messages: skipped } = await unzipBounded(
    bytes,
    (name) => name === 'content.xml' || name.startsWith('Pictures/'),
  );
  const content = files.get('content.xml');
  if (!content) {
    const missing = { zh: 'OpenDocument 文件缺少 content.xml', en: 'the OpenDocument file has no content.xml' };
    throw new ReadError('corrupt', bothLanguages(missing));
  }
  let converted: ReturnType<typeof odtToHtml>;
  try {
    converted = odtToHtml(content.toString('utf8'), (n) => `${EMBEDDED}${n}`);
  } catch (error) {
    const message = (error as Error).message;
    const broken = { zh: `content.xml 无法解析（${message}）`, en: `content.xml could not be parsed (${message})` };
    throw new ReadError('corrupt', bothLanguages(broken));
  }
  const pictures = new Map<string, EmbeddedPicture>();
  converted.pictures.forEach((path, i) => {
    const data = files.get(path);
    if (!data) return;
    pictures.set(`${EMBEDDED}${i + 1}`, {
      bytes: new Uint8Array(data),
      name: `OpenDocument picture ${i + 1} (${path})`,
    });
  });
  const read = await withPictures(parseHtml(converted.html), { embedded: pictures });
  const messages = converted.tooDeep
    ? [
        warning(
          'read',
          bothLanguages({
            zh: '文档嵌套过深，过深的部分未读取',
            en: 'the document nests too deep; the deepest part was left out',
          }),
        ),
      ]
    : [];
  const ocr = read.usedOcr ? { usedOcr: true } : {};
  return { value: read.value, messages: [...skipped, ...messages, ...read.messages], ...ocr };
}
