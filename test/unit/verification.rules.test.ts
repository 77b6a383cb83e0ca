// The enrollment rules (docs/verification.md, rules 1-8) as pure functions, table-driven, with no department:
// each case builds a small family, fetches its evidence the way verify.ts plans it (first wave,
// then the follow-up wave), optionally with departments down, and checks the verdict.
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/codes/idNumber';
import { EVIDENCE, type Department, type EvidenceName } from '../../src/evidence/kinds';
import type {
  BirthCertificate,
  Dataset,
  HouseholdRegistration,
  MarriageRegistration,
  PropertyCertificate,
  PurchaseContract,
  ResidencePermit,
} from '../../src/evidence/records';
import { chineseToArabic, normalizeAddress, sameAddress } from '../../src/verification/address';
import { loadPolicies, policyFor, type Policy } from '../../src/verification/policy';
import {
  addMonths,
  and,
  currentSpouse,
  decideCategory,
  evaluateApplication,
  FALSE,
  firstWaveReads,
  followUpReads,
  isAgeEligible,
  matchBirthCertificate,
  mergePeriods,
  or,
  parentByRegister,
  permitContinuity,
  titleVerdict,
  TRUE,
  unknown,
  type ApplicationFacts,
  type PersonEvidence,
  type Read,
  type VerificationResult,
} from '../../src/verification/rules';
import { checkApplication } from '../../src/verification/verify';

// ---------------------------------------------------------------------------------------
// A small family builder (fictional people: every given name holds 测, 样 or 演)

const COUNTY = '370811';
const YEAR = 2025;
const FATHER = makeIdNumber('370811', '1986-04-12', 11);
const MOTHER = makeIdNumber('370812', '1988-09-03', 22);
const CHILD = makeIdNumber('370811', '2019-03-15', 33);
const STEP = makeIdNumber('370881', '1983-11-30', 45);
const EX = makeIdNumber('370832', '1984-02-02', 57);
const GRANDMA = makeIdNumber('370811', '1958-08-08', 68);
const UNCLE = makeIdNumber('370811', '1980-01-01', 79);

/** every name the fixtures use: none may appear in a check */
const NAMES = ['王测一', '李样二', '王演三', '王演四', '王测九', '李样九', '司马测八', '朱测六', '曾样八', '王测叔', '某测', '某样'];

const HOME = '山东省济宁市任城区测试路十八号3单元502室';
const HOME_AS_TITLE = '山东省济宁市任城区测试路18号3-502';

function hh(id: string, name: string, birthDate: string, code: string, o: Partial<HouseholdRegistration> = {}): HouseholdRegistration {
  return {
    idNumber: id,
    name,
    gender: Number(id[16]) % 2 ? 'MALE' : 'FEMALE',
    birthDate,
    ethnicity: '汉族',
    nativePlace: '山东省济宁市',
    regionCode: COUNTY,
    regionName: '山东省济宁市任城区',
    address: HOME,
    issuingAuthority: '济宁市公安局任城分局',
    householdType: 'FAMILY',
    householdNumber: '100000001',
    headOfHouseholdName: '王测一',
    relationToHeadCode: code,
    relationToHeadName: null,
    ...o,
  };
}
function title(holder: string, o: Partial<PropertyCertificate> = {}, coOwners: string[] = []): PropertyCertificate {
  return {
    holderName: '某测',
    holderIdNumber: holder,
    certificateNumber: `鲁(2016)任城区不动产权第${Math.floor(Math.random() * 1e7)}号`,
    rightType: '国有建设用地使用权/房屋所有权',
    rightNature: '出让/市场化商品房',
    registeredOn: '2016-06-20',
    regionCode: COUNTY,
    location: HOME_AS_TITLE,
    usage: '住宅',
    status: '正常',
    coOwnership: {
      mode: coOwners.length ? 'JOINT' : 'SOLE',
      coOwners: coOwners.map((id) => ({ name: '某样', idNumber: id, share: null })),
    },
    ...o,
  };
}
function contract(buyer: string, o: Partial<PurchaseContract> = {}): PurchaseContract {
  return {
    contractNumber: 'WQ3708112025000001',
    buyerName: '某测',
    buyerIdNumber: buyer,
    coOwnership: { mode: 'SOLE', coOwners: [] },
    signedAt: '2025-03-18',
    agreedDeliveryDate: '2026-06-30',
    regionCode: COUNTY,
    location: '山东省济宁市任城区样例街88号6单元1501室',
    plannedUsage: '住宅',
    ...o,
  };
}
function permit(id: string, validFrom: string, validUntil: string | null, regionCode = COUNTY): ResidencePermit {
  return {
    idNumber: id,
    name: '某测',
    gender: 'MALE',
    ethnicity: '汉族',
    registeredResidence: null,
    currentAddress: null,
    issuingAuthority: null,
    validFrom,
    validUntil,
    regionCode,
  };
}
function marriage(h: string, w: string, registeredOn: string, status: MarriageRegistration['status']): MarriageRegistration {
  return { husbandIdNumber: h, husbandName: '某测', wifeIdNumber: w, wifeName: '某样', registeredOn, status };
}
function bc(father: string | null, mother: string | null, o: Partial<BirthCertificate> = {}): BirthCertificate {
  return {
    certificateNumber: 'N370000001',
    childName: '王演三',
    birthDate: '2019-03-15',
    fatherName: father ? '王测一' : null,
    fatherIdNumber: father,
    motherName: mother ? '李样二' : null,
    motherIdNumber: mother,
    ...o,
  };
}

function emptyData(): Dataset {
  return {
    households: [],
    residencePermits: [],
    properties: [],
    purchaseContracts: [],
    leaseFilings: [],
    subsidizedHousing: [],
    individualBusinesses: [],
    enterprises: [],
    socialInsurance: [],
    marriages: [],
    birthCertificates: [],
  };
}

/** The base family: household and home in 任城区 at one address written two ways (房户一致). */
function baseFamily(): Dataset {
  const d = emptyData();
  d.households.push(
    hh(FATHER, '王测一', '1986-04-12', '02'),
    hh(MOTHER, '李样二', '1988-09-03', '12'),
    hh(CHILD, '王演三', '2019-03-15', '21'),
  );
  d.marriages.push(marriage(FATHER, MOTHER, '2014-10-01', 'MARRIED'));
  d.birthCertificates.push(bc(FATHER, MOTHER));
  d.properties.push(title(FATHER, {}, [MOTHER]));
  return d;
}

function baseApp(o: Partial<ApplicationFacts> = {}): ApplicationFacts {
  return {
    applicationId: 'APP-1',
    countyCode: COUNTY,
    schoolYear: YEAR,
    stage: 'PRIMARY',
    child: { idNumber: CHILD, name: '王演三', birthDate: '2019-03-15', gender: 'MALE' },
    guardians: [
      { idNumber: FATHER, name: '王测一', relation: 'FATHER' },
      { idNumber: MOTHER, name: '李样二', relation: 'MOTHER' },
    ],
    priorityGroup: false,
    ...o,
  };
}

/** What each department answers for one person: every record that names them (docs/source-notice.md). */
function lookup(d: Dataset, name: EvidenceName, id: string): unknown[] {
  const is = (x: string | null | undefined) => !!x && x.toUpperCase() === id.toUpperCase();
  switch (name) {
    case 'household':
      return d.households.filter((h) => is(h.idNumber)).slice(0, 1);
    case 'residencePermits':
      return d.residencePermits.filter((p) => is(p.idNumber));
    case 'properties':
      return d.properties.filter((p) => is(p.holderIdNumber) || (p.coOwnership?.coOwners ?? []).some((c) => is(c.idNumber)));
    case 'purchaseContracts':
      return d.purchaseContracts.filter((p) => is(p.buyerIdNumber) || (p.coOwnership?.coOwners ?? []).some((c) => is(c.idNumber)));
    case 'leaseFilings':
      return d.leaseFilings.filter((l) => is(l.lesseeIdNumber));
    case 'subsidizedHousing':
      return d.subsidizedHousing.filter((s) => s.members.some((m) => is(m.idNumber)));
    case 'individualBusinesses':
      return d.individualBusinesses.filter((b) => is(b.operatorIdNumber));
    case 'enterprises':
      return d.enterprises.filter((e) => is(e.legalRepresentativeIdNumber)).map(({ legalRepresentativeIdNumber: _x, ...e }) => e);
    case 'socialInsurance':
      return d.socialInsurance.filter((s) => is(s.idNumber));
    case 'marriages':
      return d.marriages.filter((m) => is(m.husbandIdNumber) || is(m.wifeIdNumber));
    case 'birthCertificates':
      return d.birthCertificates.filter((b) => is(b.fatherIdNumber) || is(b.motherIdNumber));
  }
}

interface Run {
  result: VerificationResult;
  reads: Read[][];
}

/** Fetches the way verify.ts does (first wave, then the follow-up), with `down` departments failing. */
function run(d: Dataset, app: ApplicationFacts = baseApp(), policy: Policy = policyFor(COUNTY), down: Department[] = []): Run {
  const ev = new Map<string, PersonEvidence>();
  const fill = (reads: Read[]) => {
    for (const [id, name] of reads) {
      const person = ev.get(id) ?? {};
      const dept = EVIDENCE[name].department;
      (person as Record<string, unknown>)[name] = down.includes(dept)
        ? { ok: false, department: dept }
        : { ok: true, records: structuredClone(lookup(d, name, id)) };
      ev.set(id, person);
    }
  };
  const first = firstWaveReads(app, policy);
  fill(first);
  const second = followUpReads(app, ev, policy);
  fill(second);
  return { result: evaluateApplication(app, ev, policy), reads: [first, second] };
}

const check = (r: VerificationResult, name: string) => {
  const c = r.checks.find((x) => x.name === name);
  if (!c) throw new Error(`no check ${name} in ${r.checks.map((x) => x.name).join(', ')}`);
  return c;
};

const DEFAULT = policyFor('370826');
const NO_CONTRACTS: Policy = { ...DEFAULT, purchaseContractsCountAsProperty: false };
const POINTS_POLICY = policyFor('370828');
const pointsApp = (o: Partial<ApplicationFacts> = {}) => baseApp({ countyCode: '370828', ...o });

/** A migrant family: household register in 安徽 太和, father holding a permit of `county`. */
function migrantFamily(
  county = COUNTY,
  permits: [string, string | null][] = [
    ['2023-09-01', '2025-03-31'],
    ['2025-04-01', '2026-03-31'],
  ],
): Dataset {
  const d = emptyData();
  const away = { regionCode: '341222', regionName: '安徽省阜阳市太和县', address: '安徽省阜阳市太和县样例镇演示村5号' };
  d.households.push(
    hh(FATHER, '王测一', '1986-04-12', '02', away),
    hh(MOTHER, '李样二', '1988-09-03', '12', away),
    hh(CHILD, '王演三', '2019-03-15', '21', away),
  );
  d.marriages.push(marriage(FATHER, MOTHER, '2014-10-01', 'MARRIED'));
  d.birthCertificates.push(bc(FATHER, MOTHER));
  for (const [from, until] of permits) d.residencePermits.push(permit(FATHER, from, until, county));
  return d;
}

// ---------------------------------------------------------------------------------------
// Categories and rules, table-driven

interface Case {
  name: string;
  data: () => Dataset;
  app?: ApplicationFacts;
  policy?: Policy;
  down?: Department[];
  category: VerificationResult['category'];
  zeroProof?: boolean;
  ageEligible?: boolean | null;
  missing?: string[];
  checks?: Record<string, string>;
  detail?: Record<string, RegExp>;
}

const CASES: Case[] = [
  {
    name: '房户一致: household and title at one address written two ways',
    data: baseFamily,
    category: 'HOUSEHOLD_AND_PROPERTY',
    zeroProof: true,
    ageEligible: true,
    missing: [],
    checks: {
      'child.identity': 'PASSED',
      'guardians[0].relationship': 'PASSED',
      'guardians[1].relationship': 'PASSED',
      'household.inCounty': 'PASSED',
      'property.title': 'PASSED',
      'address.match': 'PASSED',
      'residencePermit.continuous': 'NOT_APPLICABLE',
    },
    detail: { 'address.match': /household "测试路18号3-502" = title "测试路18号3-502"/ },
  },
  {
    name: '有房无户: household in another county, a (mortgaged) home here',
    data: () => {
      const d = baseFamily();
      for (const h of d.households) Object.assign(h, { regionCode: '370812', address: '山东省济宁市兖州区样板街10号' });
      d.properties[0]!.status = '抵押';
      return d;
    },
    category: 'PROPERTY_ONLY',
    zeroProof: true,
    checks: { 'household.inCounty': 'FAILED', 'property.title': 'PASSED', 'address.match': 'NOT_APPLICABLE' },
  },
  {
    name: '有户无房: the only home is in another county',
    data: () => {
      const d = baseFamily();
      d.properties[0]!.regionCode = '370812';
      return d;
    },
    category: 'HOUSEHOLD_ONLY',
    zeroProof: true,
    checks: { 'property.title': 'FAILED' },
    detail: { 'property.title': /1 outside the county/ },
  },
  {
    name: 'household and home in the county at different addresses: 有房 before 有户',
    data: () => {
      const d = baseFamily();
      d.properties[0]!.location = '山东省济宁市任城区模拟大道166号5-602';
      return d;
    },
    category: 'PROPERTY_ONLY',
    zeroProof: true,
    checks: { 'address.match': 'FAILED' },
    detail: { 'address.match': /different places \(normalized\): household "测试路18号3-502" ≠ title "模拟大道166号5-602"/ },
  },
  {
    name: 'a county that turns address normalization off compares as written',
    data: baseFamily,
    policy: { ...policyFor(COUNTY), addressNormalization: false },
    category: 'PROPERTY_ONLY',
    checks: { 'address.match': 'FAILED' },
  },
  {
    name: 'a cancelled (注销) title does not count',
    data: () => {
      const d = baseFamily();
      d.properties[0]!.status = '注销';
      return d;
    },
    category: 'HOUSEHOLD_ONLY',
    zeroProof: true,
    checks: { 'property.title': 'FAILED', 'address.match': 'NOT_APPLICABLE' },
    detail: { 'property.title': /cancelled \(注销\)/ },
  },
  {
    name: 'a sealed (查封) title does not count',
    data: () => {
      const d = baseFamily();
      d.properties[0]!.status = '查封';
      return d;
    },
    category: 'HOUSEHOLD_ONLY',
    detail: { 'property.title': /sealed \(查封\)/ },
  },
  {
    name: 'a commercial (商业) title does not count',
    data: () => {
      const d = baseFamily();
      d.properties[0]!.usage = '商业';
      return d;
    },
    category: 'HOUSEHOLD_ONLY',
    detail: { 'property.title': /not residential/ },
  },
  {
    name: 'the child holding a share of the home counts',
    data: () => {
      const d = baseFamily();
      d.properties = [title(GRANDMA, {}, [CHILD])];
      return d;
    },
    category: 'HOUSEHOLD_AND_PROPERTY',
    zeroProof: true,
    detail: { 'property.title': /held by the child/ },
  },
  {
    name: 'an online-signed purchase contract for a residential home counts (网签)',
    data: () => {
      const d = baseFamily();
      d.properties = [];
      for (const h of d.households) h.regionCode = '370812';
      d.purchaseContracts.push(
        contract(FATHER, { coOwnership: { mode: 'JOINT', coOwners: [{ name: '李样二', idNumber: MOTHER, share: null }] } }),
      );
      return d;
    },
    category: 'PROPERTY_ONLY',
    zeroProof: true,
    checks: { 'property.title': 'FAILED', 'property.purchaseContract': 'PASSED' },
  },
  {
    name: "a county that does not count purchase contracts (嘉祥县's policy) reads none",
    data: () => {
      const d = baseFamily();
      d.properties = [];
      for (const h of d.households) h.regionCode = '370812';
      d.purchaseContracts.push(contract(FATHER));
      return d;
    },
    policy: NO_CONTRACTS,
    category: 'UNDETERMINED',
    zeroProof: false,
    missing: [],
    checks: { 'property.purchaseContract': 'NOT_APPLICABLE' },
  },
  {
    name: 'a purchase contract for a shop (商业) does not count',
    data: () => {
      const d = baseFamily();
      d.properties = [];
      d.purchaseContracts.push(contract(FATHER, { plannedUsage: '商业' }));
      return d;
    },
    category: 'HOUSEHOLD_ONLY',
    checks: { 'property.purchaseContract': 'FAILED' },
  },
  {
    name: 'parent through the household register alone (no birth certificate): head and son 21',
    data: () => {
      const d = baseFamily();
      d.birthCertificates = [];
      d.properties = [title(FATHER)];
      return d;
    },
    category: 'HOUSEHOLD_AND_PROPERTY',
    detail: { 'guardians[0].relationship': /heads the child's household/ },
  },
  {
    name: "a head's spouse (12) is no parent by the register alone: her own home does not count without a birth certificate or marriage",
    data: () => {
      const d = baseFamily();
      d.birthCertificates = [];
      d.marriages = [];
      d.properties = [title(MOTHER)];
      return d;
    },
    category: 'HOUSEHOLD_ONLY',
    zeroProof: true,
    checks: { 'guardians[0].relationship': 'PASSED', 'guardians[1].relationship': 'FAILED', 'property.title': 'FAILED' },
    detail: { 'property.title': /held by guardians\[1\], not a verified parent or step-parent/ },
  },
  {
    name: "the head's granddaughter (44): only the birth certificate makes the mother a parent",
    data: () => {
      const d = emptyData();
      d.households.push(
        hh(GRANDMA, '曾样八', '1958-08-08', '02'),
        hh(MOTHER, '李样二', '1988-09-03', '30'),
        hh(CHILD, '王演三', '2019-03-15', '44'),
      );
      d.birthCertificates.push(bc(null, MOTHER));
      d.properties.push(title(MOTHER));
      return d;
    },
    app: baseApp({ guardians: [{ idNumber: MOTHER, name: '李样二', relation: 'MOTHER' }] }),
    category: 'HOUSEHOLD_AND_PROPERTY',
    detail: { 'guardians[0].relationship': /birth certificate .* names guardians\[0\] as mother/ },
  },
  {
    name: "a divorced parent's ex-spouse's home (ex not on the birth certificate) does not count",
    data: () => {
      const d = emptyData();
      d.households.push(hh(MOTHER, '李样二', '1988-09-03', '02'), hh(CHILD, '王演三', '2019-03-15', '31'));
      d.households.push(hh(EX, '朱测六', '1984-02-02', '02', { householdNumber: '100000009', address: '山东省济宁市任城区虚构巷66号' }));
      d.marriages.push(marriage(EX, MOTHER, '2010-05-01', 'DIVORCED'));
      d.birthCertificates.push(bc(null, MOTHER));
      d.properties.push(title(EX));
      return d;
    },
    app: baseApp({
      guardians: [
        { idNumber: MOTHER, name: '李样二', relation: 'MOTHER' },
        { idNumber: EX, name: '朱测六', relation: 'OTHER' },
      ],
    }),
    category: 'HOUSEHOLD_ONLY',
    zeroProof: true,
    checks: { 'guardians[1].relationship': 'FAILED', 'property.title': 'FAILED' },
  },
  {
    name: 'a later divorce record between the same two people ends the marriage',
    data: () => {
      const d = emptyData();
      d.households.push(hh(MOTHER, '李样二', '1988-09-03', '02'), hh(CHILD, '王演三', '2019-03-15', '31'));
      d.marriages.push(marriage(EX, MOTHER, '2010-05-01', 'MARRIED'), marriage(EX, MOTHER, '2020-02-02', 'DIVORCED'));
      d.birthCertificates.push(bc(null, MOTHER));
      d.properties.push(title(EX));
      return d;
    },
    app: baseApp({
      guardians: [
        { idNumber: MOTHER, name: '李样二', relation: 'MOTHER' },
        { idNumber: EX, name: '朱测六', relation: 'OTHER' },
      ],
    }),
    category: 'HOUSEHOLD_ONLY',
    checks: { 'guardians[1].relationship': 'FAILED' },
  },
  {
    name: "a step-parent's home (the mother's current husband, spouse 11 of the head) counts",
    data: () => {
      const d = emptyData();
      d.households.push(
        hh(MOTHER, '李样二', '1988-09-03', '02'),
        hh(STEP, '司马测八', '1983-11-30', '11'),
        hh(CHILD, '王演三', '2019-03-15', '31'),
      );
      d.marriages.push(marriage(FATHER, MOTHER, '2016-01-01', 'DIVORCED'), marriage(STEP, MOTHER, '2021-05-20', 'MARRIED'));
      d.birthCertificates.push(bc(FATHER, MOTHER));
      d.properties.push(title(STEP, { location: '山东省济宁市任城区测试路十八号3-502' }));
      return d;
    },
    app: baseApp({
      guardians: [
        { idNumber: MOTHER, name: '李样二', relation: 'MOTHER' },
        { idNumber: STEP, name: '司马测八', relation: 'OTHER' },
      ],
    }),
    category: 'HOUSEHOLD_AND_PROPERTY',
    zeroProof: true,
    checks: { 'guardians[1].relationship': 'PASSED' },
    detail: { 'guardians[1].relationship': /step-parent: guardians\[1\] is the current spouse of guardians\[0\]/ },
  },
  {
    name: 'a step-parent not named as a guardian: found through the marriage, his home read in a second wave',
    data: () => {
      const d = emptyData();
      d.households.push(hh(MOTHER, '李样二', '1988-09-03', '02'), hh(CHILD, '王演三', '2019-03-15', '31'));
      d.marriages.push(marriage(STEP, MOTHER, '2021-05-20', 'MARRIED'));
      d.birthCertificates.push(bc(null, MOTHER));
      d.properties.push(title(STEP));
      return d;
    },
    app: baseApp({ guardians: [{ idNumber: MOTHER, name: '李样二', relation: 'MOTHER' }] }),
    category: 'HOUSEHOLD_AND_PROPERTY',
    zeroProof: true,
    checks: { 'guardians[0].spouse': 'PASSED' },
    detail: { 'property.title': /held by the current spouse of guardians\[0\]/ },
  },
  {
    name: '随迁子女: a permit renewed without a gap is one period of 2 years',
    data: () => migrantFamily(),
    category: 'MIGRANT_WORKER_CHILD',
    zeroProof: true,
    missing: [],
    checks: { 'household.inCounty': 'FAILED', 'residencePermit.continuous': 'PASSED' },
    detail: { 'residencePermit.continuous': /held continuously from before 2025-03-01 through 2025-08-31 \(2 permits/ },
  },
  {
    name: 'a permit with a one-day gap: the latest period alone is too short',
    data: () =>
      migrantFamily(COUNTY, [
        ['2024-03-01', '2025-05-31'],
        ['2025-06-02', '2026-06-01'],
      ]),
    category: 'UNDETERMINED',
    zeroProof: false,
    missing: [],
    checks: { 'residencePermit.continuous': 'FAILED' },
    detail: { 'residencePermit.continuous': /a gap of 1 day breaks continuity/ },
  },
  {
    name: 'a permit held exactly from 1 March (6 months to 31 August) is enough',
    data: () => migrantFamily(COUNTY, [['2025-03-01', '2025-08-31']]),
    category: 'MIGRANT_WORKER_CHILD',
  },
  {
    name: 'a permit from 2 March is a day short',
    data: () => migrantFamily(COUNTY, [['2025-03-02', '2026-03-01']]),
    category: 'UNDETERMINED',
  },
  {
    name: 'a permit that ends before 31 August does not reach the cut-off',
    data: () => migrantFamily(COUNTY, [['2023-01-01', '2025-08-30']]),
    category: 'UNDETERMINED',
    detail: { 'residencePermit.continuous': /no permit of 370811 is valid on 2025-08-31/ },
  },
  {
    name: "another county's permit does not count",
    data: () => migrantFamily('370812'),
    category: 'UNDETERMINED',
  },
  {
    name: 'a permit held by a guardian who is no verified parent does not count',
    data: () => {
      const d = migrantFamily();
      d.residencePermits = [permit(UNCLE, '2020-01-01', null)];
      return d;
    },
    app: baseApp({ guardians: [{ idNumber: UNCLE, name: '王测叔', relation: 'OTHER' }] }),
    category: 'UNDETERMINED',
    checks: { 'guardians[0].relationship': 'FAILED' },
  },
  {
    name: 'a permit held by a step-parent is not a parent\'s permit (rule 5 says "a verified parent")',
    data: () => {
      const d = migrantFamily();
      d.residencePermits = [permit(STEP, '2020-01-01', null)];
      d.marriages.push(marriage(STEP, MOTHER, '2021-05-20', 'MARRIED'));
      d.marriages[0]!.status = 'DIVORCED';
      return d;
    },
    app: baseApp({
      guardians: [
        { idNumber: MOTHER, name: '李样二', relation: 'MOTHER' },
        { idNumber: STEP, name: '司马测八', relation: 'OTHER' },
      ],
    }),
    category: 'UNDETERMINED',
  },
  {
    name: 'priority group (优待对象): declared, its proof offline, so no zero proof',
    data: baseFamily,
    app: baseApp({ priorityGroup: true }),
    category: 'PRIORITY',
    zeroProof: false,
    missing: [],
    checks: { priorityGroup: 'NOT_APPLICABLE' },
  },
  {
    name: 'an unknown child: valid ID numbers no department knows',
    data: emptyData,
    category: 'UNDETERMINED',
    zeroProof: false,
    ageEligible: true,
    missing: [],
    checks: {
      'child.identity': 'FAILED',
      'household.inCounty': 'FAILED',
      'guardians[0].relationship': 'FAILED',
      'child.birthDate': 'NOT_APPLICABLE',
    },
  },
  {
    // the register contradicts the application: no link from it (the father heads that household), so the
    // home decides nothing either; the family clears it up with the household register
    name: "the child's name differs from the register's: nothing from that record decides, not zero-proof",
    data: baseFamily,
    app: baseApp({ child: { idNumber: CHILD, name: '王演四', birthDate: '2019-03-15', gender: 'MALE' } }),
    category: 'UNDETERMINED',
    zeroProof: false,
    missing: ['HOUSEHOLD_REGISTRATION'],
    checks: {
      'child.identity': 'FAILED',
      'household.inCounty': 'UNAVAILABLE',
      'guardians[0].relationship': 'UNAVAILABLE',
      'guardians[0].identity': 'PASSED',
    },
    detail: { 'guardians[0].relationship': /holds the child's ID number under another name/ },
  },
  {
    name: "a guardian's name differs from the register's where the home is his alone: not zero-proof",
    data: () => {
      const d = baseFamily();
      d.properties = [title(FATHER)];
      return d;
    },
    app: baseApp({
      guardians: [
        { idNumber: FATHER, name: '王测九', relation: 'FATHER' },
        { idNumber: MOTHER, name: '李样二', relation: 'MOTHER' },
      ],
    }),
    category: 'HOUSEHOLD_ONLY',
    zeroProof: false,
    missing: ['HOUSEHOLD_REGISTRATION'],
    checks: { 'guardians[0].identity': 'FAILED', 'guardians[0].relationship': 'UNAVAILABLE', 'guardians[1].identity': 'PASSED' },
  },
  {
    name: "a guardian's name differs from the register's where the decision does not rest on her: unchanged",
    data: baseFamily,
    app: baseApp({
      guardians: [
        { idNumber: FATHER, name: '王测一', relation: 'FATHER' },
        { idNumber: MOTHER, name: '李样九', relation: 'MOTHER' },
      ],
    }),
    category: 'HOUSEHOLD_AND_PROPERTY',
    zeroProof: true,
    missing: [],
    checks: { 'guardians[1].identity': 'FAILED', 'guardians[1].relationship': 'UNAVAILABLE', 'guardians[0].relationship': 'PASSED' },
  },
  {
    name: 'junior secondary: no age rule',
    data: baseFamily,
    app: baseApp({ stage: 'JUNIOR' }),
    category: 'HOUSEHOLD_AND_PROPERTY',
    ageEligible: null,
    checks: { age: 'NOT_APPLICABLE' },
  },
  {
    name: "the ID number's birth date differs from the register's: not age-eligible",
    data: () => {
      const d = baseFamily();
      d.households[2]!.birthDate = '2019-03-16';
      return d;
    },
    category: 'HOUSEHOLD_AND_PROPERTY',
    ageEligible: false,
    checks: { 'child.birthDate': 'FAILED', age: 'FAILED' },
  },

  // each department unavailable in turn (the 房户一致 family)
  {
    name: 'police down: PROPERTY_ONLY until the household register is photographed',
    data: baseFamily,
    down: ['police'],
    category: 'PROPERTY_ONLY',
    zeroProof: false,
    missing: ['HOUSEHOLD_REGISTRATION'],
    checks: {
      'child.identity': 'UNAVAILABLE',
      'household.inCounty': 'UNAVAILABLE',
      'address.match': 'UNAVAILABLE',
      'property.title': 'PASSED',
    },
  },
  {
    name: 'natural resources down: HOUSEHOLD_ONLY until the title is photographed',
    data: baseFamily,
    down: ['naturalResources'],
    category: 'HOUSEHOLD_ONLY',
    zeroProof: false,
    missing: ['PROPERTY_CERTIFICATE'],
    checks: { 'property.title': 'UNAVAILABLE', 'address.match': 'UNAVAILABLE' },
  },
  {
    name: 'housing down: the title already decides; nothing missing',
    data: baseFamily,
    down: ['housing'],
    category: 'HOUSEHOLD_AND_PROPERTY',
    zeroProof: true,
    missing: [],
    checks: { 'property.purchaseContract': 'UNAVAILABLE' },
  },
  {
    name: 'health down: the father through the register, the mother as his current spouse; nothing missing',
    data: baseFamily,
    down: ['health'],
    category: 'HOUSEHOLD_AND_PROPERTY',
    zeroProof: true,
    missing: [],
    checks: { 'guardians[0].relationship': 'PASSED', 'guardians[1].relationship': 'PASSED' },
  },
  {
    name: 'civil affairs down: the birth certificate decides; nothing missing',
    data: baseFamily,
    down: ['civilAffairs'],
    category: 'HOUSEHOLD_AND_PROPERTY',
    zeroProof: true,
    missing: [],
  },
  {
    name: 'human resources and market regulation down: not read where the county does not score',
    data: baseFamily,
    down: ['humanResources', 'marketRegulation'],
    category: 'HOUSEHOLD_AND_PROPERTY',
    zeroProof: true,
    missing: [],
  },
  {
    name: 'health down when only the birth certificate makes the owner a parent: the birth certificate is missing',
    data: () => {
      const d = emptyData();
      d.households.push(
        hh(GRANDMA, '曾样八', '1958-08-08', '02'),
        hh(MOTHER, '李样二', '1988-09-03', '30'),
        hh(CHILD, '王演三', '2019-03-15', '44'),
      );
      d.birthCertificates.push(bc(null, MOTHER));
      d.properties.push(title(MOTHER));
      return d;
    },
    app: baseApp({ guardians: [{ idNumber: MOTHER, name: '李样二', relation: 'MOTHER' }] }),
    down: ['health'],
    category: 'HOUSEHOLD_ONLY',
    zeroProof: false,
    missing: ['BIRTH_CERTIFICATE'],
    checks: { 'guardians[0].relationship': 'UNAVAILABLE' },
  },
  {
    name: 'civil affairs down when only the marriage makes the owner a step-parent: the marriage registration is missing',
    data: () => {
      const d = emptyData();
      d.households.push(
        hh(MOTHER, '李样二', '1988-09-03', '02'),
        hh(STEP, '司马测八', '1983-11-30', '11'),
        hh(CHILD, '王演三', '2019-03-15', '31'),
      );
      d.marriages.push(marriage(STEP, MOTHER, '2021-05-20', 'MARRIED'));
      d.birthCertificates.push(bc(FATHER, MOTHER));
      d.properties.push(title(STEP));
      return d;
    },
    app: baseApp({
      guardians: [
        { idNumber: MOTHER, name: '李样二', relation: 'MOTHER' },
        { idNumber: STEP, name: '司马测八', relation: 'OTHER' },
      ],
    }),
    down: ['civilAffairs'],
    category: 'HOUSEHOLD_ONLY',
    zeroProof: false,
    missing: ['MARRIAGE_REGISTRATION'],
    checks: { 'guardians[1].relationship': 'UNAVAILABLE' },
  },
  {
    name: 'police down for a migrant family: the household register and the residence permit are missing',
    data: () => migrantFamily(),
    down: ['police'],
    category: 'UNDETERMINED',
    zeroProof: false,
    missing: ['HOUSEHOLD_REGISTRATION', 'RESIDENCE_PERMIT'],
    checks: { 'residencePermit.continuous': 'UNAVAILABLE' },
  },
  {
    name: 'health down for a migrant family: the father heads the household, the permit decides',
    data: () => migrantFamily(),
    down: ['health'],
    category: 'MIGRANT_WORKER_CHILD',
    zeroProof: true,
    missing: [],
  },
  {
    name: 'natural resources and housing down for a migrant family: a home might rank higher',
    data: () => migrantFamily(),
    down: ['naturalResources', 'housing'],
    category: 'MIGRANT_WORKER_CHILD',
    zeroProof: false,
    missing: ['PROPERTY_CERTIFICATE', 'PURCHASE_CONTRACT'],
  },
];

describe('verification rules, table-driven', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { result } = run(c.data(), c.app ?? baseApp(), c.policy ?? policyFor((c.app ?? baseApp()).countyCode), c.down ?? []);
    const ctx = JSON.stringify(result.checks, null, 1);
    expect(result.category, ctx).toBe(c.category);
    if (c.zeroProof !== undefined) expect(result.zeroProof, ctx).toBe(c.zeroProof);
    if (c.ageEligible !== undefined) expect(result.ageEligible).toBe(c.ageEligible);
    if (c.missing) expect(result.missingEvidence, ctx).toEqual(c.missing);
    for (const [name, status] of Object.entries(c.checks ?? {}))
      expect(check(result, name).status, `${name}: ${check(result, name).detail}`).toBe(status);
    for (const [name, re] of Object.entries(c.detail ?? {})) expect(check(result, name).detail).toMatch(re);
    // zero proof means nothing to upload; PRIORITY and UNDETERMINED are never zero proof
    if (result.zeroProof) expect(result.missingEvidence).toEqual([]);
    if (result.category === 'PRIORITY' || result.category === 'UNDETERMINED') expect(result.zeroProof).toBe(false);
    // never an ID number or a name in what a clerk reads
    const text = JSON.stringify(result.checks);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    for (const name of NAMES) expect(text).not.toContain(name);
  });

  it('checks every category at least once', () => {
    const categories = new Set(CASES.map((c) => c.category));
    expect([...categories].sort()).toEqual([
      'HOUSEHOLD_AND_PROPERTY',
      'HOUSEHOLD_ONLY',
      'MIGRANT_WORKER_CHILD',
      'PRIORITY',
      'PROPERTY_ONLY',
      'UNDETERMINED',
    ]);
  });
});

describe('rule 2: age', () => {
  it.each([
    ['2019-08-31', true],
    ['2019-09-01', false],
    ['2018-09-01', true],
    ['2020-01-01', false],
  ])('born %s, first grade 2025: %s', (birthDate, eligible) => {
    expect(isAgeEligible(birthDate, 2025, DEFAULT.age)).toBe(eligible);
    const d = baseFamily();
    d.households[2]!.birthDate = birthDate;
    d.birthCertificates[0]!.birthDate = birthDate;
    const { result } = run(d, baseApp({ child: { idNumber: CHILD, name: '王演三', birthDate, gender: 'MALE' } }));
    expect(result.ageEligible).toBe(eligible);
    // the category is decided either way
    expect(result.category).toBe('HOUSEHOLD_AND_PROPERTY');
  });
});

describe('rule 1: relationship', () => {
  it('matches a birth certificate by the child name and birth date, naming the guardian', () => {
    const cert = bc(FATHER, MOTHER);
    expect(matchBirthCertificate(FATHER, { name: '王演三', birthDate: '2019-03-15' }, [cert])?.role).toBe('FATHER');
    expect(matchBirthCertificate(MOTHER, { name: '王演三', birthDate: '2019-03-15' }, [cert])?.role).toBe('MOTHER');
    expect(matchBirthCertificate(FATHER, { name: '王演四', birthDate: '2019-03-15' }, [cert])).toBeNull();
    expect(matchBirthCertificate(FATHER, { name: '王演三', birthDate: '2019-03-16' }, [cert])).toBeNull();
    expect(matchBirthCertificate(UNCLE, { name: '王演三', birthDate: '2019-03-15' }, [cert])).toBeNull();
  });

  it.each([
    ['02', '21', true],
    ['02', '27', true],
    ['02', '37', true],
    ['01', '30', true],
    ['12', '21', false],
    ['02', '41', false],
    ['02', '44', false],
    ['02', '99', false],
  ])('register: guardian %s, child %s -> %s', (g, c, parent) => {
    expect(parentByRegister(hh(CHILD, '王演三', '2019-03-15', c), hh(FATHER, '王测一', '1986-04-12', g))).toBe(parent);
  });

  it('register: another household number is no link', () => {
    expect(
      parentByRegister(hh(CHILD, '王演三', '2019-03-15', '21', { householdNumber: '2' }), hh(FATHER, '王测一', '1986-04-12', '02')),
    ).toBe(false);
  });

  it.each<[string, MarriageRegistration[], string | null]>([
    ['married', [marriage(FATHER, MOTHER, '2014-10-01', 'MARRIED')], MOTHER],
    ['divorced', [marriage(FATHER, MOTHER, '2014-10-01', 'DIVORCED')], null],
    ['annulled', [marriage(FATHER, MOTHER, '2014-10-01', 'ANNULLED')], null],
    [
      'a later divorce record',
      [marriage(FATHER, MOTHER, '2014-10-01', 'MARRIED'), marriage(FATHER, MOTHER, '2020-01-01', 'DIVORCED')],
      null,
    ],
    [
      'remarried to the same person',
      [
        marriage(FATHER, MOTHER, '2014-10-01', 'MARRIED'),
        marriage(FATHER, MOTHER, '2020-01-01', 'DIVORCED'),
        marriage(FATHER, MOTHER, '2022-01-01', 'MARRIED'),
      ],
      MOTHER,
    ],
    [
      'divorced and remarried to another',
      [marriage(FATHER, EX, '2010-01-01', 'DIVORCED'), marriage(FATHER, MOTHER, '2021-01-01', 'MARRIED')],
      MOTHER,
    ],
    [
      'divorce on the same day wins',
      [marriage(FATHER, MOTHER, '2014-10-01', 'MARRIED'), marriage(FATHER, MOTHER, '2014-10-01', 'DIVORCED')],
      null,
    ],
  ])('current spouse: %s', (_n, list, spouse) => {
    expect(currentSpouse(FATHER, list)).toBe(spouse);
  });
});

describe('rule 4: which titles count', () => {
  it.each<[string, Partial<PropertyCertificate>, string]>([
    ['normal', {}, 'counts'],
    ['mortgaged', { status: '抵押' }, 'counts'],
    ['cancelled', { status: '注销' }, 'cancelled'],
    ['sealed', { status: '查封' }, 'sealed'],
    ['shop', { usage: '商业' }, 'notResidential'],
    ['mixed residential', { usage: '商住/住宅' }, 'counts'],
    ['another county', { regionCode: '370812' }, 'outsideCounty'],
    ['a finer code in the county', { regionCode: '370811001' }, 'counts'],
  ])('%s', (_n, patch, verdict) => {
    expect(titleVerdict(title(FATHER, patch), FATHER, COUNTY)).toBe(verdict);
  });
  it('co-owner counts, a stranger does not', () => {
    expect(titleVerdict(title(GRANDMA, {}, [MOTHER]), MOTHER, COUNTY)).toBe('counts');
    expect(titleVerdict(title(GRANDMA), MOTHER, COUNTY)).toBe('notHolder');
  });
});

describe('rule 5: address notation', () => {
  it.each([
    ['山东省济宁市任城区测试路十八号3单元502室', '山东省济宁市任城区测试路18号3-502'],
    ['山东省济宁市泗水县演示路二十号2-401', '山东省济宁市泗水县演示路20号2单元401室'],
    ['山东省济宁市曲阜市示范路一百零八号6-1201', '曲阜市示范路108号6单元1201室'],
    ['济宁市任城区测试路１８号３单元５０２室', '任城区 测试路 18 号 3-502'],
    ['测试路18号2号楼1单元301室', '测试路18号2-1-301'],
    ['测试路18号2栋1单元301', '测试路18号2号楼1单元301室'],
  ])('%s = %s', (a, b) => {
    expect(normalizeAddress(a)).toBe(normalizeAddress(b));
    expect(sameAddress(a, b, true)).toBe(true);
  });
  it.each([
    ['测试路18号3单元502室', '测试路18号3单元503室'],
    ['测试路18号', '测试路19号'],
    ['测试路一百零五号', '测试路15号'],
  ])('%s != %s', (a, b) => {
    expect(sameAddress(a, b, true)).toBe(false);
  });
  it('without normalization only whitespace is ignored', () => {
    expect(sameAddress('测试路 18号', '测试路18号', false)).toBe(true);
    expect(sameAddress('测试路十八号', '测试路18号', false)).toBe(false);
  });
  it.each([
    ['十', '10'],
    ['十八', '18'],
    ['二十', '20'],
    ['一百零五', '105'],
    ['一百一十二', '112'],
    ['二百', '200'],
    ['五零二', '502'],
  ])('%s -> %s', (cn, n) => expect(chineseToArabic(cn)).toBe(n));
});

describe('rule 5: residence permits', () => {
  it('merges renewals that touch, keeps a one-day gap apart', () => {
    expect(
      mergePeriods([
        { from: '2025-04-01', until: '2026-03-31' },
        { from: '2023-09-01', until: '2025-03-31' },
      ]),
    ).toEqual([{ from: '2023-09-01', until: '2026-03-31' }]);
    expect(
      mergePeriods([
        { from: '2024-03-01', until: '2025-05-31' },
        { from: '2025-06-02', until: '2026-06-01' },
      ]),
    ).toHaveLength(2);
    expect(
      mergePeriods([
        { from: '2020-01-01', until: null },
        { from: '2021-01-01', until: '2022-01-01' },
      ]),
    ).toEqual([{ from: '2020-01-01', until: null }]);
    expect(
      mergePeriods([
        { from: '2020-01-01', until: '2023-01-01' },
        { from: '2021-01-01', until: '2022-01-01' },
      ]),
    ).toEqual([{ from: '2020-01-01', until: '2023-01-01' }]);
  });
  it('takes the policy months', () => {
    const p = [permit(FATHER, '2025-01-15', '2026-01-14')];
    expect(permitContinuity(p, COUNTY, 2025, { months: 6, by: '08-31' }).holds).toBe(true);
    expect(permitContinuity(p, COUNTY, 2025, { months: 12, by: '08-31' }).holds).toBe(false);
  });
  it('month arithmetic clamps to the month end', () => {
    expect(addMonths('2025-09-01', -6)).toBe('2025-03-01');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2024-12-15', 3)).toBe('2025-03-15');
  });
});

describe('rule 6: three-valued facts', () => {
  it('and / or / the first rule that holds', () => {
    expect(and(TRUE, unknown('PROPERTY_CERTIFICATE')).v).toBe('U');
    expect(and(FALSE, unknown('PROPERTY_CERTIFICATE')).v).toBe('F');
    expect(or(TRUE, unknown('PROPERTY_CERTIFICATE')).v).toBe('T');
    expect(or(FALSE, unknown('BIRTH_CERTIFICATE'), unknown('PROPERTY_CERTIFICATE')).needs).toEqual([
      'PROPERTY_CERTIFICATE',
      'BIRTH_CERTIFICATE',
    ]);
    expect(
      decideCategory([
        { category: 'PRIORITY', fact: FALSE },
        { category: 'HOUSEHOLD_AND_PROPERTY', fact: unknown('PROPERTY_CERTIFICATE') },
        { category: 'PROPERTY_ONLY', fact: unknown('PROPERTY_CERTIFICATE') },
        { category: 'HOUSEHOLD_ONLY', fact: TRUE },
        { category: 'MIGRANT_WORKER_CHILD', fact: unknown('RESIDENCE_PERMIT') },
      ]),
    ).toEqual({ category: 'HOUSEHOLD_ONLY', undecided: ['PROPERTY_CERTIFICATE'] });
  });
});

describe('department load: what is read', () => {
  it('the first wave asks every person at once; a non-scoring county reads no social insurance, business or lease', () => {
    const { reads } = run(baseFamily());
    const kinds = new Set(reads[0]!.map(([, n]) => n));
    expect([...kinds].sort()).toEqual([
      'birthCertificates',
      'household',
      'marriages',
      'properties',
      'purchaseContracts',
      'residencePermits',
    ]);
    expect(reads[1]).toEqual([]);
    // birth certificates only through the guardians
    expect(reads[0]!.filter(([, n]) => n === 'birthCertificates').map(([id]) => id)).toEqual([FATHER, MOTHER]);
  });

  it('a county that does not count purchase contracts does not ask housing', () => {
    const { reads } = run(baseFamily(), baseApp(), NO_CONTRACTS);
    expect(reads.flat().some(([, n]) => n === 'purchaseContracts')).toBe(false);
  });

  it('a step-parent not named: one follow-up read of his titles and contracts', () => {
    const d = emptyData();
    d.households.push(hh(MOTHER, '李样二', '1988-09-03', '02'), hh(CHILD, '王演三', '2019-03-15', '31'));
    d.marriages.push(marriage(STEP, MOTHER, '2021-05-20', 'MARRIED'));
    d.birthCertificates.push(bc(null, MOTHER));
    const { reads } = run(d, baseApp({ guardians: [{ idNumber: MOTHER, name: '李样二', relation: 'MOTHER' }] }));
    expect(reads[1]).toEqual([
      [STEP, 'properties'],
      [STEP, 'purchaseContracts'],
    ]);
  });

  it('an ex-spouse is no candidate: no follow-up', () => {
    const d = emptyData();
    d.households.push(hh(MOTHER, '李样二', '1988-09-03', '02'), hh(CHILD, '王演三', '2019-03-15', '31'));
    d.marriages.push(marriage(EX, MOTHER, '2010-05-01', 'DIVORCED'));
    d.birthCertificates.push(bc(null, MOTHER));
    const { reads } = run(d, baseApp({ guardians: [{ idNumber: MOTHER, name: '李样二', relation: 'MOTHER' }] }));
    expect(reads[1]).toEqual([]);
  });

  it('points evidence only for a family that can be migrant, in a county that scores', () => {
    expect(run(baseFamily(), pointsApp(), POINTS_POLICY).reads[1]).toEqual([]);
    const migrant = run(migrantFamily('370828'), pointsApp(), POINTS_POLICY).reads[1]!;
    expect(new Set(migrant.map(([, n]) => n))).toEqual(
      new Set(['leaseFilings', 'subsidizedHousing', 'socialInsurance', 'individualBusinesses', 'enterprises']),
    );
  });
});

// ---------------------------------------------------------------------------------------
// Rule 7: points

function scoredFamily(): Dataset {
  const d = migrantFamily('370828');
  const months = (from: string, to: string) => {
    const out: string[] = [];
    for (let m = from; m <= to; m = addMonths(`${m}-01`, 1).slice(0, 7)) out.push(m);
    return out;
  };
  // 40 months in the county (capped at 36), a month twice (two insurance types) counts once, one month elsewhere
  for (const period of months('2022-04', '2025-07')) {
    d.socialInsurance.push({
      idNumber: FATHER,
      name: '王测一',
      employerName: '样例物流有限公司',
      period,
      insuranceType: 'PENSION',
      regionCode: '370828',
    });
    d.socialInsurance.push({
      idNumber: FATHER,
      name: '王测一',
      employerName: '样例物流有限公司',
      period,
      insuranceType: 'MEDICAL',
      regionCode: '370828',
    });
  }
  d.socialInsurance.push({
    idNumber: MOTHER,
    name: '李样二',
    employerName: null,
    period: '2025-01',
    insuranceType: 'PENSION',
    regionCode: '370811',
  });
  d.individualBusinesses.push({
    operatorName: '李样二',
    operatorIdNumber: MOTHER,
    creditCode: '92370828MA00000001',
    establishedOn: '2020-05-18',
    businessAddress: '金乡县示范路11号',
    regionCode: '370828',
  });
  d.leaseFilings.push({
    filingNumber: '济租备字(2024)第000001号',
    lessorName: null,
    lessorIdNumber: null,
    lesseeName: '王测一',
    lesseeIdNumber: FATHER,
    regionCode: '370828',
    location: '金乡县测试路21号4-202',
    propertyCertificateNumber: null,
    leaseStart: '2024-03-01',
    leaseEnd: '2026-02-28',
  });
  d.properties.push(title(FATHER, { regionCode: '370828', usage: '商业', location: '金乡县样例街5号' }));
  return d;
}

describe('rule 7: points', () => {
  it('scores the four items from the evidence, each with its source', () => {
    const { result } = run(scoredFamily(), pointsApp(), POINTS_POLICY);
    expect(result.category).toBe('MIGRANT_WORKER_CHILD');
    expect(result.zeroProof).toBe(true);
    expect(result.points).not.toBeNull();
    const byItem = Object.fromEntries(result.points!.items.map((i) => [i.item, i]));
    expect(byItem.HOUSEHOLD_TYPE).toMatchObject({ score: 10, evidence: ['HOUSEHOLD_REGISTRATION'] });
    expect(byItem.RESIDENCE).toMatchObject({ score: 20, evidence: ['LEASE_FILING'] });
    // the father: 36 months (capped) = 36; the mother: a licence (20) + 0 months here = 20; the best counts
    expect(byItem.EMPLOYMENT).toMatchObject({ score: 36, evidence: ['SOCIAL_INSURANCE_PAYMENT'] });
    expect(byItem.EMPLOYMENT!.detail).toMatch(/36 months .* \(the cap\)/);
    expect(byItem.PROPERTY_TYPE).toMatchObject({ score: 10, evidence: ['PROPERTY_CERTIFICATE'] });
    expect(result.points!.total).toBe(76);
    expect(result.checks.filter((c) => c.name.startsWith('points.')).map((c) => c.status)).toEqual([
      'PASSED',
      'PASSED',
      'PASSED',
      'PASSED',
    ]);
  });

  it('caps an item at its max', () => {
    const d = scoredFamily();
    d.individualBusinesses[0]!.operatorIdNumber = FATHER;
    const { result } = run(d, pointsApp(), POINTS_POLICY);
    const employment = result.points!.items.find((i) => i.item === 'EMPLOYMENT')!;
    expect(employment.score).toBe(50);
    expect(employment.detail).toMatch(/capped at 50/);
  });

  it('no points where the county does not score, nor for a category other than migrant', () => {
    expect(run(scoredFamily(), baseApp({ countyCode: '370826' })).result.points).toBeNull();
    expect(run(baseFamily(), pointsApp(), POINTS_POLICY).result.points).toBeNull();
  });

  it('human resources down: EMPLOYMENT is UNAVAILABLE and the payment record is missing', () => {
    const { result } = run(scoredFamily(), pointsApp(), POINTS_POLICY, ['humanResources']);
    expect(result.category).toBe('MIGRANT_WORKER_CHILD');
    expect(check(result, 'points.EMPLOYMENT')).toMatchObject({ status: 'UNAVAILABLE', department: 'humanResources' });
    expect(result.missingEvidence).toEqual(['SOCIAL_INSURANCE_PAYMENT']);
    expect(result.zeroProof).toBe(false);
    // the mother's licence still scores
    expect(result.points!.items.find((i) => i.item === 'EMPLOYMENT')!.score).toBe(20);
  });

  it('market regulation down: the licences are missing', () => {
    const { result } = run(scoredFamily(), pointsApp(), POINTS_POLICY, ['marketRegulation']);
    expect(check(result, 'points.EMPLOYMENT').status).toBe('UNAVAILABLE');
    expect(result.missingEvidence).toEqual(['INDIVIDUAL_BUSINESS_LICENSE', 'ENTERPRISE_LICENSE']);
  });

  it('the best residence source counts', () => {
    const d = scoredFamily();
    d.purchaseContracts.push(contract(FATHER, { regionCode: '370828', plannedUsage: '商业' }));
    d.subsidizedHousing.push({
      regionCode: '370828',
      address: '金乡县样板街36号',
      members: [
        { relationToPrimaryApplicant: '本人', name: '王测一', idNumber: FATHER },
        { relationToPrimaryApplicant: '子女', name: '王演三', idNumber: CHILD },
      ],
      contractStatus: '正常',
      reviewStatus: '审核通过',
      contractStart: '2024-07-01',
      subsidyType: '公租房实物配租',
      contractEnd: '2027-06-30',
      applicationCertificateNumber: 'BZF2024000001',
    });
    const { result } = run(d, pointsApp(), POINTS_POLICY);
    expect(result.points!.items.find((i) => i.item === 'RESIDENCE')).toMatchObject({
      score: 25,
      evidence: ['SUBSIDIZED_HOUSING_CONTRACT'],
    });
  });
});

// ---------------------------------------------------------------------------------------
// Rule 8: the registry draft

describe('rule 8: the student-registry draft', () => {
  it('pre-fills the new student from the register and the birth certificate', () => {
    const { result } = run(baseFamily());
    expect(result.registryDraft).toEqual({
      name: '王演三',
      idNumber: CHILD,
      gender: 'MALE',
      birthDate: '2019-03-15',
      ethnicity: '汉族',
      nativePlace: '山东省济宁市',
      householdAddress: HOME,
      householdRegionCode: COUNTY,
      householdType: 'FAMILY',
      birthCertificateNumber: 'N370000001',
      guardians: [
        { name: '王测一', idNumber: FATHER, relation: 'FATHER', verifiedBy: '出生医学证明' },
        { name: '李样二', idNumber: MOTHER, relation: 'MOTHER', verifiedBy: '出生医学证明' },
      ],
    });
  });

  it('names a step-parent by the marriage and leaves an unconfirmed guardian unverified', () => {
    const d = emptyData();
    d.households.push(
      hh(MOTHER, '李样二', '1988-09-03', '02'),
      hh(STEP, '司马测八', '1983-11-30', '11'),
      hh(CHILD, '王演三', '2019-03-15', '31'),
    );
    d.marriages.push(marriage(STEP, MOTHER, '2021-05-20', 'MARRIED'));
    d.birthCertificates.push(bc(FATHER, MOTHER));
    const app = baseApp({
      guardians: [
        { idNumber: MOTHER, name: '李样二', relation: 'MOTHER' },
        { idNumber: STEP, name: '司马测八', relation: 'OTHER' },
        { idNumber: UNCLE, name: '王测叔', relation: 'OTHER' },
      ],
    });
    const { result } = run(d, app);
    expect(result.registryDraft!.guardians.map((g) => [g.relation, g.verifiedBy])).toEqual([
      ['MOTHER', '出生医学证明'],
      ['OTHER', '结婚证'],
      ['OTHER', null],
    ]);
  });

  it('is null when the register cannot confirm the child', () => {
    expect(run(emptyData()).result.registryDraft).toBeNull();
    expect(run(baseFamily(), baseApp(), DEFAULT, ['police']).result.registryDraft).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------
// Input

describe('the application input', () => {
  const input = (o: Record<string, unknown> = {}) => ({
    applicationId: 'APP-1',
    countyCode: COUNTY,
    schoolYear: 2025,
    stage: 'PRIMARY' as const,
    child: { idNumber: CHILD, name: '王演三' },
    guardians: [{ idNumber: FATHER, name: '王测一', relation: 'FATHER' as const }],
    ...o,
  });
  const now = new Date('2025-07-01T00:00:00Z');
  const argumentOf = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return (err as { extensions?: Record<string, unknown> }).extensions;
    }
    return undefined;
  };

  it('takes a valid application, with the birth date and gender from the ID number', () => {
    expect(checkApplication(input(), now).child).toEqual({ idNumber: CHILD, name: '王演三', birthDate: '2019-03-15', gender: 'MALE' });
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a guardian ID number failing its check digit',
      {
        guardians: [
          { idNumber: FATHER, name: '王测一', relation: 'FATHER' },
          { idNumber: MOTHER.slice(0, 17) + (MOTHER.endsWith('0') ? '1' : '0'), name: '李样二', relation: 'MOTHER' },
        ],
      },
      'input.guardians[1].idNumber',
    ],
    ["the child's ID number", { child: { idNumber: '123', name: '王演三' } }, 'input.child.idNumber'],
    ["an empty child's name", { child: { idNumber: CHILD, name: '  ' } }, 'input.child.name'],
    ['a county outside Jining', { countyCode: '110101' }, 'input.countyCode'],
    ['a school year far off', { schoolYear: 1999 }, 'input.schoolYear'],
    ['a school year in the future', { schoolYear: 2030 }, 'input.schoolYear'],
    ['no guardian', { guardians: [] }, 'input.guardians'],
    [
      'five guardians',
      { guardians: [FATHER, MOTHER, STEP, EX, UNCLE].map((id) => ({ idNumber: id, name: '某测', relation: 'OTHER' })) },
      'input.guardians',
    ],
    ['a guardian who is the child', { guardians: [{ idNumber: CHILD, name: '王演三', relation: 'OTHER' }] }, 'input.guardians[0].idNumber'],
    ['an empty application ID', { applicationId: ' ' }, 'input.applicationId'],
  ])('refuses %s, naming the argument', (_n, patch, argumentName) => {
    const ext = argumentOf(() => checkApplication(input(patch), now));
    expect(ext).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
  });
});

describe('the policies shipped', () => {
  it('load and validate; a county without a file gets the default', () => {
    const set = loadPolicies();
    expect(set.default.residencePermit).toEqual({ months: 6, by: '08-31' });
    expect(set.default.age).toEqual({ years: 6, by: '08-31' });
    expect(policyFor('370829', set).purchaseContractsCountAsProperty).toBe(false);
    expect(policyFor('370828', set).points).not.toBeNull();
    expect(policyFor('370832', set)).toMatchObject({ county: null, points: null, purchaseContractsCountAsProperty: true });
  });
});
