// What a county platform gets when a department misbehaves or a client misbehaves, over HTTP
// against the in-process gateway with the mock departments' fault injection. Each test says
// what the caller gets, and checks the gateway keeps serving others.
// (The plain 503/500/malformed partial-result cases live in evidence.test.ts.)
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditService } from '../../src/audit/index';
import { PEOPLE_QUERY, startTestGateway, type TestGateway } from '../support/gateway';
import { waitFor } from '../support/waitFor';
import { applicationFor } from '../support/applications';

const COLD = { 'x-evidence-fresh': 'true' };

async function familyOf(gw: TestGateway, key = 'full-evidence') {
  const s = gw.scenarios.find((x) => x.key === key);
  if (!s) throw new Error(`no scenario ${key}`);
  return {
    ids: [s.child.idNumber, ...s.guardians.map((g) => g.idNumber)],
    purpose: await applicationFor(gw, s),
  };
}
const platformToken = (gw: TestGateway, county: string, sub = `platform-${county}-${Math.random().toString(36).slice(2, 8)}`) =>
  gw.token({ role: 'county_platform', county, sub });

async function family(gw: TestGateway, token?: string) {
  const { ids, purpose } = await familyOf(gw);
  const started = performance.now();
  const res = await gw.graphql(
    PEOPLE_QUERY,
    { ids, purpose },
    { headers: COLD, token: token ?? (await platformToken(gw, purpose.countyCode)) },
  );
  return { ...res, ms: performance.now() - started };
}
const codes = (body: { errors?: any[] }) => [...new Set((body.errors ?? []).map((e) => e.extensions?.code))];
const departmentsIn = (body: { errors?: any[] }) => [...new Set((body.errors ?? []).map((e) => e.extensions?.department))];
const readyz = async (gw: TestGateway) => {
  const res = await fetch(`${gw.url}/readyz`);
  return { status: res.status, body: (await res.json()) as any };
};

describe('a department that misbehaves (breaker out of the way)', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      env: { HEALTH_TIMEOUT_MS: '400', HEALTH_RETRIES: '1', BREAKER_VOLUME: '10000' },
      mock: { humanResourcesPerSecond: 1 },
    });
  });
  afterAll(async () => gw?.close());
  beforeEach(() => gw.mock.reset());

  it('hangs: its fields null with DEPARTMENT_UNAVAILABLE after about its timeout (a timeout is not retried), not the hang', async () => {
    gw.mock.setFault('health', { latencyMs: 60_000 });
    const { status, body, ms } = await family(gw);
    expect(status).toBe(200);
    expect(codes(body)).toEqual(['DEPARTMENT_UNAVAILABLE']);
    expect(departmentsIn(body)).toEqual(['health']);
    for (const p of body.data.people) {
      expect(p.birthCertificates).toBeNull();
      expect(p.household).not.toBeNull();
    }
    // one attempt of 400 ms per call (health has no batch API: one call per person, in parallel)
    expect(gw.stats().health.requests).toBe(body.data.people.length);
    expect(ms).toBeGreaterThanOrEqual(390);
    expect(ms).toBeLessThan(1500); // far under the 60 s hang
  });

  it('answers 500: retried twice per call, then its fields null; the other departments answer', async () => {
    gw.mock.setFault('civilAffairs', { down: true, status: 500 });
    const { body } = await family(gw);
    expect(codes(body)).toEqual(['DEPARTMENT_UNAVAILABLE']);
    expect(departmentsIn(body)).toEqual(['civilAffairs']);
    expect(gw.stats().civilAffairs.requests).toBe(3); // one call, 1 + 2 retries
    for (const p of body.data.people) {
      expect(p.marriages).toBeNull();
      expect(p.socialInsurance).not.toBeNull();
    }
  });

  it('answers 429 with Retry-After: the gateway waits as told and the caller gets full data', async () => {
    // humanResources allows 1 call a second here: the second family in the same second gets 429, Retry-After: 1
    const [a, b] = await Promise.all([family(gw), family(gw)]);
    for (const r of [a, b]) {
      expect(r.body.errors).toBeUndefined();
      for (const p of r.body.data.people) expect(p.socialInsurance).not.toBeNull();
    }
    expect(gw.stats().humanResources.requests).toBe(3); // 1 + (429, then the retry)
    expect(Math.max(a.ms, b.ms)).toBeGreaterThanOrEqual(950); // it honoured the 1 s
  });

  it('returns garbage: its fields null with DEPARTMENT_UNAVAILABLE, not retried, nothing of the garbage leaks', async () => {
    gw.mock.setFault('marketRegulation', { malformed: true });
    const { body } = await family(gw);
    expect(codes(body)).toEqual(['DEPARTMENT_UNAVAILABLE']);
    expect(departmentsIn(body)).toEqual(['marketRegulation']);
    expect(JSON.stringify(body)).not.toContain('garbage');
    expect(gw.stats().marketRegulation.requests).toBe(2); // its two APIs, once each
    for (const p of body.data.people) {
      expect(p.enterprises).toBeNull();
      expect(p.individualBusinesses).toBeNull();
      expect(p.properties).not.toBeNull();
    }
  });
});

describe('our own rate limit per department', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { HUMAN_RESOURCES_RATE_PER_SECOND: '2' }, mock: { humanResourcesPerSecond: 1000 } });
  });
  afterAll(async () => gw?.close());
  beforeEach(() => gw.mock.reset());

  it('six families at once: the department sees at most its rate (a burst of 2, then one call every 500 ms, waiting up to 1 s); the surplus is refused here with DEPARTMENT_UNAVAILABLE', async () => {
    // six different families (the same one would share in-flight fetches)
    const keys = gw.scenarios
      .filter((s) => s.key !== 'unknown-person')
      .slice(0, 6)
      .map((s) => s.key);
    expect(keys).toHaveLength(6);
    const started = performance.now();
    const results = await Promise.all(
      keys.map(async (key) => {
        const { ids, purpose } = await familyOf(gw, key);
        return gw.graphql(PEOPLE_QUERY, { ids, purpose }, { headers: COLD, token: await platformToken(gw, purpose.countyCode) });
      }),
    );
    const elapsed = performance.now() - started;
    // humanResources is one call per family. Arriving together: 2 at once, then one at 500 ms
    // and one at 1000 ms; the rest would wait longer than 1 s and are refused here. (Requests
    // that arrive spread out find refilled tokens: the bound is burst + rate x time.)
    const calls = gw.stats().humanResources.requests;
    expect(calls).toBeLessThanOrEqual(2 + Math.floor((2 * elapsed) / 1000));
    const refused = results.filter((r) => r.body.data.people.every((p: any) => p.socialInsurance === null));
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(calls + refused.length).toBe(6); // each family: one call, or refused without one
    for (const r of refused) expect(departmentsIn(r.body)).toEqual(['humanResources']);
    for (const r of results) expect(codes(r.body).filter((c) => c !== 'DEPARTMENT_UNAVAILABLE')).toEqual([]);
    expect(elapsed).toBeGreaterThanOrEqual(950);
  });
});

describe('the circuit breaker', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { BREAKER_RESET_MS: '500' } });
  });
  afterAll(async () => gw?.close());
  beforeEach(() => gw.mock.reset());

  it('a flapping department (half its answers 503): retries recover most calls and the breaker stays (mostly) closed', async () => {
    gw.mock.setFault('civilAffairs', { errorRate: 0.5, status: 503 });
    let served = 0;
    const runs = 20;
    for (let i = 0; i < runs; i++) {
      const { body } = await family(gw);
      if (body.data.people.every((p: any) => p.marriages !== null)) served++;
      expect(codes(body).filter((c) => c !== 'DEPARTMENT_UNAVAILABLE')).toEqual([]);
    }
    // 1 - 0.5^3 = 87.5% of calls succeed within 3 attempts
    expect(served).toBeGreaterThanOrEqual(14);
    // an 80% failure threshold is above a 50% flap: at most a rare opening
    expect(gw.app.guards.opened('civilAffairs')).toBeLessThanOrEqual(1);
  });

  it('a 4xx from the department does not trip it', async () => {
    gw.mock.setFault('naturalResources', { down: true, status: 400 });
    for (let i = 0; i < 8; i++) {
      const { body } = await family(gw);
      expect(departmentsIn(body)).toEqual(['naturalResources']);
    }
    expect(gw.stats().naturalResources.requests).toBe(8); // 4xx is not retried either
    expect(gw.app.guards.state('naturalResources')).toBe('closed');
    expect(gw.app.guards.opened('naturalResources')).toBe(0);
  });
});

describe('the circuit breaker, from a quiet start', () => {
  // its own gateway: the rolling window must not hold the successes of the tests above
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { BREAKER_RESET_MS: '1500' } });
  });
  afterAll(async () => gw?.close());
  beforeEach(() => gw.mock.reset());

  it('opens after repeated failures, then fails fast without calling the department, names it in /readyz, and recovers when it is back', async () => {
    gw.mock.setFault('housing', { down: true, status: 503 });
    let requests = 0;
    while (gw.app.guards.state('housing') !== 'open' && requests < 10) {
      await family(gw);
      requests++;
    }
    expect(gw.app.guards.state('housing')).toBe('open');
    expect(requests).toBeLessThanOrEqual(3);

    // open: housing's fields null at once, and housing is not called at all
    const calls = gw.stats().housing.requests;
    for (let i = 0; i < 3; i++) {
      const { body, ms } = await family(gw);
      expect(departmentsIn(body)).toEqual(['housing']);
      expect(codes(body)).toEqual(['DEPARTMENT_UNAVAILABLE']);
      for (const p of body.data.people) {
        expect(p.leaseFilings).toBeNull();
        expect(p.household).not.toBeNull();
      }
      expect(ms).toBeLessThan(1000);
    }
    expect(gw.stats().housing.requests).toBe(calls);
    expect(gw.app.guards.opened('housing')).toBe(1);

    const ready = await readyz(gw);
    expect(ready.status).toBe(503);
    expect(Object.keys(ready.body.failing)).toContain('housing');
    expect(ready.body.breakers.housing).toBe('open');
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_breaker_state\{department="housing"\} 2/);
    expect(metrics).toMatch(/gateway_breaker_state\{department="police"\} 0/);

    // the department comes back: after BREAKER_RESET_MS one probe goes through and closes it
    gw.mock.setFault('housing', { down: false });
    await waitFor(() => gw.app.guards.state('housing') === 'half_open', { timeoutMs: 5000, what: 'the breaker to let one probe through' });
    // the probe closes it (a family query asks housing three times at once: the others may still fail fast)
    let recovered = false;
    for (let i = 0; i < 4 && !recovered; i++) {
      const { body } = await family(gw);
      recovered = body.errors === undefined;
    }
    expect(recovered).toBe(true);
    expect(gw.app.guards.state('housing')).toBe('closed');
    expect((await readyz(gw)).status).toBe(200);
  });
});

describe('hostile queries and a flooding client', () => {
  let gw: TestGateway;
  let county: string;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { RATE_LIMIT_PER_MINUTE: '30' } });
    county = (await familyOf(gw)).purpose.countyCode;
  });
  afterAll(async () => gw?.close());
  beforeEach(() => gw.mock.reset());

  const expectTooComplex = (res: { status: number; body: any }) => {
    expect(res.status).toBe(400);
    expect(codes(res.body)).toContain('QUERY_TOO_COMPLEX');
    // the limits are never echoed
    for (const e of res.body.errors) expect(e.message).not.toMatch(/\d/);
    expect(Object.values(gw.stats()).every((s) => s.requests === 0)).toBe(true);
  };

  it('a query 50 levels deep: QUERY_TOO_COMPLEX, no department called', async () => {
    const { ids, purpose } = await familyOf(gw);
    let inner = 'name';
    for (let i = 0; i < 48; i++) inner = `household { ${inner} }`;
    const q = `query($id:String!,$p:Purpose!){ person(idNumber:$id, purpose:$p){ ${inner} } }`;
    expectTooComplex(await gw.graphql(q, { id: ids[0], p: purpose }, { token: await platformToken(gw, county) }));
  });

  it('fragments nested 50 deep: QUERY_TOO_COMPLEX (each spread multiplies the cost), not a crash', async () => {
    const frags = Array.from({ length: 50 }, (_, i) => `fragment F${i} on HouseholdRegistration { name ${i < 49 ? `...F${i + 1}` : ''} }`);
    const q = `query($id:String!,$p:Purpose!){ person(idNumber:$id, purpose:$p){ household { ...F0 } } } ${frags.join(' ')}`;
    const { ids, purpose } = await familyOf(gw);
    expectTooComplex(await gw.graphql(q, { id: ids[0], p: purpose }, { token: await platformToken(gw, county) }));
  });

  it('500 aliases: QUERY_TOO_COMPLEX (refused while parsing, before validation)', async () => {
    const q = `{ ${Array.from({ length: 500 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expectTooComplex(await gw.graphql(q, {}, { token: await platformToken(gw, county) }));
  });

  it('40 aliases of one costly field: QUERY_TOO_COMPLEX from the alias limit', async () => {
    const { ids, purpose } = await familyOf(gw);
    const q = `query($id:String!,$p:Purpose!){ ${Array.from({ length: 40 }, (_, i) => `p${i}: person(idNumber:$id, purpose:$p){ idNumber }`).join(' ')} }`;
    expectTooComplex(await gw.graphql(q, { id: ids[0], p: purpose }, { token: await platformToken(gw, county) }));
  });

  it('a 1 MB string argument: 413 with QUERY_TOO_COMPLEX before anything is parsed', async () => {
    const { purpose } = await familyOf(gw);
    const big = 'x'.repeat(1024 * 1024);
    const q = `query($p:Purpose!){ person(idNumber:"${big}", purpose:$p){ idNumber } }`;
    const res = await gw.graphql(q, { p: purpose }, { token: await platformToken(gw, county) });
    expect(res.status).toBe(413);
    expect(codes(res.body)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('a 200 KB string under the body cap: BAD_USER_INPUT that does not echo it', async () => {
    const { purpose } = await familyOf(gw);
    const big = '3'.repeat(200 * 1024);
    const res = await gw.graphql(
      `query($id:String!,$p:Purpose!){ person(idNumber:$id, purpose:$p){ idNumber } }`,
      { id: big, p: purpose },
      { token: await platformToken(gw, county) },
    );
    expect(codes(res.body)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(res.body).length).toBeLessThan(2000);
  });

  it('a cyclic fragment: a clean validation error (400), and the gateway keeps serving', async () => {
    const q = `query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`;
    const res = await gw.graphql(q, {}, { token: await platformToken(gw, county) });
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const ok = await family(gw);
    expect(ok.body.errors).toBeUndefined();
  });

  it('a flood from one client: RATE_LIMITED with Retry-After for it, while another client is still served', async () => {
    const flooder = await platformToken(gw, county, 'flooder');
    const other = await platformToken(gw, county, 'patient-platform');
    const results = [];
    for (let i = 0; i < 40; i++) {
      const res = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${flooder}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      results.push({ status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any });
    }
    expect(results.filter((r) => r.status === 200)).toHaveLength(30);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(10);
    for (const r of limited) {
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(r.retryAfter)).toBeLessThanOrEqual(60);
      expect(codes(r.body)).toEqual(['RATE_LIMITED']);
      expect(r.body.errors[0].extensions.retryAfterSeconds).toBe(Number(r.retryAfter));
    }
    const served = await family(gw, other);
    expect(served.status).toBe(200);
    expect(served.body.errors).toBeUndefined();
  });
});

describe('a cache that is down', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
  });
  afterAll(async () => gw?.close());

  it('Redis unreachable: answers are complete and correct (uncached), and /readyz is 503 naming the cache', async () => {
    const first = await family(gw);
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    // the same family again, now without forcing fresh reads: still served, from the departments
    const second = await gw.graphql(PEOPLE_QUERY, await familyOf(gw), {
      token: await platformToken(gw, (await familyOf(gw)).purpose.countyCode),
    });
    expect(second.body.errors).toBeUndefined();
    const strip = (data: any) => JSON.stringify(data, (k, v) => (k === 'retrievedAt' ? undefined : v));
    expect(strip(second.body.data)).toEqual(strip(first.body.data));
    for (const p of second.body.data.people) expect(p.household.provenance.fromCache).toBe(false);
    const ready = await readyz(gw);
    expect(ready.status).toBe(503);
    expect(Object.keys(ready.body.failing)).toEqual(['cache']);
  });
});

describe('an audit store that is down', () => {
  // what a caller gets (AUDIT_UNAVAILABLE, no personal data) is the audit suite's to test;
  // here: the operator sees it in /readyz, and the process stays alive
  let gw: TestGateway;
  beforeAll(async () => {
    const down = {
      chainId: 'down',
      healthy: () => false,
      async record() {},
      async close() {},
      commits: () => 0,
    } as unknown as AuditService;
    gw = await startTestGateway({ overrides: { audit: down } });
  });
  afterAll(async () => gw?.close());

  it('/readyz is 503 naming the audit store, /healthz stays 200', async () => {
    const ready = await readyz(gw);
    expect(ready.status).toBe(503);
    expect(Object.keys(ready.body.failing)).toEqual(['audit']);
    expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
  });
});
