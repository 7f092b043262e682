import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import type { RunnerTestCase } from 'vitest';
import { BaseSequencer, type Reporter, type TestSpecification, type Vitest } from 'vitest/node';
import { BUILT_CODE_TESTS } from './vitest.config.js';

/**
 * The tests `npm run test:mutation` runs against each mutant. Stryker switches mutants on inside the test process,
 * so tests of the built command line (a child process running dist/) cannot see them: they are left out, and no
 * build is made.
 */

/**
 * A mutant is done as soon as one test fails, so the test files that failed last (they test the code next to the
 * mutant before) run first, then the quickest: a small unit test file kills most mutants before a file reading whole
 * documents has even loaded its readers.
 */
class QuickFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const results = (spec: TestSpecification) =>
      this.ctx.cache.getFileTestResults(`${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`);
    const size = (spec: TestSpecification) =>
      this.ctx.cache.getFileStats(`${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`)?.size ?? 0;
    return [...files].sort((a, b) => {
      const [ra, rb] = [results(a), results(b)];
      const [fa, fb] = [ra?.failed ?? false, rb?.failed ?? false];
      if (fa !== fb) return fa ? -1 : 1;
      if (ra && rb) return ra.duration - rb.duration;
      return size(a) - size(b);
    });
  }
}

/**
 * Stryker's vitest runner judges a mutant by the tests it collected, and a test file whose import throws collects
 * none: a mutant that stops a module from loading (an emptied initialiser at module level) was reported as surviving,
 * though the suite cannot even load (stryker-js#6150). Such a file counts here as one failed test, carrying the error.
 */
class UnloadableFileFails implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(): void {
    for (const file of this.vitest?.state.getFiles() ?? []) {
      if (file.result?.state !== 'fail' || file.tasks.length > 0) continue;
      const loads = {
        type: 'test',
        id: `${file.id}_loads`,
        name: 'the test file loads',
        mode: 'run',
        file,
        meta: {},
        annotations: [],
        artifacts: [],
        result: { state: 'fail', errors: file.result.errors, duration: 0 },
      };
      // A test only vitest can build in full (its context); nothing reads the rest once the run has ended.
      file.tasks.push(loads as unknown as RunnerTestCase);
    }
  }
}

/**
 * Tests that read pictures by OCR (seconds each): a surviving mutant in code they pass through (stitching, the
 * normalisers) would run them again and again. The code in scope they reach is tested on its own: scanned
 * continuations in test/extractors/geometry/stitch.test.ts, OCR readings in the normalisers' and audit tests.
 */
const PICTURE_TESTS = [
  'test/pipeline/picture-reports.test.ts',
  'test/extractors/ocr/ocr.test.ts',
  'test/extractors/ocr/seals.test.ts',
  'test/pipeline/garbled-pdf.test.ts',
];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...BUILT_CODE_TESTS, ...PICTURE_TESTS],
    testTimeout: 60_000,
    sequence: { sequencer: QuickFirstSequencer },
    reporters: ['default', new UnloadableFileFails()],
  },
});
