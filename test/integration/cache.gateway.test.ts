// The cache in front of the departments, through the whole gateway, against the real Redis:
// a warm family query calls no department, a cold one asks each department API once per
// person, a fresh one goes back to the departments and refreshes the cache, concurrent cold
// requests share their department calls, and nothing in Redis names a person.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEPARTMENTS, EVIDENCE_NAMES } from '../../src/evidence/kinds';
import { isolationName, REDIS_URL, startTestGateway, type TestGateway } from '../support/gateway';
import { waitFor } from '../support/waitFor';
import { scanKeys } from './cache.redisServer';
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

let gw: TestGateway;
let raw: Redis;
let prefix: string;

beforeAll(async () => {
  gw = await startTestGateway({ isolation: isolationName('cache_gw'), env: { REDIS_URL } });
  prefix = gw.config.cacheKeyPrefix;
  raw = new Redis(REDIS_URL);
});
afterAll(async () => {
  // everything under the test's prefix: the cache's entries and whatever else the gateway keeps there
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await raw.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  if (keys.length) await raw.del(...keys);
  await raw.quit();
  await gw.close();
});
beforeEach(() => gw.mock.reset());

const EVICT = `mutation Evict($id: String!) { evictPersonCache(idNumber: $id) { evicted } }`;

describe('the evidence cache on Redis, through the gateway', () => {
  it('is the Redis backend and ready', async () => {
    expect(gw.app.cache.backend).toBe('redis');
    expect(await readyz(gw)).toMatchObject({ status: 200, body: { status: 'ready', cache: 'redis' } });
  });

  it('cold: asks each department API once per person; warm: calls no department and answers the same facts', async () => {
    const s = gw.scenarios[0]!;
    const people = familyOf(s).ids.length;

    const cold = await askFamily(gw, s);
    expect(cold.errors).toBeUndefined();
    expect(cold.data.people).toHaveLength(people);
    const coldStats = gw.stats();
    expect(idsAsked(coldStats)).toEqual(idsPerDepartment(people));
    for (const d of DEPARTMENTS) expect(coldStats[d].requests).toBeGreaterThan(0);
    const coldProv = provenances(cold.data);
    expect(coldProv.length).toBeGreaterThan(0);
    expect(coldProv.every((p) => !p.fromCache)).toBe(true);

    gw.mock.reset();
    const warm = await askFamily(gw, s);
    expect(warm.errors).toBeUndefined();
    expect(totalRequests(gw.stats())).toBe(0);
    expect(facts(warm.data)).toEqual(facts(cold.data));
    const warmProv = provenances(warm.data);
    expect(warmProv.every((p) => p.fromCache)).toBe(true);
    expect(warmProv.map((p) => p.retrievedAt)).toEqual(coldProv.map((p) => p.retrievedAt));
    // every kind of evidence of every person is cached, "no record" included
    expect((await scanKeys(raw, prefix)).length).toBe(people * EVIDENCE_NAMES.length);
  });

  it('x-evidence-fresh: true goes back to the departments and refreshes the cache', async () => {
    const s = gw.scenarios[0]!;
    const before = await askFamily(gw, s);
    expect(totalRequests(gw.stats())).toBe(0);
    const oldAt = provenances(before.data)[0]!.retrievedAt;

    // the refreshed answers must be told apart from the cached ones by retrievedAt (milliseconds)
    await waitFor(() => Date.now() > Date.parse(oldAt), { what: 'the clock to pass the cached answers' });
    gw.mock.reset();
    const fresh = await askFamily(gw, s, { 'x-evidence-fresh': 'true' });
    expect(fresh.errors).toBeUndefined();
    expect(idsAsked(gw.stats())).toEqual(idsPerDepartment(familyOf(s).ids.length));
    const freshProv = provenances(fresh.data);
    expect(freshProv.every((p) => !p.fromCache && p.retrievedAt > oldAt)).toBe(true);
    expect(facts(fresh.data)).toEqual(facts(before.data));

    // the next ordinary query is served from the refreshed entries
    gw.mock.reset();
    const after = await askFamily(gw, s);
    expect(totalRequests(gw.stats())).toBe(0);
    expect(provenances(after.data).map((p) => p.retrievedAt)).toEqual(freshProv.map((p) => p.retrievedAt));
  });

  it("commits the access log without waiting for the cache's acknowledgement, and answers only once both are done", async () => {
    const s = gw.scenarios[6]!;
    const { cache, audit } = gw.app;
    const setMany = cache.setMany.bind(cache);
    const record = audit.record.bind(audit);
    let acknowledged = 0;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    /** per commit of read entries: how many cache writes had been acknowledged by then */
    const readsCommitted: number[] = [];
    cache.setMany = async (name, answers) => {
      await setMany(name, answers);
      await held;
      acknowledged += 1;
    };
    audit.record = (entries) =>
      record(entries).then(() => {
        if (entries.some((e) => e.reads)) readsCommitted.push(acknowledged);
      });
    try {
      let answered = false;
      const answer = askFamily(gw, s, { 'x-evidence-fresh': 'true' }).finally(() => (answered = true));
      // the family's entries commit while every cache write is held back
      await waitFor(() => readsCommitted.length > 0, { what: 'the access log to commit' });
      expect(readsCommitted).toEqual([0]);
      expect(answered).toBe(false);
      release();
      const a = await answer;
      expect(a.errors).toBeUndefined();
      expect(acknowledged).toBe(EVIDENCE_NAMES.length);
    } finally {
      release();
      cache.setMany = setMany;
      audit.record = record;
    }
    // and what was written is what the next query finds
    gw.mock.reset();
    const warm = await askFamily(gw, s);
    expect(totalRequests(gw.stats())).toBe(0);
    expect(provenances(warm.data).every((p) => p.fromCache)).toBe(true);
  });

  it('holds no ID number and no name of the data set in any key or value', async () => {
    for (const s of gw.scenarios.slice(0, 4)) await askFamily(gw, s);
    const keys = await scanKeys(raw, prefix);
    expect(keys.length).toBeGreaterThanOrEqual(4 * 2 * EVIDENCE_NAMES.length);
    const secrets = [...sensitiveStrings(gw.mock.dataset)];
    expect(secrets.length).toBeGreaterThan(100);
    const values = await raw.mget(keys);
    keys.forEach((key, i) => {
      expect(key).toMatch(new RegExp(`^${prefix}ev:v1:(${EVIDENCE_NAMES.join('|')}):[0-9a-f]{64}$`));
      const value = values[i]!;
      expect(value).toMatch(/^v1\.t1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      for (const secret of secrets) {
        if (key.includes(secret) || value.includes(secret)) throw new Error(`cache entry ${i} holds personal data`);
      }
    });
  });

  it('two concurrent cold requests for one family share one department call per API', async () => {
    const s = gw.scenarios[5]!;
    const people = familyOf(s).ids.length;
    for (const id of familyOf(s).ids) await gw.app.cache.evictPerson(id);
    // long enough that the second request's cache miss lands while the first is still fetching
    for (const d of DEPARTMENTS) gw.mock.setFault(d, { latencyMs: 150 });
    const [a, b] = await Promise.all([askFamily(gw, s), askFamily(gw, s)]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    expect(idsAsked(gw.stats())).toEqual(idsPerDepartment(people));
    expect(facts(a.data)).toEqual(facts(b.data));
  });

  it("evictPersonCache drops one person's entries; the next query fetches that person only", async () => {
    const s = gw.scenarios[2]!;
    await askFamily(gw, s);
    const admin = await gw.token({ role: 'admin' });
    const evicted = await gw.graphql(EVICT, { id: s.child.idNumber.toLowerCase() }, { token: admin });
    expect(evicted.body.errors).toBeUndefined();
    expect(evicted.body.data.evictPersonCache).toEqual({ evicted: EVIDENCE_NAMES.length });

    gw.mock.reset();
    const again = await askFamily(gw, s);
    expect(again.errors).toBeUndefined();
    expect(idsAsked(gw.stats())).toEqual(idsPerDepartment(1));
    const child = again.data.people[0];
    const guardian = again.data.people[1];
    expect(provenances(child).every((p) => !p.fromCache)).toBe(true);
    expect(provenances(guardian).every((p) => p.fromCache)).toBe(true);

    const none = await gw.graphql(EVICT, { id: gw.scenarios[12]!.child.idNumber }, { token: admin });
    expect(none.body.data.evictPersonCache).toEqual({ evicted: 0 });
  });

  it('evictPersonCache refuses an ID number that fails its check, without echoing it', async () => {
    const admin = await gw.token({ role: 'admin' });
    const bad = '370811198604120014';
    const res = await gw.graphql(EVICT, { id: bad }, { token: admin });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'idNumber' });
    expect(JSON.stringify(res.body)).not.toContain(bad);
  });
});
