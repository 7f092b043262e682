/** Order statistics the readers measure pictures and pages with (character heights, ruling positions). */

/** The value at quantile `q` (0–1) of a non-empty list: the lower of the two middle values for an even count. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

export function median(values: number[]): number {
  return quantile(values, 0.5);
}
