import { defineConfig } from 'vitest/config';

/** Tests that run the built command line (dist/) in a child process: they need a build that matches the sources. */
export const BUILT_CODE_TESTS = [
  'test/cli/**/*.test.ts',
  'test/run/batch.test.ts',
  'test/store/store.test.ts',
  'test/extractors/ocr/recogniser.test.ts',
  'test/run/queue/queue.test.ts',
  'test/view/browser.test.ts',
  'test/view/unchecked.test.ts',
];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Rebuilds dist/ first when a source is newer than its build, so `npx vitest run` after an edit tests the edit.
    globalSetup: ['test/setup/build.ts'],
    // The language people read is chosen by the locale (src/i18n/lang.ts): the tests expect the default, Chinese,
    // whatever the machine's locale; the tests of English ask for it themselves.
    env: { LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
  },
});
