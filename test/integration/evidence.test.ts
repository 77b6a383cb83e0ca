// A county platform asks for a family's evidence over HTTP. Each record must arrive with
// every Attachment 3 field as the department holds it, the departments must be asked as
// few times as their APIs allow, bad input must be refused before any department is
// called, and a failing department must blank only its own fields.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registerApplicationFor, registerPeople } from '../support/applications';
import { DatasetIndex } from '../../mocks/data/index';
import { EVIDENCE, EVIDENCE_NAMES, type Department, type EvidenceName } from '../../src/evidence/kinds';
import { ALL_EVIDENCE_FIELDS, PEOPLE_QUERY, PERSON_QUERY, startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
let index: DatasetIndex;
let token: string;

beforeAll(async () => {
  gw = await startTestGateway();
  index = new DatasetIndex(gw.mock.dataset);
});
afterAll(async () => gw?.close());
beforeEach(() => gw.mock.reset());

const scenario = (key: string) => {
  const s = gw.scenarios.find((x) => x.key === key);
  if (!s) throw new Error(`no scenario ${key}`);
  return s;
};
/** The family's people and the purpose of an application registered for them (reads need one). */
const familyOf = async (key: string) => {
  const s = scenario(key);
  return {
    ids: [s.child.idNumber, ...s.guardians.map((g) => g.idNumber)],
    purpose: await registerApplicationFor(gw, await tokenFor(s.countyCode), s),
  };
};
/** these tests are about the departments: skip cache reads (the cache's own tests cover warm reads) */
const COLD = { 'x-evidence-fresh': 'true' };
const tokenFor = (county: string) => gw.token({ role: 'county_platform', county, sub: `platform-${county}` });

/** What the department holds for one person, in the contract's names. */
function expected(name: EvidenceName, id: string): unknown[] {
  const lookup: Record<EvidenceName, () => readonly unknown[]> = {
    household: () => {
      const h = index.households(id);
      return h ? [h] : [];
    },
    residencePermits: () => index.residencePermits(id),
    properties: () => index.properties(id),
    purchaseContracts: () => index.purchaseContracts(id),
    leaseFilings: () => index.leaseFilings(id),
    subsidizedHousing: () => index.subsidizedHousing(id),
    individualBusinesses: () => index.individualBusinesses(id),
    enterprises: () => index.enterprises(id).map(({ legalRepresentativeIdNumber: _hidden, ...e }) => e),
    socialInsurance: () => index.socialInsurance(id),
    marriages: () => index.marriages(id),
    birthCertificates: () => index.birthCertificates(id),
  };
  return sortRecords(lookup[name]().map((r) => structuredClone(r)));
}

function withoutProvenance(records: unknown): unknown[] {
  const list = records === null ? [] : Array.isArray(records) ? records : [records];
  return sortRecords(
    list.map((r) => {
      const { provenance: _p, ...rest } = r as Record<string, unknown>;
      return rest;
    }),
  );
}
const sortRecords = (list: unknown[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('a whole family, every evidence field', () => {
  it('returns every record of all eleven kinds with every field as the departments hold it', async () => {
    const { ids, purpose } = await familyOf('full-evidence');
    token = await tokenFor(purpose.countyCode);
    const { status, body } = await gw.graphql(PEOPLE_QUERY, { ids, purpose }, { headers: COLD, token });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const people = body.data.people as Record<string, unknown>[];
    expect(people.map((p) => p.idNumber)).toEqual(ids);

    const seen = new Set<EvidenceName>();
    for (const person of people) {
      const id = person.idNumber as string;
      for (const name of EVIDENCE_NAMES) {
        const want = expected(name, id);
        expect(withoutProvenance(person[name]), `${name} of ${ids.indexOf(id) === 0 ? 'child' : 'guardian'}`).toEqual(want);
        if (want.length > 0) seen.add(name);
        const records = person[name] === null ? [] : Array.isArray(person[name]) ? person[name] : [person[name]];
        for (const r of records) {
          expect(r.provenance.department).toBe(EVIDENCE[name].department);
          expect(r.provenance.fromCache).toBe(false);
          expect(Date.parse(r.provenance.retrievedAt)).not.toBeNaN();
        }
      }
    }
    // the scenario exists to carry every kind: a test that saw nothing would prove nothing
    expect([...seen].sort()).toEqual([...EVIDENCE_NAMES].sort());
  });

  it('asks each department API once for a family; health, which has no batch endpoint, once per person', async () => {
    const { ids, purpose } = await familyOf('full-evidence');
    await gw.graphql(PEOPLE_QUERY, { ids, purpose }, { headers: COLD, token: await tokenFor(purpose.countyCode) });
    const stats = gw.stats();
    // APIs per department: police 2 (households, permits), housing 3, marketRegulation 2, others 1
    const apis: Record<Department, number> = {
      police: 2,
      civilAffairs: 1,
      humanResources: 1,
      naturalResources: 1,
      housing: 3,
      health: ids.length,
      marketRegulation: 2,
    };
    for (const [d, calls] of Object.entries(apis)) expect(stats[d as Department].requests, d).toBe(calls);
  });

  it('sends every call a family query needs before the first department answers: one wave, not two', async () => {
    const { ids, purpose } = await familyOf('full-evidence');
    const token = await tokenFor(purpose.countyCode);
    // a wait long enough that a call sent only after another's answer is told apart on any machine
    for (const d of Object.keys(gw.stats()) as Department[]) gw.mock.setFault(d, { latencyMs: 300 });
    const { body } = await gw.graphql(PEOPLE_QUERY, { ids, purpose }, { headers: COLD, token });
    expect(body.errors).toBeUndefined();
    const calls = gw.mock.timeline;
    // 2 police + 3 housing + 2 market regulation + 1 each of three others + health once per person
    expect(calls).toHaveLength(10 + ids.length);
    const firstAnswer = Math.min(...calls.map((c) => c.answeredAt!));
    const late = calls.filter((c) => c.arrivedAt >= firstAnswer).map((c) => c.department);
    expect(late, 'calls that waited for another answer').toEqual([]);
  });

  it('keeps to the batch cap and one call per person for health in a 20-person query', async () => {
    const all = gw.mock.dataset.households.slice(0, 20);
    expect(all).toHaveLength(20);
    const token = await tokenFor('370811');
    const { query, variables } = await registerPeople(gw, token, '370811', all, ALL_EVIDENCE_FIELDS);
    gw.mock.reset();
    const { body } = await gw.graphql(query, variables, { headers: COLD, token });
    expect(body.errors).toBeUndefined();
    const stats = gw.stats();
    expect(stats.police.requests).toBe(2); // cap 20: one call per API
    expect(stats.health.requests).toBe(20);
    expect(stats.housing.requests).toBe(3);
    expect(stats.civilAffairs.requests).toBe(1);
    expect(stats.humanResources.requests).toBe(1);
    expect(stats.marketRegulation.requests).toBe(2);
    expect(stats.naturalResources.requests).toBeGreaterThanOrEqual(1);
  });

  it('splits a 50-person query at the police batch cap of 20', async () => {
    const token = await tokenFor('370811');
    const { query, variables } = await registerPeople(
      gw,
      token,
      '370811',
      gw.mock.dataset.households.slice(0, 50),
      'household { name } residencePermits { validFrom }',
    );
    gw.mock.reset();
    const { body } = await gw.graphql(query, variables, { headers: COLD, token });
    expect(body.errors).toBeUndefined();
    expect(gw.stats().police.requests).toBe(2 * 3); // households + permits, 3 chunks each
    expect(gw.stats().police.ids).toBe(100);
  });

  it('answers an empty list where the department has no record, and null household for a stranger', async () => {
    const s = scenario('unknown-person');
    const { body } = await gw.graphql(
      PERSON_QUERY,
      { id: s.child.idNumber, purpose: await registerApplicationFor(gw, await tokenFor(s.countyCode), s) },
      { headers: COLD, token: await tokenFor(s.countyCode) },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.person.household).toBeNull();
    for (const name of EVIDENCE_NAMES.filter((n) => n !== 'household')) expect(body.data.person[name]).toEqual([]);
  });

  it('filters social-insurance months by period', async () => {
    const { ids, purpose } = await familyOf('full-evidence');
    const withRecords = ids.find((id) => index.socialInsurance(id).length > 0)!;
    // a window inside the family's months (they move with the school year), leaving months out on both sides
    const months = [...new Set(index.socialInsurance(withRecords).map((r) => r.period))].sort();
    const [from, to] = [months[1]!, months[3]!];
    const q = `query($id:String!,$purpose:Purpose!){ person(idNumber:$id, purpose:$purpose){ idNumber all: socialInsurance { period } some: socialInsurance(from: "${from}", to: "${to}") { period } } }`;
    const { body } = await gw.graphql(q, { id: withRecords, purpose }, { headers: COLD, token: await tokenFor(purpose.countyCode) });
    expect(body.errors).toBeUndefined();
    const all = body.data.person.all.map((r: { period: string }) => r.period);
    const some = body.data.person.some.map((r: { period: string }) => r.period);
    expect(all.length).toBe(index.socialInsurance(withRecords).length);
    expect(some.length).toBeGreaterThan(0);
    expect(some.length).toBeLessThan(all.length);
    expect(some.every((p: string) => p >= from && p <= to)).toBe(true);
    expect(some).toEqual(all.filter((p: string) => p >= from && p <= to));
  });
});

describe('bad input is refused before any department is called', () => {
  const validId = () => scenario('full-evidence').child.idNumber;
  // an application naming the person, so a bad argument is what refuses the read, not membership
  let registered: { applicationId: string; countyCode: string };
  beforeAll(async () => {
    registered = await registerApplicationFor(gw, await tokenFor(county()), scenario('full-evidence'));
  });
  const county = () => scenario('full-evidence').countyCode;
  const wrongCheckDigit = () => {
    const id = validId();
    const last = id[17] === '0' ? '1' : '0';
    return id.slice(0, 17) + last;
  };
  const cases: [string, () => { query: string; variables: Record<string, unknown> }, string][] = [
    [
      'an ID number of the wrong length',
      () => ({ query: PERSON_QUERY, variables: { id: validId().slice(0, 17), purpose: { applicationId: 'A1', countyCode: county() } } }),
      'idNumber',
    ],
    [
      'an ID number failing its check digit',
      () => ({ query: PERSON_QUERY, variables: { id: wrongCheckDigit(), purpose: { applicationId: 'A1', countyCode: county() } } }),
      'idNumber',
    ],
    [
      'an unknown county code',
      () => ({ query: PERSON_QUERY, variables: { id: validId(), purpose: { applicationId: 'A1', countyCode: '110101' } } }),
      'purpose.countyCode',
    ],
    [
      'more than 50 ID numbers',
      () => ({
        query: PEOPLE_QUERY,
        variables: { ids: Array(51).fill(validId()), purpose: { applicationId: 'A1', countyCode: county() } },
      }),
      'idNumbers',
    ],
    [
      'one bad ID among many',
      () => ({
        query: PEOPLE_QUERY,
        variables: { ids: [validId(), wrongCheckDigit()], purpose: { applicationId: 'A1', countyCode: county() } },
      }),
      'idNumbers[1]',
    ],
    [
      'a malformed social-insurance period',
      () => ({
        query: `query($id:String!,$p:Purpose!){ person(idNumber:$id, purpose:$p){ socialInsurance(from: "2024-13") { period } } }`,
        variables: { id: validId(), p: registered },
      }),
      'from',
    ],
  ];
  for (const [what, make, argumentName] of cases) {
    it(`${what}: BAD_USER_INPUT naming ${argumentName}`, async () => {
      const { query, variables } = make();
      const { body } = await gw.graphql(query, variables, { headers: COLD, token: await tokenFor(county()) });
      const err = body.errors?.[0];
      expect(err?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(err?.extensions?.argumentName).toBe(argumentName);
      // the value itself is personal data: never echoed
      expect(JSON.stringify(body)).not.toContain(validId().slice(0, 14));
      if (argumentName !== 'from') for (const s of Object.values(gw.stats())) expect(s.requests).toBe(0);
      else expect(gw.stats().humanResources.requests).toBe(0);
    });
  }
});

describe('a department that fails blanks only its own fields', () => {
  const faults: [string, Parameters<TestGateway['mock']['setFault']>[1]][] = [
    ['answers 503', { down: true, status: 503 }],
    ['answers 500', { down: true, status: 500 }],
    ['sends a malformed payload', { malformed: true }],
  ];
  for (const [what, fault] of faults) {
    it(`housing ${what}: its fields null with DEPARTMENT_UNAVAILABLE, the rest intact`, async () => {
      const { ids, purpose } = await familyOf('full-evidence');
      gw.mock.setFault('housing', fault);
      const { status, body } = await gw.graphql(
        PEOPLE_QUERY,
        { ids, purpose },
        { headers: COLD, token: await tokenFor(purpose.countyCode) },
      );
      expect(status).toBe(200);
      const codes = new Set(body.errors!.map((e: any) => e.extensions.code));
      expect([...codes]).toEqual(['DEPARTMENT_UNAVAILABLE']);
      expect(new Set(body.errors!.map((e: any) => e.extensions.department))).toEqual(new Set(['housing']));
      for (const e of body.errors!) expect(e.message).not.toMatch(/http|departments\.test|stack/i);
      for (const p of body.data.people) {
        expect(p.purchaseContracts).toBeNull();
        expect(p.leaseFilings).toBeNull();
        expect(p.subsidizedHousing).toBeNull();
        expect(withoutProvenance(p.properties)).toEqual(expected('properties', p.idNumber));
        expect(withoutProvenance(p.household)).toEqual(expected('household', p.idNumber));
      }
    });
  }

  it('a department that times out costs at most its timeout', async () => {
    await gw.close();
    gw = await startTestGateway({ env: { HEALTH_TIMEOUT_MS: '300', HEALTH_RETRIES: '0' } });
    index = new DatasetIndex(gw.mock.dataset);
    const { ids, purpose } = await familyOf('full-evidence');
    gw.mock.setFault('health', { latencyMs: 5000 });
    const started = Date.now();
    const { body } = await gw.graphql(PEOPLE_QUERY, { ids, purpose }, { headers: COLD, token: await tokenFor(purpose.countyCode) });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(3000); // correctness bound: far under the department's 5 s
    for (const p of body.data.people) {
      expect(p.birthCertificates).toBeNull();
      expect(withoutProvenance(p.marriages)).toEqual(expected('marriages', p.idNumber));
    }
    expect(body.errors!.every((e: any) => e.extensions.code === 'DEPARTMENT_UNAVAILABLE' && e.extensions.department === 'health')).toBe(
      true,
    );
  });
});

describe('without a valid token', () => {
  it('refuses the request with UNAUTHENTICATED and calls no department', async () => {
    const { ids, purpose } = await familyOf('full-evidence');
    const { status, body } = await gw.graphql(PEOPLE_QUERY, { ids, purpose }, { headers: COLD, token: null });
    expect(status).toBe(401);
    expect(body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    for (const s of Object.values(gw.stats())) expect(s.requests).toBe(0);
  });
});
