// The per-client rate limit with Redis: every replica counts against one window, so a client
// that spreads its flood over two gateways still gets RATE_LIMITED at the limit; and with
// Redis gone, each replica keeps limiting on its own instead of letting everything through.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger';
import { RedisRateLimiter } from '../../src/resilience/redisRateLimit';
import { createSubjectBudgets } from '../../src/resilience/subjectBudget';
import { isolationName, REDIS_URL, startTestGateway, type TestGateway } from '../support/gateway';
import { waitFor } from '../support/waitFor';

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

// Both clients auto-pipeline (one socket write for what is asked in one tick): a burst asked at
// once must still count each call in Redis, as calls one after another would.
describe('a burst asked in one tick', () => {
  const raw = new Redis(REDIS_URL);
  afterAll(async () => {
    await raw.quit();
  });
  /** keys under a prefix: what the limiter keeps in Redis (not its memory fallback) */
  const keysOf = async (prefix: string) => (await raw.keys(`${prefix}*`)).sort();

  it('the rate limit lets exactly the limit through', async () => {
    const prefix = `${isolationName('burst')}:`;
    const limiter = new RedisRateLimiter(REDIS_URL, 10, { keyPrefix: prefix, logger: createLogger('silent') });
    try {
      // connected: a first take lands in Redis (before that it would count in memory)
      await waitFor(async () => (await limiter.take('probe-subject')) && (await keysOf(prefix)).length > 0, { what: 'Redis' });
      const decisions = await Promise.all(Array.from({ length: 30 }, () => limiter.take('burst-subject')));
      // a sliding window may let one more through at a minute's edge
      const allowed = decisions.filter((d) => d.allowed).length;
      expect(allowed).toBeGreaterThanOrEqual(10);
      expect(allowed).toBeLessThanOrEqual(11);
      const counts = await Promise.all((await keysOf(prefix)).map((k) => raw.get(k)));
      expect(counts.map(Number).sort((x, y) => x - y)).toEqual([1, allowed]);
      await raw.del(...(await keysOf(prefix)));
    } finally {
      await limiter.close();
    }
  });

  it('the person budget admits exactly the limit of distinct persons; a person asked again costs nothing', async () => {
    const prefix = `${isolationName('burst')}:`;
    const budgets = createSubjectBudgets(
      { redisUrl: REDIS_URL, cacheKeyPrefix: prefix, applications: { personsPerHour: 5, registrationsPerHour: 5 } },
      createLogger('silent'),
    );
    try {
      await waitFor(async () => (await budgets.admitPerson('probe-subject', 'probe')) && (await keysOf(`${prefix}budget:`)).length > 0, {
        what: 'Redis',
      });
      const persons = Array.from({ length: 12 }, (_, i) => `person-hash-${i}`);
      const first = await Promise.all(persons.map((p) => budgets.admitPerson('burst-subject', p)));
      expect(first.map((d) => d.allowed)).toEqual(persons.map((_, i) => i < 5));
      const again = await Promise.all(persons.slice(0, 5).map((p) => budgets.admitPerson('burst-subject', p)));
      expect(again.every((d) => d.allowed)).toBe(true);
      const keys = await keysOf(`${prefix}budget:`);
      const sizes = await Promise.all(keys.map((k) => raw.zcard(k)));
      expect([...sizes].sort()).toEqual([1, 5]);
      // admitted again within the minute (RECENTLY_ADMITTED_MS) without asking Redis: their time
      // there stays that of the first read (they leave the window no later than before)
      const burstKey = keys[sizes.indexOf(5)]!;
      const scores = await Promise.all(persons.slice(0, 5).map((p) => raw.zscore(burstKey, p)));
      expect(scores.every((t) => Number(t) > 0)).toBe(true);
      await waitFor(async () => Date.now() > Math.max(...scores.map(Number)), { what: 'the clock to move on' });
      expect((await Promise.all(persons.slice(0, 5).map((p) => budgets.admitPerson('burst-subject', p)))).every((d) => d.allowed)).toBe(
        true,
      );
      expect(await Promise.all(persons.slice(0, 5).map((p) => raw.zscore(burstKey, p)))).toEqual(scores);
      // another replica (no memory of them) asks Redis, which admits them and refuses a new one
      const other = createSubjectBudgets(
        { redisUrl: REDIS_URL, cacheKeyPrefix: prefix, applications: { personsPerHour: 5, registrationsPerHour: 5 } },
        createLogger('silent'),
      );
      try {
        await waitFor(
          async () =>
            (await other.admitPerson('burst-subject', persons[0]!)).allowed &&
            Number(await raw.zscore(burstKey, persons[0]!)) > Number(scores[0]),
          {
            what: 'the other replica to reach Redis',
          },
        );
        expect((await other.admitPerson('burst-subject', 'person-hash-new')).allowed).toBe(false);
      } finally {
        await other.close();
      }
      await raw.del(...(await keysOf(prefix)));
    } finally {
      await budgets.close();
    }
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
