/** Library entry: `import { extractReport } from 'xxgk'`. */
export { extractReport, extractFromBytes } from './pipeline/extract.js';
export { assembleReport } from './pipeline/assemble.js';
export { runBatch, type BatchOptions, type BatchSummary } from './run/batch.js';
export { readDocument } from '../extractors/index.js';
/** OCR's recognisers do not keep a program alive while idle; `shutdownRecognisers` frees their memory at once. */
export { readPicture, shutdownRecognisers, type PictureSource, type PictureReading } from '../extractors/ocr/index.js';
export {
  reportSchema,
  cellSchema,
  findingSchema,
  type Report,
  type Cell,
  type Finding,
  type ReportStatus,
} from './core/model/report.js';
export { documentSchema, type DocumentModel, type Block, type TableBlock } from './core/model/document.js';
