import { ReadError } from '../errors.js';
import type { ReaderOutput } from '../reader.js';
export function readOdt(): ReaderOutput { throw new ReadError('unsupported', 'todo'); }
