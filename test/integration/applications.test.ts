// Applications as records (issue: "No read without a registered application"): the attacks that
// worked before (undoing a mask by enumeration, 25 aliases x 50 IDs, a stranger read on a made-up
// application) now fail, each refusal in the access log; registration, idempotency, closure,
// expiry, the applicant's own registration, and the role x membership matrix, all over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateIdNumber } from '../../src/codes/idNumber';
import { PERSON_CAP_REASON } from '../../src/auth/personCap';
import { openSchoolYear, seasonDay } from '../../mocks/data/families';
import { PERSON_QUERY, startTestGateway, isolationName, DATABASE_URL, type TestGateway } from '../support/gateway';
import { REGISTER_APPLICATION, registerApplicationFor } from '../support/applications';
import { family, spyOnAccessLog, totalCalls, FRESH } from './auth.support';

const APPLICATION = `query A($a: ID!, $c: String!) { application(applicationId: $a, countyCode: $c) {
  applicationId countyCode schoolYear stage status registeredRole expiresAt closedAt closeReason members { subjectHash kind reason } } }`;
const CLOSE = `mutation C($a: ID!, $c: String!, $r: String!) { closeApplication(applicationId: $a, countyCode: $c, reason: $r) { status closedAt closeReason } }`;
const HOUSEHOLD = `query P($ids: [String!]!, $purpose: Purpose!) { people(idNumbers: $ids, purpose: $purpose) { idNumber household { name } } }`;

let gw: TestGateway;
let log: ReturnType<typeof spyOnAccessLog>;

beforeAll(async () => {
  gw = await startTestGateway({ isolation: isolationName('applications'), env: { DATABASE_URL } });
  log = spyOnAccessLog(gw);
});
afterAll(async () => {
  await gw?.close();
});
beforeEach(() => {
  gw.mock.reset();
  log.clear();
});

const inputOf = (f: ReturnType<typeof family>, applicationId: string) => ({
  applicationId,
  countyCode: f.countyCode,
  schoolYear: f.schoolYear,
  stage: f.stage,
  child: { idNumber: f.child.idNumber, name: f.child.name },
  guardians: f.guardians.map((g) => ({ idNumber: g.idNumber, name: g.name, relation: g.relation })),
});

/** Every ID number of the lessor's birth year that passes the check digit, as the attacker built them. */
function maskedCandidates(masked: string, limit: number): string[] {
  const prefix = masked.slice(0, 6);
  const tail = masked.slice(-4);
  const out: string[] = [];
  for (let d = Date.UTC(1970, 0, 1); out.length < limit; d += 86_400_000) {
    const ymd = new Date(d).toISOString().slice(0, 10).replace(/-/g, '');
    const candidate = `${prefix}${ymd}${tail}`;
    if (validateIdNumber(candidate).ok) out.push(candidate);
  }
  return out;
}

describe('the three attacks', () => {
  it('a masked lessor cannot be found by enumeration: every candidate is FORBIDDEN, nothing read, each refusal logged', async () => {
    const f = family(gw, 'full-evidence');
    const platform = await gw.token({ role: 'county_platform', county: f.countyCode });
    const purpose = await registerApplicationFor(gw, platform, f);
    const reviewer = await gw.token({ role: 'school_reviewer', county: f.countyCode, sub: 'reviewer-enum' });
    const seen = await gw.graphql(
      `query($id: String!, $p: Purpose!) { person(idNumber: $id, purpose: $p) { leaseFilings { lessorIdNumber } } }`,
      { id: f.father, p: purpose },
      { token: reviewer },
    );
    expect(seen.body.errors).toBeUndefined();
    const masked: string = seen.body.data.person.leaseFilings[0].lessorIdNumber;
    expect(masked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);

    gw.mock.reset();
    log.clear();
    const candidates = maskedCandidates(masked, 100);
    for (let i = 0; i < candidates.length; i += 50) {
      const { body } = await gw.graphql(HOUSEHOLD, { ids: candidates.slice(i, i + 50), purpose }, { token: reviewer, headers: FRESH });
      expect(body.data?.people ?? null).toBeNull();
      expect(body.errors!.every((e: any) => e.extensions.code === 'FORBIDDEN')).toBe(true);
      expect(JSON.stringify(body)).not.toMatch(/孟测九/);
    }
    expect(totalCalls(gw.stats())).toBe(0);
    const denied = log.entries.filter((e) => e.outcome === 'DENIED' && e.reason === 'not a member of the application');
    expect(denied).toHaveLength(candidates.length);
  });

  it('25 aliases x 50 IDs are refused before any department is called', async () => {
    const f = family(gw, 'full-evidence');
    const platform = await gw.token({ role: 'county_platform', county: f.countyCode });
    const purpose = await registerApplicationFor(gw, platform, f);
    log.clear();
    const ids = maskedCandidates(`${f.countyCode}********0011`, 25 * 50);
    const vars = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`v${i}`, ids.slice(i * 50, i * 50 + 50)]));
    const query = `query Many($p: Purpose!, ${Object.keys(vars)
      .map((v) => `$${v}: [String!]!`)
      .join(', ')}) {
      ${Object.keys(vars)
        .map((v) => `${v}: people(idNumbers: $${v}, purpose: $p) { household { name } }`)
        .join('\n')} }`;
    const { status, body } = await gw.graphql(query, { p: purpose, ...vars }, { token: platform, headers: FRESH });
    expect(status).toBe(400);
    expect(body.errors!.map((e: any) => e.extensions.code)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(body.data).toBeUndefined();
    expect(totalCalls(gw.stats())).toBe(0);
    expect(log.entries.filter((e) => e.outcome === 'ALLOWED')).toHaveLength(0);
    // the refusal is accountable: one DENIED entry naming no one (the numbers asked for were guesses)
    const refusals = log.entries.filter((e) => e.outcome === 'DENIED');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ reason: PERSON_CAP_REASON, idNumber: null });
  });

  it('fragments and a person named again do not change the count: 51 distinct persons are refused, 50 named twice pass the cap', async () => {
    const f = family(gw, 'full-evidence');
    const platform = await gw.token({ role: 'county_platform', county: f.countyCode });
    const purpose = await registerApplicationFor(gw, platform, f);
    const ids = maskedCandidates(`${f.countyCode}********0027`, 51);
    const viaFragment = `query($a: [String!]!, $b: String!, $p: Purpose!) { ...F  one: person(idNumber: $b, purpose: $p) { idNumber } }
      fragment F on Query { ... on Query { many: people(idNumbers: $a, purpose: $p) { idNumber } } }`;
    const refused = await gw.graphql(viaFragment, { a: ids.slice(0, 50), b: ids[50], p: purpose }, { token: platform });
    expect(refused.body.errors!.map((e: any) => e.extensions.code)).toEqual(['QUERY_TOO_COMPLEX']);
    const same = await gw.graphql(viaFragment, { a: ids.slice(0, 50), b: ids[0], p: purpose }, { token: platform });
    // within the cap: each stranger is then refused as a non-member, which is the next gate
    expect(same.body.errors!.every((e: any) => e.extensions.code === 'FORBIDDEN')).toBe(true);
    expect(totalCalls(gw.stats())).toBe(0);
  });

  it('a stranger cannot be read on a made-up application, nor an out-of-province resident', async () => {
    const f = family(gw, 'household-only');
    const platform = await gw.token({ role: 'county_platform', county: f.countyCode });
    const outOfProvince = '110101199001011237';
    for (const id of [f.child.idNumber, outOfProvince]) {
      const { body } = await gw.graphql(
        PERSON_QUERY,
        { id, purpose: { applicationId: 'anything', countyCode: f.countyCode } },
        { token: platform },
      );
      expect(body.data.person).toBeNull();
      expect(body.errors![0].extensions.code).toBe('FORBIDDEN');
      expect(body.errors![0].message).toMatch(/No application of this applicationId is registered in your county/);
      expect(body.errors![0].message).not.toContain('anything');
    }
    expect(totalCalls(gw.stats())).toBe(0);
    expect(log.entries.map((e) => [e.outcome, e.reason])).toEqual([
      ['DENIED', 'no registered application of this id in this county'],
      ['DENIED', 'no registered application of this id in this county'],
    ]);
  });
});

describe('registration', () => {
  it('a county platform registers in its county; the same registration again is the same application; other members are BAD_USER_INPUT', async () => {
    const f = family(gw, 'household-and-property');
    const platform = await gw.token({ role: 'county_platform', county: f.countyCode, sub: 'platform-reg' });
    const input = inputOf(f, 'APP-reg-1');
    const first = await gw.graphql(REGISTER_APPLICATION, { input }, { token: platform });
    expect(first.body.errors).toBeUndefined();
    const app = first.body.data.registerApplication;
    expect(app).toMatchObject({ applicationId: 'APP-reg-1', status: 'OPEN', schoolYear: f.schoolYear });
    expect(app.expiresAt).toBe(`${f.schoolYear}-09-30T15:59:59.999Z`);
    expect(app.members.map((m: any) => m.kind).sort()).toEqual(['CHILD', 'GUARDIAN', 'GUARDIAN']);
    expect(JSON.stringify(app)).not.toContain(f.child.idNumber);

    const again = await gw.graphql(
      REGISTER_APPLICATION,
      { input: { ...input, guardians: [...input.guardians].reverse() } },
      { token: platform },
    );
    expect(again.body.data.registerApplication).toEqual(app);

    const other = await gw.graphql(
      REGISTER_APPLICATION,
      { input: { ...input, guardians: input.guardians.slice(0, 1) } },
      { token: platform },
    );
    expect(other.body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(other.body.errors![0].message).not.toContain('APP-reg-1');

    const looked = await gw.graphql(APPLICATION, { a: 'APP-reg-1', c: f.countyCode }, { token: await gw.token({ role: 'auditor' }) });
    expect(looked.body.data.application.members).toHaveLength(3);

    const acts = log.entries.filter((e) => e.action === 'REGISTER_APPLICATION');
    expect(acts.map((e) => e.outcome)).toEqual(['ALLOWED', 'DENIED']);
    expect(totalCalls(gw.stats())).toBe(0);
  });

  it('another county, a school reviewer, and a past season are refused, each with one DENIED entry and nothing registered', async () => {
    const f = family(gw, 'household-only');
    const other = f.countyCode === '370811' ? '370812' : '370811';
    const cases: [string, Record<string, unknown>, string][] = [
      ['county_platform', { county: other }, 'FORBIDDEN'],
      ['school_reviewer', { county: f.countyCode }, 'FORBIDDEN'],
    ];
    for (const [role, claims, code] of cases) {
      const token = await gw.token({ role: role as any, ...claims });
      const { body } = await gw.graphql(REGISTER_APPLICATION, { input: inputOf(f, `APP-refused-${role}`) }, { token });
      expect(body.errors![0].extensions.code).toBe(code);
    }
    const platform = await gw.token({ role: 'county_platform', county: f.countyCode });
    const past = await gw.graphql(REGISTER_APPLICATION, { input: { ...inputOf(f, 'APP-past'), schoolYear: 2024 } }, { token: platform });
    expect(past.body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(log.entries.filter((e) => e.action === 'REGISTER_APPLICATION').map((e) => e.outcome)).toEqual(['DENIED', 'DENIED', 'DENIED']);
    for (const a of ['APP-refused-county_platform', 'APP-refused-school_reviewer', 'APP-past']) {
      const { body } = await gw.graphql(APPLICATION, { a, c: f.countyCode }, { token: platform });
      expect(body.data.application).toBeNull();
    }
  });

  it('an applicant registers their own child (consent recorded); a child the departments do not link to them is refused', async () => {
    const f = family(gw, 'household-and-property');
    const parent = await gw.token({ role: 'applicant', idNumber: f.father });
    const ok = await gw.graphql(REGISTER_APPLICATION, { input: inputOf(f, 'APP-by-parent') }, { token: parent });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.registerApplication.registeredRole).toBe('applicant');
    const consents = await gw.graphql(`{ myConsents { applicationId countyCode active } }`, {}, { token: parent });
    expect(consents.body.data.myConsents).toContainEqual({ applicationId: 'APP-by-parent', countyCode: f.countyCode, active: true });

    const stranger = family(gw, 'household-only');
    gw.mock.reset();
    const refused = await gw.graphql(
      REGISTER_APPLICATION,
      {
        input: {
          ...inputOf(stranger, 'APP-not-mine'),
          guardians: [{ idNumber: f.father, name: f.guardians[0]!.name, relation: 'FATHER' }],
        },
      },
      { token: parent },
    );
    expect(refused.body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(log.entries.filter((e) => e.action === 'REGISTER_APPLICATION').map((e) => e.outcome)).toEqual(['ALLOWED', 'DENIED']);
  });

  it('the department down while an applicant registers: DEPARTMENT_UNAVAILABLE, nothing registered', async () => {
    const f = family(gw, 'household-only');
    gw.mock.setFault('health', { down: true, status: 503 });
    try {
      const parent = await gw.token({ role: 'applicant', idNumber: f.guardians[0]!.idNumber });
      const { body } = await gw.graphql(REGISTER_APPLICATION, { input: inputOf(f, 'APP-health-down') }, { token: parent, headers: FRESH });
      expect(body.errors![0].extensions.code).toBe('DEPARTMENT_UNAVAILABLE');
    } finally {
      gw.mock.setFault('health', { down: false });
    }
    const platform = await gw.token({ role: 'county_platform', county: f.countyCode });
    expect(
      (await gw.graphql(APPLICATION, { a: 'APP-health-down', c: f.countyCode }, { token: platform })).body.data.application,
    ).toBeNull();
    expect(log.entries.filter((e) => e.action === 'REGISTER_APPLICATION' && e.outcome === 'ALLOWED')).toHaveLength(0);
  });
});

describe('reads bound to members', () => {
  it('a closed application reads nothing; closing is logged; closing again changes nothing', async () => {
    const f = family(gw, 'household-only');
    const platform = await gw.token({ role: 'county_platform', county: f.countyCode });
    const purpose = await registerApplicationFor(gw, platform, f);
    const before = await gw.graphql(HOUSEHOLD, { ids: [f.child.idNumber], purpose }, { token: platform });
    expect(before.body.errors).toBeUndefined();

    const closed = await gw.graphql(CLOSE, { a: purpose.applicationId, c: purpose.countyCode, r: 'enrolled' }, { token: platform });
    expect(closed.body.data.closeApplication).toMatchObject({ status: 'CLOSED', closeReason: 'enrolled' });
    const twice = await gw.graphql(CLOSE, { a: purpose.applicationId, c: purpose.countyCode, r: 'again' }, { token: platform });
    expect(twice.body.data.closeApplication.closeReason).toBe('enrolled');
    gw.mock.reset();
    const after = await gw.graphql(HOUSEHOLD, { ids: [f.child.idNumber], purpose }, { token: platform, headers: FRESH });
    expect(after.body.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(after.body.errors![0].message).toMatch(/closed/);
    expect(totalCalls(gw.stats())).toBe(0);
    expect(log.entries.filter((e) => e.action === 'CLOSE_APPLICATION').map((e) => e.outcome)).toEqual(['ALLOWED']);
    expect(log.entries.at(-1)).toMatchObject({ outcome: 'DENIED', reason: 'the application is closed' });

    const idInReason = await gw.graphql(
      CLOSE,
      { a: purpose.applicationId, c: purpose.countyCode, r: `for ${f.child.idNumber}` },
      { token: platform },
    );
    expect(idInReason.body.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(idInReason.body.errors![0].message).not.toContain(f.child.idNumber);
  });

  it('an application past its season reads nothing, though still OPEN', async () => {
    let clock = seasonDay(openSchoolYear(new Date()));
    const seasonal = await startTestGateway({
      isolation: isolationName('seasonal'),
      env: { DATABASE_URL },
      overrides: { applicationClock: () => clock },
    });
    try {
      const f = family(seasonal, 'household-only');
      const platform = await seasonal.token({ role: 'county_platform', county: f.countyCode });
      const purpose = await registerApplicationFor(seasonal, platform, f);
      expect((await seasonal.graphql(HOUSEHOLD, { ids: [f.child.idNumber], purpose }, { token: platform })).body.errors).toBeUndefined();
      clock = new Date(`${f.schoolYear}-10-01T00:00:00+08:00`);
      seasonal.mock.reset();
      const { body } = await seasonal.graphql(HOUSEHOLD, { ids: [f.child.idNumber], purpose }, { token: platform, headers: FRESH });
      expect(body.errors![0].extensions.code).toBe('FORBIDDEN');
      expect(body.errors![0].message).toMatch(/enrollment season/);
      expect(totalCalls(seasonal.stats())).toBe(0);
      const app = await seasonal.graphql(APPLICATION, { a: purpose.applicationId, c: purpose.countyCode }, { token: platform });
      expect(app.body.data.application.status).toBe('OPEN');
    } finally {
      await seasonal.close();
    }
  });
});
