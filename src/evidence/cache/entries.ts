// What both backends share, so they behave the same: the key of an entry and how long it
// lives (a TTL per kind of evidence; "no record" shorter). What leaves the process (Redis) is
// also sealed here: the records and when the department answered, under AES-256-GCM bound to
// the evidence name and subject hash. The in-process backend keeps the answer itself: it never
// leaves the process, so sealing it would only cost a seal per write and an open per hit.
import type { EvidenceName, EvidenceRecordMap } from '../kinds';
import type { SubjectHasher } from '../subjectHash';
import { evidenceCacheKey, personCacheKeys } from './keys';
import type { Sealer } from './seal';
import type { CachedAnswer } from './types';

export interface EntrySettings {
  /** prepended to every key (config.cacheKeyPrefix) */
  prefix: string;
  subjectHash: SubjectHasher;
  sealer: Sealer;
  /** seconds per kind of evidence; 0 disables caching of that kind */
  ttl: Record<EvidenceName, number>;
  /** seconds for an answer with no records (capped by the kind's TTL); 0 disables caching "no record" */
  noRecordTtl: number;
}

interface Payload {
  /** retrievedAt */
  t: string;
  /** records */
  r: unknown[];
}

export interface PreparedEntry {
  key: string;
  value: string;
  ttlSeconds: number;
}

/** An entry before sealing: what the in-process backend stores. */
export interface PlannedEntry<R> {
  key: string;
  subjectHash: string;
  answer: CachedAnswer<R>;
  ttlSeconds: number;
}

export class EntryCodec {
  constructor(private readonly s: EntrySettings) {}

  /** id -> key, for a batch (hashing each ID number once). */
  keys(name: EvidenceName, idNumbers: readonly string[]): { id: string; hash: string; key: string }[] {
    return idNumbers.map((id) => {
      const hash = this.s.subjectHash(id);
      return { id, hash, key: evidenceCacheKey(this.s.prefix, name, hash) };
    });
  }

  personKeys(idNumber: string): string[] {
    return personCacheKeys(this.s.prefix, this.s.subjectHash(idNumber));
  }

  /** The entries to write for a batch of answers, unsealed; answers whose TTL is 0 are left out. */
  plan<N extends EvidenceName>(name: N, answers: Map<string, CachedAnswer<EvidenceRecordMap[N]>>): PlannedEntry<EvidenceRecordMap[N]>[] {
    const out: PlannedEntry<EvidenceRecordMap[N]>[] = [];
    for (const [id, answer] of answers) {
      // "no record" lives noRecordTtl, but never longer than the kind's own TTL (0 = not cached)
      const ttlSeconds = answer.records.length === 0 ? Math.min(this.s.noRecordTtl, this.s.ttl[name]) : this.s.ttl[name];
      if (!(ttlSeconds > 0)) continue;
      const subjectHash = this.s.subjectHash(id);
      out.push({ key: evidenceCacheKey(this.s.prefix, name, subjectHash), subjectHash, answer, ttlSeconds });
    }
    return out;
  }

  /** The sealed entries to write to a store outside the process (Redis); answers whose TTL is 0 are left out. */
  prepare<N extends EvidenceName>(name: N, answers: Map<string, CachedAnswer<EvidenceRecordMap[N]>>): PreparedEntry[] {
    return this.plan(name, answers).map(({ key, subjectHash, answer, ttlSeconds }) => {
      const payload: Payload = { t: answer.retrievedAt, r: answer.records };
      return { key, value: this.s.sealer.seal(JSON.stringify(payload), context(name, subjectHash)), ttlSeconds };
    });
  }

  /** The answer in a sealed value, or undefined when it does not open (tampered, moved, unknown key, malformed). */
  open<N extends EvidenceName>(name: N, subjectHash: string, value: string): CachedAnswer<EvidenceRecordMap[N]> | undefined {
    const plain = this.s.sealer.open(value, context(name, subjectHash));
    if (plain === undefined) return undefined;
    try {
      const p = JSON.parse(plain) as Partial<Payload>;
      if (typeof p.t !== 'string' || !Array.isArray(p.r)) return undefined;
      return { records: p.r as EvidenceRecordMap[N][], retrievedAt: p.t };
    } catch {
      return undefined;
    }
  }
}

function context(name: EvidenceName, subjectHash: string): string {
  return `${name}:${subjectHash}`;
}
