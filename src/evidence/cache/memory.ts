// The in-process backend, used when REDIS_URL is unset (development, a single gateway). Same
// keys and TTLs as Redis (entries.ts), so the two behave alike and one contract suite covers
// both; but the values are the answers themselves, not sealed strings: they never leave the
// process, so AES-GCM would buy nothing and cost an open on every hit. Answers are frozen when
// stored, because every request that hits shares them: a resolver that tried to change one
// (masking in place, say) would fail loudly instead of changing what the next caller sees.
// Bounded by entry count (least recently used goes first); each entry carries its own TTL.
import { LRUCache } from 'lru-cache';
import type { EvidenceName, EvidenceRecordMap } from '../kinds';
import type { Metrics } from '../../observability/metrics';
import type { EntryCodec } from './entries';
import { deepFreeze } from './opened';
import type { CachedAnswer, EvidenceCache } from './types';

export const DEFAULT_MEMORY_MAX_ENTRIES = 100_000;

export interface MemoryCacheOptions {
  codec: EntryCodec;
  metrics: Metrics;
  /** most entries kept (one entry = one person's answer for one kind of evidence) */
  maxEntries?: number;
  /** share a store between instances (tests of key rotation); normally each gets its own */
  store?: MemoryStore;
}

export type MemoryStore = LRUCache<string, CachedAnswer<unknown>>;

/** Creates the store MemoryCache uses; exported so tests can share one between instances. */
export function createMemoryStore(maxEntries = DEFAULT_MEMORY_MAX_ENTRIES): MemoryStore {
  // ttl here is only a default; every set passes its own. updateAgeOnGet stays off: a TTL
  // bounds the age of a fact, not the time since someone last read it.
  return new LRUCache<string, CachedAnswer<unknown>>({ max: maxEntries, ttl: 3600_000, ttlAutopurge: false });
}

export class MemoryCache implements EvidenceCache {
  readonly backend = 'memory' as const;
  /** the raw store: frozen answers by key (tests read it as they would scan Redis) */
  readonly store: MemoryStore;
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
      for (const { id, key } of this.codec.keys(name, idNumbers)) {
        const answer = this.store.get(key) as CachedAnswer<EvidenceRecordMap[N]> | undefined;
        if (answer) hits.set(id, answer);
      }
    } catch {
      this.metrics.cacheErrors.inc({ operation: 'get' });
    }
    return hits;
  }

  async setMany<N extends EvidenceName>(name: N, answers: Map<string, CachedAnswer<EvidenceRecordMap[N]>>): Promise<void> {
    try {
      for (const e of this.codec.plan(name, answers)) {
        // a copy: the department's objects also go to the request that fetched them
        this.store.set(e.key, deepFreeze(structuredClone(e.answer)), { ttl: e.ttlSeconds * 1000 });
      }
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
