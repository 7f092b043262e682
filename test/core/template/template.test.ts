import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ACTIVE_COLUMNS,
  ACTIVE_LAYOUT,
  ACTIVE_ROWS,
  REQUEST_COLUMNS,
  REQUEST_ROWS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  requestDataRows,
} from '../../../src/core/template/template.js';
import { fixturePath } from '../../helpers.js';

/** The template in code agrees with the specification's template.json (a copy is kept in test/fixtures). */
const spec = JSON.parse(readFileSync(fixturePath('spec-template.json'), 'utf8')) as {
  versions: Record<
    '2021' | '2019',
    {
      active: { heading: string; columns: { key: string; label: string }[]; rows: { key: string; label: string }[] }[];
      requests: {
        columns: { key: string; label: string }[];
        rows: { key: string | null; level: number; label: string }[];
      };
      review_litigation: { groups: { key: string; label: string }[]; columns: { key: string; label: string }[] };
    }
  >;
};

describe('template', () => {
  for (const version of ['2021', '2019'] as const) {
    const v = spec.versions[version];
    it(`${version}: section 二 blocks, row and column keys and labels`, () => {
      expect(ACTIVE_LAYOUT[version].map((b) => ({ heading: b.heading, rows: b.rows, columns: b.columns }))).toEqual(
        v.active.map((b) => ({
          heading: b.heading,
          rows: b.rows.map((r) => r.key),
          columns: b.columns.map((c) => c.key),
        })),
      );
      for (const block of v.active) {
        for (const row of block.rows)
          expect([
            ACTIVE_ROWS.find((r) => r.key === row.key)?.label,
            ...(ACTIVE_ROWS.find((r) => r.key === row.key)?.aliases ?? []),
          ]).toContain(row.label);
        for (const column of block.columns) {
          const def = ACTIVE_COLUMNS.find((c) => c.key === column.key);
          expect([def?.label, ...(def?.aliases ?? [])]).toContain(column.label);
        }
      }
    });

    it(`${version}: section 三 rows in order, and its columns`, () => {
      expect(requestDataRows(version)).toEqual(v.requests.rows.filter((r) => r.key !== null).map((r) => r.key));
      for (const row of v.requests.rows.filter((r) => r.key !== null && r.key !== 'other')) {
        expect(REQUEST_ROWS.find((r) => r.key === row.key)).toMatchObject({ label: row.label, level: row.level });
      }
      expect(REQUEST_COLUMNS.map((c) => [c.key, c.label])).toEqual(v.requests.columns.map((c) => [c.key, c.label]));
    });

    it(`${version}: section 四 groups and columns`, () => {
      expect(REVIEW_GROUPS.map((g) => [g.key, g.label])).toEqual(
        v.review_litigation.groups.map((g) => [g.key, g.label]),
      );
      expect(REVIEW_COLUMNS.map((c) => [c.key, c.label])).toEqual(
        v.review_litigation.columns.map((c) => [c.key, c.label]),
      );
    });
  }
});
