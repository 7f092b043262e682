import { describe, expect, it } from 'vitest';
import { findTitle, parseTitle } from '../../src/locate/title.js';

describe('report title', () => {
  it.each([
    ['汝州市人力资源和社会保障局2021年政府信息公开工作年度报告', '汝州市人力资源和社会保障局', 2021],
    ['2019年上海市人民政府办公厅政府信息公开工作年度报告', '上海市人民政府办公厅', 2019],
    ['平潭综合实验区2019年度政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会', '平潭综合实验区', 2019],
    ['卢氏县国防动员办公室 2023 年政府信息公开工作年度报告', '卢氏县国防动员办公室', 2023],
    ['标题：平潭综合实验区2021年度政府信息公开工作年度报告', '平潭综合实验区', 2021],
    ['关于沭阳县发展和改革局2023年政府信息公开年度报告', '沭阳县发展和改革局', 2023],
  ])('%s', (text, agency, year) => {
    expect(parseTitle(text)).toMatchObject({ agency, year });
  });

  it('joins a title printed over two lines (agency, then year and report)', () => {
    const title = findTitle({ blocks: [{ kind: 'text', text: '洪泽区人民政府' }, { kind: 'text', text: '2023 年政府信息公开工作年度报告' }] });
    expect(title).toMatchObject({ agency: '洪泽区人民政府', year: 2023 });
  });

  it('finds nothing in a page that is not a report', () => {
    expect(parseTitle('关于开展2023年植树节活动的通知')).toBeUndefined();
  });
});
