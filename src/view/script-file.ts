import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * A data file of the audit view, written as reports come: a script that hands its data to a function of the page
 * (`xxgkList([` … `]);`), since a page opened from disk may load scripts but not read files. Writes are buffered and
 * synchronous, so a failure (disk full, a folder in the way) is thrown where it happens, naming the file.
 */
export class ScriptFile {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;
  /** Characters written so far (buffered or not). */
  written = 0;

  constructor(
    readonly path: string,
    opening: string,
  ) {
    this.fd = openSync(path, 'w');
    this.write(opening);
  }

  write(text: string): void {
    this.buffer.push(text);
    this.size += text.length;
    this.written += text.length;
    if (this.size > 1 << 16) this.flush();
  }

  close(ending: string): void {
    this.write(ending);
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }
}

/** What a script's JSON must not hold as it is (`scriptJson`). */
const UNSAFE = /[<\u2028\u2029]/;

/** JSON inside a script: safe against a stray `</script>` or a line separator in a report's text. */
export function scriptJson(value: unknown): string {
  const json = JSON.stringify(value);
  // One scan for the usual case, where there is nothing to escape.
  return UNSAFE.test(json)
    ? json
        .replace(/</g, '\\u003c')
        .replace(/\u2028/g, '\\u2028')
        .replace(/\u2029/g, '\\u2029')
    : json;
}
