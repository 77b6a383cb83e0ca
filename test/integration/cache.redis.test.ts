// The cache contract against the real Redis at REDIS_URL (single node), under a key prefix
// of its own that is deleted afterwards.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisCache } from '../../src/evidence/cache/redis';
import type { EvidenceCache } from '../../src/evidence/cache/types';
import { createLogger } from '../../src/observability/logger';
import { Metrics } from '../../src/observability/metrics';
import { contractCodec, runCacheContract } from '../unit/cache.contract';
import { isolationName, REDIS_URL } from '../support/gateway';
import { scanKeys } from './cache.redisServer';

const raw = new Redis(REDIS_URL);
afterAll(async () => {
  await raw.quit();
});

runCacheContract('redis', async () => {
  const prefix = `${isolationName('cache_redis')}:`;
  const caches: EvidenceCache[] = [];
  return {
    prefix,
    async create(codec, metrics) {
      const c = await RedisCache.connect({ url: REDIS_URL, codec, metrics, logger: createLogger('silent') });
      caches.push(c);
      return c;
    },
    rawKeys: () => scanKeys(raw, prefix),
    rawGet: async (key) => (await raw.get(key)) ?? undefined,
    rawSet: async (key, value) => void (await raw.set(key, value, 'EX', 60)),
    async cleanup() {
      await Promise.all(caches.map((c) => c.close()));
      const keys = await scanKeys(raw, prefix);
      if (keys.length) await raw.del(...keys);
    },
  };
});

describe('Redis backend (one node): round trips', () => {
  it('reads a batch with one MGET and writes it with one pipeline of SET … EX: one write to the socket each', async () => {
    const prefix = `${isolationName('cache_redis_rt')}:`;
    const cache = await RedisCache.connect({
      url: REDIS_URL,
      codec: contractCodec(prefix, { ttl: { marriages: 120 }, noRecordTtl: 30 }),
      metrics: new Metrics(false),
      logger: createLogger('silent'),
    });
    try {
      expect(cache.backend).toBe('redis');
      const client = cache.client as Redis;
      const sent: string[] = [];
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the client as this
      const send = client.sendCommand;
      client.sendCommand = function (this: Redis, ...args: Parameters<typeof send>) {
        sent.push(args[0].name);
        return send.apply(this, args);
      };
      // what actually leaves for Redis: one socket write per round trip
      const socket = (client as unknown as { stream: { write: (...a: unknown[]) => boolean } }).stream;
      const write = socket.write;
      let writes = 0;
      socket.write = function (this: unknown, ...a: unknown[]) {
        writes++;
        return write.apply(this, a);
      };

      const ids = Array.from({ length: 20 }, (_, i) => `3708111990010100${String(i).padStart(2, '0')}`);
      expect((await cache.getMany('marriages', ids)).size).toBe(0);
      expect(sent).toEqual(['mget']);
      expect(writes).toBe(1);
      await cache.setMany(
        'marriages',
        new Map(
          ids.map((id, i) => [id, { records: i % 2 ? [] : [{ husbandIdNumber: id } as never], retrievedAt: '2025-07-01T00:00:00.000Z' }]),
        ),
      );
      expect(writes).toBe(2);
      expect(sent.filter((c) => c === 'set')).toHaveLength(20);
      expect((await cache.getMany('marriages', ids)).size).toBe(20);
      expect(sent.filter((c) => c === 'mget')).toHaveLength(2);
      expect(writes).toBe(3);

      // the batches of concurrent loaders (one per kind of evidence) share one write
      writes = 0;
      await Promise.all(['household', 'marriages', 'properties'].map((n) => cache.getMany(n as 'household', ids)));
      expect(writes).toBe(1);
      client.sendCommand = send;
      socket.write = write;

      // records live their kind's TTL, "no record" its own
      const keys = contractCodec(prefix).keys('marriages', ids.slice(0, 2));
      const ttls = await Promise.all(keys.map((k) => raw.ttl(k.key)));
      expect(ttls[0]).toBeGreaterThan(100);
      expect(ttls[0]).toBeLessThanOrEqual(120);
      expect(ttls[1]).toBeGreaterThan(10);
      expect(ttls[1]).toBeLessThanOrEqual(30);
      const stored = await scanKeys(raw, prefix);
      if (stored.length) await raw.del(...stored);
    } finally {
      await cache.close();
    }
  });
});

describe('Redis backend: values read again are not opened again (opened.ts)', () => {
  const ids = ['370811199001010011', '370811199001010027'];
  const answer = (n: number) => ({
    records: [{ husbandIdNumber: ids[0], husbandName: `n${n}` } as never],
    retrievedAt: `2025-07-0${n}T00:00:00.000Z`,
  });

  async function withCache(openedMaxEntries: number | undefined, fn: (cache: RedisCache, prefix: string) => Promise<void>) {
    const prefix = `${isolationName('cache_redis_opened')}:`;
    const cache = await RedisCache.connect({
      url: REDIS_URL,
      codec: contractCodec(prefix),
      metrics: new Metrics(false),
      logger: createLogger('silent'),
      ...(openedMaxEntries === undefined ? {} : { openedMaxEntries }),
    });
    try {
      await fn(cache, prefix);
    } finally {
      await cache.close();
      const stored = await scanKeys(raw, prefix);
      if (stored.length) await raw.del(...stored);
    }
  }

  it('the same value read again is the answer opened before, frozen; a value rewritten in Redis is opened again', async () => {
    await withCache(undefined, async (cache) => {
      await cache.setMany('marriages', new Map([[ids[0]!, answer(1)]]));
      const first = (await cache.getMany('marriages', ids)).get(ids[0]!)!;
      const second = (await cache.getMany('marriages', ids)).get(ids[0]!)!;
      expect(second).toBe(first);
      expect(Object.isFrozen(second.records[0])).toBe(true);
      expect(second).toEqual(answer(1));

      // another instance writes a newer answer: this one reads it, not what it had opened
      await cache.setMany('marriages', new Map([[ids[0]!, answer(2)]]));
      const third = (await cache.getMany('marriages', ids)).get(ids[0]!)!;
      expect(third).toEqual(answer(2));
      expect(third).not.toBe(first);
    });
  });

  it('CACHE_OPENED_MAX_ENTRIES=0: every read opens the value again', async () => {
    await withCache(0, async (cache) => {
      await cache.setMany('marriages', new Map([[ids[0]!, answer(1)]]));
      const first = (await cache.getMany('marriages', ids)).get(ids[0]!)!;
      const second = (await cache.getMany('marriages', ids)).get(ids[0]!)!;
      expect(second).toEqual(first);
      expect(second).not.toBe(first);
    });
  });
});
