// A person as the cache and the access log know them: a keyed hash of the ID number
// (HMAC-SHA256 with SUBJECT_HASH_KEY). Without the key the hash cannot be reversed by
// enumerating the (small) space of valid ID numbers.
import { createHmac } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export interface SubjectHasher {
  (idNumber: string): string;
  /**
   * The same hash, not remembered: for the many candidate ID numbers myAccessLog tries for a
   * parent's children, which would otherwise push the family being served out of the memory.
   */
  uncached?: (idNumber: string) => string;
}

export function makeSubjectHasher(key: string): SubjectHasher {
  const compute = (id: string) => createHmac('sha256', key).update(id).digest('hex');
  // a family query hashes the same few people for every cache key and access-log entry:
  // remembered in memory only (never written anywhere), bounded
  const known = new LRUCache<string, string>({ max: 50_000 });
  const hasher: SubjectHasher = (idNumber) => {
    const id = idNumber.toUpperCase();
    let hash = known.get(id);
    if (hash === undefined) {
      hash = compute(id);
      known.set(id, hash);
    }
    return hash;
  };
  hasher.uncached = (idNumber) => compute(idNumber.toUpperCase());
  return hasher;
}
