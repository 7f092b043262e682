import { ReadError } from '../errors.js';
import type { ReaderOutput } from '../reader.js';
export function readArchive(): ReaderOutput { throw new ReadError('unsupported', 'todo'); }
