/**
 * Stand-in for the gazetteer (GB/T 2260 行政区划代码) another branch adds under this same path and signature: it
 * knows no place yet, so the panel's `place` and `place_code` stay empty — never guessed. The real gazetteer
 * replaces this file when the branches merge.
 */

export interface Place {
  code: string;
  name: string;
  province: string | null;
  city: string | null;
  county: string | null;
}

export function placeOfAgency(agency: string, hints?: readonly string[]): Place | null {
  void agency;
  void hints;
  return null;
}
