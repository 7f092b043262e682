import { describe, expect, it } from 'vitest';
import { ReadError } from '../../extractors/errors.js';
import { readDocument } from '../../extractors/index.js';
import { odtBytes, reportBlocks, reportSheet, workbookBytes, zipBytes } from '../fixtures/office-builders.js';
import { balancedReport } from '../fixtures/report-builder.js';

/** Bytes flipped at random (seeded): a reader either reads the file or refuses it with a ReadError, never crashes. */
function mutate(bytes: Uint8Array, seed: number): Uint8Array {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31);
  const copy = new Uint8Array(bytes);
  for (let i = 0; i < 8; i++) copy[next() % copy.length] = next() % 256;
  return copy;
}

describe('Fuzzed spreadsheets, OpenDocument texts and archives', () => {
  it('are read or refused with a reason, never a crash', async () => {
    const blocks = reportBlocks(balancedReport(3));
    const samples: [string, Uint8Array][] = [
      ['f.xlsx', workbookBytes({ S: reportSheet(blocks) }, 'xlsx')],
      ['f.xls', workbookBytes({ S: reportSheet(blocks) }, 'xls')],
      ['f.ods', workbookBytes({ S: reportSheet(blocks) }, 'ods')],
      ['f.odt', await odtBytes(blocks)],
      ['f.zip', await zipBytes({ 'a.txt': '报告', 'b.txt': '附件' })],
    ];
    for (const [name, bytes] of samples) {
      for (let seed = 1; seed <= 12; seed++) {
        const outcome = await readDocument(mutate(bytes, seed), { name }).then(
          () => 'read',
          (error: unknown) => error,
        );
        if (outcome !== 'read') expect(outcome, `${name} seed ${seed}`).toBeInstanceOf(ReadError);
      }
    }
  });
});
