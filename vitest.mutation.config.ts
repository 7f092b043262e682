import { defineConfig } from 'vitest/config';
import { BUILT_CODE_TESTS } from './vitest.config.js';

/**
 * The tests `npm run test:mutation` runs against each mutant. Stryker switches mutants on inside the test process,
 * so tests of the built command line (a child process running dist/) cannot see them: they are left out, and no
 * build is made.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...BUILT_CODE_TESTS],
    testTimeout: 60_000,
  },
});
