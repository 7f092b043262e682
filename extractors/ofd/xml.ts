import { DOMParser } from '@xmldom/xmldom';
import { ReadError } from '../errors.js';
import { chinese } from '../../src/core/i18n/lang.js';

/**
 * OFD parts are XML in the `http://www.ofdspec.org/2016` namespace, but producers differ in prefixes (and a few
 * leave the namespace out), so elements are matched by local name.
 */

export function parseXml(bytes: Buffer, part: string): Element {
  let failed = false;
  const onError = () => (failed = true);
  const document = new DOMParser({
    errorHandler: { warning: () => undefined, error: onError, fatalError: onError },
  }).parseFromString(bytes.toString('utf8'), 'text/xml');
  const root = document?.documentElement;
  if (!root || failed) {
    throw new ReadError(
      'corrupt',
      chinese({ zh: `OFD 文件的 ${part} 不是完好的 XML`, en: `the OFD file's ${part} is not well-formed XML` }),
    );
  }
  return root;
}

export function childElements(element: Element, name?: string): Element[] {
  const out: Element[] = [];
  for (let node = element.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (!name || (node as Element).localName === name)) out.push(node as Element);
  }
  return out;
}

export function firstChild(element: Element, name: string): Element | undefined {
  return childElements(element, name)[0];
}

/** The first descendant with this local name along a path of children: `path(root, 'DocBody', 'DocRoot')`. */
export function path(element: Element, ...names: string[]): Element | undefined {
  let at: Element | undefined = element;
  for (const name of names) at = at ? firstChild(at, name) : undefined;
  return at;
}

export function numbers(value: string | null | undefined): number[] {
  return (value ?? '')
    .trim()
    .split(/[\s,]+/)
    .filter((s) => s !== '')
    .map(Number)
    .filter(Number.isFinite);
}
