import { warning, type Message } from '../../src/core/model/messages.js';
import { ReadError } from '../errors.js';
import { chinese } from '../../src/core/i18n/lang.js';
import { childElements, numbers, parseXml, path } from './xml.js';

/**
 * The OFD container: `OFD.xml` → `DocBody/DocRoot` → `Document.xml` → its pages, each page's layers preceded by
 * its background templates and followed by its foreground ones (the draw order), and the pictures the resources
 * name. Paths are relative to the file that names them, or absolute from the container's root.
 */

export interface OfdPage {
  layers: Element[];
  /** Its XML is broken: left out, and no table is joined across it. */
  damaged?: boolean;
  widthMm: number;
  heightMm: number;
}

export interface OfdDocument {
  pages: OfdPage[];
  /** Picture files by resource ID. */
  media: Map<string, Buffer>;
  messages: Message[];
}

/** A page with more tags than this is not a report page but a bomb (a dense page of a report: ~20,000). */
const MAX_PAGE_TAGS = 300_000;
const A4: [number, number] = [210, 297];

export function openOfd(files: Map<string, Buffer>): OfdDocument {
  const read = (name: string) => files.get(name.replace(/^\/+/, ''));
  const rootXml = read('OFD.xml');
  if (!rootXml)
    throw new ReadError('corrupt', chinese({ zh: 'OFD 文件缺少 OFD.xml', en: 'the OFD file has no OFD.xml' }));
  const root = parseXml(rootXml, 'OFD.xml');
  const body = path(root, 'DocBody');
  const docRoot = body ? path(body, 'DocRoot')?.textContent?.trim() : undefined;
  const documentXml = docRoot ? read(docRoot) : undefined;
  if (!docRoot || !documentXml)
    throw new ReadError(
      'corrupt',
      chinese({ zh: 'OFD 文件缺少文档主体（DocRoot）', en: 'the OFD file names no document (DocRoot)' }),
    );
  const messages: Message[] = [];
  if (body && path(body, 'Signatures')) {
    messages.push(
      warning(
        'read',
        chinese({
          zh: 'OFD 文件中的签章（印章、电子签名）未读取',
          en: 'the seals and signatures of the OFD file (Signatures) are not read',
        }),
      ),
    );
  }
  const document = parseXml(documentXml, docRoot);
  const base = folder(docRoot);
  const common = path(document, 'CommonData');
  const size = pageSize(common ? path(common, 'PageArea') : undefined, A4);
  const templates = new Map<string, { loc: string; front: boolean }>();
  for (const t of common ? childElements(common, 'TemplatePage') : []) {
    templates.set(t.getAttribute('ID') ?? '', {
      loc: join(base, t.getAttribute('BaseLoc') ?? ''),
      front: t.getAttribute('ZOrder') === 'Foreground',
    });
  }
  const content = (loc: string): Element | undefined => {
    const xml = read(loc);
    if (!xml) return undefined;
    if (countTags(xml) > MAX_PAGE_TAGS) {
      throw new ReadError(
        'too_large',
        chinese({
          zh: `OFD 页面 ${loc} 的图元超过 ${MAX_PAGE_TAGS} 个，拒绝读取`,
          en: `the OFD page ${loc} holds more than ${MAX_PAGE_TAGS} objects; refused`,
        }),
      );
    }
    try {
      return parseXml(xml, loc);
    } catch (error) {
      // One damaged page (or template) is left out, named; the others are read.
      if (!(error instanceof ReadError) || error.code !== 'corrupt') throw error;
      messages.push(
        warning(
          'read',
          chinese({
            zh: `OFD 文件的 ${loc} 已损坏（XML 不完整），该部分未读取`,
            en: `${loc} of the OFD file is damaged (broken XML); not read`,
          }),
        ),
      );
      return undefined;
    }
  };
  const pages = childElements(path(document, 'Pages') ?? document, 'Page').map((ref) => {
    const loc = join(base, ref.getAttribute('BaseLoc') ?? '');
    const page = content(loc);
    if (!page) return { layers: [], widthMm: size[0], heightMm: size[1], ...(read(loc) ? { damaged: true } : {}) };
    const behind: Element[] = [];
    const before: Element[] = [];
    for (const use of childElements(page, 'Template')) {
      const template = templates.get(use.getAttribute('TemplateID') ?? '');
      const drawn = template ? content(template.loc) : undefined;
      const layers = drawn ? childElements(path(drawn, 'Content') ?? drawn, 'Layer') : [];
      const front = use.hasAttribute('ZOrder') ? use.getAttribute('ZOrder') === 'Foreground' : template?.front;
      (front ? before : behind).push(...layers);
    }
    const own = childElements(path(page, 'Content') ?? page, 'Layer');
    const [widthMm, heightMm] = pageSize(path(page, 'Area'), size);
    return { layers: [...behind, ...own, ...before], widthMm, heightMm };
  });
  return { pages, media: media(document, base, read), messages };
}

/** `MultiMedia` of the document's public and private resources, by ID, resolved to their files. */
function media(document: Element, base: string, read: (name: string) => Buffer | undefined): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const common = path(document, 'CommonData');
  const resFiles = common ? [...childElements(common, 'PublicRes'), ...childElements(common, 'DocumentRes')] : [];
  for (const ref of resFiles) {
    const loc = join(base, ref.textContent?.trim() ?? '');
    const xml = read(loc);
    if (!xml) continue;
    const res = parseXml(xml, loc);
    const resBase = join(folder(loc), res.getAttribute('BaseLoc') ?? '');
    for (const list of childElements(res, 'MultiMedias')) {
      for (const item of childElements(list, 'MultiMedia')) {
        const file = path(item, 'MediaFile')?.textContent?.trim();
        const bytes = file ? (read(join(resBase, file)) ?? read(join(folder(loc), file))) : undefined;
        if (bytes) out.set(item.getAttribute('ID') ?? '', bytes);
      }
    }
  }
  return out;
}

function pageSize(area: Element | undefined, fallback: [number, number]): [number, number] {
  const box = numbers(area ? path(area, 'PhysicalBox')?.textContent : undefined);
  return box.length === 4 && box[2]! > 0 && box[3]! > 0 ? [box[2]!, box[3]!] : fallback;
}

function countTags(xml: Buffer): number {
  let n = 0;
  for (let at = xml.indexOf(0x3c); at >= 0 && n <= MAX_PAGE_TAGS; at = xml.indexOf(0x3c, at + 1)) n++;
  return n;
}

function folder(loc: string): string {
  const cut = loc.replace(/^\/+/, '').lastIndexOf('/');
  return cut < 0 ? '' : loc.replace(/^\/+/, '').slice(0, cut);
}

function join(base: string, loc: string): string {
  if (loc.startsWith('/')) return loc.replace(/^\/+/, '');
  const parts = base ? base.split('/') : [];
  for (const piece of loc.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}
