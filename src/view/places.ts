import { squash } from '../core/text/normalize.js';

/**
 * The places an agency's name starts with, by level — province, city, county, town — so that the audit view can be
 * filtered at every level (江苏省 › 淮安市 › 洪泽区 › 高良涧街道). Only what the name prints is taken: 洪泽区人民政府
 * gives the county alone (the view fills in the city from other reports of the batch that print both).
 */

export interface Places {
  province: string;
  city: string;
  county: string;
  town: string;
}

const MUNICIPALITIES = ['北京市', '天津市', '上海市', '重庆市'];
const PROVINCE =
  /^(?:北京市|天津市|上海市|重庆市|内蒙古自治区|广西壮族自治区|西藏自治区|宁夏回族自治区|新疆维吾尔自治区|新疆生产建设兵团|香港特别行政区|澳门特别行政区|[\p{Script=Han}]{2,3}省)/u;
/** Names of places end in one of these; the name before it is 1–8 characters. */
const PLACE = /^([\p{Script=Han}]{1,8}?)(自治州|自治县|自治旗|地区|街道|苏木|市|州|盟|区|县|旗|镇|乡)/u;
/** Words that end in a place suffix without being a place (市场监督管理局, 区域, 县域, 乡村振兴局). */
const NOT_A_PLACE = /^(?:市场|区域|县域|乡村|镇村|城市|城区|街道办)/u;
/** What an agency prints before its place names, and that is not one. */
const PREFIXES = /^(?:中共|中国共产党|共青团)/u;

export function placesOf(agency: string | null): Places {
  const places: Places = { province: '', city: '', county: '', town: '' };
  if (!agency) return places;
  let rest = squash(agency).replace(PREFIXES, '');
  const province = PROVINCE.exec(rest)?.[0];
  if (province) {
    places.province = province;
    rest = rest.slice(province.length);
    // A municipality's districts are its counties: 上海市黄浦区 has no city level of its own.
    if (MUNICIPALITIES.includes(province)) places.city = province;
  }
  for (let level = 0; level < 3; level++) {
    if (NOT_A_PLACE.test(rest)) break;
    const match = PLACE.exec(rest);
    if (!match) break;
    let [whole, , suffix = ''] = match;
    // The shortest name wins the match, so 汝州市 first reads as 汝州: a place suffix right after it belongs to it.
    const next = rest.slice(whole.length);
    const longer = /^(市|区|县|旗)/u.exec(next)?.[1];
    if (longer && !NOT_A_PLACE.test(next)) {
      whole += longer;
      suffix = longer;
    }
    const slot = slotFor(suffix, places);
    if (!slot) break;
    places[slot] = whole;
    rest = rest.slice(whole.length);
  }
  return places;
}

/** Which level a place name with this suffix fills, given the levels already found (a 市 under a city is a county-level city). */
function slotFor(suffix: string, places: Places): keyof Places | undefined {
  if (['街道', '镇', '乡', '苏木'].includes(suffix)) return places.town ? undefined : 'town';
  if (['区', '县', '旗', '自治县', '自治旗'].includes(suffix))
    return places.county || places.town ? undefined : 'county';
  // 市, 州, 盟, 地区, 自治州
  if (!places.city && !places.county) return 'city';
  if (suffix === '市' && !places.county) return 'county';
  return undefined;
}
