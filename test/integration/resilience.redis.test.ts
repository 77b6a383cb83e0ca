// The per-client rate limit with Redis: every replica counts against one window, so a client
// that spreads its flood over two gateways still gets RATE_LIMITED at the limit; and with
// Redis gone, each replica keeps limiting on its own instead of letting everything through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolationName, REDIS_URL, startTestGateway, type TestGateway } from '../support/gateway';

async function typename(gw: TestGateway, token: string): Promise<{ status: number; retryAfter: string | null; code?: string }> {
  const res = await fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  const body = (await res.json()) as any;
  return { status: res.status, retryAfter: res.headers.get('retry-after'), code: body.errors?.[0]?.extensions?.code };
}

describe('two replicas sharing Redis', () => {
  let a: TestGateway;
  let b: TestGateway;
  beforeAll(async () => {
    const env = { REDIS_URL, CACHE_KEY_PREFIX: `${isolationName('ratelimit')}:`, RATE_LIMIT_PER_MINUTE: '10' };
    a = await startTestGateway({ env });
    b = await startTestGateway({ env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('a flood spread over both is limited at the one limit; another subject is still served', async () => {
    // a fresh subject per run: the window is per minute and per subject
    const sub = `flooder-${Date.now()}`;
    // each test gateway has its own development keys: the same subject, signed for each
    const tokenA = await a.token({ role: 'county_platform', county: '370811', sub });
    const tokenB = await b.token({ role: 'county_platform', county: '370811', sub });
    const results = [];
    for (let i = 0; i < 10; i++) {
      results.push(await typename(a, tokenA));
      results.push(await typename(b, tokenB));
    }
    expect(results.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    const ok = results.filter((r) => r.status === 200).length;
    // a sliding window may let one more through at a minute's edge (the last window's weight falls)
    expect(ok).toBeGreaterThanOrEqual(10);
    expect(ok).toBeLessThanOrEqual(11);
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(9);
    for (const r of limited) {
      expect(r.code).toBe('RATE_LIMITED');
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    const other = await b.token({ role: 'county_platform', county: '370811', sub: `patient-${Date.now()}` });
    expect((await typename(b, other)).status).toBe(200);
  });
});

describe('Redis unreachable', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(async () => gw?.close());

  it('each replica limits on its own: RATE_LIMITED past the limit, quickly', async () => {
    const token = await gw.token({ role: 'county_platform', county: '370811', sub: 'flooder-no-redis' });
    const started = performance.now();
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await typename(gw, token)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
