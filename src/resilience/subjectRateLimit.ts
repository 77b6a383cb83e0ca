// Per-client rate limiting, keyed by the token's subject (docs/contract.md: RATE_LIMIT_PER_MINUTE).
// A sliding-window counter: this minute's count plus last minute's, weighted by how much of
// it still overlaps the window. Two integers per subject, no timers, smooth at the boundary
// (a fixed window lets a client send twice its limit across a minute's edge).
// In memory per gateway instance here; shared by every replica through Redis when REDIS_URL
// is set (redisRateLimit.ts), falling back to this one while Redis is away.

export interface RateDecision {
  allowed: boolean;
  /** whole seconds until one more request would be allowed (for Retry-After) */
  retryAfterSeconds: number;
}

interface Window {
  start: number;
  count: number;
  previous: number;
}

export class SubjectRateLimiter {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for `subject` if it is allowed. */
  take(subject: string): RateDecision {
    const now = this.now();
    this.sweep(now);
    const start = now - (now % this.windowMs);
    let w = this.windows.get(subject);
    if (!w) {
      w = { start, count: 0, previous: 0 };
      this.windows.set(subject, w);
    } else if (w.start !== start) {
      w.previous = start - w.start === this.windowMs ? w.count : 0;
      w.count = 0;
      w.start = start;
    }
    const overlap = 1 - (now - start) / this.windowMs;
    const estimated = w.previous * overlap + w.count;
    if (estimated + 1 > this.limit) {
      return { allowed: false, retryAfterSeconds: retryAfterSeconds(this.limit, this.windowMs, w.start, w.count, w.previous, now) };
    }
    w.count += 1;
    return { allowed: true, retryAfterSeconds: 0 };
  }

  /** Drops subjects idle for two windows, at most once a window. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [k, w] of this.windows) if (now - w.start >= 2 * this.windowMs) this.windows.delete(k);
  }

  get size(): number {
    return this.windows.size;
  }
}

/** When the weighted estimate falls below the limit again, in whole seconds (at least 1). */
export function retryAfterSeconds(limit: number, windowMs: number, start: number, count: number, previous: number, now: number): number {
  const end = start + windowMs;
  if (count + 1 > limit || previous === 0) return Math.max(1, Math.ceil((end - now) / 1000));
  // previous * (1 - (t - start) / window) + count + 1 <= limit, solved for t
  const t = start + windowMs * (1 - (limit - count - 1) / previous);
  return Math.max(1, Math.ceil((Math.min(t, end) - now) / 1000));
}

/** What the request loop asks; the memory limiter answers at once, the Redis one after a round trip. */
export interface RateLimiter {
  readonly backend: 'memory' | 'redis';
  take(subject: string): RateDecision | Promise<RateDecision>;
  close(): Promise<void>;
}

export class MemoryRateLimiter implements RateLimiter {
  readonly backend = 'memory' as const;
  readonly window: SubjectRateLimiter;
  constructor(limit: number, windowMs = 60_000) {
    this.window = new SubjectRateLimiter(limit, windowMs);
  }
  take(subject: string): RateDecision {
    return this.window.take(subject);
  }
  async close(): Promise<void> {}
}
