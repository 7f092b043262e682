/**
 * pdfjs-dist's legacy build bundles core-js polyfills that, on Node 20, replace built-ins the whole process uses:
 * JSON.stringify and JSON.parse (for the JSON.rawJSON proposal; the replacement stringify is ~13× slower) and
 * Array.prototype.push. This module is imported before pdfjs-dist so that the native functions can be put back once
 * it has loaded (both its bundles: the API and the worker code); pdfjs works with the native ones (they are what
 * modern engines ship).
 */

const NATIVE = {
  stringify: JSON.stringify,
  parse: JSON.parse,
  push: Array.prototype.push,
};

export function restoreNativeBuiltins(): void {
  JSON.stringify = NATIVE.stringify;
  JSON.parse = NATIVE.parse;
  Object.defineProperty(Array.prototype, 'push', {
    value: NATIVE.push,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
