import type { Message } from '../core/model/messages.js';
import type { Cell } from '../core/model/report.js';
import type { FormatVersion, TableKey } from '../core/template/template.js';

/** What each table normaliser hands to the audit: the cells it could place, the format its labels show, and why
 * anything was left out. */
export interface NormalisedTable {
  key: TableKey;
  version: FormatVersion | null;
  cells: Cell[];
  messages: Message[];
}
