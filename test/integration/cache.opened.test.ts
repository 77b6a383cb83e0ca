// Opened Redis values kept in the process (src/evidence/cache/opened.ts), seen from two
// gateway instances sharing one Redis and one database: whatever one instance does to the cache
// (an auditor's eviction, a refresh with x-evidence-fresh) takes effect at once on the other,
// although the other has the old answers opened in memory; and what an attacker who can write
// to Redis does (delete a value, swap in another person's) is never answered from that memory.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EVIDENCE, EVIDENCE_NAMES } from '../../src/evidence/kinds';
import { evidenceCacheKey } from '../../src/evidence/cache/keys';
import { DATABASE_URL, isolationName, REDIS_URL, startTestGateway, type TestGateway } from '../support/gateway';
import { waitFor } from '../support/waitFor';
import { askFamily, facts, familyOf, idsAsked, idsPerDepartment, provenances, totalRequests } from './cache.support';

const EVICT = `mutation Evict($id: String!) { evictPersonCache(idNumber: $id) { evicted } }`;

let a: TestGateway;
let b: TestGateway;
let raw: Redis;
let prefix: string;

/** department calls of both instances (the msw interceptor is shared: the last mock started answers them all) */
const stats = () => b.stats();

beforeAll(async () => {
  const isolation = isolationName('cache_opened');
  const env = { REDIS_URL, DATABASE_URL };
  a = await startTestGateway({ isolation, env });
  b = await startTestGateway({ isolation, env });
  prefix = a.config.cacheKeyPrefix;
  raw = new Redis(REDIS_URL);
});
afterAll(async () => {
  // the cache's entries and whatever else the gateways keep under the prefix (rate limits, budgets)
  const keys = await raw.keys(`${prefix}*`);
  if (keys.length) await raw.del(...keys);
  await raw.quit();
  await b?.close();
  await a?.close();
});
beforeEach(() => b.mock.reset());

/** Fills Redis through A, then has B open every value twice (the second time from memory). */
async function warmOnBoth(key: number) {
  const s = a.scenarios[key]!;
  const cold = await askFamily(a, s);
  expect(cold.errors).toBeUndefined();
  b.mock.reset();
  const first = await askFamily(b, s);
  const second = await askFamily(b, s);
  const third = await askFamily(b, s);
  expect(third.errors).toBeUndefined();
  expect(totalRequests(stats())).toBe(0);
  for (const r of [first, second, third]) expect(provenances(r.data).every((p) => p.fromCache)).toBe(true);
  expect(provenances(third.data)).toEqual(provenances(cold.data).map((p) => ({ ...p, fromCache: true })));
  b.mock.reset();
  return { s, cold, warm: third };
}

describe('opened values on two instances sharing Redis', () => {
  it("an auditor's eviction on one instance: the other never answers the evicted person from memory again", async () => {
    const { s, warm } = await warmOnBoth(1);
    const admin = await a.token({ role: 'admin' });
    const evicted = await a.graphql(EVICT, { id: s.child.idNumber }, { token: admin });
    expect(evicted.body.errors).toBeUndefined();
    expect(evicted.body.data.evictPersonCache).toEqual({ evicted: EVIDENCE_NAMES.length });

    const after = await askFamily(b, s);
    expect(after.errors).toBeUndefined();
    // the child went back to the departments; the guardians are still answered from the cache
    expect(idsAsked(stats())).toEqual(idsPerDepartment(1));
    const [child, ...guardians] = after.data.people;
    expect(provenances(child).every((p) => !p.fromCache)).toBe(true);
    expect(provenances(child).every((p) => p.retrievedAt > provenances(warm.data.people[0])[0]!.retrievedAt)).toBe(true);
    for (const g of guardians) expect(provenances(g).every((p) => p.fromCache)).toBe(true);
    expect(facts(after.data)).toEqual(facts(warm.data));
  });

  it('x-evidence-fresh on one instance: the other answers the refreshed records, not the ones it had opened', async () => {
    const { s, warm } = await warmOnBoth(2);
    const oldAt = provenances(warm.data)[0]!.retrievedAt;
    await waitFor(() => Date.now() > Date.parse(oldAt), { what: 'the clock to pass the cached answers' });
    const fresh = await askFamily(a, s, { 'x-evidence-fresh': 'true' });
    expect(fresh.errors).toBeUndefined();
    const freshAt = provenances(fresh.data).map((p) => p.retrievedAt);
    expect(freshAt.every((t) => t > oldAt)).toBe(true);

    b.mock.reset();
    const after = await askFamily(b, s);
    expect(totalRequests(stats())).toBe(0);
    expect(provenances(after.data).map((p) => p.retrievedAt)).toEqual(freshAt);
    expect(provenances(after.data).every((p) => p.fromCache)).toBe(true);
  });

  it("an attacker's writes to Redis: a deleted value is fetched again, another person's value swapped in is never answered", async () => {
    const { s, warm } = await warmOnBoth(3);
    const ids = familyOf(s).ids;
    // one person of the family and a kind of evidence they have records of; another person
    const p = ids.findIndex((_, i) => EVIDENCE_NAMES.some((k) => warm.data.people[i][k].length > 0));
    const kind = EVIDENCE_NAMES.find((k) => warm.data.people[p][k].length > 0)!;
    const department = EVIDENCE[kind].department;
    const personKey = evidenceCacheKey(prefix, kind, b.app.subjectHash(ids[p]!));
    const otherKey = evidenceCacheKey(prefix, kind, b.app.subjectHash(ids[p === 0 ? 1 : 0]!));
    expect(await raw.exists(personKey, otherKey)).toBe(2);
    const personOf = (r: { data: any }) => r.data.people[p][kind] as { provenance: { fromCache: boolean } }[];

    // deleted: as an eviction, the value B opened before is not answered
    await raw.del(personKey);
    const afterDelete = await askFamily(b, s);
    expect(afterDelete.errors).toBeUndefined();
    expect(stats()[department].ids).toBe(1);
    expect(personOf(afterDelete).every((r) => !r.provenance.fromCache)).toBe(true);
    expect(facts(afterDelete.data)).toEqual(facts(warm.data));

    // the other person's sealed value under this person's key: it does not open there (sealed for
    // another person), so neither it nor what B opened before is answered
    await raw.set(personKey, (await raw.get(otherKey))!, 'EX', 60);
    b.mock.reset();
    const errorsBefore = await cacheOpenErrors(b);
    const afterSwap = await askFamily(b, s);
    expect(afterSwap.errors).toBeUndefined();
    expect(stats()[department].ids).toBe(1);
    expect(personOf(afterSwap).every((r) => !r.provenance.fromCache)).toBe(true);
    expect(facts(afterSwap.data)).toEqual(facts(warm.data));
    expect(await cacheOpenErrors(b)).toBe(errorsBefore + 1);
  });
});

async function cacheOpenErrors(gw: TestGateway): Promise<number> {
  const text = await (await fetch(`${gw.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('gateway_cache_errors_total') && l.includes('operation="open"'));
  return line ? Number(line.split(' ').pop()) : 0;
}
