import { z } from 'zod';

/**
 * A message travels with the data it concerns (mammoth's Result pattern): each stage returns its value together
 * with what it noticed, and the pipeline concatenates them into the report instead of logging anything.
 */
export const messageSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  code: z.string(),
  message: z.string(),
});
export type Message = z.infer<typeof messageSchema>;

export interface Result<T> {
  value: T;
  messages: Message[];
}

export function result<T>(value: T, messages: Message[] = []): Result<T> {
  return { value, messages };
}

export function warning(code: string, message: string): Message {
  return { level: 'warning', code, message };
}

export function info(code: string, message: string): Message {
  return { level: 'info', code, message };
}
