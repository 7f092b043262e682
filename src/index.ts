/** Library entry: `import { extractReport } from 'xxgk'`. */
export { extractReport, extractFromBytes } from './pipeline.js';
export { assembleReport } from './assemble.js';
export { runBatch, type BatchOptions, type BatchSummary } from './batch.js';
export { readDocument } from '../extractors/index.js';
export { reportSchema, cellSchema, findingSchema, type Report, type Cell, type Finding, type ReportStatus } from './model/report.js';
export { documentSchema, type DocumentModel, type Block, type TableBlock } from './model/document.js';
