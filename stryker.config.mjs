// @ts-check
/**
 * Mutation testing (npm run test:mutation): Stryker plants one small bug at a time in the code where a bug would
 * accuse an agency or lose data, and checks that some test fails. Results and the HTML report go to .mutation/
 * (not tracked); a rerun only tests the mutants whose code or covering tests changed (incremental mode).
 * `npm run test:mutation -- --force` runs every mutant again.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
const config = {
  mutate: [
    'src/audit/**/*.ts',
    // The store, the export with the rules across files, agency names. Not pool.ts, worker.ts, export-thread.ts and
    // export-worker.ts (worker threads of the built command line and their plumbing, out of reach of mutants switched
    // on inside the test process) nor progress.ts (display only): the tests of the built command line cover them.
    'src/store/**/*.ts',
    'src/audit/across/**/*.ts',
    'src/run/export.ts',
    'src/normalise/**/*.ts',
    'src/export/**/*.ts',
    'extractors/zip.ts',
    'extractors/decode.ts',
    'extractors/geometry/lattice.ts',
    'extractors/geometry/stitch.ts',
  ],
  // The audit view's exporter writes the page script bundled from src/view/browser (dist/ is not copied).
  buildCommand: 'npm run build:view',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  // Each mutant runs only the tests that reach its code.
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: '.mutation/incremental.json',
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: '.mutation/report.html' },
  jsonReporter: { fileName: '.mutation/report.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false },
  // Only the mutated sources get `// @ts-nocheck` (the default pattern would rewrite test fixtures such as corpus/*.html).
  disableTypeChecks: '{src,extractors}/**/*.ts',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['dist', 'output', '.mutation', '.scratch', '.fixtures-*', '*.log'],
  // The machine's cores are shared: one test process by default (`-- --concurrency 2` for more).
  concurrency: 1,
  thresholds: { high: 90, low: 85, break: null },
};

export default config;
