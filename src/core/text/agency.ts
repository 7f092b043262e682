import { squash } from './normalize.js';

/**
 * One key per agency however its name is printed: `淮安市洪泽区人民政府` and `洪泽区人民政府` are the same agency; so
 * are `河南省汝州市人力资源和社会保障局` and `汝州市人力资源和社会保障局`. Leading higher-level place names are
 * dropped as long as a place name remains, and 人民政府 is read as 政府.
 */

const HIGHER_PLACE = /^[\p{Script=Han}]{2,7}?(?:省|自治区|市|州|盟|地区)/u;
const PLACE = /^[\p{Script=Han}]{1,8}?(?:市|区|县|旗|镇|乡|街道|州|盟|自治县|管理区|实验区|新区|开发区)/u;

export function agencyKey(agency: string): string {
  let key = squash(agency).replace(/人民政府/g, '政府').replace(/[()（）]/g, '');
  for (let i = 0; i < 3; i++) {
    const higher = HIGHER_PLACE.exec(key);
    if (!higher) break;
    const rest = key.slice(higher[0].length);
    if (!PLACE.test(rest)) break;
    key = rest;
  }
  return key;
}
