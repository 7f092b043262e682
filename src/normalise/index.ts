import type { Located } from '../locate/index.js';
import type { TableKey } from '../core/template/template.js';
import { normaliseActive } from './active.js';
import { normaliseRequests } from './requests.js';
import { normaliseReview } from './review.js';
import type { NormalisedTable } from './table.js';

const NORMALISERS = { active: normaliseActive, requests: normaliseRequests, review_litigation: normaliseReview };

/** Every located template table, normalised to keyed cells. */
export function normalise(located: Located): NormalisedTable[] {
  const tables: NormalisedTable[] = [];
  for (const key of Object.keys(NORMALISERS) as TableKey[]) {
    const region = located.regions.get(key);
    if (region) tables.push(NORMALISERS[key](region));
  }
  return tables;
}

export type { NormalisedTable };
