// The built-in data set the mock departments serve, and a cohort generator for benchmarks.
// Deterministic: a seeded PRNG, fixed dates, no clock. Every person is fictional on sight
// (every given name holds 测, 样 or 演), every ID number and credit code carries a real check
// character, and every named scenario states the category the enrollment rules must reach.
import { makeCreditCode } from '../../src/codes/creditCode';
import { makeIdNumber } from '../../src/codes/idNumber';
import { JINING_COUNTIES, JINING_COUNTY_CODES, JINING_FUNCTIONAL_ZONES } from '../../src/codes/regions';
import { policyFor } from '../../src/verification/policy';
import type {
  CoOwnershipMode,
  Dataset,
  Gender,
  HouseholdRegistration,
  InsuranceType,
  MarriageStatus,
  PropertyCertificate,
} from '../../src/evidence/records';
import { emptyDataset } from './index';

export type Category =
  | 'HOUSEHOLD_AND_PROPERTY'
  | 'PROPERTY_ONLY'
  | 'HOUSEHOLD_ONLY'
  | 'MIGRANT_WORKER_CHILD'
  | 'PRIORITY'
  | 'UNDETERMINED';

export interface Scenario {
  key: string;
  description: string;
  countyCode: string;
  schoolYear: number;
  stage: 'PRIMARY' | 'JUNIOR';
  child: { idNumber: string; name: string; birthDate: string };
  guardians: { idNumber: string; name: string; relation: 'FATHER' | 'MOTHER' | 'OTHER' }[];
  priorityGroup?: boolean;
  expectedCategory: Category;
  expectedAgeEligible: boolean | null;
  expectedZeroProof: boolean;
}

export interface ScenarioSummary {
  key: string;
  description: string;
  countyCode: string;
  idNumbers: { child: string; guardians: string[] };
}

export const SCHOOL_YEAR = 2025;
const BUILTIN_SEED = 20240527;
const FILLER_SEED = 370800;
const FILLER_FAMILIES = 200;

// ---------------------------------------------------------------------------------------
// PRNG and dates

/** mulberry32: small, fast, good enough for synthetic data, and the same on every machine. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const DAY_MS = 86_400_000;
function toDays(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}
function fromDays(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}
function addDays(iso: string, n: number): string {
  return fromDays(toDays(iso) + n);
}
function randomDate(rng: Rng, from: string, to: string): string {
  return fromDays(rng.int(toDays(from), toDays(to)));
}
function addYears(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4)) + n;
  const md = iso.slice(5) === '02-29' ? '02-28' : iso.slice(5);
  return `${y}-${md}`;
}
/** YYYY-MM periods from..to inclusive */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7));
  while (y * 12 + m <= end) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** First grade takes children 6 by 31 August of the school year. */
function primaryAgeEligible(birthDate: string, schoolYear: number): boolean {
  return birthDate <= `${schoolYear - 6}-08-31`;
}

// ---------------------------------------------------------------------------------------
// Names and places

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '孔', '孟', '颜', '曾', '马', '朱', '胡', '郭', '何'];
// Compound surnames are rarer but must be present: masking keeps the whole surname (欧阳**).
const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官'];
const MARKERS = ['测', '样', '演'];
const NAME_TAILS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '甲', '乙', '丙', '丁', '春', '夏', '秋', '冬'];

function randomSurname(rng: Rng): string {
  return rng.chance(0.06) ? rng.pick(COMPOUND_SURNAMES) : rng.pick(SURNAMES);
}
function randomGivenName(rng: Rng): string {
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
const ADDRESS_COUNTY: Record<string, string> = {
  ...JINING_COUNTIES,
  '370871': '高新区',
  '370872': '太白湖新区',
  '370873': '经济技术开发区',
};
const POLICE: Record<string, string> = {
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
const OUTSIDE: Record<string, { regionName: string; nativePlace: string }> = {
  '341222': { regionName: '安徽省阜阳市太和县', nativePlace: '安徽省太和县' },
  '371102': { regionName: '山东省日照市东港区', nativePlace: '山东省日照市' },
  '320382': { regionName: '江苏省徐州市邳州市', nativePlace: '江苏省邳州市' },
};
const OUTSIDE_CODES = Object.keys(OUTSIDE);
/** County codes a Jining resident's ID number can carry (the zones are younger than their residents). */
const BIRTH_COUNTIES = JINING_COUNTY_CODES.filter((c) => !JINING_FUNCTIONAL_ZONES.includes(c));

function regionName(code: string): string {
  const jn = JINING_COUNTIES[code];
  return jn ? `山东省济宁市${jn}` : OUTSIDE[code]!.regionName;
}
function nativePlaceOf(code: string): string {
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
function randomPlace(rng: Rng, regionCode: string): Place {
  const county = JINING_COUNTIES[regionCode];
  const rural = county ? county.endsWith('县') && rng.chance(0.3) : rng.chance(0.5);
  if (rural) return { regionCode, road: rng.pick(TOWNS) + rng.pick(VILLAGES), number: rng.int(1, 199) };
  const floor = rng.int(1, 18);
  return { regionCode, road: rng.pick(ROADS), number: rng.int(1, 299), flat: [rng.int(1, 6), floor * 100 + rng.int(1, 4)] };
}
function randomNotation(rng: Rng): Notation {
  return { chineseNumber: rng.chance(0.4), dashFlat: rng.chance(0.4) };
}

const EMPLOYERS = ['济宁测试机械有限公司', '样例物流有限公司', '演示食品有限公司', '测样纺织有限公司', '演示建材有限公司', '样板商贸有限公司'];
const CREDIT_ORG_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// ---------------------------------------------------------------------------------------
// The builder: people with unique valid ID numbers, and their records

export interface Person {
  idNumber: string;
  name: string;
  gender: Gender;
  birthDate: string;
  ethnicity: string;
  nativePlace: string;
}

/** Hands out ID numbers no one else in the data set has. */
class IdAllocator {
  private used = new Set<string>();
  allocate(rng: Rng, regionCode: string, birthDate: string, gender: Gender): string {
    const male = gender === 'MALE';
    for (let tries = 0; tries < 64; tries++) {
      const seq = male ? rng.int(0, 499) * 2 + 1 : rng.int(1, 499) * 2;
      const id = makeIdNumber(regionCode, birthDate, seq);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
    for (let seq = male ? 1 : 2; seq <= 999; seq += 2) {
      const id = makeIdNumber(regionCode, birthDate, seq);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
    throw new Error('IdAllocator: no sequence left for this region and birth date');
  }
}

type RelationCode = '02' | '10' | '11' | '12' | '20' | '21' | '22' | '27' | '30' | '31' | '32' | '37' | '43' | '44' | '51' | '52' | '99';
const RELATION_NAMES: Record<RelationCode, string> = {
  '02': '户主', '10': '配偶', '11': '夫', '12': '妻',
  '20': '子', '21': '长子', '22': '次子', '27': '养子或继子',
  '30': '女', '31': '长女', '32': '次女', '37': '养女或继女',
  '43': '外孙子', '44': '外孙女', '51': '父亲', '52': '母亲', '99': '其他',
};

interface PropertyOpts {
  regionCode: string;
  location: string;
  usage?: string;
  status?: string;
  registeredOn: string;
  mode?: CoOwnershipMode;
  coOwners?: [Person, string | null][];
  rightType?: string;
  rightNature?: string;
}

class Builder {
  readonly ds: Dataset = emptyDataset();
  private readonly ids = new IdAllocator();
  private serial = 0;

  /** Swappable, so generated families can draw from their own seed while ID numbers stay unique. */
  constructor(public rng: Rng) {}

  /** a running number, so certificate numbers never repeat */
  next(): number {
    return ++this.serial;
  }

  person(name: string, gender: Gender, birthDate: string, idRegion: string, ethnicity = '汉族'): Person {
    return { idNumber: this.ids.allocate(this.rng, idRegion, birthDate, gender), name, gender, birthDate, ethnicity, nativePlace: nativePlaceOf(idRegion) };
  }

  /** One household register: every member shares the number, the address and the head. */
  household(
    regionCode: string,
    address: string,
    members: [Person, RelationCode][],
    householdType: HouseholdRegistration['householdType'] = 'FAMILY',
  ): void {
    const head = members.find(([, code]) => code === '02')?.[0];
    const householdNumber = String(100_000_000 + this.next());
    for (const [p, code] of members) {
      this.ds.households.push({
        idNumber: p.idNumber,
        name: p.name,
        gender: p.gender,
        birthDate: p.birthDate,
        ethnicity: p.ethnicity,
        nativePlace: p.nativePlace,
        regionCode,
        regionName: regionName(regionCode),
        address,
        issuingAuthority: POLICE[regionCode] ?? null,
        householdType,
        householdNumber,
        headOfHouseholdName: head ? head.name : null,
        relationToHeadCode: code,
        relationToHeadName: RELATION_NAMES[code],
      });
    }
  }

  marriage(husband: Person, wife: Person, registeredOn: string, status: MarriageStatus): void {
    this.ds.marriages.push({
      husbandIdNumber: husband.idNumber,
      husbandName: husband.name,
      wifeIdNumber: wife.idNumber,
      wifeName: wife.name,
      registeredOn,
      status,
    });
  }

  birthCertificate(child: Person, father: Person | null, mother: Person | null): void {
    const letters = 'NOPQRS';
    this.ds.birthCertificates.push({
      certificateNumber: `${letters[Number(child.birthDate.slice(2, 4)) % letters.length]}370${String(this.next()).padStart(6, '0')}`,
      childName: child.name,
      birthDate: child.birthDate,
      fatherName: father?.name ?? null,
      fatherIdNumber: father?.idNumber ?? null,
      motherName: mother?.name ?? null,
      motherIdNumber: mother?.idNumber ?? null,
    });
  }

  property(holder: Person, o: PropertyOpts): PropertyCertificate {
    const county = (ADDRESS_COUNTY[o.regionCode] ?? '').replace(/^济宁/, '');
    const record: PropertyCertificate = {
      holderName: holder.name,
      holderIdNumber: holder.idNumber,
      certificateNumber: `鲁(${o.registeredOn.slice(0, 4)})${county}不动产权第${String(this.next()).padStart(7, '0')}号`,
      rightType: o.rightType ?? '国有建设用地使用权/房屋所有权',
      rightNature: o.rightNature ?? '出让/市场化商品房',
      registeredOn: o.registeredOn,
      regionCode: o.regionCode,
      location: o.location,
      usage: o.usage ?? '住宅',
      status: o.status ?? '正常',
      coOwnership: {
        mode: o.mode ?? 'SOLE',
        coOwners: (o.coOwners ?? []).map(([p, share]) => ({ name: p.name, idNumber: p.idNumber, share })),
      },
    };
    this.ds.properties.push(record);
    return record;
  }

  purchaseContract(
    buyer: Person,
    o: { regionCode: string; location: string; signedAt: string; agreedDeliveryDate: string; plannedUsage?: string; mode?: CoOwnershipMode; coOwners?: [Person, string | null][] },
  ): void {
    this.ds.purchaseContracts.push({
      contractNumber: `WQ${o.regionCode}${o.signedAt.slice(0, 4)}${String(this.next()).padStart(6, '0')}`,
      buyerName: buyer.name,
      buyerIdNumber: buyer.idNumber,
      coOwnership: {
        mode: o.mode ?? 'SOLE',
        coOwners: (o.coOwners ?? []).map(([p, share]) => ({ name: p.name, idNumber: p.idNumber, share })),
      },
      signedAt: o.signedAt,
      agreedDeliveryDate: o.agreedDeliveryDate,
      regionCode: o.regionCode,
      location: o.location,
      plannedUsage: o.plannedUsage ?? '住宅',
    });
  }

  residencePermit(p: Person, o: { regionCode: string; validFrom: string; validUntil: string; registeredResidence: string; currentAddress: string }): void {
    this.ds.residencePermits.push({
      idNumber: p.idNumber,
      name: p.name,
      gender: p.gender,
      ethnicity: p.ethnicity,
      registeredResidence: o.registeredResidence,
      currentAddress: o.currentAddress,
      issuingAuthority: POLICE[o.regionCode] ?? null,
      validFrom: o.validFrom,
      validUntil: o.validUntil,
      regionCode: o.regionCode,
    });
  }

  leaseFiling(lessee: Person, o: { lessor: Person | null; regionCode: string; location: string; propertyCertificateNumber: string | null; leaseStart: string; leaseEnd: string }): void {
    this.ds.leaseFilings.push({
      filingNumber: `济租备字(${o.leaseStart.slice(0, 4)})第${String(this.next()).padStart(6, '0')}号`,
      lessorName: o.lessor?.name ?? null,
      lessorIdNumber: o.lessor?.idNumber ?? null,
      lesseeName: lessee.name,
      lesseeIdNumber: lessee.idNumber,
      regionCode: o.regionCode,
      location: o.location,
      propertyCertificateNumber: o.propertyCertificateNumber,
      leaseStart: o.leaseStart,
      leaseEnd: o.leaseEnd,
    });
  }

  subsidizedHousing(o: {
    regionCode: string;
    address: string;
    members: [Person, string][];
    contractStatus: string;
    reviewStatus: string;
    subsidyType: string;
    contractStart: string;
    contractEnd: string;
  }): void {
    this.ds.subsidizedHousing.push({
      regionCode: o.regionCode,
      address: o.address,
      members: o.members.map(([p, rel]) => ({ relationToPrimaryApplicant: rel, name: p.name, idNumber: p.idNumber })),
      contractStatus: o.contractStatus,
      reviewStatus: o.reviewStatus,
      contractStart: o.contractStart,
      subsidyType: o.subsidyType,
      contractEnd: o.contractEnd,
      applicationCertificateNumber: `BZF${o.contractStart.slice(0, 4)}${String(this.next()).padStart(6, '0')}`,
    });
  }

  private creditCode(entityType: '1' | '2', regionCode: string): string {
    // 'MA' (the prefix of codes issued since 2015) and 6 characters from a running number,
    // so codes never repeat; the 9th is GB 11714's check.
    let n = this.next() * 7919 + 104729;
    let body = '';
    for (let i = 0; i < 6; i++) {
      body = CREDIT_ORG_CHARS[n % 31] + body;
      n = Math.floor(n / 31);
    }
    return makeCreditCode({ registrationAuthority: '9', entityType, regionCode, orgCode: 'MA' + body });
  }

  individualBusiness(operator: Person, o: { regionCode: string; businessAddress: string; establishedOn: string }): void {
    this.ds.individualBusinesses.push({
      operatorName: operator.name,
      operatorIdNumber: operator.idNumber,
      creditCode: this.creditCode('2', o.regionCode),
      establishedOn: o.establishedOn,
      businessAddress: o.businessAddress,
      regionCode: o.regionCode,
    });
  }

  enterprise(rep: Person, o: { enterpriseName: string; regionCode: string; registeredAddress: string; registeredOn: string }): void {
    this.ds.enterprises.push({
      enterpriseName: o.enterpriseName,
      creditCode: this.creditCode('1', o.regionCode),
      licenseName: o.enterpriseName,
      legalRepresentativeName: rep.name,
      legalRepresentativeIdNumber: rep.idNumber,
      registeredOn: o.registeredOn,
      registeredAddress: o.registeredAddress,
      regionCode: o.regionCode,
    });
  }

  socialInsurance(p: Person, o: { from: string; to: string; types: InsuranceType[]; regionCode: string; employerName: string }): void {
    for (const period of monthsBetween(o.from, o.to)) {
      for (const insuranceType of o.types) {
        this.ds.socialInsurance.push({ idNumber: p.idNumber, name: p.name, employerName: o.employerName, period, insuranceType, regionCode: o.regionCode });
      }
    }
  }
}

function asChild(p: Person): Scenario['child'] {
  return { idNumber: p.idNumber, name: p.name, birthDate: p.birthDate };
}
function asGuardian(p: Person, relation: 'FATHER' | 'MOTHER' | 'OTHER'): Scenario['guardians'][number] {
  return { idNumber: p.idNumber, name: p.name, relation };
}

function scenario(
  key: string,
  description: string,
  countyCode: string,
  child: Person,
  guardians: [Person, 'FATHER' | 'MOTHER' | 'OTHER'][],
  expectedCategory: Category,
  opts: { stage?: 'PRIMARY' | 'JUNIOR'; priorityGroup?: boolean } = {},
): Scenario {
  const stage = opts.stage ?? 'PRIMARY';
  const s: Scenario = {
    key,
    description,
    countyCode,
    schoolYear: SCHOOL_YEAR,
    stage,
    child: asChild(child),
    guardians: guardians.map(([p, r]) => asGuardian(p, r)),
    expectedCategory,
    expectedAgeEligible: stage === 'PRIMARY' ? primaryAgeEligible(child.birthDate, SCHOOL_YEAR) : null,
    // Zero proof: the category came from department data alone (PRIORITY's proof is checked offline).
    expectedZeroProof: expectedCategory !== 'UNDETERMINED' && expectedCategory !== 'PRIORITY',
  };
  if (opts.priorityGroup) s.priorityGroup = true;
  return s;
}

// ---------------------------------------------------------------------------------------
// The named scenarios

function buildScenarios(b: Builder): Scenario[] {
  const out: Scenario[] = [];

  {
    // Household and title at one address, written differently by police and land registry.
    const county = '370811';
    const place: Place = { regionCode: county, road: '测试路', number: 18, flat: [3, 502] };
    const father = b.person('王测一', 'MALE', '1986-04-12', '370811');
    const mother = b.person('李样二', 'FEMALE', '1988-09-03', '370812');
    const child = b.person('王演三', 'MALE', '2019-03-15', '370811');
    b.household(county, writeAddress(place, { chineseNumber: true }), [[father, '02'], [mother, '12'], [child, '21']]);
    b.marriage(father, mother, '2014-10-01', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.property(father, { regionCode: county, location: writeAddress(place, { dashFlat: true }), registeredOn: '2016-06-20', mode: 'JOINT', coOwners: [[mother, null]] });
    b.socialInsurance(father, { from: '2024-07', to: '2025-06', types: ['PENSION'], regionCode: county, employerName: '济宁测试机械有限公司' });
    out.push(scenario('household-and-property', 'Household and home in 任城区 at the same address (十八号3单元502室 vs 18号3-502): 房户一致, zero proof.', county, child, [[father, 'FATHER'], [mother, 'MOTHER']], 'HOUSEHOLD_AND_PROPERTY'));
  }

  {
    // Compound surname; mortgaged title still counts.
    const county = '370812';
    const father = b.person('欧阳测四', 'MALE', '1984-07-22', '370812');
    const mother = b.person('陈样五', 'FEMALE', '1986-01-30', '370811');
    const child = b.person('欧阳演六', 'FEMALE', '2018-11-20', '370811');
    b.household('370811', writeAddress({ regionCode: '370811', road: '样例街', number: 56, flat: [2, 301] }), [[father, '02'], [mother, '12'], [child, '31']]);
    b.marriage(father, mother, '2012-05-18', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.property(father, { regionCode: county, location: writeAddress({ regionCode: county, road: '演示路', number: 9, flat: [1, 1102] }), registeredOn: '2020-09-09', status: '抵押' });
    out.push(scenario('property-only', 'A mortgaged (抵押) home in 兖州区, household in 任城区: 有房无户.', county, child, [[father, 'FATHER'], [mother, 'MOTHER']], 'PROPERTY_ONLY'));
  }

  {
    // No birth certificate on record: the father is the parent through the household register (head, child 21).
    const county = '370826';
    const father = b.person('张测七', 'MALE', '1985-12-02', '370826');
    const mother = b.person('刘样八', 'FEMALE', '1987-03-14', '370826');
    const child = b.person('张演九', 'MALE', '2019-01-08', '370826');
    b.household(county, writeAddress({ regionCode: county, road: '样例镇演示村', number: 12 }), [[father, '02'], [mother, '12'], [child, '21']]);
    b.marriage(father, mother, '2013-02-14', 'MARRIED');
    b.property(father, { regionCode: '370811', location: writeAddress({ regionCode: '370811', road: '模拟大道', number: 201, flat: [4, 1501] }), registeredOn: '2021-04-01' });
    out.push(scenario('household-only', 'Household in 微山县; the family home is in 任城区, another county: 有户无房.', county, child, [[father, 'FATHER'], [mother, 'MOTHER']], 'HOUSEHOLD_ONLY'));
  }

  {
    const county = '370827';
    const father = b.person('陈测十', 'MALE', '1983-06-06', '370827');
    const mother = b.person('杨样一', 'FEMALE', '1985-10-10', '370827');
    const child = b.person('陈演二', 'FEMALE', '2019-05-05', '370827');
    b.household(county, writeAddress({ regionCode: county, road: '测试路', number: 8, flat: [1, 101] }), [[father, '02'], [mother, '12'], [child, '31']]);
    b.marriage(father, mother, '2011-09-01', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.property(father, { regionCode: county, location: writeAddress({ regionCode: county, road: '模拟大道', number: 166, flat: [5, 602] }), registeredOn: '2022-03-15', mode: 'BY_SHARES', coOwners: [[mother, '1/2']] });
    out.push(scenario('household-and-property-different-address', 'Household and home both in 鱼台县 but at different addresses: 有房 wins over 有户 (rule order).', county, child, [[father, 'FATHER'], [mother, 'MOTHER']], 'PROPERTY_ONLY'));
  }

  {
    // The latest permit alone is 5 months: only the renewal without a gap makes 2 years.
    const county = '370828';
    const home = '341222';
    const homeAddr = writeAddress({ regionCode: home, road: '样例镇演示村', number: 5 });
    const father = b.person('赵测二', 'MALE', '1987-08-08', home);
    const mother = b.person('黄样三', 'FEMALE', '1989-02-19', home);
    const child = b.person('赵演四', 'MALE', '2019-02-02', home);
    b.household(home, homeAddr, [[father, '02'], [mother, '12'], [child, '21']]);
    b.marriage(father, mother, '2015-01-20', 'MARRIED');
    b.birthCertificate(child, father, mother);
    const here = writeAddress({ regionCode: county, road: '测试路', number: 21, flat: [4, 202] });
    b.residencePermit(father, { regionCode: county, validFrom: '2023-09-01', validUntil: '2025-03-31', registeredResidence: homeAddr, currentAddress: here });
    b.residencePermit(father, { regionCode: county, validFrom: '2025-04-01', validUntil: '2026-03-31', registeredResidence: homeAddr, currentAddress: here });
    b.socialInsurance(father, { from: '2023-09', to: '2025-06', types: ['PENSION', 'MEDICAL'], regionCode: county, employerName: '演示食品有限公司' });
    out.push(scenario('migrant-worker', 'Household register in 安徽 太和; father holds a 金乡县 residence permit for 2 years (renewed 2025-04-01 without a gap): 随迁子女.', county, child, [[father, 'FATHER'], [mother, 'MOTHER']], 'MIGRANT_WORKER_CHILD'));
  }

  {
    const county = '370829';
    const home = '371102';
    const homeAddr = writeAddress({ regionCode: home, road: '测试路', number: 77, flat: [2, 402] });
    const father = b.person('周测五', 'MALE', '1990-11-11', home);
    const mother = b.person('吴样六', 'FEMALE', '1991-04-04', home);
    const child = b.person('周演七', 'FEMALE', '2019-07-07', home);
    b.household(home, homeAddr, [[father, '02'], [mother, '12'], [child, '31']]);
    b.marriage(father, mother, '2016-06-06', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.residencePermit(father, { regionCode: county, validFrom: '2025-05-01', validUntil: '2026-04-30', registeredResidence: homeAddr, currentAddress: writeAddress({ regionCode: county, road: '样例街', number: 3, flat: [1, 302] }) });
    out.push(scenario('migrant-worker-short-permit', 'Household in 日照; the 嘉祥县 residence permit starts 2025-05-01, 4 months before 31 August: not yet 6 months.', county, child, [[father, 'FATHER'], [mother, 'MOTHER']], 'UNDETERMINED'));
  }

  {
    const county = '370830';
    const home = '320382';
    const homeAddr = writeAddress({ regionCode: home, road: '演示镇样板村', number: 31 });
    const father = b.person('孙测八', 'MALE', '1988-01-25', home);
    const mother = b.person('孟样九', 'FEMALE', '1990-12-12', home);
    const child = b.person('孙演十', 'MALE', '2018-12-24', home);
    b.household(home, homeAddr, [[father, '02'], [mother, '12'], [child, '21']]);
    b.marriage(father, mother, '2014-04-04', 'MARRIED');
    b.birthCertificate(child, father, mother);
    const here = writeAddress({ regionCode: county, road: '示范路', number: 45, flat: [3, 601] });
    b.residencePermit(father, { regionCode: county, validFrom: '2024-03-01', validUntil: '2025-05-31', registeredResidence: homeAddr, currentAddress: here });
    b.residencePermit(father, { regionCode: county, validFrom: '2025-06-02', validUntil: '2026-06-01', registeredResidence: homeAddr, currentAddress: here });
    out.push(scenario('migrant-permit-one-day-gap', 'Two 汶上县 permits with a one-day gap (2025-06-01 uncovered); the latest covers only 3 months before 31 August.', county, child, [[father, 'FATHER'], [mother, 'MOTHER']], 'UNDETERMINED'));
  }

  {
    const county = '370831';
    const place: Place = { regionCode: county, road: '演示路', number: 20, flat: [2, 401] };
    const mother = b.person('颜样一', 'FEMALE', '1987-05-05', '370831');
    const father = b.person('曾测三', 'MALE', '1985-09-09', '370881');
    const child = b.person('曾演二', 'MALE', '2019-04-18', '370831');
    b.household(county, writeAddress(place), [[mother, '02'], [child, '21']]);
    b.household('370881', writeAddress({ regionCode: '370881', road: '样板街', number: 12, flat: [1, 201] }), [[father, '02']]);
    b.marriage(father, mother, '2013-10-02', 'DIVORCED');
    b.birthCertificate(child, father, mother);
    b.property(mother, { regionCode: county, location: writeAddress(place, { chineseNumber: true, dashFlat: true }), registeredOn: '2021-08-30' });
    b.property(father, { regionCode: '370881', location: writeAddress({ regionCode: '370881', road: '样板街', number: 12, flat: [1, 201] }), registeredOn: '2019-12-01' });
    out.push(scenario('divorced-parents', 'Divorced; the child lives with the mother, whose household and home are in 泗水县 (二十号2-401 vs 20号2单元401室); the father\'s home is in 曲阜市.', county, child, [[mother, 'MOTHER'], [father, 'FATHER']], 'HOUSEHOLD_AND_PROPERTY'));
  }

  {
    // The ex-husband's flat is at the child's household address: counting it would make 房户一致.
    const county = '370832';
    const place: Place = { regionCode: county, road: '测试路', number: 7, flat: [1, 201] };
    const mother = b.person('马样四', 'FEMALE', '1988-03-03', '370832');
    const exHusband = b.person('朱测六', 'MALE', '1984-02-02', '370832');
    const child = b.person('马演五', 'FEMALE', '2019-06-06', '370832');
    b.household(county, writeAddress(place, { chineseNumber: true }), [[mother, '02'], [child, '31']]);
    b.household(county, writeAddress({ regionCode: county, road: '虚构巷', number: 66 }), [[exHusband, '02']]);
    b.marriage(exHusband, mother, '2010-05-01', 'DIVORCED');
    b.birthCertificate(child, null, mother);
    b.property(exHusband, { regionCode: county, location: writeAddress(place), registeredOn: '2011-03-03' });
    out.push(scenario('divorced-ex-spouse-home', 'Mother and child registered in 梁山县; the only home there belongs to her ex-husband (divorced, not on the birth certificate), listed as OTHER: not counted.', county, child, [[mother, 'MOTHER'], [exHusband, 'OTHER']], 'HOUSEHOLD_ONLY'));
  }

  {
    // Step-father is the head's spouse (11), not the head: he counts only through the marriage.
    const county = '370881';
    const place: Place = { regionCode: county, road: '示范路', number: 108, flat: [6, 1201] };
    const mother = b.person('胡样七', 'FEMALE', '1989-07-17', '370881');
    const stepFather = b.person('司马测八', 'MALE', '1983-11-30', '370881');
    const father = b.person('郭测十', 'MALE', '1987-01-09', '370811');
    const child = b.person('郭演九', 'FEMALE', '2018-10-01', '370881');
    b.household(county, writeAddress(place), [[mother, '02'], [stepFather, '11'], [child, '31']]);
    b.household('370811', writeAddress({ regionCode: '370811', road: '测绘路', number: 3, flat: [2, 202] }), [[father, '02']]);
    b.marriage(father, mother, '2016-01-01', 'DIVORCED');
    b.marriage(stepFather, mother, '2021-05-20', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.property(stepFather, { regionCode: county, location: writeAddress(place, { chineseNumber: true, dashFlat: true }), registeredOn: '2020-11-11' });
    out.push(scenario('remarried-step-parent-home', 'Mother remarried; her husband (not on the birth certificate) owns the 曲阜市 home where the child is registered: 房户一致 through a step-parent.', county, child, [[mother, 'MOTHER'], [stepFather, 'OTHER']], 'HOUSEHOLD_AND_PROPERTY'));
  }

  {
    const county = '370883';
    const father = b.person('诸葛测一', 'MALE', '1986-02-28', '370812');
    const mother = b.person('王样二', 'FEMALE', '1987-12-31', '370812');
    const child = b.person('诸葛演三', 'MALE', '2019-08-01', '370812');
    b.household('370812', writeAddress({ regionCode: '370812', road: '样板街', number: 10, flat: [3, 303] }), [[father, '02'], [mother, '12'], [child, '21']]);
    b.marriage(father, mother, '2015-09-09', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.purchaseContract(father, { regionCode: county, location: writeAddress({ regionCode: county, road: '样例街', number: 88, flat: [6, 1501] }), signedAt: '2025-03-18', agreedDeliveryDate: '2026-06-30', mode: 'JOINT', coOwners: [[mother, null]] });
    out.push(scenario('purchase-contract-only', 'No title yet: an online-signed purchase contract (网签) for a 住宅 in 邹城市, household in 兖州区.', county, child, [[father, 'FATHER'], [mother, 'MOTHER']], 'PROPERTY_ONLY'));
  }

  {
    const county = '370871';
    const place: Place = { regionCode: county, road: '演示路', number: 100, flat: [2, 602] };
    const father = b.person('李测四', 'MALE', '1985-05-15', '370811');
    const mother = b.person('张样五', 'FEMALE', '1986-06-16', '370811');
    const child = b.person('李演六', 'FEMALE', '2019-02-14', '370811');
    b.household(county, writeAddress(place), [[father, '02'], [mother, '12'], [child, '31']]);
    b.marriage(father, mother, '2013-03-03', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.property(father, { regionCode: county, location: writeAddress(place, { chineseNumber: true, dashFlat: true }), registeredOn: '2015-07-07', status: '注销' });
    out.push(scenario('cancelled-title', 'Household in the high-tech zone; the only title at that address is cancelled (注销): no property.', county, child, [[father, 'FATHER'], [mother, 'MOTHER']], 'HOUSEHOLD_ONLY'));
  }

  {
    const county = '370872';
    const father = b.person('刘测七', 'MALE', '1984-08-18', '370811');
    const mother = b.person('陈样八', 'FEMALE', '1985-09-19', '370811');
    const child = b.person('刘演九', 'MALE', '2018-09-30', '370811');
    b.household('370811', writeAddress({ regionCode: '370811', road: '虚构巷', number: 9 }), [[father, '02'], [mother, '12'], [child, '21']]);
    b.marriage(father, mother, '2012-12-12', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.property(father, { regionCode: county, location: writeAddress({ regionCode: county, road: '测试路', number: 66, flat: [1, 801] }), registeredOn: '2019-10-10', status: '查封' });
    out.push(scenario('sealed-title', 'The only home, in 太白湖新区, is sealed (查封); household in 任城区: nothing counts.', county, child, [[father, 'FATHER'], [mother, 'MOTHER']], 'UNDETERMINED'));
  }

  {
    const county = '370873';
    const place: Place = { regionCode: county, road: '测试路', number: 33, flat: [1, 301] };
    const father = b.person('杨测十', 'MALE', '1990-01-01', '370811');
    const mother = b.person('赵样一', 'FEMALE', '1992-02-02', '370811');
    const child = b.person('杨演二', 'MALE', `${SCHOOL_YEAR - 6}-09-01`, '370811');
    b.household(county, writeAddress(place), [[father, '02'], [mother, '12'], [child, '21']]);
    b.marriage(father, mother, '2017-07-07', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.property(father, { regionCode: county, location: writeAddress(place, { chineseNumber: true, dashFlat: true }), registeredOn: '2018-01-18' });
    out.push(scenario('child-too-young', `Born ${SCHOOL_YEAR - 6}-09-01, one day past the cut-off: not age-eligible for first grade; the category is still decided.`, county, child, [[father, 'FATHER'], [mother, 'MOTHER']], 'HOUSEHOLD_AND_PROPERTY'));
  }

  {
    const county = '370811';
    const place: Place = { regionCode: county, road: '示范路', number: 5, flat: [3, 201] };
    const father = b.person('黄测三', 'MALE', '1989-03-03', '370811');
    const mother = b.person('周样四', 'FEMALE', '1990-04-04', '370883');
    const child = b.person('黄演五', 'FEMALE', `${SCHOOL_YEAR - 6}-08-31`, '370811');
    b.household(county, writeAddress(place), [[father, '02'], [mother, '12'], [child, '31']]);
    b.marriage(father, mother, '2016-10-10', 'MARRIED');
    b.birthCertificate(child, father, mother);
    b.property(mother, { regionCode: county, location: writeAddress(place, { chineseNumber: true }), registeredOn: '2017-05-05', mode: 'BY_SHARES', coOwners: [[father, '50%']] });
    out.push(scenario('child-born-31-august', `Born ${SCHOOL_YEAR - 6}-08-31, the last eligible day: age-eligible.`, county, child, [[father, 'FATHER'], [mother, 'MOTHER']], 'HOUSEHOLD_AND_PROPERTY'));
  }

  {
    const county = '370812';
    const father = b.person('吴测六', 'MALE', '1980-10-20', '370812');
    const mother = b.person('孙样七', 'FEMALE', '1982-11-21', '370812');
    const child = b.person('吴演八', 'MALE', '2013-05-20', '370812');
    b.household(county, writeAddress({ regionCode: county, road: '测绘路', number: 27, flat: [2, 502] }), [[father, '02'], [mother, '12'], [child, '21']]);
    b.marriage(father, mother, '2009-09-09', 'MARRIED');
    b.birthCertificate(child, father, mother);
    out.push(scenario('junior-stage', 'Entering junior secondary: no age rule applies (ageEligible null); household in 兖州区, no home.', county, child, [[father, 'FATHER'], [mother, 'MOTHER']], 'HOUSEHOLD_ONLY', { stage: 'JUNIOR' }));
  }

  {
    const county = '370826';
    const father = b.person('孔测九', 'MALE', '1982-09-09', '370826');
    const mother = b.person('孟样十', 'FEMALE', '1984-10-10', '370826');
    const child = b.person('孔演一', 'MALE', '2019-01-31', '370826');
    b.household(county, writeAddress({ regionCode: county, road: '演示路', number: 15, flat: [1, 202] }), [[father, '02'], [mother, '12'], [child, '21']]);
    b.marriage(father, mother, '2010-01-01', 'MARRIED');
    b.birthCertificate(child, father, mother);
    out.push(scenario('priority-group', 'The family declares a priority group (优待对象); its proof is checked offline, so no zero proof.', county, child, [[father, 'FATHER'], [mother, 'MOTHER']], 'PRIORITY', { priorityGroup: true }));
  }

  {
    // Valid ID numbers that no department knows: nothing to decide from.
    const county = '370827';
    const father = b.person('上官测三', 'MALE', '1989-06-30', '370827');
    const child = b.person('上官演二', 'FEMALE', '2019-04-04', '370827');
    out.push(scenario('unknown-person', 'A child and guardian with valid ID numbers that no department has any record of.', county, child, [[father, 'FATHER']], 'UNDETERMINED'));
  }

  {
    // One record of each of the eleven kinds across the family, none of which changes the category.
    const county = '370883';
    const home = '371102';
    const fatherHome = writeAddress({ regionCode: home, road: '样板街', number: 19, flat: [1, 102] });
    const grandmother = b.person('曾样八', 'FEMALE', '1958-08-08', '370883');
    const father = b.person('颜测五', 'MALE', '1985-04-25', home);
    const mother = b.person('曾样六', 'FEMALE', '1987-07-27', '370883');
    const child = b.person('颜演七', 'FEMALE', '2019-03-27', '370883');
    const regPlace: Place = { regionCode: county, road: '测绘路', number: 52, flat: [2, 101] };
    // The child is the head's granddaughter (44): only the birth certificate makes the mother a parent.
    b.household(county, writeAddress(regPlace), [[grandmother, '02'], [mother, '30'], [child, '44']]);
    b.household(home, fatherHome, [[father, '02']]);
    b.marriage(father, mother, '2016-03-08', 'MARRIED');
    b.birthCertificate(child, father, mother);
    const rented = writeAddress({ regionCode: county, road: '演示路', number: 202, flat: [3, 702] });
    b.residencePermit(father, { regionCode: county, validFrom: '2022-03-01', validUntil: '2026-02-28', registeredResidence: fatherHome, currentAddress: rented });
    b.property(father, { regionCode: county, location: writeAddress({ regionCode: county, road: '样例街', number: 5 }), registeredOn: '2021-06-01', usage: '商业', rightNature: '出让/商品房' });
    b.purchaseContract(mother, { regionCode: '370811', location: writeAddress({ regionCode: '370811', road: '演示路', number: 128, flat: [2, 2101] }), signedAt: '2025-04-10', agreedDeliveryDate: '2026-12-31', mode: 'BY_SHARES', coOwners: [[father, '1/2']] });
    const lessor = b.person('孟测九', 'MALE', '1970-01-15', '370883');
    b.household(county, writeAddress({ regionCode: county, road: '模拟大道', number: 3, flat: [1, 101] }), [[lessor, '02']]);
    const lessorTitle = b.property(lessor, { regionCode: county, location: rented, registeredOn: '2012-12-21' });
    b.leaseFiling(father, { lessor, regionCode: county, location: rented, propertyCertificateNumber: lessorTitle.certificateNumber, leaseStart: '2023-03-01', leaseEnd: '2026-02-28' });
    b.subsidizedHousing({
      regionCode: county,
      address: writeAddress({ regionCode: county, road: '样板街', number: 36, flat: [4, 401] }),
      members: [[father, '本人'], [mother, '配偶'], [child, '子女']],
      contractStatus: '已终止',
      reviewStatus: '审核通过',
      subsidyType: '公租房实物配租',
      contractStart: '2019-07-01',
      contractEnd: '2022-06-30',
    });
    b.individualBusiness(mother, { regionCode: county, businessAddress: writeAddress({ regionCode: county, road: '示范路', number: 11 }), establishedOn: '2020-05-18' });
    b.enterprise(father, { enterpriseName: '邹城测样演示商贸有限公司', regionCode: county, registeredAddress: writeAddress({ regionCode: county, road: '样例街', number: 5 }), registeredOn: '2018-08-08' });
    b.socialInsurance(father, { from: '2023-01', to: '2025-06', types: ['PENSION', 'MEDICAL'], regionCode: county, employerName: '邹城测样演示商贸有限公司' });
    out.push(scenario('full-evidence', 'A family with records of all eleven evidence types in 邹城市 (lease, subsidized housing, business, enterprise, social insurance 2023-01..2025-06, a 商业 title, a purchase contract in 任城区, a residence permit); the child is registered in 邹城市 with the mother.', county, child, [[father, 'FATHER'], [mother, 'MOTHER']], 'HOUSEHOLD_ONLY'));
  }

  return out;
}

// ---------------------------------------------------------------------------------------
// Generated families (filler for the built-in set, and benchmark cohorts)

type CohortKind = 'HP' | 'PO' | 'PO_SAME_COUNTY' | 'PURCHASE' | 'HO' | 'MIGRANT' | 'UNDET';
const KIND_WEIGHTS: [CohortKind, number][] = [
  ['HP', 0.38],
  ['PO', 0.1],
  ['PO_SAME_COUNTY', 0.04],
  ['PURCHASE', 0.03],
  ['HO', 0.2],
  ['MIGRANT', 0.15],
  ['UNDET', 0.1],
];
const KIND_CATEGORY: Record<CohortKind, Category> = {
  HP: 'HOUSEHOLD_AND_PROPERTY',
  PO: 'PROPERTY_ONLY',
  PO_SAME_COUNTY: 'PROPERTY_ONLY',
  PURCHASE: 'PROPERTY_ONLY',
  HO: 'HOUSEHOLD_ONLY',
  MIGRANT: 'MIGRANT_WORKER_CHILD',
  UNDET: 'UNDETERMINED',
};

function pickKind(rng: Rng): CohortKind {
  let x = rng.next();
  for (const [k, w] of KIND_WEIGHTS) {
    if ((x -= w) < 0) return k;
  }
  return 'HP';
}

function otherThan(rng: Rng, codes: readonly string[], not: string): string {
  let c = rng.pick(codes);
  while (c === not) c = rng.pick(codes);
  return c;
}

/** A different place in the same county: another road or another house number. */
function differentPlace(rng: Rng, p: Place): Place {
  const q = randomPlace(rng, p.regionCode);
  return q.road === p.road && q.number === p.number ? { ...q, number: (p.number % 299) + 1 } : q;
}

/** One generated family; its category follows from how it was built. */
function addCohortFamily(b: Builder, key: string): Scenario {
  const rng = b.rng;
  const county = rng.pick(JINING_COUNTY_CODES);
  const kind = pickKind(rng);
  const priority = rng.chance(0.02);

  // Children: most at the first-grade or junior-secondary threshold, some anywhere 2012-2020.
  const r = rng.next();
  const childBirth =
    r < 0.6
      ? randomDate(rng, `${SCHOOL_YEAR - 7}-09-01`, `${SCHOOL_YEAR - 6}-08-31`)
      : r < 0.85
        ? randomDate(rng, `${SCHOOL_YEAR - 13}-09-01`, `${SCHOOL_YEAR - 12}-08-31`)
        : randomDate(rng, '2012-01-01', '2020-12-31');
  const stage: 'PRIMARY' | 'JUNIOR' = childBirth <= `${SCHOOL_YEAR - 12}-08-31` ? 'JUNIOR' : 'PRIMARY';
  const childYear = Number(childBirth.slice(0, 4));
  const fatherYear = Math.min(1995, Math.max(1975, childYear - rng.int(24, 36)));
  const motherYear = Math.min(1995, Math.max(1975, childYear - rng.int(22, 34)));

  const migrantLike = kind === 'MIGRANT' || (kind === 'UNDET' && rng.chance(0.5));
  const poOutside = kind === 'PO' && rng.chance(0.3);
  // Where the child's household is registered.
  const regCounty =
    migrantLike || poOutside
      ? rng.pick(OUTSIDE_CODES)
      : kind === 'HP' || kind === 'HO' || kind === 'PO_SAME_COUNTY'
        ? county
        : otherThan(rng, JINING_COUNTY_CODES, county);
  const idRegion = (code: string) => (OUTSIDE[code] ? code : JINING_FUNCTIONAL_ZONES.includes(code) ? rng.pick(BIRTH_COUNTIES) : rng.chance(0.75) ? code : rng.pick(BIRTH_COUNTIES));

  const ethnicity = rng.chance(0.04) ? '回族' : '汉族';
  const fatherSurname = randomSurname(rng);
  const motherSurname = randomSurname(rng);
  const father = b.person(fatherSurname + randomGivenName(rng), 'MALE', randomDate(rng, `${fatherYear}-01-01`, `${fatherYear}-12-28`), idRegion(regCounty), ethnicity);
  const mother = b.person(motherSurname + randomGivenName(rng), 'FEMALE', randomDate(rng, `${motherYear}-01-01`, `${motherYear}-12-28`), idRegion(regCounty), ethnicity);
  const childGender: Gender = rng.chance(0.5) ? 'MALE' : 'FEMALE';
  const child = b.person((rng.chance(0.9) ? fatherSurname : motherSurname) + randomGivenName(rng), childGender, childBirth, idRegion(regCounty), ethnicity);
  const childCode: RelationCode = childGender === 'MALE' ? rng.pick(['21', '21', '20', '22'] as const) : rng.pick(['31', '31', '30', '32'] as const);

  // Single-parent families: divorced, the child with the mother, who heads the household.
  const single = rng.chance(0.1);
  const home = randomPlace(rng, regCounty);
  const homeAddr = writeAddress(home, randomNotation(rng));
  if (single) {
    b.household(regCounty, homeAddr, [[mother, '02'], [child, childCode]]);
    const fatherCounty = rng.pick(BIRTH_COUNTIES);
    b.household(fatherCounty, writeAddress(randomPlace(rng, fatherCounty)), [[father, '02']]);
  } else {
    b.household(regCounty, homeAddr, [[father, '02'], [mother, '12'], [child, childCode]]);
  }
  // Registered before the child's birth, but never below the legal age (men 22, women 20).
  const married = [addDays(childBirth, -rng.int(300, 1800)), addYears(father.birthDate, 22), addYears(mother.birthDate, 20)].sort().at(-1)!;
  b.marriage(father, mother, married, single ? 'DIVORCED' : 'MARRIED');
  // Without a birth certificate the head's own child is still verified through the register.
  if (rng.chance(0.92)) b.birthCertificate(child, father, mother);

  const owner = single ? mother : father;
  const partner = single ? null : mother;
  const ownership = (): { mode: CoOwnershipMode; coOwners: [Person, string | null][] } => {
    if (!partner) return { mode: 'SOLE', coOwners: [] };
    const m = rng.pick(['SOLE', 'JOINT', 'BY_SHARES'] as const);
    return m === 'SOLE' ? { mode: 'SOLE', coOwners: [] } : m === 'JOINT' ? { mode: 'JOINT', coOwners: [[partner, null]] } : { mode: 'BY_SHARES', coOwners: [[partner, rng.pick(['1/2', '50%'])]] };
  };
  const titleDate = () => randomDate(rng, '2008-01-01', '2025-06-30');

  if (kind === 'HP') {
    b.property(owner, { regionCode: county, location: writeAddress(home, randomNotation(rng)), registeredOn: titleDate(), status: rng.chance(0.2) ? '抵押' : '正常', ...ownership() });
  } else if (kind === 'PO' || kind === 'PO_SAME_COUNTY') {
    const place = kind === 'PO_SAME_COUNTY' ? differentPlace(rng, home) : randomPlace(rng, county);
    b.property(owner, { regionCode: county, location: writeAddress(place, randomNotation(rng)), registeredOn: titleDate(), status: rng.chance(0.2) ? '抵押' : '正常', ...ownership() });
  } else if (kind === 'PURCHASE') {
    const signedAt = randomDate(rng, '2024-01-01', '2025-06-30');
    b.purchaseContract(owner, { regionCode: county, location: writeAddress(randomPlace(rng, county)), signedAt, agreedDeliveryDate: addDays(signedAt, rng.int(180, 900)), ...ownership() });
  } else if (kind === 'HO' && rng.chance(0.2)) {
    const elsewhere = otherThan(rng, JINING_COUNTY_CODES, county);
    b.property(owner, { regionCode: elsewhere, location: writeAddress(randomPlace(rng, elsewhere)), registeredOn: titleDate(), ...ownership() });
  }
  // Now and then a shop: never residential, never counts.
  if (rng.chance(0.05)) {
    b.property(owner, { regionCode: county, location: writeAddress(randomPlace(rng, county)), registeredOn: titleDate(), usage: rng.pick(['商业', '办公']), rightNature: '出让/商品房' });
  }

  const cutoff = `${SCHOOL_YEAR}-08-31`;
  const here = writeAddress(randomPlace(rng, county));
  if (kind === 'MIGRANT') {
    // Held continuously from at least 6 months before the cut-off, sometimes as two renewals.
    const start = randomDate(rng, '2019-01-01', `${SCHOOL_YEAR}-02-01`);
    const end = randomDate(rng, `${SCHOOL_YEAR}-09-01`, `${SCHOOL_YEAR + 2}-08-31`);
    const split = rng.chance(0.4) ? randomDate(rng, addDays(start, 30), addDays(cutoff, -30)) : null;
    if (split) {
      b.residencePermit(owner, { regionCode: county, validFrom: start, validUntil: split, registeredResidence: homeAddr, currentAddress: here });
      b.residencePermit(owner, { regionCode: county, validFrom: addDays(split, 1), validUntil: end, registeredResidence: homeAddr, currentAddress: here });
    } else {
      b.residencePermit(owner, { regionCode: county, validFrom: start, validUntil: end, registeredResidence: homeAddr, currentAddress: here });
    }
  } else if (kind === 'UNDET' && migrantLike && rng.chance(0.6)) {
    // Too short: starts less than 6 months before the cut-off.
    const start = randomDate(rng, `${SCHOOL_YEAR}-03-15`, `${SCHOOL_YEAR}-07-31`);
    b.residencePermit(owner, { regionCode: county, validFrom: start, validUntil: addYears(start, 1), registeredResidence: homeAddr, currentAddress: here });
  }

  if (rng.chance(0.5)) {
    const from = randomDate(rng, '2023-01-01', '2024-12-31').slice(0, 7);
    b.socialInsurance(owner, { from, to: `${SCHOOL_YEAR}-06`, types: ['PENSION'], regionCode: county, employerName: rng.pick(EMPLOYERS) });
  }
  if (rng.chance(0.03)) {
    b.individualBusiness(owner, { regionCode: county, businessAddress: writeAddress(randomPlace(rng, county)), establishedOn: titleDate() });
  }

  // a county may decide that a purchase contract is no property (policy data): such a
  // family, with its household elsewhere and no permit, is then undetermined there
  const contractCounts = kind !== 'PURCHASE' || policyFor(county).purchaseContractsCountAsProperty;
  const category: Category = priority ? 'PRIORITY' : contractCounts ? KIND_CATEGORY[kind] : 'UNDETERMINED';
  const guardians: [Person, 'FATHER' | 'MOTHER' | 'OTHER'][] = single ? [[mother, 'MOTHER']] : [[father, 'FATHER'], [mother, 'MOTHER']];
  return scenario(key, `generated family: ${KIND_CATEGORY[kind]}${single ? ', divorced, child with the mother' : ''}${priority ? ', declares a priority group' : ''}`, county, child, guardians, category, { stage, priorityGroup: priority });
}

/** The named scenarios plus ~200 generated families from a fixed seed. */
export function buildBuiltinDataset(): { dataset: Dataset; scenarios: Scenario[] } {
  const b = new Builder(new Rng(BUILTIN_SEED));
  const scenarios = buildScenarios(b);
  // Filler draws from its own seed (a new named scenario barely reshuffles it); the one
  // builder keeps ID numbers and certificate numbers unique across both.
  b.rng = new Rng(FILLER_SEED);
  for (let i = 0; i < FILLER_FAMILIES; i++) addCohortFamily(b, `filler-${String(i + 1).padStart(3, '0')}`);
  return { dataset: b.ds, scenarios };
}

/** `families` generated families (benchmarks): every ID number unique, each with its expected category. */
export function generateCohort(families: number, seed: number): { dataset: Dataset; scenarios: Scenario[] } {
  const b = new Builder(new Rng(seed));
  const scenarios = new Array<Scenario>(families);
  const width = String(families).length;
  for (let i = 0; i < families; i++) scenarios[i] = addCohortFamily(b, `cohort-${String(i + 1).padStart(width, '0')}`);
  return { dataset: b.ds, scenarios };
}

/** What GET /__mock/scenarios shows. */
export function builtinScenarioSummaries(): ScenarioSummary[] {
  return buildBuiltinDataset().scenarios.map((s) => ({
    key: s.key,
    description: s.description,
    countyCode: s.countyCode,
    idNumbers: { child: s.child.idNumber, guardians: s.guardians.map((g) => g.idNumber) },
  }));
}
