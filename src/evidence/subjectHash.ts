// A person as the cache and the access log know them: a keyed hash of the ID number
// (HMAC-SHA256 with SUBJECT_HASH_KEY). Without the key the hash cannot be reversed by
// enumerating the (small) space of valid ID numbers.
import { createHmac } from 'node:crypto';

export type SubjectHasher = (idNumber: string) => string;

export function makeSubjectHasher(key: string): SubjectHasher {
  return (idNumber) => createHmac('sha256', key).update(idNumber.toUpperCase()).digest('hex');
}
