// What both backends share, so they behave the same: the key of an entry, its sealed
// value (the records and when the department answered, under AES-256-GCM bound to the
// evidence name and subject hash), and how long it lives (a TTL per kind of evidence;
// "no record" shorter). A backend only moves strings.
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

  /** The entries to write for a batch of answers; answers whose TTL is 0 are left out. */
  prepare<N extends EvidenceName>(name: N, answers: Map<string, CachedAnswer<EvidenceRecordMap[N]>>): PreparedEntry[] {
    const out: PreparedEntry[] = [];
    for (const [id, answer] of answers) {
      // "no record" lives noRecordTtl, but never longer than the kind's own TTL (0 = not cached)
      const ttlSeconds = answer.records.length === 0 ? Math.min(this.s.noRecordTtl, this.s.ttl[name]) : this.s.ttl[name];
      if (!(ttlSeconds > 0)) continue;
      const hash = this.s.subjectHash(id);
      const payload: Payload = { t: answer.retrievedAt, r: answer.records };
      out.push({
        key: evidenceCacheKey(this.s.prefix, name, hash),
        value: this.s.sealer.seal(JSON.stringify(payload), context(name, hash)),
        ttlSeconds,
      });
    }
    return out;
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
