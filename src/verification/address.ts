// Address notation (rule 5, 房户一致): the police and the land registry write the same flat
// differently (十八号3单元502室 vs 18号3-502, full-width digits, with or without 山东省济宁市).
// normalizeAddress brings both to one notation so that equal places compare equal; it is pure
// and symmetric, so any rewrite it makes on one side it makes on the other.
import { JINING_COUNTIES } from '../codes/regions';

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_RUN = /[零〇一二两三四五六七八九十百千]+/g;

/** 十八 -> 18, 一百零五 -> 105, 二十 -> 20; a run without units reads digit by digit (五零二 -> 502). */
export function chineseToArabic(run: string): string {
  if (![...run].some((c) => c in CN_UNITS)) return [...run].map((c) => String(CN_DIGITS[c] ?? c)).join('');
  let total = 0;
  let digit = 0;
  let seenDigit = false;
  for (const c of run) {
    if (c in CN_DIGITS) {
      digit = CN_DIGITS[c]!;
      seenDigit = true;
    } else {
      const unit = CN_UNITS[c]!;
      // a bare 十 at the start means 一十
      total += (seenDigit ? digit : 1) * unit;
      digit = 0;
      seenDigit = false;
    }
  }
  return String(total + digit);
}

/** Prefixes that say nothing about where in the county the place is. */
const PROVINCE_CITY = ['山东省', '山东', '济宁市'];
// Longest first, so 经济技术开发区 is stripped before a shorter name could match inside it.
const COUNTY_PREFIXES = [...Object.values(JINING_COUNTIES), '高新区', '太白湖新区', '经济技术开发区', '经开区'].sort(
  (a, b) => b.length - a.length,
);

/**
 * One notation for an address: half-width characters, no whitespace or punctuation, Arabic
 * numerals, no province/city/county prefix, and a flat written `building-unit-room`
 * (3单元502室 -> 3-502, 2号楼1单元301室 -> 2-1-301).
 */
export function normalizeAddress(address: string): string {
  let s = address.normalize('NFKC');
  s = s.replace(/[\s,，.。、·:：;；"'“”‘’]/g, '');
  s = s.replace(/[‐‑‒–—―−－~～]/g, '-');
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const p of [...PROVINCE_CITY, ...COUNTY_PREFIXES]) {
      if (s.startsWith(p) && s.length > p.length) {
        s = s.slice(p.length);
        stripped = true;
      }
    }
  }
  s = s.replace(CN_RUN, (run) => chineseToArabic(run));
  s = s.replace(/(\d+)(?:号楼|栋|幢|座)/g, '$1-');
  s = s.replace(/(\d+)单元/g, '$1-');
  s = s.replace(/(\d+)(?:室|户)/g, '$1');
  s = s.replace(/-{2,}/g, '-').replace(/-$/, '');
  return s;
}

/** Only whitespace removed: what a county that turns normalization off compares. */
export function trimAddress(address: string): string {
  return address.replace(/\s/g, '');
}

export function sameAddress(a: string, b: string, normalize: boolean): boolean {
  const f = normalize ? normalizeAddress : trimAddress;
  const x = f(a);
  return x.length > 0 && x === f(b);
}
