/**
 * The layering of xxgk, checked by `npm test` (`npm run layers`). Each stage stands on the ones below it and imports
 * nothing above; docs/ARCHITECTURE.md draws the same floors. From the ground up:
 *
 *   src/core/                     the document model, messages and Result, text and number helpers, the template
 *   extractors/geometry/          tables from drawn lines: segments, lattice, glyph lines, stitching across pages
 *   extractors/ocr/               pictures read by OCR (stands on geometry)
 *   extractors/*                  one reader per format, all yielding the document model
 *   src/locate, src/normalise     sections and tables found, cells keyed (on the model only)
 *   src/audit/                    the rules of one report
 *   src/pipeline/                 one file: read → locate → normalise → audit
 *   src/store/                    the SQLite store
 *   src/audit/across/             the rules across files, over the store
 *   src/export/, src/view/        the outputs: they render findings (explained by audit/explain.ts), decide none
 *   src/run/                      a batch: inputs, worker pool, progress, the stages in order
 *   src/cli.ts, check.ts, index.ts the command line and the library's entry
 */
const below = (from, allowed) => ({
  from: { path: from },
  to: { path: '^(src|extractors)/', pathNot: allowed },
});

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes two modules one: neither can be understood, tested or moved alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-the-ground-floor',
      comment: 'src/core is what every reader and stage stands on: it imports nothing of ours above it.',
      severity: 'error',
      ...below('^src/core/', '^src/core/'),
    },
    {
      name: 'readers-stand-on-core-only',
      comment: 'A reader yields the document model; it knows nothing of locating, auditing, storing or exporting.',
      severity: 'error',
      ...below('^extractors/', '^(src/core/|extractors/)'),
    },
    {
      name: 'geometry-is-below-the-readers',
      comment: 'Tables from drawn lines serve the PDF, OFD and picture readers alike; it imports none of them.',
      severity: 'error',
      ...below('^extractors/geometry/', '^(src/core/|extractors/geometry/)'),
    },
    {
      name: 'ocr-is-below-the-document-readers',
      comment: 'The picture reader serves the PDF, web-page and Word readers; it imports none of them.',
      severity: 'error',
      ...below('^extractors/ocr/', '^(src/core/|extractors/(geometry|ocr)/|extractors/errors\\.ts$)'),
    },
    {
      name: 'locate-and-normalise-stand-on-the-model',
      comment: 'Locating and normalising work on the document model, whatever reader made it.',
      severity: 'error',
      ...below('^src/(locate|normalise)/', '^src/(core|locate|normalise)/'),
    },
    {
      name: 'one-report-audit-is-below-the-store',
      comment: 'The rules of one report see that report only; the rules across files are the stage above.',
      severity: 'error',
      ...below('^src/audit/(?!across/)', '^src/(core|normalise|audit)/(?!across/)|^src/audit/[^/]+$'),
    },
    {
      name: 'pipeline-is-one-file',
      comment: 'The pipeline reads and audits one file; storing, exporting and running a batch are above it.',
      severity: 'error',
      ...below('^src/pipeline/', '^(extractors/|src/(core|locate|normalise|audit|pipeline)/)'),
    },
    {
      name: 'store-stands-on-core-only',
      comment: 'The store keeps reports; it formats nothing for an output and runs no rule.',
      severity: 'error',
      ...below('^src/store/', '^src/(core|store)/'),
    },
    {
      name: 'across-files-audit-stands-on-the-store',
      comment: 'The rules across files read the store and hand their findings to the export; they export nothing.',
      severity: 'error',
      ...below('^src/audit/across/', '^src/(core|store|audit)/'),
    },
    {
      name: 'exporters-render-reports',
      comment:
        'An exporter renders reports and their findings (saying where, through audit/explain.ts); it reads no file and decides no rule.',
      severity: 'error',
      ...below('^src/export/', '^src/(core|export)/|^src/audit/explain\\.ts$'),
    },
    {
      name: 'the-view-renders-findings',
      comment: 'The audit view renders reports and findings (it may explain a rule, never decide one again).',
      severity: 'error',
      ...below('^src/view/', '^src/(core|export|view)/|^src/audit/explain\\.ts$'),
    },
    {
      name: 'the-run-is-below-the-command-line',
      comment: 'A batch runs the stages in order; the command line and the library entry stand on it.',
      severity: 'error',
      ...below('^src/run/', '^(extractors/|src/(core|locate|normalise|audit|pipeline|store|export|view|run)/)'),
    },
    {
      name: 'the-browser-code-is-the-page',
      comment: "The view's page code runs in the browser: it imports only itself.",
      severity: 'error',
      from: { path: '^src/view/browser/' },
      to: { path: '^(src|extractors)/', pathNot: '^src/view/browser/' },
    },
    {
      name: 'product-code-is-not-test-code',
      severity: 'error',
      from: { path: '^(src|extractors)/' },
      to: { path: '^(test|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
