// The cache contract against a Redis Cluster (three masters started for this file, REDIS_URL
// in the redis+cluster:// form), plus the round trips a batch costs there: one pipeline per
// node, never a CROSSSLOT MGET.
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisCache } from '../../src/evidence/cache/redis';
import type { EvidenceCache } from '../../src/evidence/cache/types';
import { createLogger } from '../../src/observability/logger';
import { Metrics } from '../../src/observability/metrics';
import { contractCodec, runCacheContract } from '../unit/cache.contract';
import { isolationName } from '../support/gateway';
import { waitFor } from '../support/waitFor';
import { scanKeys, startRedisCluster, type RedisClusterProcess } from './cache.redisServer';

/** Failed attempts to reach a Redis node so far. */
async function connectionErrors(metrics: Metrics): Promise<number> {
  return (await metrics.cacheErrors.get()).values.find((v) => v.labels.operation === 'connection')?.value ?? 0;
}

let cluster: RedisClusterProcess;
let raw: Cluster;

beforeAll(async () => {
  cluster = await startRedisCluster();
  raw = new Cluster(cluster.nodes.map((n) => ({ host: '127.0.0.1', port: n.port })));
}, 60_000);
afterAll(async () => {
  await raw?.quit();
  await cluster?.stop();
});

runCacheContract('redis-cluster', async () => {
  const prefix = `${isolationName('cache_cluster')}:`;
  const caches: EvidenceCache[] = [];
  return {
    prefix,
    async create(codec, metrics) {
      const c = await RedisCache.connect({ url: cluster.url, codec, metrics, logger: createLogger('silent') });
      caches.push(c);
      return c;
    },
    rawKeys: () => scanKeys(raw, prefix),
    rawGet: async (key) => (await raw.get(key)) ?? undefined,
    rawSet: async (key, value) => void (await raw.set(key, value, 'EX', 60)),
    async cleanup() {
      await Promise.all(caches.map((c) => c.close()));
      for (const key of await scanKeys(raw, prefix)) await raw.del(key);
    },
  };
});

describe('Redis Cluster backend', () => {
  it('is reported as redis-cluster, and a batch spread over every node costs one pipeline per node', async () => {
    const prefix = `${isolationName('cache_cluster_rt')}:`;
    const metrics = new Metrics(false);
    const cache = await RedisCache.connect({ url: cluster.url, codec: contractCodec(prefix), metrics, logger: createLogger('silent') });
    try {
      expect(cache.backend).toBe('redis-cluster');
      expect(cache.healthy()).toBe(true);
      const ids = Array.from({ length: 60 }, (_, i) => `3708111990010100${String(i).padStart(2, '0')}`);
      const answers = new Map(
        ids.map((id, i) => [id, { records: [], retrievedAt: new Date(Date.UTC(2025, 6, 1, 0, 0, i)).toISOString() }]),
      );

      // the first batch also opens the connections to the nodes; measure the ones after it
      expect((await cache.getMany('marriages', ids)).size).toBe(0);
      const client = cache.client as Cluster;
      const pipeline = client.pipeline.bind(client);
      let pipelines = 0;
      client.pipeline = (...args: Parameters<typeof pipeline>) => {
        pipelines++;
        return pipeline(...args);
      };
      const commands = { get: 0, set: 0 };
      const restore = client.nodes('master').map((node) => {
        // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with node as this
        const send = node.sendCommand;
        node.sendCommand = function (this: typeof node, ...args: Parameters<typeof send>) {
          const name = args[0].name;
          if (name === 'get' || name === 'set') commands[name]++;
          return send.apply(this, args);
        };
        return () => (node.sendCommand = send);
      });
      await cache.setMany('marriages', answers);
      const setPipelines = pipelines;
      const got = await cache.getMany('marriages', ids);
      const getPipelines = pipelines - setPipelines;
      restore.forEach((r) => r());
      client.pipeline = pipeline;

      expect(got.size).toBe(60);
      const stored = await scanKeys(raw, prefix);
      expect(stored).toHaveLength(60);
      // the keys really are spread over the three masters
      const perNode = await Promise.all(raw.nodes('master').map(async (n) => await n.dbsize()));
      expect(perNode.filter((n) => n > 0).length).toBe(3);
      // one pipeline per master for the writes, one per master for the reads, each key once
      expect(setPipelines).toBe(3);
      expect(getPipelines).toBe(3);
      expect(commands).toEqual({ get: 60, set: 60 });
      expect(await metrics.cacheErrors.get().then((m) => m.values.reduce((a, v) => a + v.value, 0))).toBe(0);
      expect(await cache.evictPerson(ids[0]!)).toBe(1);
      for (const key of stored) await raw.del(key);
    } finally {
      await cache.close();
    }
  });
});

describe('Redis Cluster with a master down', () => {
  it('serves what it can, quickly; reports it once; recovers when the node returns', async () => {
    const prefix = `${isolationName('cache_cluster_down')}:`;
    const metrics = new Metrics(false);
    const lines: { msg: string }[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
    const cache = await RedisCache.connect({ url: cluster.url, codec: contractCodec(prefix), metrics, logger });
    const ids = Array.from({ length: 30 }, (_, i) => `3708111990010200${String(i).padStart(2, '0')}`);
    try {
      await cache.setMany('marriages', new Map(ids.map((id) => [id, { records: [], retrievedAt: '2025-07-01T00:00:00.000Z' }])));
      expect((await cache.getMany('marriages', ids)).size).toBe(30);

      const down = cluster.nodes[1]!;
      await down.kill();
      // the lost connection (or a few failed batches) marks it within moments
      await waitFor(
        async () => {
          await cache.getMany('marriages', ids);
          return !cache.healthy();
        },
        { timeoutMs: 3000, intervalMs: 50, what: 'the lost master to be noticed' },
      );
      // while it stays down, and the client keeps failing to reach it, every batch answers
      // quickly with what the other masters hold, and the cache stays marked down
      const observed: { ms: number; hits: number; healthy: boolean }[] = [];
      const failedBefore = await connectionErrors(metrics);
      await waitFor(
        async () => {
          const started = performance.now();
          const hits = await cache.getMany('marriages', ids);
          observed.push({ ms: performance.now() - started, hits: hits.size, healthy: cache.healthy() });
          return observed.length >= 8 && (await connectionErrors(metrics)) >= failedBefore + 3;
        },
        { timeoutMs: 20_000, intervalMs: 100, what: 'three more failed attempts to reach the down master' },
      );
      for (const o of observed) {
        expect(o.ms).toBeLessThan(1000);
        expect(o.hits).toBeLessThan(30);
        expect(o.healthy).toBe(false);
      }
      // one warning for the outage, no flapping while some batches still succeed
      expect(lines.filter((l) => l.msg.startsWith('cache unreachable'))).toHaveLength(1);
      expect(lines.filter((l) => l.msg === 'cache reachable again')).toHaveLength(0);

      await down.restart();
      await waitFor(() => cache.healthy(), { timeoutMs: 20_000, intervalMs: 200, what: 'the cache to be healthy again' });
      expect(lines.filter((l) => l.msg === 'cache reachable again')).toHaveLength(1);
      // the restarted master came back empty; the others still hold their entries, and writes work again
      // (once the cool-down of the last failure has passed: asked until then)
      await waitFor(
        async () => {
          await cache.setMany('marriages', new Map(ids.map((id) => [id, { records: [], retrievedAt: '2025-07-01T00:00:01.000Z' }])));
          return (await cache.getMany('marriages', ids)).size === 30;
        },
        { timeoutMs: 5000, intervalMs: 100, what: 'writes to reach every master again' },
      );
    } finally {
      for (const key of await scanKeys(raw, prefix).catch(() => [])) await raw.del(key).catch(() => {});
      await cache.close();
    }
  }, 60_000);
});
