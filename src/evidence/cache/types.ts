// The cache as the evidence layer sees it. Implementations never throw: a cache that fails
// is a cache that misses (the departments still answer), and says so through `healthy()`.
import type { EvidenceName, EvidenceRecordMap } from '../kinds';

export interface CachedAnswer<R> {
  records: R[];
  /** when the department answered (ISO 8601) */
  retrievedAt: string;
}

export interface EvidenceCache {
  readonly backend: 'redis' | 'redis-cluster' | 'memory' | 'none';
  /** one round trip for the whole batch; only the hits are in the map */
  getMany<N extends EvidenceName>(name: N, idNumbers: readonly string[]): Promise<Map<string, CachedAnswer<EvidenceRecordMap[N]>>>;
  /** one round trip for the whole batch */
  setMany<N extends EvidenceName>(name: N, answers: Map<string, CachedAnswer<EvidenceRecordMap[N]>>): Promise<void>;
  /**
   * drops every entry of one person (a department reported a correction); returns how many
   * went. The one operation that rejects when the backend is unreachable: an operator must
   * not be told a correction was purged when it was not.
   */
  evictPerson(idNumber: string): Promise<number>;
  /** false while the backend is unreachable (readiness, metrics) */
  healthy(): boolean;
  close(): Promise<void>;
}

/** For runs that want no cache at all (benchmarks of the uncached path). */
export class NoCache implements EvidenceCache {
  readonly backend = 'none' as const;
  async getMany<N extends EvidenceName>(): Promise<Map<string, CachedAnswer<EvidenceRecordMap[N]>>> {
    return new Map();
  }
  async setMany(): Promise<void> {}
  async evictPerson(): Promise<number> {
    return 0;
  }
  healthy(): boolean {
    return true;
  }
  async close(): Promise<void> {}
}
