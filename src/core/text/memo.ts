/**
 * A function of a text with its results kept, for text that recurs across millions of cells (template keys, printed
 * labels): computed once per text. At most `limit` texts are kept, then all are forgotten at once — a few thousand
 * labels recur, but nothing stops a corpus from printing millions.
 */
export function memoize<T>(compute: (text: string) => T, limit = 100_000): (text: string) => T {
  const results = new Map<string, T>();
  return (text) => {
    let result = results.get(text);
    if (result === undefined) {
      if (results.size >= limit) results.clear();
      results.set(text, (result = compute(text)));
    }
    return result;
  };
}
