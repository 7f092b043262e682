import { z } from 'zod';

/**
 * A message travels with the data it concerns (mammoth's Result pattern): each stage returns its value together
 * with what it noticed (ReaderOutput.warnings, NormalisedTable.messages), and the pipeline gathers them into the
 * report instead of logging anything.
 */
export const messageSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  code: z.string(),
  message: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

/**
 * Code of the readers' warning for a table whose row labels wrap and nothing shows which line belongs to which row
 * (a PDF table without rulings, a layout-text copy): it is left unread, and a report missing tables says why.
 */
export const WRAPPED_LABELS = 'wrapped_labels';

export function warning(code: string, message: string): Message {
  return { level: 'warning', code, message };
}

/** A note that changes nothing a user relies on: kept in findings.csv as `info`, not counted among warnings. */
export function info(code: string, message: string): Message {
  return { level: 'info', code, message };
}
