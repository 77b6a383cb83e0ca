// Consent (群众授权) as a family and a county platform live it: in a county whose policy asks
// for consent, the platform reads a person only while that person, or a parent of theirs named
// in the same request, has a live consent for the application; in a statutory county it reads
// on its duty. The access log says which basis applied.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authorizeRead, securityOf } from '../../src/auth/index';
import { buildContext } from '../../src/context';
import { CountyConsentPolicy } from '../../src/auth/countyPolicy';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { family, FRESH, spyOnAccessLog, totalCalls } from './auth.support';
import { registerApplicationFor } from '../support/applications';

let gw: TestGateway;
let log: ReturnType<typeof spyOnAccessLog>;
let f: ReturnType<typeof family>;
const APP = 'APP-2025-0001';

const PEOPLE = `query P($ids: [String!]!, $purpose: Purpose!) { people(idNumbers: $ids, purpose: $purpose) { idNumber household { name } } }`;
const PERSON = `query One($id: String!, $purpose: Purpose!) { person(idNumber: $id, purpose: $purpose) { idNumber household { name } } }`;
const GRANT = `mutation G($a: ID!, $c: String!) { grantConsent(applicationId: $a, countyCode: $c) { applicationId countyCode grantedAt revokedAt active } }`;
const REVOKE = `mutation R($a: ID!) { revokeConsent(applicationId: $a) { applicationId countyCode revokedAt active } }`;
const MINE = `{ myConsents { applicationId countyCode active } }`;

async function as(idNumber: string) {
  return gw.token({ role: 'applicant', idNumber, sub: `resident-${idNumber.slice(-4)}` });
}
async function platformReads(ids: string[], applicationId = APP) {
  const token = await gw.token({ role: 'county_platform', county: f.countyCode });
  return gw.graphql(PEOPLE, { ids, purpose: { applicationId, countyCode: f.countyCode } }, { token, headers: FRESH });
}

beforeAll(async () => {
  gw = await startTestGateway();
  log = spyOnAccessLog(gw);
  f = family(gw, 'household-and-property');
  // this county's platform reads only with the family's consent
  securityOf(gw.app.schema)!.access.policy = new CountyConsentPolicy({ [f.countyCode]: 'consent' });
  // the applications read under: consent decides on top of membership
  const platform = await gw.token({ role: 'county_platform', county: f.countyCode });
  for (const applicationId of [APP, 'APP-2025-0002', 'APP-OTHER']) await registerApplicationFor(gw, platform, f, { applicationId });
  const mother = f.guardians.filter((g) => g.relation === 'MOTHER');
  await registerApplicationFor(gw, platform, { ...f, guardians: mother }, { applicationId: 'APP-MOTHER' });
  const other = family(gw, 'property-only');
  await registerApplicationFor(gw, await gw.token({ role: 'county_platform', county: other.countyCode }), other, {
    applicationId: 'APP-S',
  });
});
afterAll(async () => {
  await securityOf(gw.app.schema)?.close();
  await gw?.close();
});
beforeEach(() => {
  gw.mock.reset();
  log.clear();
});

describe('in a county that reads with consent', () => {
  it('without any consent: FORBIDDEN, recorded as such, no department called', async () => {
    const res = await platformReads([f.child.idNumber, f.father, f.mother]);
    expect(res.body.data).toBeNull();
    expect(res.body.errors!.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(totalCalls(gw.stats())).toBe(0);
    expect(log.entries.map((e) => [e.outcome, e.reason])).toEqual(
      Array(3).fill(['DENIED', 'no live consent for this application and county']),
    );
  });

  it('the father grants: he and his child are readable (the child through his birth certificate); the mother is not', async () => {
    const granted = await gw.graphql(GRANT, { a: APP, c: f.countyCode }, { token: await as(f.father) });
    expect(granted.body.errors).toBeUndefined();
    expect(granted.body.data.grantConsent).toMatchObject({ applicationId: APP, countyCode: f.countyCode, revokedAt: null, active: true });

    const res = await platformReads([f.child.idNumber, f.father, f.mother]);
    expect(res.body.data.people[0]).toEqual({ idNumber: f.child.idNumber, household: { name: f.child.name } });
    expect(res.body.data.people[1].idNumber).toBe(f.father);
    expect(res.body.data.people[2]).toBeNull();
    expect(res.body.errors).toEqual([expect.objectContaining({ path: ['people', 2], extensions: { code: 'FORBIDDEN' } })]);

    const reasons = (id: string) => [
      ...new Set(
        log.entries.filter((e) => e.idNumber === id && e.evidence === 'household' && e.outcome === 'ALLOWED').map((e) => e.reason),
      ),
    ];
    expect(reasons(f.father)).toEqual(['consent']);
    expect(reasons(f.child.idNumber)).toContain('consent of a parent');
    expect(log.entries.filter((e) => e.idNumber === f.mother).map((e) => e.outcome)).toEqual(['DENIED']);
  });

  it('a child asked for alone is covered only by their own consent: no parent is named to check', async () => {
    const token = await gw.token({ role: 'county_platform', county: f.countyCode });
    const res = await gw.graphql(PERSON, { id: f.child.idNumber, purpose: { applicationId: APP, countyCode: f.countyCode } }, { token });
    expect(res.body.data.person).toBeNull();
    expect(res.body.errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('a consent is for one application: another application stays closed', async () => {
    const res = await platformReads([f.father], 'APP-2025-0002');
    expect(res.body.data).toBeNull();
    expect(res.body.errors![0].extensions.code).toBe('FORBIDDEN');
  });

  it('the mother grants too, the father revokes: the child stays readable through the mother, the father does not', async () => {
    await gw.graphql(GRANT, { a: APP, c: f.countyCode }, { token: await as(f.mother) });
    const revoked = await gw.graphql(REVOKE, { a: APP }, { token: await as(f.father) });
    expect(revoked.body.data.revokeConsent).toMatchObject({ applicationId: APP, active: false, revokedAt: expect.any(String) });

    const res = await platformReads([f.child.idNumber, f.father, f.mother]);
    expect(res.body.data.people.map((p: any) => p?.idNumber ?? null)).toEqual([f.child.idNumber, null, f.mother]);
  });

  it('verifyApplication needs every person it names covered: with the father uncovered FORBIDDEN, without him let through', async () => {
    const token = await gw.token({ role: 'county_platform', county: f.countyCode });
    const V = `query V($input: ApplicationInput!) { verifyApplication(input: $input) { applicationId } }`;
    const input = (guardians: typeof f.guardians) => ({
      applicationId: APP,
      countyCode: f.countyCode,
      schoolYear: f.schoolYear,
      stage: f.stage,
      child: { idNumber: f.child.idNumber, name: f.child.name },
      guardians,
    });
    gw.mock.reset();
    const both = await gw.graphql(V, { input: input(f.guardians) }, { token, headers: FRESH });
    expect(both.body.data).toBeNull();
    expect(both.body.errors!.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
    // the checks read only the consenting mother's certificates and, their date matching, the child's register
    expect(gw.stats().health.ids).toBe(1);
    // the application verified is the one registered: the same one without him is another application
    const mismatch = await gw.graphql(V, { input: input(f.guardians.filter((g) => g.relation === 'MOTHER')) }, { token });
    expect(mismatch.body.errors!.map((e: any) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    await gw.graphql(GRANT, { a: 'APP-MOTHER', c: f.countyCode }, { token: await as(f.mother) });
    const motherOnly = await gw.graphql(
      V,
      { input: { ...input(f.guardians.filter((g) => g.relation === 'MOTHER')), applicationId: 'APP-MOTHER' } },
      { token },
    );
    expect((motherOnly.body.errors ?? []).map((e: any) => e.extensions.code)).not.toContain('FORBIDDEN');
  });

  it("myConsents lists the resident's own consents, revoked ones included, and nobody else's", async () => {
    const father = await gw.graphql(MINE, {}, { token: await as(f.father) });
    expect(father.body.data.myConsents).toEqual([{ applicationId: APP, countyCode: f.countyCode, active: false }]);
    const stranger = await gw.graphql(MINE, {}, { token: await as(family(gw, 'property-only').father) });
    expect(stranger.body.data.myConsents).toEqual([]);
  });
});

describe('authorizeRead, for services that find more people than the query named', () => {
  it('makes the same decision: a person without consent is refused and recorded, one with it allowed on that basis', async () => {
    const viewer = { sub: 'platform-x', role: 'county_platform' as const, county: f.countyCode, idNumber: null };
    const ctx = buildContext(gw.app, viewer, 'authorize-read-1', { fresh: false });
    const purpose = { applicationId: 'APP-OTHER', countyCode: f.countyCode };
    expect(await authorizeRead(ctx, f.mother, purpose, { fields: ['properties'] })).toBe(false);
    expect(log.entries).toEqual([expect.objectContaining({ outcome: 'DENIED', idNumber: f.mother, requestId: 'authorize-read-1' })]);
    await gw.graphql(GRANT, { a: 'APP-OTHER', c: f.countyCode }, { token: await as(f.mother) });
    const next = buildContext(gw.app, viewer, 'authorize-read-2', { fresh: false });
    expect(await authorizeRead(next, f.mother, purpose, { fields: ['properties'] })).toBe(true);
  });
});

describe('in a county that reads on its statutory duty', () => {
  it('reads without consent, and says so in the access log', async () => {
    const other = family(gw, 'property-only');
    const token = await gw.token({ role: 'county_platform', county: other.countyCode });
    const res = await gw.graphql(
      PERSON,
      { id: other.father, purpose: { applicationId: 'APP-S', countyCode: other.countyCode } },
      { token },
    );
    expect(res.body.errors).toBeUndefined();
    expect(log.entries.filter((e) => e.outcome === 'ALLOWED').map((e) => e.reason)).toEqual(['statutory duty']);
  });
});

describe('who may grant', () => {
  it('only an applicant, for themselves: a county platform, a clerk, an auditor and an admin get FORBIDDEN', async () => {
    for (const claims of [
      { role: 'county_platform', county: '370811' },
      { role: 'help_desk', county: '370811' },
      { role: 'auditor' },
      { role: 'admin' },
    ] as const) {
      const token = await gw.token(claims);
      for (const [q, v] of [
        [GRANT, { a: APP, c: '370811' }],
        [REVOKE, { a: APP }],
        [MINE, {}],
      ] as const) {
        const res = await gw.graphql(q, v, { token });
        expect(res.body.data).toBeNull();
        expect(res.body.errors![0].extensions.code).toBe('FORBIDDEN');
      }
    }
  });

  it('a county outside Jining or an empty application is BAD_USER_INPUT; revoking nothing is BAD_USER_INPUT', async () => {
    const token = await as(f.father);
    expect((await gw.graphql(GRANT, { a: APP, c: '110101' }, { token })).body.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'countyCode',
    });
    expect((await gw.graphql(GRANT, { a: '  ', c: f.countyCode }, { token })).body.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'applicationId',
    });
    expect((await gw.graphql(REVOKE, { a: 'NEVER-GRANTED' }, { token })).body.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName: 'applicationId',
    });
  });
});
