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
 * Code of the PDF reader's warning for a table without rulings whose row labels wrap: it is left unread, and a
 * report missing tables for that reason says so.
 */
export const WRAPPED_LABELS = 'wrapped_labels';

export function warning(code: string, message: string): Message {
  return { level: 'warning', code, message };
}
