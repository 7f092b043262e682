/**
 * A function with its results kept, for what recurs across millions of cells (template keys, printed labels, the
 * store's dictionary ids): computed once per argument. At most `limit` results are kept, then all are forgotten at
 * once — a few thousand labels recur, but nothing stops a corpus from printing millions.
 */
export function memoize<K extends string | number, T>(compute: (key: K) => T, limit = 100_000): (key: K) => T {
  const results = new Map<K, T>();
  return (key) => {
    let result = results.get(key);
    if (result === undefined) {
      if (results.size >= limit) results.clear();
      results.set(key, (result = compute(key)));
    }
    return result;
  };
}
