import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { renderDocx } from '../fixtures/docx-builder.js';
import { balancedReport } from '../fixtures/report-builder.js';
import { zipBombDocx } from '../fixtures/zip-bomb.js';
import { extractText } from '../helpers.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** Archives that must be refused with a clear reason, before they can exhaust memory. (Time and memory: npm run bench:zip.) */
describe('unsafe or broken Word archives', () => {
  it('refuses a zip bomb that inflates to 2 GiB', async () => {
    const report = await extractText(zipBombDocx(2 * GiB), 'bomb.docx');
    expect(report.status).toBe('failed');
    expect(report.reason).toMatch(/^too_large: refused as a zip bomb: word\/document.xml inflates \d+× to 2.0 GiB/);
  });

  it('stops a bomb whose headers lie about its size as soon as it inflates past the declared size', async () => {
    const report = await extractText(zipBombDocx(128 * MiB, 4096), 'liar.docx');
    expect(report.status).toBe('failed');
    expect(report.reason).toBe('too_large: refused as a zip bomb: word/document.xml inflates past the 4096 bytes it declares');
  });

  it('a truncated .docx is corrupt', async () => {
    const bytes = await renderDocx(balancedReport(1));
    const report = await extractText(bytes.subarray(0, Math.floor(bytes.length / 2)), 'cut.docx');
    expect(report.status).toBe('failed');
    expect(report.reason).toMatch(/^corrupt: not a readable zip archive/);
  });

  it('a spreadsheet renamed .docx is not a Word document', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/workbook.xml', '<workbook/>');
    const report = await extractText(await zip.generateAsync({ type: 'nodebuffer' }), 'table.docx');
    expect(report.status).toBe('failed');
    expect(report.reason).toBe('unsupported: not a Word document: the file is an Excel workbook with no word/document.xml');
  });
});
