// A person as the cache and the access log know them: a keyed hash of the ID number
// (HMAC-SHA256 with SUBJECT_HASH_KEY). Without the key the hash cannot be reversed by
// enumerating the (small) space of valid ID numbers.
import { createHmac } from 'node:crypto';
import { LRUCache } from 'lru-cache';

export type SubjectHasher = (idNumber: string) => string;

export function makeSubjectHasher(key: string): SubjectHasher {
  // a family query hashes the same few people for every cache key and access-log entry:
  // remembered in memory only (never written anywhere), bounded
  const known = new LRUCache<string, string>({ max: 50_000 });
  return (idNumber) => {
    const id = idNumber.toUpperCase();
    let hash = known.get(id);
    if (hash === undefined) {
      hash = createHmac('sha256', key).update(id).digest('hex');
      known.set(id, hash);
    }
    return hash;
  };
}
