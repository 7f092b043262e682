import { describe, expect, it } from 'vitest';
import { auditAcrossReports, type CopyFacts } from '../../src/bulk/across.js';

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
