// Chooses the cache backend from configuration: Redis (one node, or Cluster with
// `redis+cluster://`) when REDIS_URL is set, the in-process LRU otherwise. Both use the same
// keys and TTLs (see entries.ts), so they behave the same; only Redis holds sealed values.
import type { Config } from '../../config';
import type { Logger } from '../../observability/logger';
import type { Metrics } from '../../observability/metrics';
import type { SubjectHasher } from '../subjectHash';
import { EntryCodec } from './entries';
import { MemoryCache } from './memory';
import { RedisCache } from './redis';
import { parseSealingKeys, Sealer } from './seal';
import type { EvidenceCache } from './types';

export interface CacheDeps {
  config: Config;
  cacheEncryptionKey: string;
  subjectHash: SubjectHasher;
  metrics: Metrics;
  logger: Logger;
}

export async function createEvidenceCache(deps: CacheDeps): Promise<EvidenceCache> {
  const codec = new EntryCodec({
    prefix: deps.config.cacheKeyPrefix,
    subjectHash: deps.subjectHash,
    sealer: new Sealer(parseSealingKeys(deps.cacheEncryptionKey)),
    ttl: deps.config.cacheTtl,
    noRecordTtl: deps.config.noRecordTtl,
  });
  if (deps.config.redisUrl) {
    return RedisCache.connect({
      url: deps.config.redisUrl,
      codec,
      metrics: deps.metrics,
      logger: deps.logger,
      commandTimeoutMs: deps.config.cacheCommandTimeoutMs,
      openedMaxEntries: deps.config.cacheOpenedMaxEntries,
    });
  }
  return new MemoryCache({ codec, metrics: deps.metrics, maxEntries: deps.config.cacheMemoryMaxEntries });
}

export { EntryCodec } from './entries';
export { MemoryCache, createMemoryStore } from './memory';
export { RedisCache, CacheUnavailableError } from './redis';
export { parseRedisUrl } from './redisUrl';
export { Sealer, parseSealingKeys } from './seal';
export type { CachedAnswer, EvidenceCache } from './types';
