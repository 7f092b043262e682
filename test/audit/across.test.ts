import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditAcrossReports, type CopyFacts } from '../../src/audit/across/rules.js';
import { Store } from '../../src/store/store.js';
import type { Cell, Report } from '../../src/core/model/report.js';

const copy = (name: string, agency: string, year: number, cells: Record<string, number | null>): CopyFacts => ({
  name,
  agency,
  year,
  cells: () => new Map(Object.entries(cells)),
});

describe('rules across reports', () => {
  it("carry_continuity: this year's 上年结转 against last year's 结转下年度, on every file of the later report", () => {
    const findings = auditAcrossReports([
      copy('2022/a.html', '中牟县财政局', 2022, {
        'requests:carried_forward:natural_person': 3,
        'requests:carried_forward:total': 3,
      }),
      copy('2023/a.html', '郑州市中牟县财政局', 2023, {
        'requests:carried_over:natural_person': 2,
        'requests:carried_over:total': 3,
      }),
      copy('2023/a.pdf', '中牟县财政局', 2023, {
        'requests:carried_over:natural_person': 2,
        'requests:carried_over:total': 3,
      }),
    ]);
    for (const name of ['2023/a.html', '2023/a.pdf']) {
      expect(findings.get(name)?.map((f) => [f.rule, f.scope, f.expected, f.actual])).toEqual([
        ['carry_continuity', 'natural_person', 3, 2],
      ]);
    }
    expect(findings.get('2022/a.html')).toBeUndefined();
  });

  it("finds each agency's years whatever order the copies come in", () => {
    const earlier = (name: string, agency: string) => copy(name, agency, 2022, { 'requests:carried_forward:total': 3 });
    const later = (name: string, agency: string) => copy(name, agency, 2023, { 'requests:carried_over:total': 2 });
    const findings = auditAcrossReports([
      later('b-2023', '乙局'),
      later('a-2023', '甲局'),
      earlier('b-2022', '乙局'),
      earlier('a-2022', '甲局'),
    ]);
    expect([...findings.keys()].sort()).toEqual(['a-2023', 'b-2023']);
    for (const name of ['a-2023', 'b-2023'])
      expect(findings.get(name)!.map((f) => [f.rule, f.expected, f.actual])).toEqual([['carry_continuity', 3, 2]]);
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
      expect.objectContaining({
        rule: 'conflicting_copies',
        scope: 'copy.txt page.html',
        severity: 'error',
        cells: ['requests:total:total'],
      }),
    ]);
  });

  it('conflicting_copies: of two copies that disagree, the second by name is flagged', () => {
    const findings = auditAcrossReports([
      copy('b.pdf', '甲局', 2023, { 'requests:total:total': 11 }),
      copy('a.html', '甲局', 2023, { 'requests:total:total': 10 }),
    ]);
    expect([...findings.keys()]).toEqual(['b.pdf']);
  });

  it('in_force continuity is a warning: documents also lapse', () => {
    const findings = auditAcrossReports([
      copy('2022.html', '甲局', 2022, { 'active:regulations:in_force': 10 }),
      copy('2023.html', '甲局', 2023, {
        'active:regulations:in_force': 9,
        'active:regulations:issued': 2,
        'active:regulations:repealed': 1,
      }),
    ]);
    expect(findings.get('2023.html')).toEqual([
      expect.objectContaining({ rule: 'in_force_continuity', severity: 'warning', expected: 11, actual: 9 }),
    ]);
  });

  it('no finding across files rests on an OCR reading that was not confirmed: such a cell is left out of the comparison', () => {
    const store = new Store(join(mkdtempSync(join(tmpdir(), 'xxgk-across-')), 'xxgk.db'));
    const cell = (value: number | null, ocr?: { confirmed: boolean }): Cell => ({
      table: 'requests',
      row: 'carried_over',
      column: 'total',
      value,
      raw: '8',
      kind: value === null ? 'unreadable' : 'number',
      source: {
        table: 0,
        row: 4,
        col: 9,
        label: '二、上年结转政府信息公开申请数量',
        ...(ocr ? { ocr: { confidence: 0.4, ...ocr } } : {}),
      },
    });
    const report = (file: string, cells: Cell[]): Report => ({
      file,
      status: 'ok',
      reader: 'pdf',
      formatVersion: '2021',
      title: null,
      agency: '甲局',
      year: 2023,
      sections: [],
      tables: [],
      cells,
      findings: [],
      messages: [],
    });
    const record = (name: string, cells: Cell[]) =>
      store.recordReport({ name, path: name, size: 1, mtimeMs: 1, contentKey: name, ms: 0 }, report(name, cells));
    record('a.html', [cell(3)]);
    record('a-scan.pdf', [cell(null, { confirmed: false })]);
    record('2022.html', [{ ...cell(5), row: 'carried_forward' }]);
    try {
      store.setRunFiles(['2022.html', 'a-scan.pdf', 'a.html']);
      const findings = auditAcrossReports(
        [...store.runCopies()].map((copy) => ({
          name: copy.name,
          agency: copy.agency,
          year: copy.name === '2022.html' ? 2022 : 2023,
          cells: () => store.cellValues(copy.contentId),
        })),
      );
      // a.html prints 3 where 2022 carried forward 5: a finding; the scan's unconfirmed cell takes part in none.
      expect([...findings].map(([name, list]) => [name, list.map((f) => f.rule)])).toEqual([
        ['a.html', ['carry_continuity']],
      ]);
    } finally {
      store.close();
    }
  });

  it("loads a report's cells only when a rule compares it, and once however many rules do", () => {
    const loads = new Map<string, number>();
    const counted = (name: string, agency: string, year: number): CopyFacts => ({
      name,
      agency,
      year,
      cells: () => {
        loads.set(name, (loads.get(name) ?? 0) + 1);
        return new Map([
          ['requests:carried_over:total', 1],
          ['requests:carried_forward:total', 1],
        ]);
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

describe('rules across reports: carry-over', () => {
  it('a blank 上年结转 this year is never an error, whatever last year carried forward', () => {
    const findings = auditAcrossReports([
      copy('2022.html', '甲局', 2022, {
        'requests:carried_forward:natural_person': 3,
        'requests:carried_forward:total': 3,
      }),
      copy('2023.html', '甲局', 2023, {
        'requests:carried_over:natural_person': null,
        'requests:carried_over:total': 0,
      }),
    ]);
    expect(findings.get('2023.html')?.map((f) => [f.rule, f.scope, f.expected, f.actual])).toEqual([
      ['carry_continuity', 'total', 3, 0],
    ]);
  });

  it("a 上年结转 cell this year's report does not print is not compared", () => {
    const findings = auditAcrossReports([
      copy('2022.html', '甲局', 2022, { 'requests:carried_forward:total': 3 }),
      copy('2023.html', '甲局', 2023, { 'requests:new_received:total': 5 }),
    ]);
    expect(findings.size).toBe(0);
  });

  it('equal figures raise nothing, and the message names both figures, the year and the file compared with', () => {
    const findings = auditAcrossReports([
      copy('2022/a.html', '甲局', 2022, {
        'requests:carried_forward:natural_person': 3,
        'requests:carried_forward:total': 4,
      }),
      copy('2023/a.html', '甲局', 2023, {
        'requests:carried_over:natural_person': 3,
        'requests:carried_over:total': 5,
      }),
    ]);
    expect(findings.get('2023/a.html')).toEqual([
      {
        rule: 'carry_continuity',
        scope: 'total',
        severity: 'error',
        expected: 4,
        actual: 5,
        message: 'total: 上年结转 5, but the 2022 report (2022/a.html) carried forward 结转下年度 4',
        cells: ['requests:carried_over:total'],
      },
    ]);
  });

  it("compares with the first copy of last year's report, by name, that prints the cell", () => {
    const findings = auditAcrossReports([
      copy('2022/c.txt', '甲局', 2022, { 'requests:carried_forward:total': 4 }),
      copy('2022/a.pdf', '甲局', 2022, { 'requests:new_received:total': 9 }),
      copy('2022/b.html', '甲局', 2022, { 'requests:carried_forward:total': 3 }),
      copy('2023.html', '甲局', 2023, { 'requests:carried_over:total': 4 }),
    ]);
    expect(findings.get('2023.html')?.map((f) => [f.rule, f.expected, f.actual, f.message])).toEqual([
      ['carry_continuity', 3, 4, 'total: 上年结转 4, but the 2022 report (2022/b.html) carried forward 结转下年度 3'],
    ]);
  });

  it('compares only with the year just before, and only the same agency', () => {
    const findings = auditAcrossReports([
      copy('2021.html', '甲局', 2021, { 'requests:carried_forward:total': 9 }),
      copy('2022-other.html', '乙局', 2022, { 'requests:carried_forward:total': 9 }),
      copy('2023.html', '甲局', 2023, { 'requests:carried_over:total': 1 }),
    ]);
    expect(findings.size).toBe(0);
  });

  it('a report without an agency or a year is never compared with another', () => {
    const findings = auditAcrossReports([
      { name: 'a.html', agency: null, year: 2023, cells: () => new Map([['requests:total:total', 10]]) },
      { name: 'b.html', agency: null, year: 2023, cells: () => new Map([['requests:total:total', 11]]) },
      { name: 'c.html', agency: '甲局', year: null, cells: () => new Map([['requests:total:total', 10]]) },
      { name: 'd.html', agency: '甲局', year: null, cells: () => new Map([['requests:total:total', 11]]) },
    ]);
    expect(findings.size).toBe(0);
  });

  it('loads the cells of a report only when another report needs comparing with it', () => {
    const loaded: string[] = [];
    const counted = (name: string, agency: string, year: number, cells: Record<string, number | null>): CopyFacts => ({
      ...copy(name, agency, year, cells),
      cells: () => {
        loaded.push(name);
        return new Map(Object.entries(cells));
      },
    });
    auditAcrossReports([
      counted('alone.html', '丙局', 2023, { 'requests:total:total': 1 }),
      counted('2022.html', '甲局', 2022, { 'requests:carried_forward:total': 1 }),
      counted('2023.html', '甲局', 2023, { 'requests:carried_over:total': 1 }),
    ]);
    expect(loaded.sort()).toEqual(['2022.html', '2023.html']);
  });
});

describe('rules across reports: copies of one report', () => {
  it('lists at most six differing cells in the message, empty cells as "empty", every one in cells', () => {
    const cells = (base: number) =>
      Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`requests:granted:c${i}`, i === 7 ? null : base + i]));
    const findings = auditAcrossReports([
      copy('a.html', '甲局', 2023, cells(10)),
      copy('b.html', '甲局', 2023, { ...cells(20), 'requests:granted:c7': 5 }),
    ]);
    expect([...findings.keys()]).toEqual(['b.html']);
    const [finding] = findings.get('b.html')!;
    expect(finding).toEqual({
      rule: 'conflicting_copies',
      scope: 'a.html',
      severity: 'error',
      expected: null,
      actual: null,
      message:
        'other copies of the 甲局 2023 report (a.html) print different numbers in 8 cells: requests:granted:c0 20 vs 10; requests:granted:c1 21 vs 11; ' +
        'requests:granted:c2 22 vs 12; requests:granted:c3 23 vs 13; requests:granted:c4 24 vs 14; requests:granted:c5 25 vs 15 …',
      cells: Array.from({ length: 8 }, (_, i) => `requests:granted:c${i}`),
    });
  });

  it('adds no ellipsis when exactly six cells differ', () => {
    const cells = (base: number) =>
      Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`requests:granted:c${i}`, base + i]));
    const [finding] = auditAcrossReports([
      copy('a.html', '甲局', 2023, cells(10)),
      copy('b.html', '甲局', 2023, cells(20)),
    ]).get('b.html')!;
    expect(finding!.message).toMatch(/ in 6 cells: .*requests:granted:c5 25 vs 15$/);
  });

  it('says "empty" for a cell the other copies leave empty, and adds no ellipsis up to six cells', () => {
    const findings = auditAcrossReports([
      copy('a.html', '甲局', 2023, { 'requests:total:total': null }),
      copy('b.html', '甲局', 2023, { 'requests:total:total': null }),
      copy('c.html', '甲局', 2023, { 'requests:total:total': 7 }),
    ]);
    expect(findings.get('c.html')?.map((f) => [f.scope, f.message])).toEqual([
      [
        'a.html b.html',
        'other copies of the 甲局 2023 report (a.html, b.html) print different numbers in 1 cells: requests:total:total 7 vs empty',
      ],
    ]);
  });

  it('reports of two agencies for the same year are not copies of each other, whatever they print', () => {
    expect(
      auditAcrossReports([
        copy('a.html', '甲局', 2023, { 'requests:total:total': 10 }),
        copy('b.html', '乙局', 2023, { 'requests:total:total': 11 }),
      ]).size,
    ).toBe(0);
  });

  it('identical copies raise nothing', () => {
    const same = { 'requests:total:total': 10, 'requests:granted:total': 4 };
    expect(auditAcrossReports([copy('a.html', '甲局', 2023, same), copy('b.pdf', '甲局', 2023, same)]).size).toBe(0);
  });
});

describe('rules across reports: documents in force', () => {
  const last = copy('2022.html', '甲局', 2022, {
    'active:regulations:in_force': 10,
    'active:normative_documents:in_force': 20,
  });

  it("says how last year's figure, this year's issued and repealed add up", () => {
    const findings = auditAcrossReports([
      last,
      copy('2023.html', '甲局', 2023, {
        'active:regulations:in_force': 11,
        'active:regulations:issued': 2,
        'active:regulations:repealed': 1,
        'active:normative_documents:in_force': 19,
        'active:normative_documents:issued': 3,
        'active:normative_documents:repealed': 1,
      }),
    ]);
    expect(findings.get('2023.html')).toEqual([
      {
        rule: 'in_force_continuity',
        scope: 'normative_documents',
        severity: 'warning',
        expected: 22,
        actual: 19,
        message:
          "normative_documents: 现行有效 19, but last year's 20 + 本年制发 3 − 本年废止 1 = 22 (documents may also lapse)",
        cells: [
          'active:normative_documents:in_force',
          'active:normative_documents:issued',
          'active:normative_documents:repealed',
        ],
      },
    ]);
  });

  it.each([
    ['in_force', null],
    ['issued', null],
    ['repealed', null],
  ])("is not checked when this year's %s is empty", (column, value) => {
    const cells: Record<string, number | null> = {
      'active:regulations:in_force': 5,
      'active:regulations:issued': 2,
      'active:regulations:repealed': 1,
    };
    cells[`active:regulations:${column}`] = value;
    expect(auditAcrossReports([last, copy('2023.html', '甲局', 2023, cells)]).size).toBe(0);
  });

  it("is not checked when last year's figure is empty", () => {
    const findings = auditAcrossReports([
      copy('2022.html', '甲局', 2022, { 'active:regulations:in_force': null }),
      copy('2023.html', '甲局', 2023, {
        'active:regulations:in_force': 5,
        'active:regulations:issued': 2,
        'active:regulations:repealed': 1,
      }),
    ]);
    expect(findings.size).toBe(0);
  });
});
