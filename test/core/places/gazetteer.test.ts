import { describe, expect, it } from 'vitest';
import { locateAgency, placeOfAgency } from '../../../src/core/places/gazetteer.js';

/** Agencies placed from the place names their own names start with (GB/T 2260 codes). */
describe('the gazetteer', () => {
  it('places an agency at every level from its name, whatever levels the name prints', () => {
    expect(placeOfAgency('洪泽区人民政府')).toEqual({
      code: '320813',
      name: '洪泽区',
      province: '江苏省',
      city: '淮安市',
      county: '洪泽区',
    });
    expect(placeOfAgency('淮安市洪泽区人民政府')?.code).toBe('320813');
    expect(placeOfAgency('淮安市人民政府')).toMatchObject({
      code: '320800',
      province: '江苏省',
      city: '淮安市',
      county: null,
    });
    expect(placeOfAgency('卢氏县国防动员办公室')).toMatchObject({
      code: '411224',
      province: '河南省',
      city: '三门峡市',
    });
    expect(placeOfAgency('中共沭阳县委办公室')).toMatchObject({ code: '321322', province: '江苏省', city: '宿迁市' });
  });

  it('gives a municipality once, not as province and city both', () => {
    expect(placeOfAgency('上海市人民政府办公厅')).toEqual({
      code: '310000',
      name: '上海市',
      province: '上海市',
      city: null,
      county: null,
    });
    expect(placeOfAgency('上海市黄浦区人民政府')).toMatchObject({
      code: '310101',
      province: '上海市',
      city: '上海市',
      county: '黄浦区',
    });
  });

  it('knows zones and former names that GB/T 2260 lists under another name', () => {
    expect(placeOfAgency('平潭综合实验区管委会')).toMatchObject({
      code: '350128',
      name: '平潭综合实验区',
      province: '福建省',
      city: '福州市',
    });
    expect(placeOfAgency('洪泽县人民政府')).toMatchObject({ code: '320813', name: '洪泽县', county: '洪泽区' });
  });

  it('leaves a name shared by several counties unplaced unless the batch or the text names its city or province', () => {
    const alone = locateAgency('朝阳区人民政府');
    expect(alone.place).toBeNull();
    expect(alone.reason).toContain('同名');
    expect(placeOfAgency('朝阳区人民政府', ['北京市朝阳区财政局'])).toMatchObject({
      code: '110105',
      province: '北京市',
    });
    expect(placeOfAgency('朝阳区人民政府', ['长春市朝阳区教育局'])).toMatchObject({
      province: '吉林省',
      city: '长春市',
    });
    expect(placeOfAgency('北京市朝阳区人民政府')?.code).toBe('110105');
  });

  it('places nothing where the name does not start with a place', () => {
    expect(locateAgency('市场监督管理局')).toMatchObject({ place: null, reason: '机构名称不以地名开头' });
    expect(placeOfAgency('国家统计局')).toBeNull();
  });
});
