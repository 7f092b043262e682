import { describe, expect, it } from 'vitest';
import { agencyKey } from '../../../src/core/text/agency.js';

describe('agency names', () => {
  it.each([
    ['淮安市洪泽区人民政府', '洪泽区人民政府'],
    ['河南省汝州市人力资源和社会保障局', '汝州市人力资源和社会保障局'],
    ['郑州市金水区文化广电和旅游局', '金水区文化广电和旅游局'],
    ['三门峡市湖滨区城关镇人民政府', '湖滨区城关镇政府'],
    ['洪泽区 人民政府', '洪泽区政府'],
  ])('%s is the same agency as %s', (a, b) => {
    expect(agencyKey(a)).toBe(agencyKey(b));
  });

  it.each([
    ['上海市人民政府办公厅', '上海市科学技术委员会'],
    ['汝州市人力资源和社会保障局', '汝州市财政局'],
    ['金水区文化广电和旅游局', '二七区文化广电和旅游局'],
  ])('%s is not %s', (a, b) => {
    expect(agencyKey(a)).not.toBe(agencyKey(b));
  });

  it('drops up to three levels of higher places, keeping the last place before the agency', () => {
    expect(agencyKey('新疆维吾尔自治区伊犁哈萨克自治州塔城地区沙湾市安集海镇人民政府')).toBe('沙湾市安集海镇');
  });

  it('drops place names only at the start of the name', () => {
    expect(agencyKey('国家税务总局洛阳市西工区税务局')).toBe('国家税务总局洛阳市西工区税务局');
    expect(agencyKey('河南省人力资源和社会保障厅驻郑州市办事处')).toBe('河南省人力资源和社会保障厅驻郑州市办事处');
  });

  it('reads a name the same with or without its brackets', () => {
    expect(agencyKey('洪泽区人民政府（办公室）')).toBe('洪泽区政府办公室');
    expect(agencyKey('洪泽区人民政府(办公室)')).toBe('洪泽区政府办公室');
  });

  it('keeps a city government whole (no place name follows the city)', () => {
    expect(agencyKey('上海市人民政府办公厅')).toBe('上海市政府办公厅');
  });

  describe('the variants reports print for one agency', () => {
    it.each([
      ['平潭综合实验区管委会', '平潭综合实验区'],
      ['平潭综合实验区管理委员会', '平潭综合实验区'],
      ['平潭综合实验区党工委管委会', '平潭综合实验区管委会'],
      ['洪泽区人民政府', '洪泽区'],
      ['淮安市洪泽区人民政府', '洪泽区政府'],
      ['郑州航空港经济综合实验区管理委员会', '郑州航空港经济综合实验区管委会'],
      ['嘉峪关市（区）财政局', '嘉峪关市财政局'],
      ['洪泽区人民政府（办公室）', '洪泽区人民政府(办公室)'],
    ])('%s is %s', (a, b) => {
      expect(agencyKey(a)).toBe(agencyKey(b));
    });

    it.each([
      ['平潭综合实验区管委会', '平潭综合实验区管委会办公室'],
      ['洪泽区人民政府', '洪泽区人民政府办公室'],
      ['洪泽区人民政府', '淮安市人民政府'],
      ['上海市人民政府', '上海市人民政府办公厅'],
      ['平潭综合实验区管委会', '平潭综合实验区财政金融局'],
    ])('%s is not %s', (a, b) => {
      expect(agencyKey(a)).not.toBe(agencyKey(b));
    });
  });
});
