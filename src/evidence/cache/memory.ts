// The in-process backend, used when REDIS_URL is unset (development, a single gateway). It
// stores the same sealed strings under the same keys as Redis does, so the two behave alike
// and one contract suite covers both. Bounded by entry count (least recently used goes
// first); each entry carries its own TTL.
import { LRUCache } from 'lru-cache';
import type { EvidenceName, EvidenceRecordMap } from '../kinds';
import type { Metrics } from '../../observability/metrics';
import type { EntryCodec } from './entries';
import type { CachedAnswer, EvidenceCache } from './types';

export const DEFAULT_MEMORY_MAX_ENTRIES = 100_000;

export interface MemoryCacheOptions {
  codec: EntryCodec;
  metrics: Metrics;
  /** most entries kept (one entry = one person's answer for one kind of evidence) */
  maxEntries?: number;
  /** share a store between instances (tests of key rotation); normally each gets its own */
  store?: LRUCache<string, string>;
}

/** Creates the store MemoryCache uses; exported so tests can share one between instances. */
export function createMemoryStore(maxEntries = DEFAULT_MEMORY_MAX_ENTRIES): LRUCache<string, string> {
  // ttl here is only a default; every set passes its own. updateAgeOnGet stays off: a TTL
  // bounds the age of a fact, not the time since someone last read it.
  return new LRUCache<string, string>({ max: maxEntries, ttl: 3600_000, ttlAutopurge: false });
}

export class MemoryCache implements EvidenceCache {
  readonly backend = 'memory' as const;
  /** the raw store: sealed strings by key (tests read it as they would scan Redis) */
  readonly store: LRUCache<string, string>;
  private readonly codec: EntryCodec;
  private readonly metrics: Metrics;
  private readonly ownsStore: boolean;

  constructor(opts: MemoryCacheOptions) {
    this.codec = opts.codec;
    this.metrics = opts.metrics;
    this.ownsStore = !opts.store;
    this.store = opts.store ?? createMemoryStore(opts.maxEntries);
  }

  async getMany<N extends EvidenceName>(name: N, idNumbers: readonly string[]): Promise<Map<string, CachedAnswer<EvidenceRecordMap[N]>>> {
    const hits = new Map<string, CachedAnswer<EvidenceRecordMap[N]>>();
    try {
      for (const { id, hash, key } of this.codec.keys(name, idNumbers)) {
        const value = this.store.get(key);
        if (value === undefined) continue;
        const answer = this.codec.open(name, hash, value);
        if (answer) hits.set(id, answer);
        else this.metrics.cacheErrors.inc({ operation: 'open' });
      }
    } catch {
      this.metrics.cacheErrors.inc({ operation: 'get' });
    }
    return hits;
  }

  async setMany<N extends EvidenceName>(name: N, answers: Map<string, CachedAnswer<EvidenceRecordMap[N]>>): Promise<void> {
    try {
      for (const e of this.codec.prepare(name, answers)) this.store.set(e.key, e.value, { ttl: e.ttlSeconds * 1000 });
    } catch {
      this.metrics.cacheErrors.inc({ operation: 'set' });
    }
  }

  async evictPerson(idNumber: string): Promise<number> {
    let evicted = 0;
    for (const key of this.codec.personKeys(idNumber)) {
      // has() is false for an expired entry, so only live entries are counted
      if (this.store.has(key)) evicted++;
      this.store.delete(key);
    }
    return evicted;
  }

  healthy(): boolean {
    return true;
  }

  async close(): Promise<void> {
    if (this.ownsStore) this.store.clear();
  }
}
