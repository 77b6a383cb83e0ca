// accessAlerts over HTTP: a caller whose reads keep finding nobody (guessed ID numbers, each
// under an application it registered) is named to auditors and counted in /metrics; an
// ordinary caller reading a real family is not; reads under a closed or an expired application
// show up; no one but an auditor may ask.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGuessedFamilies, registerApplicationFor } from '../support/applications';
import { DATABASE_URL, isolationName, startTestGateway, type TestGateway } from '../support/gateway';
import { family } from './auth.support';

const ALERTS = `query Alerts($from: DateTime, $to: DateTime) { accessAlerts(from: $from, to: $to) {
  from to
  volume { caller { subject } }
  noRecord { caller { subject role county } unknownPeople people lastAt }
  denied { caller { subject } denied }
  closedApplications { applicationId countyCode actorSubject reads allowed }
  expiredApplications { applicationId countyCode actorSubject reads }
} }`;
const HOUSEHOLD = `query P($ids: [String!]!, $purpose: Purpose!) { people(idNumbers: $ids, purpose: $purpose) { idNumber household { name } } }`;
const CLOSE = `mutation C($a: ID!, $c: String!, $r: String!) { closeApplication(applicationId: $a, countyCode: $c, reason: $r) { status } }`;
const COUNTY = '370811';

let gw: TestGateway;
let clock: Date | null = null; // the applications' clock; null: the real one
let auditor: string;

beforeAll(async () => {
  gw = await startTestGateway({
    isolation: isolationName('alerts'),
    env: { DATABASE_URL },
    overrides: { applicationClock: () => clock ?? new Date() },
  });
  auditor = await gw.token({ role: 'auditor', sub: 'auditor-alerts' });
});
afterAll(async () => gw?.close());

describe('accessAlerts', () => {
  it('names the caller whose reads keep finding nobody, counts them in /metrics, and leaves an ordinary caller out', async () => {
    const guesser = await gw.token({ role: 'county_platform', county: COUNTY, sub: 'platform-guesser' });
    const ordinary = await gw.token({ role: 'county_platform', county: COUNTY, sub: 'platform-ordinary' });
    const guessed = await readGuessedFamilies(gw, guesser, COUNTY, 4);
    const real = family(gw, 'household-and-property');
    const purpose = await registerApplicationFor(gw, ordinary, real);
    const ids = [real.child.idNumber, ...real.guardians.map((g) => g.idNumber)];
    const read = await gw.graphql(HOUSEHOLD, { ids, purpose }, { token: ordinary });
    expect(read.body.data.people.every((p: any) => p.household !== null)).toBe(true);

    const res = await gw.graphql(ALERTS, {}, { token: auditor });
    expect(res.body.errors).toBeUndefined();
    const alerts = res.body.data.accessAlerts;
    expect(alerts.noRecord).toEqual([
      {
        caller: { subject: 'platform-guesser', role: 'county_platform', county: COUNTY },
        unknownPeople: 12,
        people: 12,
        lastAt: expect.any(String),
      },
    ]);
    expect(Date.parse(alerts.to) - Date.parse(alerts.from)).toBe(24 * 3600_000);

    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    const line = metrics
      .split('\n')
      .find((l) => l.startsWith('gateway_no_record_reads_total{evidence="household",role="county_platform"}'));
    expect(Number(line?.split(' ').at(-1))).toBe(12);
    // counted, never named: no ID number and no caller in the series
    for (const id of guessed.flatMap((f) => [f.child, f.father, f.mother])) expect(metrics).not.toContain(id);
    expect(metrics).not.toContain('platform-guesser');
  });

  it('shows reads under a closed application and under one past its season, each by application and caller', async () => {
    const closing = family(gw, 'household-only');
    const platform = await gw.token({ role: 'county_platform', county: closing.countyCode, sub: 'platform-late' });
    const closedPurpose = await registerApplicationFor(gw, platform, closing);
    const close = await gw.graphql(
      CLOSE,
      { a: closedPurpose.applicationId, c: closedPurpose.countyCode, r: 'withdrawn by the family' },
      { token: platform },
    );
    expect(close.body.errors).toBeUndefined();
    const afterClose = await gw.graphql(HOUSEHOLD, { ids: [closing.child.idNumber], purpose: closedPurpose }, { token: platform });
    expect(afterClose.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');

    const expiring = gw.scenarios.find((s) => s.countyCode === closing.countyCode && s.key !== closing.key)!;
    const expiredPurpose = await registerApplicationFor(gw, platform, expiring);
    clock = new Date(`${expiring.schoolYear}-10-01T08:00:00+08:00`);
    try {
      const late = await gw.graphql(HOUSEHOLD, { ids: [expiring.child.idNumber], purpose: expiredPurpose }, { token: platform });
      expect(late.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    } finally {
      clock = null;
    }

    const alerts = (await gw.graphql(ALERTS, {}, { token: auditor })).body.data.accessAlerts;
    expect(alerts.closedApplications).toContainEqual({
      applicationId: closedPurpose.applicationId,
      countyCode: closing.countyCode,
      actorSubject: 'platform-late',
      reads: 1,
      allowed: 0,
    });
    expect(alerts.expiredApplications).toEqual([
      { applicationId: expiredPurpose.applicationId, countyCode: expiredPurpose.countyCode, actorSubject: 'platform-late', reads: 1 },
    ]);
    // the guesser of the test before is not a closed-application reader
    expect(alerts.closedApplications.map((a: any) => a.actorSubject)).not.toContain('platform-guesser');
  });

  it('a window that ends before it starts, or spans more than 31 days, is BAD_USER_INPUT naming the argument', async () => {
    const backwards = await gw.graphql(ALERTS, { from: '2026-05-02T00:00:00+08:00', to: '2026-05-01T00:00:00+08:00' }, { token: auditor });
    expect(backwards.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'from' });
    const long = await gw.graphql(ALERTS, { from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }, { token: auditor });
    expect(long.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'to' });
    const month = await gw.graphql(ALERTS, { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' }, { token: auditor });
    expect(month.body.errors).toBeUndefined();
    expect(month.body.data.accessAlerts.noRecord).toEqual([]); // nothing was read then
  });

  it.each([
    ['county_platform', { county: COUNTY }],
    ['school_reviewer', { county: COUNTY }],
    ['help_desk', { county: COUNTY }],
    ['admin', {}],
    ['applicant', { idNumber: '370811198604128914' }],
  ] as const)('a %s is FORBIDDEN, through an alias or a fragment too', async (role, claims) => {
    const token = await gw.token({ role, ...claims });
    for (const query of [
      ALERTS,
      `{ a: accessAlerts { noRecord { unknownPeople } } }`,
      `query { ...F } fragment F on Query { accessAlerts { denied { denied } } }`,
    ]) {
      const res = await gw.graphql(query, {}, { token });
      expect(res.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
      expect(res.body.data ?? null).toBeNull();
    }
  });

  it('an anonymous caller is UNAUTHENTICATED', async () => {
    const res = await gw.graphql(ALERTS, {}, { token: null });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
