import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The link from index.html (in the output folder) to an original file, relative, so that the output folder can be
 * moved or copied with the inputs beside it (an absolute file:// link breaks as soon as it is). Each part of the path
 * is escaped: names hold spaces, `#` and `%`.
 */
export function fileLink(outDir: string, path: string): string {
  const from = relative(resolve(outDir), resolve(path));
  // On Windows a file on another drive has no relative path: the absolute one is all there is.
  if (isAbsolute(from)) return `file:///${from.split(sep).map(encodeURIComponent).join('/')}`;
  return from.split(sep).map(encodeURIComponent).join('/');
}
