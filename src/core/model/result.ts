import type { Message } from './messages.js';

/**
 * A value with what was noticed on the way to it — mammoth's `Result {value, messages}`: every reader and stage
 * returns one, and the messages travel with the value to the report instead of being logged, thrown or pushed into
 * an array handed down. Combining results keeps every message, in order.
 */
export interface Result<T> {
  value: T;
  messages: Message[];
}

export function result<T>(value: T, messages: Message[] = []): Result<T> {
  return { value, messages };
}

/** The values of several results, with all their messages in order. */
export function combine<T>(results: readonly Result<T>[]): Result<T[]> {
  return { value: results.map((r) => r.value), messages: results.flatMap((r) => r.messages) };
}

/** The value changed, the messages kept. */
export function mapResult<T, U>(from: Result<T>, change: (value: T) => U): Result<U> {
  return { value: change(from.value), messages: from.messages };
}

/**
 * A further step that has messages of its own: they follow the first step's. (Not named `then`: a module that
 * exports `then` is taken for a promise by `import()`.)
 */
export function andThen<T, U>(from: Result<T>, next: (value: T) => Result<U>): Result<U> {
  const after = next(from.value);
  return { value: after.value, messages: [...from.messages, ...after.messages] };
}

/** The same result with more messages after its own. */
export function withMessages<T>(from: Result<T>, messages: readonly Message[]): Result<T> {
  return messages.length === 0 ? from : { value: from.value, messages: [...from.messages, ...messages] };
}
