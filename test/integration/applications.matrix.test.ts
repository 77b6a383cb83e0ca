// Who may read whom under an application: role x {member, derived member, non-member, closed
// application, other county}, over HTTP; and the per-subject budgets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/viewer';
import type { Purpose } from '../../src/evidence/reader';
import { registerApplicationFor } from '../support/applications';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { family, FRESH, spyOnAccessLog, totalCalls } from './auth.support';

const ONE = `query One($id: String!, $p: Purpose!) { person(idNumber: $id, purpose: $p) { idNumber household { name } } }`;
const VERIFY = `query V($input: ApplicationInput!) { verifyApplication(input: $input) { category } }`;
const APPLICATION = `query A($a: ID!, $c: String!) { application(applicationId: $a, countyCode: $c) { members { kind reason } } }`;
const CLOSE = `mutation C($a: ID!, $c: String!) { closeApplication(applicationId: $a, countyCode: $c, reason: "withdrawn") { status } }`;

let gw: TestGateway;
let log: ReturnType<typeof spyOnAccessLog>;
const people: Record<'member' | 'derived' | 'nonMember', string> = { member: '', derived: '', nonMember: '' };
let open: Purpose;
let closed: Purpose;
let county: string;

beforeAll(async () => {
  gw = await startTestGateway();
  log = spyOnAccessLog(gw);
  // a remarried mother applies without naming her husband; verification reaches him (derived)
  const f = family(gw, 'remarried-step-parent-home');
  county = f.countyCode;
  const mother = f.guardians.find((g) => g.relation === 'MOTHER')!;
  const stepFather = f.guardians.find((g) => g.relation !== 'MOTHER')!;
  const platform = await gw.token({ role: 'county_platform', county });
  const input = {
    applicationId: 'APP-matrix',
    countyCode: county,
    schoolYear: f.schoolYear,
    stage: f.stage,
    child: { idNumber: f.child.idNumber, name: f.child.name },
    guardians: [{ idNumber: mother.idNumber, name: mother.name, relation: 'MOTHER' }],
  };
  const verified = await gw.graphql(VERIFY, { input }, { token: platform });
  expect(verified.body.errors).toBeUndefined();
  open = { applicationId: 'APP-matrix', countyCode: county };
  people.member = mother.idNumber;
  people.derived = stepFather.idNumber;
  // the divorced father, named in the family's records but not on the application
  people.nonMember = f.others![0]!.idNumber;
  closed = await registerApplicationFor(gw, platform, { ...f, guardians: [mother] });
  await gw.graphql(CLOSE, { a: closed.applicationId, c: county }, { token: platform });
});
afterAll(async () => gw?.close());

describe('the derived member', () => {
  it('is recorded on the application with the reason the verification reached them', async () => {
    const { body } = await gw.graphql(APPLICATION, { a: open.applicationId, c: county }, { token: await gw.token({ role: 'auditor' }) });
    const derived = body.data.application.members.filter((m: any) => m.kind === 'DERIVED');
    expect(derived).toEqual([{ kind: 'DERIVED', reason: expect.stringMatching(/current spouse of a parent/) }]);
  });
});

type Case = 'member' | 'derived' | 'nonMember' | 'closed' | 'otherCounty';
const COUNTY_ROLES: Role[] = ['county_platform', 'school_reviewer', 'help_desk'];
const EXPECT: Record<Case, 'read' | 'FORBIDDEN'> = {
  member: 'read',
  derived: 'read',
  nonMember: 'FORBIDDEN',
  closed: 'FORBIDDEN',
  otherCounty: 'FORBIDDEN',
};

describe.each(COUNTY_ROLES)('%s', (role) => {
  it.each(Object.keys(EXPECT) as Case[])('%s', async (c) => {
    const other = county === '370811' ? '370812' : '370811';
    const token = await gw.token({ role, county: c === 'otherCounty' ? other : county, sub: `matrix-${role}` });
    const id = c === 'derived' ? people.derived : c === 'nonMember' ? people.nonMember : people.member;
    const p = c === 'closed' ? closed : open;
    gw.mock.reset();
    log.clear();
    const { body } = await gw.graphql(ONE, { id, p }, { token, headers: FRESH });
    if (EXPECT[c] === 'read') {
      expect(body.errors).toBeUndefined();
      expect(body.data.person.household).not.toBeNull();
      expect(log.entries.every((e) => e.outcome === 'ALLOWED')).toBe(true);
    } else {
      expect(body.data.person).toBeNull();
      expect(body.errors!.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
      expect(totalCalls(gw.stats())).toBe(0);
      expect(log.entries.map((e) => e.outcome)).toEqual(['DENIED']);
    }
  });
});

describe('non-county roles', () => {
  it.each(['auditor', 'admin'] as Role[])('%s reads no member: FORBIDDEN, logged, no department called', async (role) => {
    gw.mock.reset();
    log.clear();
    const { body } = await gw.graphql(ONE, { id: people.member, p: open }, { token: await gw.token({ role }), headers: FRESH });
    expect(body.errors!.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(totalCalls(gw.stats())).toBe(0);
    expect(log.entries.map((e) => e.outcome)).toEqual(['DENIED']);
  });
});

describe('budgets per subject', () => {
  it('past the hourly budget of distinct persons: RATE_LIMITED, a DENIED entry; a person already read still costs nothing', async () => {
    const small = await startTestGateway({ env: { BUDGET_PERSONS_PER_HOUR: '2', BUDGET_REGISTRATIONS_PER_HOUR: '2' } });
    try {
      const f = family(small, 'household-and-property');
      const platform = await small.token({ role: 'county_platform', county: f.countyCode, sub: 'budget-subject' });
      const p = await registerApplicationFor(small, platform, f);
      const read = (id: string) => small.graphql(ONE, { id, p }, { token: platform });
      expect((await read(f.child.idNumber)).body.errors).toBeUndefined();
      expect((await read(f.father)).body.errors).toBeUndefined();
      const third = await read(f.mother);
      expect(third.body.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
      expect((await read(f.child.idNumber)).body.errors).toBeUndefined();

      // registrations: the first above, one more, then refused
      await registerApplicationFor(small, platform, f);
      await expect(registerApplicationFor(small, platform, f)).rejects.toThrow(/RATE_LIMITED/);
    } finally {
      await small.close();
    }
  });
});
