// Police payload (pinyin-abbreviation fields, YYYYMMDD dates, GB/T 2261.1 codes, '' for
// "no value") -> the contract's HouseholdRegistration and ResidencePermit.
import { normalizeIdNumber } from '../../src/codes/idNumber';
import type { Gender, HouseholdRegistration, HouseholdType, ResidencePermit } from '../../src/evidence/records';
import type { components } from './api.generated';

type HjxxRecord = components['schemas']['HjxxRecord'];
type JzzRecord = components['schemas']['JzzRecord'];

/** GB/T 2261.1: '0' unknown and '9' unstated carry no gender, so they become null. */
const GENDER: Record<string, Gender> = { '1': 'MALE', '2': 'FEMALE' };

/** 户类型代码 */
const HOUSEHOLD_TYPE: Record<string, HouseholdType> = {
  '1': 'FAMILY',
  '2': 'COLLECTIVE',
  '3': 'COMMUNITY_PUBLIC',
  '9': 'OTHER',
};

/** '' or an absent key is the police systems' "no value". */
function text(v: string | undefined): string | null {
  return v === undefined || v.trim() === '' ? null : v;
}

/** YYYYMMDD -> YYYY-MM-DD (the schema already checked the eight digits) */
function date8(v: string | undefined): string | null {
  const t = text(v);
  return t === null ? null : `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`;
}

function code<T>(table: Record<string, T>, v: string | undefined): T | null {
  const t = text(v);
  return t === null ? null : (table[t] ?? null);
}

export function toHouseholdRegistration(r: HjxxRecord): HouseholdRegistration {
  return {
    idNumber: normalizeIdNumber(r.gmsfhm),
    name: r.xm,
    gender: code(GENDER, r.xbdm),
    birthDate: date8(r.csrq),
    ethnicity: text(r.mzmc),
    nativePlace: text(r.jgssxmc),
    regionCode: r.hjdqh,
    regionName: text(r.hjdqmc),
    address: text(r.hjdz),
    issuingAuthority: text(r.fzjg),
    householdType: code(HOUSEHOLD_TYPE, r.hlxdm),
    householdNumber: text(r.hh),
    headOfHouseholdName: text(r.hzxm),
    relationToHeadCode: text(r.yhzgxdm),
    relationToHeadName: text(r.yhzgxmc),
  };
}

export function toResidencePermit(r: JzzRecord): ResidencePermit {
  return {
    idNumber: normalizeIdNumber(r.gmsfhm),
    name: r.xm,
    gender: code(GENDER, r.xbdm),
    ethnicity: text(r.mzmc),
    registeredResidence: text(r.hjszd),
    currentAddress: text(r.xzz),
    issuingAuthority: text(r.qfjg),
    validFrom: date8(r.yxqqsrq),
    validUntil: date8(r.yxqjzrq),
    regionCode: r.qfdqh,
  };
}
