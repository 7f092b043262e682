import { defineConfig } from 'vitest/config';

/** Tests that run the built command line (dist/) in a child process: they need a build that matches the sources. */
export const BUILT_CODE_TESTS = [
  'test/cli/**/*.test.ts',
  'test/bulk/batch.test.ts',
  'test/bulk/store.test.ts',
  'test/queue/queue.test.ts',
  'test/extractors/ocr-recogniser.test.ts',
  'test/view/browser.test.ts',
];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Rebuilds dist/ first when a source is newer than its build, so `npx vitest run` after an edit tests the edit.
    globalSetup: ['test/setup/build.ts'],
  },
});
