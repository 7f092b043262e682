import { describe, expect, it } from 'vitest';
import { htmlToDocument } from '../../extractors/html.js';
import { textToDocument } from '../../extractors/text.js';
import { findTitle, parseTitle } from '../../src/locate/title.js';

describe('report title', () => {
  it.each([
    ['汝州市人力资源和社会保障局2021年政府信息公开工作年度报告', '汝州市人力资源和社会保障局', 2021],
    ['2019年上海市人民政府办公厅政府信息公开工作年度报告', '上海市人民政府办公厅', 2019],
    [
      '平潭综合实验区2019年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会',
      '平潭综合实验区',
      2019,
    ],
    ['卢氏县国防动员办公室 2023 年政府信息公开工作年度报告', '卢氏县国防动员办公室', 2023],
    ['标题：平潭综合实验区2021年度政府信息公开工作年度报告', '平潭综合实验区', 2021],
    ['关于沭阳县发展和改革局2023年政府信息公开年度报告', '沭阳县发展和改革局', 2023],
  ])('%s', (text, agency, year) => {
    expect(parseTitle(text)).toMatchObject({ agency, year });
  });

  it('joins a title printed over two lines (agency, then year and report)', () => {
    const title = findTitle({
      blocks: [
        { kind: 'text', text: '洪泽区人民政府' },
        { kind: 'text', text: '2023 年政府信息公开工作年度报告' },
      ],
    });
    expect(title).toMatchObject({ agency: '洪泽区人民政府', year: 2023 });
  });

  it('finds nothing in a page that is not a report', () => {
    expect(parseTitle('关于开展2023年植树节活动的通知')).toBeUndefined();
  });

  describe('a title wrapped over lines or split by markup', () => {
    const body = '本年度报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）的要求编制。';
    it.each([
      [
        'year first, wrapped after 信息公开',
        '正文\n2025 年上海市人民政府办公厅政府信息公开\n工作年度报告',
        '上海市人民政府办公厅',
        2025,
      ],
      ['agency first over three lines', '洪泽区人民政府\n2023年政府信息公开\n工作年度报告', '洪泽区人民政府', 2023],
      ['spaces inside the year', '卢氏县财政局\n2 0 2 3 年政府信息公开\n工作年度报告', '卢氏县财政局', 2023],
      [
        'agency wrapped in its name',
        '2024年平潭综合实验区\n管理委员会政府信息公开工作年度报告',
        '平潭综合实验区管理委员会',
        2024,
      ],
    ])('%s', (_case, head, agency, year) => {
      expect(findTitle(textToDocument(`${head}\n${body}\n`))).toMatchObject({ agency, year });
    });

    it('reads a title split by <br> and <span> in a web page', () => {
      const page =
        '<h1><span>2 0 2 2</span>年沭阳县发展和改革局<br>政府信息公开工作<span>年度报告</span></h1><p>一、总体情况</p>';
      expect(findTitle(htmlToDocument(page))).toMatchObject({ agency: '沭阳县发展和改革局', year: 2022 });
    });

    it('does not join a heading before the title into the agency', () => {
      const title = findTitle(textToDocument('目录\n2025年政府信息公开\n工作年度报告\n'));
      expect(title?.year).toBe(2025);
      expect(title?.agency).toBeUndefined();
    });
  });
});
