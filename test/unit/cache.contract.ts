// The cache contract: what every EvidenceCache backend must do, run against each one
// (cache.memory.test.ts, cache.redis.test.ts, cache.cluster.test.ts). A harness gives the
// suite caches over one shared store and raw access to that store (what an operator with
// `redis-cli` would see), under a key prefix of its own that it cleans up afterwards.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EntryCodec } from '../../src/evidence/cache/entries';
import { parseSealingKeys, Sealer } from '../../src/evidence/cache/seal';
import type { CachedAnswer, EvidenceCache } from '../../src/evidence/cache/types';
import { DEFAULT_CACHE_TTL } from '../../src/config';
import { EVIDENCE_NAMES, type EvidenceName } from '../../src/evidence/kinds';
import type { MarriageRegistration, SocialInsurancePayment } from '../../src/evidence/records';
import { makeSubjectHasher } from '../../src/evidence/subjectHash';
import { Metrics } from '../../src/observability/metrics';
import { waitFor } from '../support/waitFor';

export const KEY_A = `a1:${Buffer.alloc(32, 1).toString('base64')}`;
export const KEY_B = `b2:${Buffer.alloc(32, 2).toString('base64')}`;

export interface CacheSettings {
  /** CACHE_ENCRYPTION_KEY form */
  encryptionKey?: string;
  ttl?: Partial<Record<EvidenceName, number>>;
  noRecordTtl?: number;
}

export interface CacheHarness {
  /** every key the suite's caches write starts with it */
  prefix: string;
  /** a cache over the harness's store, with the given codec */
  create(codec: EntryCodec, metrics: Metrics): Promise<EvidenceCache>;
  rawKeys(): Promise<string[]>;
  /** raw values: only a backend whose values leave the process (Redis) has them, sealed */
  rawGet?(key: string): Promise<string | undefined>;
  rawSet?(key: string, value: string): Promise<void>;
  /** closes every cache created and deletes every key under the prefix */
  cleanup(): Promise<void>;
}

export function contractCodec(prefix: string, s: CacheSettings = {}): EntryCodec {
  return new EntryCodec({
    prefix,
    subjectHash: makeSubjectHasher('contract-subject-key'),
    sealer: new Sealer(parseSealingKeys(s.encryptionKey ?? KEY_A)),
    ttl: { ...DEFAULT_CACHE_TTL, ...s.ttl },
    noRecordTtl: s.noRecordTtl ?? 600,
  });
}

// Synthetic people (valid-looking, not real); the names are what must never show in the store.
const A = { id: '370811198604120013', name: '王契约' };
const B = { id: '37081219880903002X', name: '李契约' };
const C = { id: '370826198512020031', name: '张契约' };

function payments(p: { id: string; name: string }, n: number): SocialInsurancePayment[] {
  return Array.from({ length: n }, (_, i) => ({
    idNumber: p.id,
    name: p.name,
    employerName: '济宁契约测试有限公司',
    period: `2025-0${i + 1}`,
    insuranceType: 'PENSION',
    regionCode: '370811',
  }));
}

function marriage(h: { id: string; name: string }, w: { id: string; name: string }): MarriageRegistration {
  return {
    husbandIdNumber: h.id,
    husbandName: h.name,
    wifeIdNumber: w.id,
    wifeName: w.name,
    registeredOn: '2014-10-01',
    status: 'MARRIED',
  };
}

const at = (s: number) => new Date(Date.UTC(2025, 6, 1, 0, 0, s)).toISOString();

async function errorCount(metrics: Metrics, operation: string): Promise<number> {
  const m = await metrics.cacheErrors.get();
  return m.values.filter((v) => v.labels.operation === operation).reduce((a, v) => a + v.value, 0);
}

/**
 * `sealed`: the backend's values leave the process and are sealed (Redis); the in-process
 * backend keeps answers as they are, so the tests of sealed values (what an operator reading
 * the keyspace sees, tampering, key rotation) are for sealed backends only.
 */
export function runCacheContract(
  label: string,
  makeHarness: () => Promise<CacheHarness>,
  opts: { sealed: boolean } = { sealed: true },
): void {
  describe(`EvidenceCache contract: ${label}`, () => {
    let h: CacheHarness;
    let metrics: Metrics;
    const cache = (s: CacheSettings = {}) => h.create(contractCodec(h.prefix, s), metrics);

    beforeEach(async () => {
      h = await makeHarness();
      metrics = new Metrics(false);
    });
    afterEach(async () => {
      await h.cleanup();
    });

    it('answers what was set, for the asked people only, per kind of evidence', async () => {
      const c = await cache();
      expect(c.healthy()).toBe(true);
      const answers = new Map<string, CachedAnswer<SocialInsurancePayment>>([
        [A.id, { records: payments(A, 3), retrievedAt: at(1) }],
        [B.id, { records: payments(B, 1), retrievedAt: at(2) }],
      ]);
      await c.setMany('socialInsurance', answers);
      const got = await c.getMany('socialInsurance', [A.id, B.id, C.id]);
      expect([...got.keys()].sort()).toEqual([A.id, B.id].sort());
      expect(got.get(A.id)).toEqual(answers.get(A.id));
      expect(got.get(B.id)).toEqual(answers.get(B.id));
      // another kind of evidence of the same person is another entry
      expect((await c.getMany('marriages', [A.id])).size).toBe(0);
      // an ID number is the same person whatever the case of its X
      expect((await c.getMany('socialInsurance', [B.id.toLowerCase()])).size).toBe(1);
      expect((await c.getMany('socialInsurance', [])).size).toBe(0);
      await c.setMany('socialInsurance', new Map());
    });

    it('caches "no record" (an empty list) as an answer', async () => {
      const c = await cache();
      await c.setMany('marriages', new Map([[C.id, { records: [], retrievedAt: at(3) }]]));
      const got = await c.getMany('marriages', [C.id]);
      expect(got.get(C.id)).toEqual({ records: [], retrievedAt: at(3) });
    });

    it('keys hold the subject hash, never an ID number; sealed values hold no ID number or name', async () => {
      const c = await cache();
      await c.setMany('marriages', new Map([[A.id, { records: [marriage(A, B)], retrievedAt: at(4) }]]));
      await c.setMany('socialInsurance', new Map([[B.id, { records: payments(B, 2), retrievedAt: at(5) }]]));
      const keys = await h.rawKeys();
      expect(keys).toHaveLength(2);
      for (const key of keys) {
        expect(key.startsWith(`${h.prefix}ev:v1:`)).toBe(true);
        expect(key).toMatch(/^.*ev:v1:(marriages|socialInsurance):[0-9a-f]{64}$/);
        for (const secret of [A.id, B.id, A.name, B.name]) expect(key).not.toContain(secret);
        if (!opts.sealed) continue;
        const value = (await h.rawGet!(key))!;
        expect(value.startsWith('v1.a1.')).toBe(true);
        for (const secret of [A.id, B.id, A.name, B.name, '济宁契约测试有限公司', 'MARRIED', 'PENSION']) {
          expect(value).not.toContain(secret);
        }
      }
    });

    it('lets entries expire with their TTL; "no record" has its own, shorter TTL; TTL 0 is not cached', async () => {
      const c = await cache({ ttl: { socialInsurance: 1, marriages: 60, birthCertificates: 0 }, noRecordTtl: 1 });
      await c.setMany('socialInsurance', new Map([[A.id, { records: payments(A, 1), retrievedAt: at(6) }]]));
      await c.setMany(
        'marriages',
        new Map([
          [A.id, { records: [marriage(A, B)], retrievedAt: at(7) }],
          [C.id, { records: [], retrievedAt: at(7) }],
        ]),
      );
      await c.setMany('birthCertificates', new Map([[A.id, { records: [], retrievedAt: at(8) }]]));
      expect((await c.getMany('socialInsurance', [A.id])).size).toBe(1);
      expect((await c.getMany('marriages', [A.id, C.id])).size).toBe(2);
      expect((await c.getMany('birthCertificates', [A.id])).size).toBe(0);
      // the one-second entries go (Redis keeps its own clock, so this waits for it, not a guess)
      await waitFor(
        async () => (await c.getMany('socialInsurance', [A.id])).size === 0 && (await c.getMany('marriages', [C.id])).size === 0,
        {
          timeoutMs: 5000,
          what: 'the one-second TTLs to pass',
        },
      );
      const marriages = await c.getMany('marriages', [A.id, C.id]);
      expect([...marriages.keys()]).toEqual([A.id]);
    });

    it('evicts every entry of one person and nobody else', async () => {
      const c = await cache();
      await c.setMany(
        'socialInsurance',
        new Map([
          [A.id, { records: payments(A, 2), retrievedAt: at(9) }],
          [B.id, { records: payments(B, 2), retrievedAt: at(9) }],
        ]),
      );
      await c.setMany('marriages', new Map([[A.id, { records: [marriage(A, B)], retrievedAt: at(9) }]]));
      await c.setMany('household', new Map([[A.id, { records: [], retrievedAt: at(9) }]]));
      expect(await c.evictPerson(A.id)).toBe(3);
      for (const name of EVIDENCE_NAMES) expect((await c.getMany(name, [A.id])).size).toBe(0);
      expect((await c.getMany('socialInsurance', [B.id])).size).toBe(1);
      expect(await c.evictPerson(A.id)).toBe(0);
    });

    it.runIf(opts.sealed)('treats a tampered, moved or malformed value as a miss, and counts it', async () => {
      const rawGet = h.rawGet!.bind(h);
      const rawSet = h.rawSet!.bind(h);
      const c = await cache();
      await c.setMany('socialInsurance', new Map([[A.id, { records: payments(A, 2), retrievedAt: at(10) }]]));
      await c.setMany('marriages', new Map([[A.id, { records: [marriage(A, B)], retrievedAt: at(10) }]]));
      const keys = await h.rawKeys();
      const keyOf = (name: string) => keys.find((k) => k.includes(`:${name}:`))!;
      const siKey = keyOf('socialInsurance');
      const original = (await rawGet(siKey))!;

      // flip one character of the ciphertext
      const parts = original.split('.');
      const ct = parts[4]!;
      parts[4] = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1);
      await rawSet(siKey, parts.join('.'));
      expect((await c.getMany('socialInsurance', [A.id])).size).toBe(0);

      // the same sealed value under another person's key (same kind of evidence)
      const bKey = contractCodec(h.prefix).keys('socialInsurance', [B.id])[0]!.key;
      await rawSet(bKey, original);
      expect((await c.getMany('socialInsurance', [B.id])).size).toBe(0);

      // A's socialInsurance value under A's marriages key
      await rawSet(keyOf('marriages'), original);
      expect((await c.getMany('marriages', [A.id])).size).toBe(0);

      // another key id in the header (the key exists, the AAD does not match)
      const relabelled = await cache({ encryptionKey: `${KEY_A},zz:${Buffer.alloc(32, 1).toString('base64')}` });
      await rawSet(siKey, original.replace(/^v1\.a1\./, 'v1.zz.'));
      expect((await relabelled.getMany('socialInsurance', [A.id])).size).toBe(0);

      // not a sealed value at all
      await rawSet(siKey, 'not a sealed value');
      expect((await c.getMany('socialInsurance', [A.id])).size).toBe(0);

      expect(await errorCount(metrics, 'open')).toBe(5);
      // and the untouched original still opens where it belongs
      await rawSet(siKey, original);
      expect((await c.getMany('socialInsurance', [A.id])).get(A.id)?.records).toHaveLength(2);
    });

    it.runIf(opts.sealed)('rotates keys: old entries open while the old key is configured, and miss once it is not', async () => {
      const rawGet = h.rawGet!.bind(h);
      const old = await cache({ encryptionKey: KEY_A });
      await old.setMany('socialInsurance', new Map([[A.id, { records: payments(A, 1), retrievedAt: at(11) }]]));

      // the new key seals, the old one still opens
      const rotated = await cache({ encryptionKey: `${KEY_B},${KEY_A}` });
      expect((await rotated.getMany('socialInsurance', [A.id])).get(A.id)?.retrievedAt).toBe(at(11));
      await rotated.setMany('socialInsurance', new Map([[B.id, { records: payments(B, 1), retrievedAt: at(12) }]]));
      const bKey = contractCodec(h.prefix).keys('socialInsurance', [B.id])[0]!.key;
      expect((await rawGet(bKey))!.startsWith('v1.b2.')).toBe(true);
      // an instance not yet rotated cannot read what the new key sealed: a miss, not an error
      expect((await old.getMany('socialInsurance', [B.id])).size).toBe(0);

      // the old key retired: what it sealed is a miss
      const retired = await cache({ encryptionKey: KEY_B });
      const got = await retired.getMany('socialInsurance', [A.id, B.id]);
      expect([...got.keys()]).toEqual([B.id]);
    });
  });
}
