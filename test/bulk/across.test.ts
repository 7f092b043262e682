import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditAcrossReports, type CopyFacts } from '../../src/bulk/across.js';
import { Store } from '../../src/bulk/store.js';
import type { Cell, Report } from '../../src/model/report.js';

const copy = (name: string, agency: string, year: number, cells: Record<string, number | null>): CopyFacts => ({
  name,
  agency,
  year,
  cells: () => new Map(Object.entries(cells)),
});

describe('rules across reports', () => {
  it('carry_continuity: this year\'s 上年结转 against last year\'s 结转下年度, on every file of the later report', () => {
    const findings = auditAcrossReports([
      copy('2022/a.html', '中牟县财政局', 2022, { 'requests:carried_forward:natural_person': 3, 'requests:carried_forward:total': 3 }),
      copy('2023/a.html', '郑州市中牟县财政局', 2023, { 'requests:carried_over:natural_person': 2, 'requests:carried_over:total': 3 }),
      copy('2023/a.pdf', '中牟县财政局', 2023, { 'requests:carried_over:natural_person': 2, 'requests:carried_over:total': 3 }),
    ]);
    for (const name of ['2023/a.html', '2023/a.pdf']) {
      expect(findings.get(name)?.map((f) => [f.rule, f.scope, f.expected, f.actual])).toEqual([['carry_continuity', 'natural_person', 3, 2]]);
    }
    expect(findings.get('2022/a.html')).toBeUndefined();
  });

  it('carry_continuity is not checked against an empty (not stated) figure', () => {
    const findings = auditAcrossReports([
      copy('a-2022.html', '甲局', 2022, { 'requests:carried_forward:total': null }),
      copy('a-2023.html', '甲局', 2023, { 'requests:carried_over:total': 5 }),
    ]);
    expect(findings.size).toBe(0);
  });

  it('conflicting_copies: one finding, on the copy that departs from the others, naming the cells', () => {
    const findings = auditAcrossReports([
      copy('page.html', '甲局', 2023, { 'requests:total:total': 10, 'requests:granted:total': 4 }),
      copy('attachment.pdf', '甲局', 2023, { 'requests:total:total': 11, 'requests:granted:total': 4 }),
      copy('copy.txt', '甲局', 2023, { 'requests:total:total': 10 }),
    ]);
    expect([...findings.keys()]).toEqual(['attachment.pdf']);
    expect(findings.get('attachment.pdf')).toEqual([
      expect.objectContaining({ rule: 'conflicting_copies', scope: 'copy.txt page.html', severity: 'error', cells: ['requests:total:total'] }),
    ]);
  });

  it('conflicting_copies: of two copies that disagree, the second by name is flagged', () => {
    const findings = auditAcrossReports([copy('b.pdf', '甲局', 2023, { 'requests:total:total': 11 }), copy('a.html', '甲局', 2023, { 'requests:total:total': 10 })]);
    expect([...findings.keys()]).toEqual(['b.pdf']);
  });

  it('in_force continuity is a warning: documents also lapse', () => {
    const findings = auditAcrossReports([
      copy('2022.html', '甲局', 2022, { 'active:regulations:in_force': 10 }),
      copy('2023.html', '甲局', 2023, { 'active:regulations:in_force': 9, 'active:regulations:issued': 2, 'active:regulations:repealed': 1 }),
    ]);
    expect(findings.get('2023.html')).toEqual([expect.objectContaining({ rule: 'in_force_continuity', severity: 'warning', expected: 11, actual: 9 })]);
  });

  it('no finding across files rests on an OCR reading that was not confirmed: such a cell is left out of the comparison', () => {
    const store = new Store(join(mkdtempSync(join(tmpdir(), 'xxgk-across-')), 'xxgk.db'));
    const cell = (value: number | null, ocr?: { confirmed: boolean }): Cell => ({
      table: 'requests', row: 'carried_over', column: 'total', value, raw: '8', kind: value === null ? 'unreadable' : 'number',
      source: { table: 0, row: 4, col: 9, label: '二、上年结转政府信息公开申请数量', ...(ocr ? { ocr: { confidence: 0.4, ...ocr } } : {}) },
    });
    const report = (file: string, cells: Cell[]): Report => ({
      file, status: 'ok', reader: 'pdf', formatVersion: '2021', title: null, agency: '甲局', year: 2023, sections: [], tables: [], cells, findings: [], messages: [],
    });
    const record = (name: string, cells: Cell[]) => store.recordReport({ name, path: name, size: 1, mtimeMs: 1, contentKey: name, ms: 0 }, report(name, cells));
    record('a.html', [cell(3)]);
    record('a-scan.pdf', [cell(null, { confirmed: false })]);
    record('2022.html', [{ ...cell(5), row: 'carried_forward' }]);
    try {
      store.setRunFiles(['2022.html', 'a-scan.pdf', 'a.html']);
      const findings = auditAcrossReports(
        [...store.runCopies()].map((copy) => ({ name: copy.name, agency: copy.agency, year: copy.name === '2022.html' ? 2022 : 2023, cells: () => store.cellValues(copy.contentId) })),
      );
      // a.html prints 3 where 2022 carried forward 5: a finding; the scan's unconfirmed cell takes part in none.
      expect([...findings].map(([name, list]) => [name, list.map((f) => f.rule)])).toEqual([['a.html', ['carry_continuity']]]);
    } finally {
      store.close();
    }
  });

  it('loads a report\'s cells only when a rule compares it, and once however many rules do', () => {
    const loads = new Map<string, number>();
    const counted = (name: string, agency: string, year: number): CopyFacts => ({
      name,
      agency,
      year,
      cells: () => {
        loads.set(name, (loads.get(name) ?? 0) + 1);
        return new Map([['requests:carried_over:total', 1], ['requests:carried_forward:total', 1]]);
      },
    });
    auditAcrossReports([
      counted('a-2021.html', '甲局', 2021),
      counted('a-2022.html', '甲局', 2022),
      counted('a-2023.html', '甲局', 2023),
      counted('lone-2023.html', '乙局', 2023),
      counted('gap-2020.html', '丙局', 2020),
      counted('gap-2022.html', '丙局', 2022),
    ]);
    expect(Object.fromEntries(loads)).toEqual({ 'a-2021.html': 1, 'a-2022.html': 1, 'a-2023.html': 1 });
  });
});
