// FORBIDDEN as a county platform, an applicant, an auditor or a clerk would meet it: a purpose
// in another county, a stranger, a role that never reads people. Each denied read of a person
// is in the access log as DENIED, and no department ever saw the denied person.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PEOPLE_QUERY, PERSON_QUERY, startTestGateway, type TestGateway } from '../support/gateway';
import { family, FRESH, spyOnAccessLog, totalCalls } from './auth.support';

let gw: TestGateway;
let log: ReturnType<typeof spyOnAccessLog>;

beforeAll(async () => {
  gw = await startTestGateway();
  log = spyOnAccessLog(gw);
});
afterAll(async () => {
  await gw?.close();
});
beforeEach(() => {
  gw.mock.reset();
  log.clear();
});

const ONE = `query One($id: String!, $purpose: Purpose!) { person(idNumber: $id, purpose: $purpose) { idNumber household { name } birthCertificates { childName } } }`;

function expectForbiddenOnly(body: { data?: any; errors?: any[] }) {
  expect(body.errors?.length).toBeGreaterThan(0);
  for (const e of body.errors!) {
    expect(e.extensions.code).toBe('FORBIDDEN');
    expect(e.message).toBe('Not allowed for this caller.');
  }
}

describe('a purpose in another county', () => {
  it('county_platform of 任城区 asking for a 邹城市 application: FORBIDDEN, recorded, no department called', async () => {
    const f = family(gw, 'full-evidence');
    const token = await gw.token({ role: 'county_platform', county: '370811' });
    const res = await gw.graphql(
      PERSON_QUERY,
      { id: f.child.idNumber, purpose: { applicationId: 'A-1', countyCode: f.countyCode } },
      { token, headers: FRESH },
    );
    expect(res.status).toBe(200);
    expect(res.body.data?.person).toBeNull();
    expectForbiddenOnly(res.body);
    expect(totalCalls(gw.stats())).toBe(0);
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({
      outcome: 'DENIED',
      idNumber: f.child.idNumber,
      actorRole: 'county_platform',
      actorCounty: '370811',
      countyCode: f.countyCode,
      applicationId: 'A-1',
      source: null,
    });
    expect(log.entries[0]!.reason).toMatch(/county/);
  });

  it('people for another county: the whole field FORBIDDEN, each person recorded, no department called', async () => {
    const f = family(gw, 'full-evidence');
    const ids = [f.child.idNumber, f.father, f.mother];
    const token = await gw.token({ role: 'school_reviewer', county: '370811' });
    const res = await gw.graphql(
      PEOPLE_QUERY,
      { ids, purpose: { applicationId: 'A-1', countyCode: f.countyCode } },
      { token, headers: FRESH },
    );
    expect(res.body.data).toBeNull();
    expectForbiddenOnly(res.body);
    expect(totalCalls(gw.stats())).toBe(0);
    expect(log.entries.map((e) => [e.outcome, e.idNumber])).toEqual(ids.map((id) => ['DENIED', id]));
  });

  it('verifyApplication for another county: FORBIDDEN, the child and guardians recorded, no department called', async () => {
    const f = family(gw, 'household-and-property');
    const token = await gw.token({ role: 'help_desk', county: '370812' });
    const input = {
      applicationId: 'A-9',
      countyCode: f.countyCode,
      schoolYear: f.schoolYear,
      stage: f.stage,
      child: { idNumber: f.child.idNumber, name: f.child.name },
      guardians: f.guardians,
    };
    const res = await gw.graphql(
      `query V($input: ApplicationInput!) { verifyApplication(input: $input) { applicationId category } }`,
      { input },
      { token, headers: FRESH },
    );
    expect(res.body.data).toBeNull();
    expectForbiddenOnly(res.body);
    expect(totalCalls(gw.stats())).toBe(0);
    expect(log.entries.map((e) => e.outcome)).toEqual(['DENIED', 'DENIED', 'DENIED']);
    expect(log.entries.map((e) => e.idNumber).sort()).toEqual([f.child.idNumber, f.father, f.mother].sort());
  });

  it("verifyApplication in the clerk's own county is not refused by authorization", async () => {
    const f = family(gw, 'household-and-property');
    const token = await gw.token({ role: 'help_desk', county: f.countyCode });
    const input = {
      applicationId: 'A-9',
      countyCode: f.countyCode,
      schoolYear: f.schoolYear,
      stage: f.stage,
      child: { idNumber: f.child.idNumber, name: f.child.name },
      guardians: f.guardians,
    };
    const res = await gw.graphql(
      `query V($input: ApplicationInput!) { verifyApplication(input: $input) { applicationId } }`,
      { input },
      { token },
    );
    expect((res.body.errors ?? []).map((e: any) => e.extensions.code)).not.toContain('FORBIDDEN');
  });
});

describe('an applicant', () => {
  it("asking for a stranger's child: FORBIDDEN; only their own birth certificates were read", async () => {
    const own = family(gw, 'household-and-property');
    const stranger = family(gw, 'full-evidence');
    const token = await gw.token({ role: 'applicant', idNumber: own.father });
    const res = await gw.graphql(
      PERSON_QUERY,
      { id: stranger.child.idNumber, purpose: { applicationId: 'A-2', countyCode: own.countyCode } },
      { token, headers: FRESH },
    );
    expect(res.body.data?.person).toBeNull();
    expectForbiddenOnly(res.body);
    const stats = gw.stats();
    // one health call for the applicant's own certificates (none has the stranger's birth date)
    expect(stats.health).toEqual({ requests: 1, ids: 1 });
    expect(totalCalls(stats)).toBe(1);
    expect(log.entries.filter((e) => e.idNumber === stranger.child.idNumber).map((e) => e.outcome)).toEqual(['DENIED']);
    expect(log.entries.find((e) => e.outcome === 'ALLOWED')).toMatchObject({
      idNumber: own.father,
      evidence: 'birthCertificates',
      reason: 'applicant: own record',
    });
  });

  it('asking for their spouse (not their child): FORBIDDEN; the spouse was never fetched', async () => {
    const own = family(gw, 'household-and-property');
    const token = await gw.token({ role: 'applicant', idNumber: own.father });
    const res = await gw.graphql(
      ONE,
      { id: own.mother, purpose: { applicationId: 'A-2', countyCode: own.countyCode } },
      { token, headers: FRESH },
    );
    expect(res.body.data?.person).toBeNull();
    expectForbiddenOnly(res.body);
    // only the applicant's own certificates were read: none has the spouse's birth date
    expect(gw.stats().health).toEqual({ requests: 1, ids: 1 });
    expect(totalCalls(gw.stats())).toBe(1);
    expect(log.entries.filter((e) => e.idNumber === own.mother).map((e) => e.outcome)).toEqual(['DENIED']);
  });

  it('reads their own child, unmasked, through the birth certificate; the basis is in the access log', async () => {
    const f = family(gw, 'property-only');
    const token = await gw.token({ role: 'applicant', idNumber: f.mother });
    const res = await gw.graphql(ONE, { id: f.child.idNumber, purpose: { applicationId: 'A-3', countyCode: f.countyCode } }, { token });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.person).toEqual({ idNumber: f.child.idNumber, household: { name: f.child.name }, birthCertificates: [] });
    const childReads = log.entries.filter((e) => e.idNumber === f.child.idNumber && e.outcome === 'ALLOWED');
    expect(childReads.map((e) => e.reason)).toContain('applicant: parent (birth certificate)');
  });

  it('in one people query: themselves and their child answered, the stranger a null item with FORBIDDEN and never fetched', async () => {
    const own = family(gw, 'household-and-property');
    const stranger = family(gw, 'divorced-parents');
    const token = await gw.token({ role: 'applicant', idNumber: own.father });
    const ids = [own.father, own.child.idNumber, stranger.child.idNumber];
    const q = `query P($ids: [String!]!, $purpose: Purpose!) { people(idNumbers: $ids, purpose: $purpose) { idNumber household { name } } }`;
    const res = await gw.graphql(q, { ids, purpose: { applicationId: 'A-4', countyCode: own.countyCode } }, { token, headers: FRESH });
    expect(res.body.data.people[0]).toEqual({ idNumber: own.father, household: { name: expect.any(String) } });
    expect(res.body.data.people[1]).toEqual({ idNumber: own.child.idNumber, household: { name: own.child.name } });
    expect(res.body.data.people[2]).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0]).toMatchObject({ path: ['people', 2], extensions: { code: 'FORBIDDEN' } });
    // police saw the father and the child (the child's register during the check, reused
    // for the answer), health the father's certificates: the stranger is in neither
    expect(gw.stats().police.ids).toBe(2);
    expect(gw.stats().health).toEqual({ requests: 1, ids: 1 });
    expect(log.entries.filter((e) => e.idNumber === stranger.child.idNumber).map((e) => e.outcome)).toEqual(['DENIED']);
  });

  it('may not call an operator mutation', async () => {
    const f = family(gw, 'household-and-property');
    const token = await gw.token({ role: 'applicant', idNumber: f.father });
    const res = await gw.graphql(`mutation { evictPersonCache(idNumber: "${f.father}") { evicted } }`, {}, { token });
    expect(res.body.data).toBeNull();
    expectForbiddenOnly(res.body);
  });
});

describe('roles that never read a person', () => {
  for (const role of ['auditor', 'admin'] as const) {
    it(`${role} asking for a person: FORBIDDEN, recorded, no department called`, async () => {
      const f = family(gw, 'household-and-property');
      const token = await gw.token({ role });
      const res = await gw.graphql(
        PERSON_QUERY,
        { id: f.child.idNumber, purpose: { applicationId: 'A-5', countyCode: f.countyCode } },
        { token, headers: FRESH },
      );
      expect(res.body.data?.person).toBeNull();
      expectForbiddenOnly(res.body);
      expect(totalCalls(gw.stats())).toBe(0);
      expect(log.entries).toHaveLength(1);
      expect(log.entries[0]).toMatchObject({
        outcome: 'DENIED',
        idNumber: f.child.idNumber,
        actorRole: role,
        reason: 'role may not read personal data',
      });
    });
  }

  it('school_reviewer calling accessLogs: FORBIDDEN, no department called', async () => {
    const token = await gw.token({ role: 'school_reviewer', county: '370811' });
    const res = await gw.graphql(`{ accessLogs(first: 5) { edges { node { seq } } } }`, {}, { token });
    expect(res.body.data).toBeNull();
    expectForbiddenOnly(res.body);
    expect(totalCalls(gw.stats())).toBe(0);
  });

  it('county_platform calling auditIntegrity or evictPersonCache: FORBIDDEN', async () => {
    const token = await gw.token({ role: 'county_platform', county: '370811' });
    for (const q of [`{ auditIntegrity { ok } }`, `mutation { evictPersonCache(idNumber: "110101199003077777") { evicted } }`]) {
      const res = await gw.graphql(q, {}, { token });
      expect(res.body.data).toBeNull();
      expectForbiddenOnly(res.body);
    }
  });

  it('an auditor may ask for the access log, an admin may evict (authorization lets them through)', async () => {
    const f = family(gw, 'household-and-property');
    const auditor = await gw.token({ role: 'auditor' });
    const a = await gw.graphql(`{ accessLogs(first: 1) { pageInfo { hasNextPage } } }`, {}, { token: auditor });
    expect((a.body.errors ?? []).map((e: any) => e.extensions.code)).not.toContain('FORBIDDEN');
    const admin = await gw.token({ role: 'admin' });
    const b = await gw.graphql(
      `mutation E($id: String!) { evictPersonCache(idNumber: $id) { evicted } }`,
      { id: f.child.idNumber },
      { token: admin },
    );
    expect((b.body.errors ?? []).map((e: any) => e.extensions.code)).not.toContain('FORBIDDEN');
  });
});

describe('bad input to a guarded field', () => {
  it('an ID number failing its check digit is BAD_USER_INPUT, naming the argument, not the value', async () => {
    const token = await gw.token({ role: 'county_platform', county: '370811' });
    const res = await gw.graphql(ONE, { id: '370811201903150010', purpose: { applicationId: 'A-6', countyCode: '370811' } }, { token });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'idNumber' });
    expect(JSON.stringify(res.body)).not.toContain('370811201903150010');
    expect(totalCalls(gw.stats())).toBe(0);
  });
});
