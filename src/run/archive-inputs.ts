import { archiveEntries, isPlainZip } from '../../extractors/archive/entries.js';
import { ReadError } from '../../extractors/errors.js';
import type { InputFile } from './inputs.js';

/**
 * A .zip among a batch's inputs stands for the files in it: each is read as a file of the batch, named
 * `archive.zip/entry` in reports.csv, from memory (nothing is unpacked to disk). An archive that cannot be opened
 * (damaged, a bomb, encrypted) is left to the reader, which fails it with the reason.
 */

export interface ArchiveMember {
  input: InputFile;
  bytes: Uint8Array;
  /** Not read, for this reason (an archive nested too deep). */
  refused?: ReadError;
}

export async function archiveMembers(input: InputFile, bytes: Uint8Array): Promise<ArchiveMember[] | undefined> {
  if (!(await isPlainZip(bytes))) return undefined;
  let entries: Awaited<ReturnType<typeof archiveEntries>>;
  try {
    entries = await archiveEntries(bytes);
  } catch (error) {
    if (error instanceof ReadError) return undefined;
    throw error;
  }
  if (entries.length === 0) return undefined;
  return entries.map((entry) => ({
    // The path is one that does not exist (inside a file): nothing beside it on disk is taken for its pictures.
    input: { path: `${input.path}/${entry.name}`, name: `${input.name}/${entry.name}` },
    bytes: entry.bytes,
    ...(entry.refused ? { refused: entry.refused } : {}),
  }));
}
