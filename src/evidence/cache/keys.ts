// Cache keys name a person only by their keyed subject hash (HMAC-SHA256 with
// SUBJECT_HASH_KEY), never by ID number: `${prefix}ev:v1:<evidence>:<subjectHash>`.
// `v1` is the layout of the value; a change to it changes the key, so old entries age out
// instead of being misread.
import { EVIDENCE_NAMES, type EvidenceName } from '../kinds';

export const CACHE_KEY_VERSION = 'v1';

/** The key of one person's answer for one kind of evidence. */
export function evidenceCacheKey(prefix: string, name: EvidenceName, subjectHash: string): string {
  return `${prefix}ev:${CACHE_KEY_VERSION}:${name}:${subjectHash}`;
}

/** Every key one person can have (one per kind of evidence): what eviction deletes. */
export function personCacheKeys(prefix: string, subjectHash: string): string[] {
  return EVIDENCE_NAMES.map((name) => evidenceCacheKey(prefix, name, subjectHash));
}

/** A pattern matching every evidence key under a prefix (SCAN in tests and tools; never KEYS in production). */
export function evidenceKeyPattern(prefix: string): string {
  return `${prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}ev:${CACHE_KEY_VERSION}:*`;
}
