// Backend details the shared contract does not cover: the REDIS_URL forms, the in-process
// store's bound, and that the factory picks the backend from configuration.
import { describe, expect, it } from 'vitest';
import { createEvidenceCache } from '../../src/evidence/cache/index';
import { MemoryCache } from '../../src/evidence/cache/memory';
import { parseRedisUrl, RedisUrlError } from '../../src/evidence/cache/redisUrl';
import { DEFAULT_CACHE_TTL, loadConfig } from '../../src/config';
import { makeSubjectHasher } from '../../src/evidence/subjectHash';
import { createLogger } from '../../src/observability/logger';
import { Metrics } from '../../src/observability/metrics';
import { contractCodec, KEY_A } from './cache.contract';
import { EntryCodec } from '../../src/evidence/cache/entries';
import { parseSealingKeys, Sealer } from '../../src/evidence/cache/seal';
import type { MarriageRegistration } from '../../src/evidence/records';

// synthetic (fictional) people
const marriage: MarriageRegistration = {
  husbandIdNumber: '370811198604120013',
  husbandName: '王后端',
  wifeIdNumber: '37081219880903002X',
  wifeName: '李后端',
  registeredOn: '2014-10-01',
  status: 'MARRIED',
};

describe('parseRedisUrl', () => {
  it('reads one node, with credentials, database and TLS', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379')).toEqual({ cluster: false, tls: false, nodes: [{ host: '127.0.0.1', port: 6379 }] });
    expect(parseRedisUrl('rediss://user:p%40ss@cache.internal/2')).toEqual({
      cluster: false,
      tls: true,
      nodes: [{ host: 'cache.internal', port: 6379 }],
      username: 'user',
      password: 'p@ss',
      db: 2,
    });
  });

  it('reads a Cluster: redis+cluster://seed[?nodes=host:port,…]', () => {
    expect(parseRedisUrl('redis+cluster://:pw@10.0.0.1:7000?nodes=10.0.0.2:7001,10.0.0.3')).toEqual({
      cluster: true,
      tls: false,
      password: 'pw',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: '10.0.0.3', port: 6379 },
      ],
    });
    expect(parseRedisUrl('rediss+cluster://c.internal:7000')).toMatchObject({ cluster: true, tls: true });
  });

  it('refuses what it cannot use, never echoing the URL (it may hold a password)', () => {
    for (const url of ['http://x:1', 'redis+cluster://x:1/3', 'redis://x:1?nodes=y:2', 'redis://x:1/db', 'not a url :secret@']) {
      expect(() => parseRedisUrl(url)).toThrow(RedisUrlError);
      try {
        parseRedisUrl(url);
      } catch (err) {
        expect((err as Error).message).not.toContain('secret');
        expect((err as Error).message).not.toContain('x:1');
      }
    }
  });
});

describe('MemoryCache', () => {
  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const cache = new MemoryCache({ codec: contractCodec('m:'), metrics: new Metrics(false), maxEntries: 3 });
    const ids = ['A', 'B', 'C', 'D'];
    for (const id of ids) await cache.setMany('marriages', new Map([[id, { records: [], retrievedAt: '2025-07-01T00:00:00.000Z' }]]));
    expect(cache.store.size).toBe(3);
    expect([...(await cache.getMany('marriages', ids)).keys()]).toEqual(['B', 'C', 'D']);
  });

  it('never seals or opens: the answers stay in the process', async () => {
    const calls: string[] = [];
    class CountingSealer extends Sealer {
      override seal(plaintext: string, context: string): string {
        calls.push('seal');
        return super.seal(plaintext, context);
      }
      override open(sealed: string, context: string): string | undefined {
        calls.push('open');
        return super.open(sealed, context);
      }
    }
    const codec = new EntryCodec({
      prefix: 'm:',
      subjectHash: makeSubjectHasher('k'),
      sealer: new CountingSealer(parseSealingKeys(KEY_A)),
      ttl: DEFAULT_CACHE_TTL,
      noRecordTtl: 600,
    });
    const cache = new MemoryCache({ codec, metrics: new Metrics(false) });
    await cache.setMany('marriages', new Map([['A', { records: [marriage], retrievedAt: '2025-07-01T00:00:00.000Z' }]]));
    expect((await cache.getMany('marriages', ['A'])).get('A')).toEqual({ records: [marriage], retrievedAt: '2025-07-01T00:00:00.000Z' });
    expect(calls).toEqual([]);
    // the keys still name the person only by subject hash
    expect([...cache.store.keys()]).toEqual([codec.keys('marriages', ['A'])[0]!.key]);
  });

  it('a hit cannot be changed by its caller, nor the cache by the object it was given', async () => {
    const cache = new MemoryCache({ codec: contractCodec('m:'), metrics: new Metrics(false) });
    const given = { records: [{ ...marriage }], retrievedAt: '2025-07-01T00:00:00.000Z' };
    await cache.setMany('marriages', new Map([['A', given]]));
    given.records[0]!.status = 'DIVORCED';
    given.records.push({ ...marriage });

    const hit = (await cache.getMany('marriages', ['A'])).get('A')!;
    expect(hit.records).toEqual([marriage]);
    // a resolver masking in place would change what the next caller sees: it throws instead
    expect(() => {
      (hit.records[0] as { wifeName: string }).wifeName = '*';
    }).toThrow(TypeError);
    expect(() => (hit.records as unknown[]).push(marriage)).toThrow(TypeError);
    expect((await cache.getMany('marriages', ['A'])).get('A')!.records).toEqual([marriage]);
  });
});

describe('createEvidenceCache', () => {
  const deps = (env: Record<string, string>) => ({
    config: loadConfig({ NODE_ENV: 'test', MOCKS: 'on', ...env }),
    cacheEncryptionKey: KEY_A,
    subjectHash: makeSubjectHasher('k'),
    metrics: new Metrics(false),
    logger: createLogger('silent'),
  });

  it('is the in-process backend when REDIS_URL is unset, and Redis when it is set', async () => {
    const memory = await createEvidenceCache(deps({}));
    expect(memory.backend).toBe('memory');
    await memory.close();
    const redis = await createEvidenceCache(deps({ REDIS_URL: 'redis://127.0.0.1:1' }));
    expect(redis.backend).toBe('redis');
    expect(redis.healthy()).toBe(false);
    await redis.close();
    const cluster = await createEvidenceCache(deps({ REDIS_URL: 'redis+cluster://127.0.0.1:1' }));
    expect(cluster.backend).toBe('redis-cluster');
    await cluster.close();
  });

  it('refuses a malformed CACHE_ENCRYPTION_KEY at start-up', async () => {
    await expect(createEvidenceCache({ ...deps({}), cacheEncryptionKey: 'k1:short' })).rejects.toThrow(/32 bytes/);
  });
});
