// Opened Redis values, kept in the process so a value read again is not opened again (an
// AES-GCM open and a JSON parse per person and kind of evidence were most of a warm family
// query's cache cost). Not a cache tier of its own: every read still asks Redis, and an answer
// is reused only when Redis returns the very same sealed value it was opened from. So whatever
// Redis says wins at once on every instance: an eviction (the key is gone: a miss, and the
// opened copy is dropped), a refresh by x-evidence-fresh or a department's new answer (a new
// value, with a new random IV: opened again), a value tampered with or moved (it differs: opened
// again, and fails). Nothing is invalidated here because nothing here is ever trusted alone.
//
// Answers are frozen, as the in-process backend's (memory.ts): every request that hits shares
// them. Bounded by entry count (least recently used goes first); no TTL of its own: Redis's
// TTL decides, since an expired key returns nothing and its opened copy is dropped.
import { LRUCache } from 'lru-cache';
import type { CachedAnswer } from './types';

export const DEFAULT_OPENED_MAX_ENTRIES = 20_000;

interface Opened {
  /** the sealed value as Redis returned it */
  sealed: string;
  answer: CachedAnswer<unknown>;
}

export class OpenedValues {
  private readonly store: LRUCache<string, Opened> | undefined;

  /** maxEntries 0: every value is opened every time */
  constructor(maxEntries = DEFAULT_OPENED_MAX_ENTRIES) {
    this.store = maxEntries > 0 ? new LRUCache<string, Opened>({ max: maxEntries }) : undefined;
  }

  /**
   * The answer in `sealed` (the value Redis holds under `key` now): the one opened before if
   * it is the same value, else `open(sealed)`, kept frozen for next time. Undefined when it
   * does not open.
   */
  get<R>(key: string, sealed: string, open: (sealed: string) => CachedAnswer<R> | undefined): CachedAnswer<R> | undefined {
    const known = this.store?.get(key);
    if (known && known.sealed === sealed) return known.answer as CachedAnswer<R>;
    const answer = open(sealed);
    if (!this.store) return answer;
    if (answer) this.store.set(key, { sealed, answer: deepFreeze(answer) });
    else this.store.delete(key);
    return answer;
  }

  /** Redis holds nothing under `key` (expired, evicted): the opened copy goes too. */
  forget(key: string): void {
    this.store?.delete(key);
  }

  get size(): number {
    return this.store?.size ?? 0;
  }

  clear(): void {
    this.store?.clear();
  }
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
