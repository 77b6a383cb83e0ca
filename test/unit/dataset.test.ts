// The synthetic data the mock departments serve: valid, deterministic, fictional on sight,
// and true to its scenarios. A small reference reading of the enrollment rules checks that
// every family's expected category really follows from its records.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateCreditCode } from '../../src/codes/creditCode';
import { makeIdNumber, validateIdNumber } from '../../src/codes/idNumber';
import { isJiningCounty } from '../../src/codes/regions';
import type { Dataset } from '../../src/evidence/records';
import {
  buildBuiltinDataset,
  builtinScenarioSummaries,
  generateCohort,
  openSchoolYear,
  SCHOOL_YEAR,
  type Scenario,
} from '../../mocks/data/families';
import { shiftYears } from '../../mocks/data/families/season';
import { DatasetIndex } from '../../mocks/data/index';
import { DatasetError, datasetFromEnv, loadDataset, parseDataset } from '../../mocks/data/load';
import { policyFor } from '../../src/verification/policy';

const SAMPLE = fileURLToPath(new URL('../../mocks/data/sample-dataset.json', import.meta.url));
const sample = (): Record<string, unknown[]> => JSON.parse(readFileSync(SAMPLE, 'utf8'));

// --- a reference reading of the rules (the gateway's own lives in src/verification) -------

/** Same place: Chinese house numbers as digits, 3单元502室 as 3-502, no spaces or full-width forms. */
function normalizeAddress(a: string): string {
  const cn = (t: string): string => {
    const d = '零一二三四五六七八九';
    let total = 0;
    let cur = 0;
    for (const ch of t) {
      if (ch === '百') {
        total += (cur || 1) * 100;
        cur = 0;
      } else if (ch === '十') {
        total += (cur || 1) * 10;
        cur = 0;
      } else if (ch !== '零' && ch !== '〇') cur = d.indexOf(ch);
    }
    return String(total + cur);
  };
  return a
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[零〇一二三四五六七八九十百]+/g, cn)
    .replace(/(\d+)单元(\d+)室?/g, '$1-$2')
    .replace(/室$/, '');
}

function addMonths(iso: string, n: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(yy, mm + 1, 0)).getUTCDate();
  return `${yy}-${String(mm + 1).padStart(2, '0')}-${String(Math.min(Number(iso.slice(8, 10)), last)).padStart(2, '0')}`;
}
function nextDay(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function evaluate(ix: DatasetIndex, s: Scenario): { category: Scenario['expectedCategory']; ageEligible: boolean | null } {
  const county = s.countyCode;
  const cutoff = `${s.schoolYear}-08-31`;
  const ageEligible = s.stage === 'JUNIOR' ? null : s.child.birthDate <= `${s.schoolYear - 6}-08-31`;
  if (s.priorityGroup) return { category: 'PRIORITY', ageEligible };

  const childHh = ix.households(s.child.idNumber);
  const childOfHead = /^(2[0-7]|3[0-7])$/.test(childHh?.relationToHeadCode ?? '');
  const parents = new Set<string>();
  for (const g of s.guardians) {
    const bc = ix.birthCertificates(g.idNumber).some((b) => b.childName === s.child.name && b.birthDate === s.child.birthDate);
    const gh = ix.households(g.idNumber);
    const head = !!childHh && !!gh && gh.householdNumber === childHh.householdNumber && gh.relationToHeadCode === '02' && childOfHead;
    if (bc || head) parents.add(g.idNumber);
  }
  const steps = s.guardians
    .map((g) => g.idNumber)
    .filter((id) => !parents.has(id))
    .filter((id) =>
      ix.marriages(id).some((m) => m.status === 'MARRIED' && parents.has(m.husbandIdNumber === id ? m.wifeIdNumber : m.husbandIdNumber)),
    );
  const holders = [...parents, ...steps, s.child.idNumber];

  const places: string[] = [];
  for (const id of holders) {
    for (const t of ix.properties(id)) {
      if (t.regionCode === county && (t.usage ?? '').includes('住宅') && t.status !== '注销' && t.status !== '查封')
        places.push(t.location ?? '');
    }
    // a county's policy may decide that a purchase contract is no property (policy data)
    if (policyFor(county).purchaseContractsCountAsProperty) {
      for (const c of ix.purchaseContracts(id)) {
        if (c.regionCode === county && (c.plannedUsage ?? '').includes('住宅')) places.push(c.location ?? '');
      }
    }
  }
  const household = childHh?.regionCode === county;
  if (household && places.some((p) => normalizeAddress(p) === normalizeAddress(childHh.address ?? '')))
    return { category: 'HOUSEHOLD_AND_PROPERTY', ageEligible };
  if (places.length) return { category: 'PROPERTY_ONLY', ageEligible };
  if (household) return { category: 'HOUSEHOLD_ONLY', ageEligible };

  const sixMonthsBefore = addMonths(cutoff, -6);
  for (const id of parents) {
    const permits = ix
      .residencePermits(id)
      .filter((p) => p.regionCode === county && p.validFrom && p.validUntil)
      .sort((a, b) => a.validFrom!.localeCompare(b.validFrom!));
    let start: string | null = null;
    let end: string | null = null;
    for (const p of permits) {
      if (end && p.validFrom! <= nextDay(end)) {
        if (p.validUntil! > end) end = p.validUntil!;
      } else {
        start = p.validFrom!;
        end = p.validUntil!;
      }
      if (start! <= sixMonthsBefore && end >= cutoff) return { category: 'MIGRANT_WORKER_CHILD', ageEligible };
    }
  }
  return { category: 'UNDETERMINED', ageEligible };
}

// --- helpers over a whole data set ---------------------------------------------------------

/** Every (idNumber, name) pair a record states. */
function people(ds: Dataset): [string, string][] {
  const out: [string, string][] = [];
  const add = (id: string | null, name: string | null) => {
    if (id) out.push([id, name ?? '']);
  };
  ds.households.forEach((r) => add(r.idNumber, r.name));
  ds.residencePermits.forEach((r) => add(r.idNumber, r.name));
  for (const r of [...ds.properties, ...ds.purchaseContracts]) {
    if ('holderIdNumber' in r) add(r.holderIdNumber, r.holderName);
    else add(r.buyerIdNumber, r.buyerName);
    r.coOwnership?.coOwners.forEach((o) => add(o.idNumber, o.name));
  }
  ds.leaseFilings.forEach((r) => (add(r.lesseeIdNumber, r.lesseeName), add(r.lessorIdNumber, r.lessorName)));
  ds.subsidizedHousing.forEach((r) => r.members.forEach((m) => add(m.idNumber, m.name)));
  ds.individualBusinesses.forEach((r) => add(r.operatorIdNumber, r.operatorName));
  ds.enterprises.forEach((r) => add(r.legalRepresentativeIdNumber, r.legalRepresentativeName));
  ds.socialInsurance.forEach((r) => add(r.idNumber, r.name));
  ds.marriages.forEach((r) => (add(r.husbandIdNumber, r.husbandName), add(r.wifeIdNumber, r.wifeName)));
  ds.birthCertificates.forEach((r) => (add(r.fatherIdNumber, r.fatherName), add(r.motherIdNumber, r.motherName)));
  return out;
}

function allNames(ds: Dataset): string[] {
  const names = people(ds).map(([, n]) => n);
  ds.households.forEach((h) => h.headOfHouseholdName && names.push(h.headOfHouseholdName));
  ds.birthCertificates.forEach((b) => names.push(b.childName));
  return names;
}

// the families as written down; 'served for the season open today' checks the moved ones
const built = buildBuiltinDataset(SCHOOL_YEAR);
const ix = new DatasetIndex(built.dataset);
const byKey = new Map(built.scenarios.map((s) => [s.key, s]));
const scenarioOf = (key: string): Scenario => {
  const s = byKey.get(key);
  if (!s) throw new Error(`no scenario ${key}`);
  return s;
};

describe('the built-in data set', () => {
  it('passes its own format check', () => {
    expect(() => parseDataset(JSON.parse(JSON.stringify(built.dataset)))).not.toThrow();
  });

  it('is the same on every build', () => {
    expect(buildBuiltinDataset(SCHOOL_YEAR)).toEqual(built);
    expect(builtinScenarioSummaries()).toEqual(builtinScenarioSummaries());
  });

  it('has enough families for a 20-person people query, and ~200 generated ones', () => {
    const ids = new Set(built.dataset.households.map((h) => h.idNumber));
    expect(ids.size).toBeGreaterThanOrEqual(600);
    expect(built.dataset.birthCertificates.length).toBeGreaterThanOrEqual(180);
  });

  it('gives every person one ID number and every ID number one person', () => {
    const nameOf = new Map<string, string>();
    for (const [id, name] of people(built.dataset)) {
      expect(validateIdNumber(id).ok).toBe(true);
      const seen = nameOf.get(id);
      if (seen !== undefined) expect(seen, 'one ID number, two names').toBe(name);
      nameOf.set(id, name);
    }
    const households = built.dataset.households.map((h) => h.idNumber);
    expect(new Set(households).size).toBe(households.length);
    for (const h of built.dataset.households) {
      const r = validateIdNumber(h.idNumber);
      expect(r.ok && r.birthDate === h.birthDate && r.gender === h.gender).toBe(true);
    }
    for (const c of [...built.dataset.individualBusinesses, ...built.dataset.enterprises])
      expect(validateCreditCode(c.creditCode).ok).toBe(true);
    const certs = built.dataset.properties.map((p) => p.certificateNumber);
    expect(new Set(certs).size).toBe(certs.length);
  });

  it('uses only obviously fictional names', () => {
    const names = allNames(built.dataset);
    expect(names.length).toBeGreaterThan(1000);
    expect(names.filter((n) => !/[测样演]/.test(n))).toEqual([]);
    expect(names.some((n) => n.startsWith('欧阳'))).toBe(true);
    expect(names.some((n) => n.startsWith('司马'))).toBe(true);
  });

  it('places people in plausible years and Jining households in Jining counties', () => {
    for (const s of built.scenarios) {
      const y = Number(s.child.birthDate.slice(0, 4));
      expect(y >= 2012 && y <= 2020).toBe(true);
      for (const g of s.guardians) {
        const r = validateIdNumber(g.idNumber);
        const gy = r.ok ? Number(r.birthDate.slice(0, 4)) : 0;
        expect(gy >= 1975 && gy <= 1995, s.key).toBe(true);
      }
    }
    for (const h of built.dataset.households) {
      if (h.regionCode.startsWith('3708')) expect(isJiningCounty(h.regionCode)).toBe(true);
    }
  });
});

describe('the built-in families, served for the season open today', () => {
  it('apply for the school year whose season (to 30 September, Beijing time) has not ended', () => {
    expect(openSchoolYear(new Date('2026-09-30T23:59:00+08:00'))).toBe(2026);
    expect(openSchoolYear(new Date('2026-10-01T00:00:00+08:00'))).toBe(2027);
    // 16:30 UTC on 30 September is already 1 October in Beijing
    expect(openSchoolYear(new Date('2026-09-30T16:30:00Z'))).toBe(2027);
    expect(openSchoolYear(new Date('2027-01-15T12:00:00+08:00'))).toBe(2027);
    expect(buildBuiltinDataset().scenarios[0]!.schoolYear).toBe(openSchoolYear(new Date()));
  });

  const years = 3; // not a multiple of 4: 29 February must land somewhere
  const moved = buildBuiltinDataset(SCHOOL_YEAR + years);

  it('keep every person, one new valid ID number each, with the birth date moved by the same years', () => {
    expect(() => parseDataset(JSON.parse(JSON.stringify(moved.dataset)))).not.toThrow();
    const before = built.dataset.households;
    const after = moved.dataset.households;
    expect(after.length).toBe(before.length);
    expect(new Set(after.map((h) => h.idNumber)).size).toBe(after.length);
    after.forEach((h, i) => {
      const was = before[i]!;
      expect(h.name).toBe(was.name);
      expect(h.idNumber.slice(0, 6)).toBe(was.idNumber.slice(0, 6));
      expect(Number(h.birthDate!.slice(0, 4))).toBe(Number(was.birthDate!.slice(0, 4)) + years);
      const r = validateIdNumber(h.idNumber);
      expect(r.ok && r.birthDate === h.birthDate && r.gender === h.gender).toBe(true);
    });
    // the old numbers are gone from every record, not only from households
    const text = JSON.stringify(moved);
    expect(before.filter((h) => text.includes(h.idNumber))).toEqual([]);
  });

  it('keep each family and its verdict: the same people, the school year and every date moved alike', () => {
    expect(moved.scenarios.map((s) => [s.key, s.expectedCategory, s.expectedAgeEligible, s.stage])).toEqual(
      built.scenarios.map((s) => [s.key, s.expectedCategory, s.expectedAgeEligible, s.stage]),
    );
    moved.scenarios.forEach((s, i) => {
      const was = built.scenarios[i]!;
      expect(s.schoolYear).toBe(was.schoolYear + years);
      expect(s.child.name).toBe(was.child.name);
      expect(s.child.birthDate).toBe(`${Number(was.child.birthDate.slice(0, 4)) + years}${was.child.birthDate.slice(4)}`);
    });
    const periods = (ds: Dataset) => ds.socialInsurance.map((r) => r.period);
    expect(periods(moved.dataset)).toEqual(periods(built.dataset).map((p) => `${Number(p.slice(0, 4)) + years}${p.slice(4)}`));
  });

  it('move 29 February to 28 February without two people meeting on one number', () => {
    const leap = makeIdNumber('370811', '2016-02-29', 21);
    const day = makeIdNumber('370811', '2016-02-28', 21);
    const out = shiftYears({ a: leap, b: day, note: `${leap} and ${day}, born 2016-02-29`, schoolYear: 2025 }, 1);
    expect(validateIdNumber(out.a).ok && validateIdNumber(out.b).ok).toBe(true);
    expect(out.a.slice(6, 14)).toBe('20170228');
    expect(out.b.slice(6, 14)).toBe('20170228');
    expect(out.a).not.toBe(out.b);
    expect(out.note).toBe(`${out.a} and ${out.b}, born 2017-02-28`);
    expect(out.schoolYear).toBe(2026);
  });
});

describe('the scenarios', () => {
  it('have unique kebab-case keys, school year 2025, spread over the counties', () => {
    const keys = built.scenarios.map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(k).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(built.scenarios.every((s) => s.schoolYear === 2025 && isJiningCounty(s.countyCode))).toBe(true);
    expect(new Set(built.scenarios.map((s) => s.countyCode)).size).toBeGreaterThanOrEqual(10);
    expect(keys).toEqual(
      expect.arrayContaining([
        'household-and-property',
        'property-only',
        'household-only',
        'household-and-property-different-address',
        'migrant-worker',
        'migrant-worker-short-permit',
        'migrant-permit-one-day-gap',
        'divorced-parents',
        'divorced-ex-spouse-home',
        'remarried-step-parent-home',
        'purchase-contract-only',
        'cancelled-title',
        'sealed-title',
        'child-too-young',
        'child-born-31-august',
        'junior-stage',
        'priority-group',
        'unknown-person',
        'full-evidence',
      ]),
    );
  });

  it('reach their expected category, age eligibility and zero proof from the records', () => {
    for (const s of built.scenarios) {
      expect({ key: s.key, ...evaluate(ix, s) }).toEqual({ key: s.key, category: s.expectedCategory, ageEligible: s.expectedAgeEligible });
      expect(s.expectedZeroProof, s.key).toBe(s.expectedCategory !== 'UNDETERMINED' && s.expectedCategory !== 'PRIORITY');
    }
  });

  it('put their people where they say', () => {
    for (const s of built.scenarios) {
      if (s.key === 'unknown-person') continue;
      expect(ix.households(s.child.idNumber), s.key).toBeDefined();
      for (const g of s.guardians) expect(ix.households(g.idNumber), `${s.key} guardian`).toBeDefined();
    }
    const unknown = scenarioOf('unknown-person');
    for (const id of [unknown.child.idNumber, ...unknown.guardians.map((g) => g.idNumber)]) {
      expect(validateIdNumber(id).ok).toBe(true);
      expect(ix.knows(id)).toBe(false);
    }

    const migrant = scenarioOf('migrant-worker');
    expect(isJiningCounty(ix.households(migrant.child.idNumber)!.regionCode)).toBe(false);
    const permits = ix.residencePermits(migrant.guardians[0]!.idNumber);
    expect(permits).toHaveLength(2);
    expect(permits[1]!.validFrom).toBe(nextDay(permits[0]!.validUntil!));

    const gap = scenarioOf('migrant-permit-one-day-gap');
    const gp = ix.residencePermits(gap.guardians[0]!.idNumber);
    expect(gp[1]!.validFrom).toBe(nextDay(nextDay(gp[0]!.validUntil!)));

    expect(scenarioOf('child-too-young').child.birthDate).toBe('2019-09-01');
    expect(scenarioOf('child-born-31-august').child.birthDate).toBe('2019-08-31');
    expect(scenarioOf('priority-group').priorityGroup).toBe(true);

    const exHome = scenarioOf('divorced-ex-spouse-home');
    const ex = exHome.guardians.find((g) => g.relation === 'OTHER')!;
    expect(ix.marriages(ex.idNumber).map((m) => m.status)).toEqual(['DIVORCED']);
    expect(ix.properties(ex.idNumber)[0]!.regionCode).toBe(exHome.countyCode);

    const step = scenarioOf('remarried-step-parent-home');
    const stepFather = step.guardians.find((g) => g.relation === 'OTHER')!;
    expect(ix.birthCertificates(stepFather.idNumber)).toHaveLength(0);
    expect(ix.marriages(stepFather.idNumber).map((m) => m.status)).toEqual(['MARRIED']);
    expect(ix.properties(stepFather.idNumber)).toHaveLength(1);

    expect(ix.properties(scenarioOf('cancelled-title').guardians[0]!.idNumber).map((p) => p.status)).toEqual(['注销']);
    expect(ix.properties(scenarioOf('sealed-title').guardians[0]!.idNumber).map((p) => p.status)).toEqual(['查封']);
    const buyer = scenarioOf('purchase-contract-only').guardians[0]!.idNumber;
    expect(ix.properties(buyer)).toHaveLength(0);
    expect(ix.purchaseContracts(buyer)[0]!.plannedUsage).toBe('住宅');
  });

  it('write one place two ways where household and title agree, and two places where they do not', () => {
    const pairs = (key: string) => {
      const s = scenarioOf(key);
      const address = ix.households(s.child.idNumber)!.address!;
      const titles = new Set(s.guardians.flatMap((g) => ix.properties(g.idNumber)).filter((p) => p.regionCode === s.countyCode));
      const locations = [...titles].map((p) => p.location!);
      return { address, locations };
    };
    for (const key of [
      'household-and-property',
      'divorced-parents',
      'remarried-step-parent-home',
      'child-too-young',
      'child-born-31-august',
    ]) {
      const { address, locations } = pairs(key);
      expect(
        locations.some((l) => l !== address && normalizeAddress(l) === normalizeAddress(address)),
        key,
      ).toBe(true);
    }
    expect(pairs('household-and-property')).toEqual({
      address: '山东省济宁市任城区测试路十八号3单元502室',
      locations: ['山东省济宁市任城区测试路18号3-502'],
    });
    const diff = pairs('household-and-property-different-address');
    expect(diff.locations).toHaveLength(1);
    expect(normalizeAddress(diff.locations[0]!)).not.toBe(normalizeAddress(diff.address));
  });

  it('include one family with every one of the eleven kinds of evidence', () => {
    const s = scenarioOf('full-evidence');
    const ids = [s.child.idNumber, ...s.guardians.map((g) => g.idNumber)];
    const has = {
      household: ids.some((id) => ix.households(id)),
      residencePermits: ids.some((id) => ix.residencePermits(id).length),
      properties: ids.some((id) => ix.properties(id).length),
      purchaseContracts: ids.some((id) => ix.purchaseContracts(id).length),
      leaseFilings: ids.some((id) => ix.leaseFilings(id).length),
      subsidizedHousing: ids.some((id) => ix.subsidizedHousing(id).length),
      individualBusinesses: ids.some((id) => ix.individualBusinesses(id).length),
      enterprises: ids.some((id) => ix.enterprises(id).length),
      socialInsurance: ids.some((id) => ix.socialInsurance(id).length),
      marriages: ids.some((id) => ix.marriages(id).length),
      birthCertificates: ids.some((id) => ix.birthCertificates(id).length),
    };
    expect(Object.values(has).every(Boolean), JSON.stringify(has)).toBe(true);
    const father = s.guardians.find((g) => g.relation === 'FATHER')!.idNumber;
    const months = ix.socialInsurance(father).filter((p) => p.regionCode === s.countyCode);
    for (const type of ['PENSION', 'MEDICAL'] as const) {
      const periods = months.filter((m) => m.insuranceType === type).map((m) => m.period);
      expect(periods).toHaveLength(30);
      expect([periods[0], periods.at(-1)]).toEqual(['2023-01', '2025-06']);
    }
  });

  it('are summarised for GET /__mock/scenarios', () => {
    const summaries = builtinScenarioSummaries(SCHOOL_YEAR);
    expect(summaries).toHaveLength(built.scenarios.length);
    const s = built.scenarios[0]!;
    const [father, mother] = s.guardians;
    expect(summaries[0]).toEqual({
      key: 'household-and-property',
      description: expect.any(String),
      countyCode: '370811',
      countyName: '任城区',
      members: [
        { role: 'child', name: s.child.name, idNumber: s.child.idNumber, onApplication: true },
        { role: 'father', name: father!.name, idNumber: father!.idNumber, onApplication: true },
        { role: 'mother', name: mother!.name, idNumber: mother!.idNumber, onApplication: true },
      ],
      idNumbers: { child: s.child.idNumber, guardians: [father!.idNumber, mother!.idNumber] },
      applicationInput: {
        applicationId: 'APP-household-and-property',
        countyCode: '370811',
        schoolYear: 2025,
        stage: 'PRIMARY',
        child: { idNumber: s.child.idNumber, name: s.child.name },
        guardians: [
          { idNumber: father!.idNumber, name: father!.name, relation: 'FATHER' },
          { idNumber: mother!.idNumber, name: mother!.name, relation: 'MOTHER' },
        ],
        priorityGroup: false,
      },
      expected: { category: 'HOUSEHOLD_AND_PROPERTY', zeroProof: true, ageEligible: true },
    });
  });
});

describe('generated cohorts', () => {
  // how fast it builds is the benchmark's business (bench/), not a unit test's
  it('builds 20,000 families, every ID number unique and valid', () => {
    const { dataset, scenarios } = generateCohort(20_000, 7);
    expect(scenarios).toHaveLength(20_000);
    const ids = dataset.households.map((h) => h.idNumber);
    expect(ids.length).toBeGreaterThanOrEqual(60_000);
    expect(new Set(ids).size).toBe(ids.length);
    const applicants = scenarios.flatMap((s) => [s.child.idNumber, ...s.guardians.map((g) => g.idNumber)]);
    expect(new Set(applicants).size).toBe(applicants.length);
    for (let i = 0; i < ids.length; i += 997) expect(validateIdNumber(ids[i]!).ok).toBe(true);
  });

  it('applies for the season open today by default, every family keeping its category', () => {
    // the bench registers the cohort's applications, which a closed season refuses
    const { dataset, scenarios } = generateCohort(300, 5);
    const cix = new DatasetIndex(dataset);
    for (const s of scenarios) {
      expect(s.schoolYear).toBe(openSchoolYear(new Date()));
      expect({ key: s.key, ...evaluate(cix, s) }).toEqual({ key: s.key, category: s.expectedCategory, ageEligible: s.expectedAgeEligible });
    }
  });

  it('is deterministic per seed and different across seeds', () => {
    expect(generateCohort(300, 11)).toEqual(generateCohort(300, 11));
    expect(generateCohort(50, 11).scenarios[0]!.child.idNumber).not.toBe(generateCohort(50, 12).scenarios[0]!.child.idNumber);
  });

  it('passes the format check, and every family reaches its expected category', () => {
    const { dataset, scenarios } = generateCohort(2_000, 99, SCHOOL_YEAR);
    expect(() => parseDataset(dataset)).not.toThrow();
    const cix = new DatasetIndex(dataset);
    const seen = new Set<string>();
    for (const s of scenarios) {
      expect({ key: s.key, ...evaluate(cix, s) }).toEqual({ key: s.key, category: s.expectedCategory, ageEligible: s.expectedAgeEligible });
      seen.add(s.expectedCategory);
      const cy = Number(s.child.birthDate.slice(0, 4));
      expect(cy >= 2012 && cy <= 2020).toBe(true);
      for (const g of s.guardians) {
        const r = validateIdNumber(g.idNumber);
        const gy = r.ok ? Number(r.birthDate.slice(0, 4)) : 0;
        expect(gy >= 1975 && gy <= 1995).toBe(true);
      }
    }
    expect(seen.size).toBe(6);
    expect(allNames(dataset).filter((n) => !/[测样演]/.test(n))).toEqual([]);
  });
});

describe('parseDataset', () => {
  const rejects = (mutate: (d: Record<string, any>) => void): DatasetError => {
    const d: Record<string, any> = sample();
    mutate(d);
    try {
      parseDataset(d);
    } catch (e) {
      expect(e).toBeInstanceOf(DatasetError);
      return e as DatasetError;
    }
    throw new Error('expected a DatasetError');
  };

  it('names the key, index and field, never the value', () => {
    const bad = '370811198605201379';
    const e = rejects((d) => (d.properties[1].holderIdNumber = bad));
    expect(e.message).toBe('MOCK_DATA: properties[1].holderIdNumber: fails its check digit');
    expect(e.message).not.toContain(bad);
  });

  it('checks nested records, enums, dates, types, credit codes and empty strings', () => {
    expect(rejects((d) => (d.properties[0].coOwnership.coOwners[0].idNumber = '37081119880808246')).message).toBe(
      'MOCK_DATA: properties[0].coOwnership.coOwners[0].idNumber: must be an 18-character ID number',
    );
    expect(rejects((d) => (d.households[1].gender = 'F')).message).toBe('MOCK_DATA: households[1].gender: must be one of MALE, FEMALE');
    expect(rejects((d) => (d.birthCertificates[0].birthDate = '2019-02-29')).message).toBe(
      'MOCK_DATA: birthCertificates[0].birthDate: must be a real date YYYY-MM-DD',
    );
    expect(rejects((d) => (d.socialInsurance[2].period = '2025-13')).message).toBe(
      'MOCK_DATA: socialInsurance[2].period: must be a month YYYY-MM',
    );
    expect(rejects((d) => (d.marriages[0].status = 'SEPARATED')).message).toContain(
      'marriages[0].status: must be one of MARRIED, DIVORCED, ANNULLED',
    );
    expect(
      rejects(
        (d) =>
          (d.enterprises[0].creditCode =
            d.enterprises[0].creditCode.slice(0, 17) + (d.enterprises[0].creditCode.endsWith('0') ? '1' : '0')),
      ).message,
    ).toBe('MOCK_DATA: enterprises[0].creditCode: fails its check digit');
    expect(rejects((d) => (d.households[0].regionCode = 370811)).message).toBe('MOCK_DATA: households[0].regionCode: must be a string');
    expect(rejects((d) => delete d.households[2].idNumber).message).toBe('MOCK_DATA: households[2].idNumber: is missing');
    expect(rejects((d) => (d.leaseFilings[0].lessorName = '')).message).toBe('MOCK_DATA: leaseFilings[0].lessorName: is empty: use null');
    expect(rejects((d) => (d.households[0].idnumber = 'x')).message).toBe('MOCK_DATA: households[0]: unknown field idnumber');
    expect(rejects((d) => (d.properties = {})).message).toBe('MOCK_DATA: properties: must be a list');
  });

  it('rejects unknown top-level keys, duplicate households and non-objects', () => {
    expect(rejects((d) => (d.household = [])).message).toBe('MOCK_DATA: unknown key household');
    expect(rejects((d) => d.households.push({ ...d.households[0] })).message).toBe(
      'MOCK_DATA: households[3].idNumber: the same person as households[0]',
    );
    expect(() => parseDataset([])).toThrow(DatasetError);
    expect(() => parseDataset(null)).toThrow(DatasetError);
  });

  it('lists several problems at once', () => {
    const e = rejects((d) => {
      d.households[0].gender = 'X';
      d.marriages[0].wifeName = null;
    });
    expect(e.issues).toEqual(['households[0].gender: must be one of MALE, FEMALE', 'marriages[0].wifeName: must be a string']);
  });

  it('defaults missing keys and missing nullable fields', () => {
    const d = sample();
    const only = { households: d.households!.map((h: any) => ({ ...h, nativePlace: undefined, ethnicity: undefined })) };
    const ds = parseDataset(JSON.parse(JSON.stringify(only)));
    expect(ds.properties).toEqual([]);
    expect(ds.birthCertificates).toEqual([]);
    expect(ds.households[0]!.nativePlace).toBeNull();
  });
});

describe('loading and indexing', () => {
  it('loads the sample file: one family with a few records of each kind', () => {
    const ds = loadDataset(SAMPLE);
    for (const [key, list] of Object.entries(ds)) expect(list.length, key).toBeGreaterThan(0);
    expect(allNames(ds).filter((n) => !/[测样演]/.test(n))).toEqual([]);
  });

  it('reports an unreadable or non-JSON file without its contents', () => {
    expect(() => loadDataset('/nonexistent/dataset.json')).toThrow(/MOCK_DATA: cannot read/);
    expect(() => loadDataset(fileURLToPath(import.meta.url))).toThrow(/MOCK_DATA: .* is not valid JSON$/);
  });

  it('takes MOCK_DATA from the environment, else the built-in set', () => {
    expect(datasetFromEnv({ MOCK_DATA: SAMPLE })).toEqual(loadDataset(SAMPLE));
    expect(datasetFromEnv({})).toEqual(buildBuiltinDataset().dataset); // the open season's
  });

  it('finds a person wherever a record names them', () => {
    const ds = loadDataset(SAMPLE);
    const index = new DatasetIndex(ds);
    const [father, mother, child] = ds.households.map((h) => h.idNumber) as [string, string, string];
    expect(index.households(child)?.relationToHeadCode).toBe('31');
    expect(index.properties(father)).toHaveLength(2);
    expect(index.properties(mother)).toHaveLength(1); // co-owner
    expect(index.purchaseContracts(father)).toHaveLength(1); // co-buyer
    expect(index.purchaseContracts(mother)).toHaveLength(1);
    expect(index.leaseFilings(mother)).toHaveLength(1);
    expect(index.subsidizedHousing(father)).toHaveLength(1);
    expect(index.individualBusinesses(mother)).toHaveLength(1);
    expect(index.enterprises(father)).toHaveLength(1);
    expect(index.socialInsurance(father)).toHaveLength(6);
    expect(index.marriages(mother)).toEqual(index.marriages(father));
    expect(index.birthCertificates(mother)).toHaveLength(1);
    expect(index.birthCertificates(child)).toHaveLength(0);
    expect(index.residencePermits(mother)).toHaveLength(1);
    expect(index.households('110105194912310021')).toBeUndefined();
    expect(index.properties('110105194912310021')).toEqual([]);
    expect(index.knows(child)).toBe(true);
  });

  it('matches a lower-case x check character', () => {
    const id = '11010519491231002X';
    const index = new DatasetIndex({
      ...parseDataset({}),
      marriages: [
        {
          husbandIdNumber: '370811201908310015',
          husbandName: '王测一',
          wifeIdNumber: id,
          wifeName: '李样二',
          registeredOn: null,
          status: 'MARRIED',
        },
      ],
    });
    expect(index.marriages('11010519491231002x')).toHaveLength(1);
  });
});
