// Names and places: the fictional words families are written in (every given name holds 测, 样
// or 演), Jining's counties as a register and a title spell them, and the notations they differ by.
import { JINING_COUNTIES, JINING_COUNTY_CODES, JINING_FUNCTIONAL_ZONES } from '../../../src/codes/regions';
import type { Rng } from './random';

// Names and places

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '孔', '孟', '颜', '曾', '马', '朱', '胡', '郭', '何'];
// Compound surnames are rarer but must be present: masking keeps the whole surname (欧阳**).
const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官'];
const MARKERS = ['测', '样', '演'];
const NAME_TAILS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '甲', '乙', '丙', '丁', '春', '夏', '秋', '冬'];

export function randomSurname(rng: Rng): string {
  return rng.chance(0.06) ? rng.pick(COMPOUND_SURNAMES) : rng.pick(SURNAMES);
}
export function randomGivenName(rng: Rng): string {
  return rng.pick(MARKERS) + rng.pick(NAME_TAILS);
}

const DIGITS_CN = '零一二三四五六七八九';
/** 18 -> 十八, 105 -> 一百零五: the way a clerk may write a house number. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS_CN[n]!;
  if (n < 20) return '十' + (n % 10 ? DIGITS_CN[n % 10] : '');
  if (n < 100) return DIGITS_CN[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS_CN[n % 10] : '');
  const h = Math.floor(n / 100);
  const r = n % 100;
  if (r === 0) return DIGITS_CN[h] + '百';
  if (r < 10) return DIGITS_CN[h] + '百零' + DIGITS_CN[r];
  if (r < 20) return DIGITS_CN[h] + '百一' + chineseNumber(r);
  return DIGITS_CN[h] + '百' + chineseNumber(r);
}

// Short names as they appear in street addresses; the zones are not written in full.
export const ADDRESS_COUNTY: Record<string, string> = {
  ...JINING_COUNTIES,
  '370871': '高新区',
  '370872': '太白湖新区',
  '370873': '经济技术开发区',
};
export const POLICE: Record<string, string> = {
  '370811': '济宁市公安局任城分局',
  '370812': '济宁市公安局兖州分局',
  '370826': '微山县公安局',
  '370827': '鱼台县公安局',
  '370828': '金乡县公安局',
  '370829': '嘉祥县公安局',
  '370830': '汶上县公安局',
  '370831': '泗水县公安局',
  '370832': '梁山县公安局',
  '370881': '曲阜市公安局',
  '370883': '邹城市公安局',
  '370871': '济宁市公安局高新技术产业开发区分局',
  '370872': '济宁市公安局太白湖新区分局',
  '370873': '济宁市公安局经济技术开发区分局',
  '341222': '太和县公安局',
  '371102': '日照市公安局东港分局',
  '320382': '邳州市公安局',
};
// Where migrant families' household registers are: outside Jining.
export const OUTSIDE: Record<string, { regionName: string; nativePlace: string }> = {
  '341222': { regionName: '安徽省阜阳市太和县', nativePlace: '安徽省太和县' },
  '371102': { regionName: '山东省日照市东港区', nativePlace: '山东省日照市' },
  '320382': { regionName: '江苏省徐州市邳州市', nativePlace: '江苏省邳州市' },
};
export const OUTSIDE_CODES = Object.keys(OUTSIDE);
/** County codes a Jining resident's ID number can carry (the zones are younger than their residents). */
export const BIRTH_COUNTIES = JINING_COUNTY_CODES.filter((c) => !JINING_FUNCTIONAL_ZONES.includes(c));

export function regionName(code: string): string {
  const jn = JINING_COUNTIES[code];
  return jn ? `山东省济宁市${jn}` : OUTSIDE[code]!.regionName;
}
export function nativePlaceOf(code: string): string {
  return JINING_COUNTIES[code] ? '山东省济宁市' : OUTSIDE[code]!.nativePlace;
}
function addressPrefix(code: string): string {
  const jn = ADDRESS_COUNTY[code];
  return jn ? `山东省济宁市${jn}` : OUTSIDE[code]!.regionName;
}

const ROADS = ['测试路', '样例街', '演示路', '模拟大道', '示范路', '虚构巷', '样板街', '测绘路'];
const TOWNS = ['样例镇', '演示镇', '测试镇'];
const VILLAGES = ['演示村', '样板村', '测试村', '模拟村'];

/** A place, writable in the notations a register and a title may differ by. */
export interface Place {
  regionCode: string;
  road: string;
  number: number;
  /** [unit, room] for a flat; absent for a village house */
  flat?: [number, number];
}
export interface Notation {
  /** house number in Chinese numerals (十八号) */
  chineseNumber?: boolean;
  /** 3-502 instead of 3单元502室 */
  dashFlat?: boolean;
}
export function writeAddress(p: Place, n: Notation = {}): string {
  const no = n.chineseNumber ? chineseNumber(p.number) : String(p.number);
  const flat = p.flat ? (n.dashFlat ? `${p.flat[0]}-${p.flat[1]}` : `${p.flat[0]}单元${p.flat[1]}室`) : '';
  return `${addressPrefix(p.regionCode)}${p.road}${no}号${flat}`;
}
export function randomPlace(rng: Rng, regionCode: string): Place {
  const county = JINING_COUNTIES[regionCode];
  const rural = county ? county.endsWith('县') && rng.chance(0.3) : rng.chance(0.5);
  if (rural) return { regionCode, road: rng.pick(TOWNS) + rng.pick(VILLAGES), number: rng.int(1, 199) };
  const floor = rng.int(1, 18);
  return { regionCode, road: rng.pick(ROADS), number: rng.int(1, 299), flat: [rng.int(1, 6), floor * 100 + rng.int(1, 4)] };
}
export function randomNotation(rng: Rng): Notation {
  return { chineseNumber: rng.chance(0.4), dashFlat: rng.chance(0.4) };
}

export const EMPLOYERS = [
  '济宁测试机械有限公司',
  '样例物流有限公司',
  '演示食品有限公司',
  '测样纺织有限公司',
  '演示建材有限公司',
  '样板商贸有限公司',
];
export const CREDIT_ORG_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
