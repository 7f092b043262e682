import { squash } from './normalize.js';

/**
 * One key per agency however its name is printed: `淮安市洪泽区人民政府` and `洪泽区人民政府` are the same agency; so
 * are `河南省汝州市人力资源和社会保障局` and `汝州市人力资源和社会保障局`. Leading higher-level place names are
 * dropped as long as a place name remains, and 人民政府 is read as 政府. A place's own government is keyed by the place
 * alone, since reports name it either way (`平潭综合实验区管委会`, `平潭综合实验区管理委员会`, `平潭综合实验区`); a
 * bracketed level (`某某市（区）`) is dropped; full- and half-width brackets read alike (NFKC).
 */

const HIGHER_PLACE = /^[\p{Script=Han}]{2,7}?(?:省|自治区|市|州|盟|地区)/u;
const PLACE = /^[\p{Script=Han}]{1,8}?(?:市|区|县|旗|镇|乡|街道|州|盟|自治县|管理区|实验区|新区|开发区)/u;

/** What a place's own government is called after the place name; 党工委 goes with 管委会 in development zones. */
const OWN_GOVERNMENT = /^(?:政府|(?:党工委)?管委会)$/u;

export function agencyKey(agency: string): string {
  let key = squash(agency)
    .replace(/人民政府/g, '政府')
    .replace(/管理委员会/g, '管委会')
    .replace(/\((?:区|县|市)\)/g, '')
    .replace(/[()]/g, '');
  for (let i = 0; i < 3; i++) {
    const higher = HIGHER_PLACE.exec(key);
    if (!higher) break;
    const rest = key.slice(higher[0].length);
    if (!PLACE.test(rest)) break;
    key = rest;
  }
  return placeAlone(key);
}

/** `平潭综合实验区管委会` → `平潭综合实验区`: the government of a place named by the place; anything else unchanged. */
function placeAlone(key: string): string {
  let end = 0;
  for (let place = PLACE.exec(key); place; place = PLACE.exec(key.slice(end))) {
    end += place[0].length;
    if (OWN_GOVERNMENT.test(key.slice(end))) return key.slice(0, end);
  }
  return key;
}
