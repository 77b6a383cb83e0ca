// Redis failing is never the caller's problem: with Redis at a dead port, killed mid-test,
// or hung (SIGSTOP: the connection stays up, nothing answers), every query still answers
// the same facts, quickly, from the departments; /readyz names the cache; metrics count it;
// one warning per outage; and the cache comes back by itself when Redis does.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger';
import { isolationName, startTestGateway, type TestGateway } from '../support/gateway';
import { startRedisServer, type RedisProcess } from './cache.redisServer';
import {
  askFamily,
  facts,
  familyOf,
  idsAsked,
  idsPerDepartment,
  provenances,
  readyz,
  sensitiveStrings,
  totalRequests,
} from './cache.support';
import { waitFor } from '../support/waitFor';

/** A correctness bound, not a benchmark: a dead cache must not make a request wait on it. */
const QUICK_MS = 2000;

function capturedLogger() {
  const lines: any[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      cb();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

const warnings = (lines: any[]) => lines.filter((l) => l.msg === 'cache unreachable: serving uncached until it returns');
const recoveries = (lines: any[]) => lines.filter((l) => l.msg === 'cache reachable again');

async function cacheErrors(gw: TestGateway): Promise<number> {
  const m = await gw.app.metrics.cacheErrors.get();
  return m.values.reduce((a, v) => a + v.value, 0);
}

/** Failed connection attempts so far (each reconnect that fails counts one). */
async function connectionErrors(gw: TestGateway): Promise<number> {
  const m = await gw.app.metrics.cacheErrors.get();
  return m.values.find((v) => v.labels.operation === 'connection')?.value ?? 0;
}

/** What the family's query answers with no Redis involved (the in-process cache, cold). */
let reference: unknown;

beforeAll(async () => {
  const gw = await startTestGateway({ isolation: isolationName('cache_ref') });
  try {
    expect(gw.app.cache.backend).toBe('memory');
    const answer = await askFamily(gw, gw.scenarios[0]!);
    expect(answer.errors).toBeUndefined();
    reference = facts(answer.data);
  } finally {
    await gw.close();
  }
});

describe('Redis at a dead port', () => {
  let gw: TestGateway;
  let log: ReturnType<typeof capturedLogger>;
  beforeAll(async () => {
    log = capturedLogger();
    gw = await startTestGateway({
      isolation: isolationName('cache_dead'),
      env: { REDIS_URL: 'redis://127.0.0.1:1' },
      overrides: { logger: log.logger },
    });
  });
  afterAll(() => gw.close());

  it('answers every query correctly and quickly from the departments, and says so', async () => {
    const s = gw.scenarios[0]!;
    for (let i = 0; i < 3; i++) {
      gw.mock.reset();
      const a = await askFamily(gw, s);
      expect(a.errors).toBeUndefined();
      expect(facts(a.data)).toEqual(reference);
      expect(a.ms).toBeLessThan(QUICK_MS);
      expect(provenances(a.data).every((p) => !p.fromCache)).toBe(true);
      expect(idsAsked(gw.stats())).toEqual(idsPerDepartment(familyOf(s).ids.length));
    }
    expect(gw.app.cache.healthy()).toBe(false);
    const ready = await readyz(gw);
    expect(ready.status).toBe(503);
    expect(ready.body.failing).toHaveProperty('cache');
    expect(await cacheErrors(gw)).toBeGreaterThan(0);
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_cache_errors_total\{operation="get"\} [1-9]/);
    // one warning for the whole outage, however many reconnects and requests failed
    expect(warnings(log.lines)).toHaveLength(1);
    expect(warnings(log.lines)[0]).toMatchObject({ level: 40, cache: 'redis', reason: 'ECONNREFUSED' });
  });

  it('refuses to report an eviction it could not make', async () => {
    const admin = await gw.token({ role: 'admin' });
    const res = await gw.graphql(
      `mutation { evictPersonCache(idNumber: "${gw.scenarios[0]!.child.idNumber}") { evicted } }`,
      {},
      { token: admin },
    );
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.[0]?.extensions?.code).toBe('CACHE_UNAVAILABLE');
    expect(res.body.errors?.[0]?.message).toMatch(/cache could not be reached, so nothing was evicted/);
    expect(JSON.stringify(res.body)).not.toContain(gw.scenarios[0]!.child.idNumber);
  });
});

describe('Redis that dies, hangs and comes back', () => {
  let redis: RedisProcess;
  let gw: TestGateway;
  let log: ReturnType<typeof capturedLogger>;

  beforeAll(async () => {
    redis = await startRedisServer();
    log = capturedLogger();
    gw = await startTestGateway({
      isolation: isolationName('cache_flaky'),
      env: { REDIS_URL: redis.url },
      overrides: { logger: log.logger },
    });
  }, 20_000);
  afterAll(async () => {
    await gw?.close();
    await redis?.stop();
  });

  const warm = async () => {
    const s = gw.scenarios[0]!;
    gw.mock.reset();
    const a = await askFamily(gw, s);
    expect(a.errors).toBeUndefined();
    return { answer: a, departmentCalls: totalRequests(gw.stats()) };
  };

  it('killed: serves from the departments; restarted: healthy and caching again', async () => {
    expect((await warm()).departmentCalls).toBeGreaterThan(0);
    expect((await warm()).departmentCalls).toBe(0);
    expect((await readyz(gw)).status).toBe(200);

    await redis.kill();
    await waitFor(async () => (await readyz(gw)).status === 503, { timeoutMs: 3000, what: 'readiness to report the cache' });
    for (let i = 0; i < 2; i++) {
      const { answer, departmentCalls } = await warm();
      expect(facts(answer.data)).toEqual(reference);
      expect(answer.ms).toBeLessThan(QUICK_MS);
      expect(departmentCalls).toBeGreaterThan(0);
    }
    expect((await readyz(gw)).body.failing).toHaveProperty('cache');
    // let a few more reconnects fail (each an error on the connection): still one warning
    const failedSoFar = await connectionErrors(gw);
    await waitFor(async () => (await connectionErrors(gw)) >= failedSoFar + 3, { timeoutMs: 10_000, what: 'three more failed reconnects' });
    expect(warnings(log.lines)).toHaveLength(1);

    await redis.restart();
    await waitFor(async () => (await readyz(gw)).status === 200, { timeoutMs: 5000, what: 'the cache to be ready again' });
    expect(gw.app.cache.healthy()).toBe(true);
    expect(recoveries(log.lines)).toHaveLength(1);
    // the restarted Redis is empty: one cold query fills it, the next is warm
    expect((await warm()).departmentCalls).toBeGreaterThan(0);
    const again = await warm();
    expect(again.departmentCalls).toBe(0);
    expect(facts(again.answer.data)).toEqual(reference);
  });

  it('hung (connection up, no answers): commands time out, the query answers quickly, the cache recovers when it answers again', async () => {
    expect((await warm()).departmentCalls).toBe(0);
    const warningsBefore = warnings(log.lines).length;
    redis.freeze();
    try {
      const { answer, departmentCalls } = await warm();
      expect(facts(answer.data)).toEqual(reference);
      expect(answer.ms).toBeLessThan(QUICK_MS);
      expect(departmentCalls).toBeGreaterThan(0);
      expect(provenances(answer.data).every((p) => !p.fromCache)).toBe(true);
      expect(gw.app.cache.healthy()).toBe(false);
      expect((await readyz(gw)).status).toBe(503);
      // the next request within the cool-down does not wait on Redis at all
      const second = await warm();
      expect(second.answer.ms).toBeLessThan(QUICK_MS);
      expect(warnings(log.lines)).toHaveLength(warningsBefore + 1);
      expect(warnings(log.lines).at(-1)).toMatchObject({ reason: 'command timeout' });
    } finally {
      redis.thaw();
    }
    await waitFor(async () => (await readyz(gw)).status === 200, { timeoutMs: 5000, what: 'the cache to answer again' });
    // the entries written before the hang are still there
    expect((await warm()).departmentCalls).toBe(0);
  });

  it('hung for long: the connection is dropped and made again, requests stop paying the timeout, and it recovers', async () => {
    expect((await warm()).departmentCalls).toBe(0);
    redis.freeze();
    const slowest: number[] = [];
    try {
      // after a few failed probes (about a second apart) the hung connection is given up
      const status = () => (gw.app.cache as unknown as { client: { status: string } }).client.status;
      // requests keep coming while it hangs; each must still answer quickly and correctly
      const answers: unknown[] = [];
      await waitFor(
        async () => {
          const { answer } = await warm();
          answers.push(facts(answer.data));
          slowest.push(answer.ms);
          return status() !== 'ready';
        },
        { timeoutMs: 10_000, intervalMs: 250, what: 'the hung connection to be given up' },
      );
      for (const a of answers) expect(a).toEqual(reference);
      // and from then on no request waits on it
      const { answer } = await warm();
      expect(answer.ms).toBeLessThan(QUICK_MS);
    } finally {
      redis.thaw();
    }
    expect(Math.max(...slowest)).toBeLessThan(QUICK_MS);
    await waitFor(async () => (await readyz(gw)).status === 200, { timeoutMs: 8000, what: 'the cache to answer again' });
    expect((await warm()).departmentCalls).toBe(0);
  }, 30_000);

  it('never logs an ID number or a name', () => {
    const text = JSON.stringify(log.lines);
    expect(log.lines.length).toBeGreaterThan(0);
    for (const secret of sensitiveStrings(gw.mock.dataset)) {
      if (text.includes(secret)) throw new Error('a log line holds personal data');
    }
  });
});
