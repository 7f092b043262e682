#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { runBatch, type BatchSummary } from './batch.js';
import { InputError } from './inputs.js';

/**
 * xxgk command line. Exit codes: 0 the run completed (flagged reports are results, not failures);
 * 2 usage error (unknown option, missing input); 1 the run could not complete (e.g. output not writable).
 */

const program = new Command()
  .name('xxgk')
  .description('Extract and audit 政府信息公开工作年度报告 (government information-disclosure annual reports).')
  .exitOverride()
  .showHelpAfterError();

program
  .command('extract')
  .description('read reports (HTML, text, and more), audit their tables, write reports.csv, cells.csv, findings.csv and one JSON per report')
  .argument('<inputs...>', 'report files or folders (searched recursively)')
  .option('-o, --out <dir>', 'output folder', 'output')
  .option('-q, --quiet', 'print only the summary')
  .action(async (inputs: string[], options: { out: string; quiet?: boolean }) => {
    const summary = await runBatch({
      inputs,
      outDir: options.out,
      onReport: (report, done, total) => {
        if (!options.quiet) process.stderr.write(`[${done}/${total}] ${report.status.padEnd(12)} ${report.file}${report.reason ? ` — ${report.reason}` : ''}\n`);
      },
    });
    printSummary(summary, options.out);
  });

function printSummary(summary: BatchSummary, outDir: string): void {
  const counts = Object.entries(summary.byStatus)
    .map(([status, n]) => `${status} ${n}`)
    .join(', ');
  const failed = (summary.byStatus.failed ?? 0) + (summary.byStatus.needs_ocr ?? 0);
  console.log(`reports: ${summary.total} (${counts}); flagged: ${summary.flagged.length}; failed: ${failed}`);
  for (const flagged of summary.flagged) console.log(`  flagged ${flagged.file}: ${flagged.rules.join(', ')}`);
  console.log(`output: ${outDir}/reports.csv, cells.csv, findings.csv, reports/*.json`);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof InputError) {
    console.error(`xxgk: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error(`xxgk: ${(error as Error).stack ?? error}`);
    process.exitCode = 1;
  }
}
