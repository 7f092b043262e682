/**
 * The mutants a mutation run left alive, by file, with the code each one changed: usage
 * `npx tsx scripts/mutation-survivors.ts [.mutation/report.json]` after `npm run test:mutation`.
 * Also prints the mutation score per folder (killed + timeout over all mutants but the ignored).
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';

interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';
  statusReason?: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

const report = JSON.parse(readFileSync(process.argv[2] ?? '.mutation/report.json', 'utf8')) as {
  files: Record<string, { source: string; mutants: Mutant[] }>;
};

const byFolder = new Map<string, { detected: number; valid: number }>();
for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const folder = dirname(file);
  const score = byFolder.get(folder) ?? { detected: 0, valid: 0 };
  const lines = source.split('\n');
  const alive = mutants
    .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
    .sort((a, b) => a.location.start.line - b.location.start.line);
  for (const m of mutants) {
    if (m.status === 'Ignored' || m.status === 'CompileError') continue;
    score.valid++;
    if (m.status === 'Killed' || m.status === 'Timeout') score.detected++;
  }
  byFolder.set(folder, score);
  if (alive.length === 0) continue;
  console.log(`\n${file} (${alive.length})`);
  for (const m of alive) {
    const { start, end } = m.location;
    const original =
      start.line === end.line
        ? lines[start.line - 1]!.slice(start.column - 1, end.column - 1)
        : `${lines[start.line - 1]!.slice(start.column - 1)} …`;
    const shorten = (text: string) => (text.length > 90 ? `${text.slice(0, 87)}…` : text).replace(/\s+/g, ' ');
    console.log(
      `  ${start.line}:${start.column} ${m.status === 'NoCoverage' ? '[no coverage] ' : ''}${m.mutatorName}: ${shorten(original)} → ${shorten(m.replacement ?? '')}`,
    );
  }
}
console.log('\nscore by folder (killed + timeout / all but ignored):');
let detected = 0;
let valid = 0;
for (const [folder, score] of [...byFolder].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`  ${folder}: ${((100 * score.detected) / score.valid).toFixed(2)}% (${score.detected}/${score.valid})`);
  detected += score.detected;
  valid += score.valid;
}
console.log(`  all: ${((100 * detected) / valid).toFixed(2)}% (${detected}/${valid})`);
