// The small parts of the resilience layer on their own: the per-client sliding window, the
// per-department token bucket, and which department failures count against its breaker.
import { describe, expect, it } from 'vitest';
import { DepartmentUnavailableError } from '../../src/errors';
import { countsAsFailure, createDepartmentGuards, DEFAULT_BREAKER, OpenCircuitError, TokenBucket } from '../../src/resilience/departments';
import { SubjectRateLimiter } from '../../src/resilience/subjectRateLimit';
import { DEPARTMENTS, type Department } from '../../src/evidence/kinds';

describe('SubjectRateLimiter (sliding window per token subject)', () => {
  it('allows the limit within a minute, refuses the next with a Retry-After, and keeps subjects apart', () => {
    let now = 60_000 * 10; // the start of a window
    const limiter = new SubjectRateLimiter(5, 60_000, () => now);
    for (let i = 0; i < 5; i++) expect(limiter.take('a').allowed).toBe(true);
    const refused = limiter.take('a');
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(limiter.take('b').allowed).toBe(true);
    now += 30_000;
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('weighs the last window: no double burst across a minute boundary', () => {
    let now = 60_000 * 10 + 59_000;
    const limiter = new SubjectRateLimiter(10, 60_000, () => now);
    for (let i = 0; i < 10; i++) expect(limiter.take('a').allowed).toBe(true);
    now += 2000; // 1 s into the next window: last window still weighs 58/60
    expect(limiter.take('a').allowed).toBe(false);
    now += 57_000; // most of the last window has slid out
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('forgets idle subjects', () => {
    let now = 0;
    const limiter = new SubjectRateLimiter(5, 60_000, () => now);
    for (let i = 0; i < 100; i++) limiter.take(`s${i}`);
    now += 180_000;
    limiter.take('fresh');
    expect(limiter.size).toBe(1);
  });
});

describe('TokenBucket (our own rate per department)', () => {
  it('gives a burst of one second, then spaces calls out, and refuses a wait past the bound', () => {
    const bucket = new TokenBucket(10);
    for (let i = 0; i < 10; i++) expect(bucket.reserve(0)).toBe(0);
    const wait = bucket.reserve(1000);
    expect(wait).toBeGreaterThan(50);
    expect(wait).toBeLessThanOrEqual(100);
    expect(bucket.reserve(50)).toBeUndefined();
  });
});

describe('department guards', () => {
  const rates = Object.fromEntries(DEPARTMENTS.map((d) => [d, 0])) as Record<Department, number>;
  const statusFailure = (httpStatus: number) => Object.assign(new Error('status'), { failure: 'status', httpStatus });

  it('a 4xx answer (but 429) does not count against the department; 5xx, 429, timeouts and garbage do', () => {
    expect(countsAsFailure(statusFailure(400))).toBe(false);
    expect(countsAsFailure(statusFailure(404))).toBe(false);
    expect(countsAsFailure(statusFailure(429))).toBe(true);
    expect(countsAsFailure(statusFailure(503))).toBe(true);
    expect(countsAsFailure(Object.assign(new Error('timeout'), { failure: 'timeout' }))).toBe(true);
    expect(countsAsFailure(Object.assign(new Error('malformed'), { failure: 'malformed' }))).toBe(true);
  });

  it('opens past the threshold, then fails fast with OpenCircuitError without running the attempt', async () => {
    const guards = createDepartmentGuards({
      breaker: { ...DEFAULT_BREAKER, volumeThreshold: 4, resetMs: 60_000 },
      ratePerSecond: rates,
      maxRateWaitMs: 0,
    });
    try {
      const failing = () => Promise.reject(statusFailure(503));
      for (let i = 0; i < 5; i++) await guards.wrapAttempt('police', failing).catch(() => {});
      expect(guards.state('police')).toBe('open');
      expect(guards.state('health')).toBe('closed');
      let ran = false;
      const err = await guards
        .wrapAttempt('police', async () => {
          ran = true;
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(OpenCircuitError);
      expect((err as Error).name).toBe('OpenCircuitError');
      expect(ran).toBe(false);
    } finally {
      guards.close();
    }
  });

  it("refuses locally, as our own limit, when the department's token bucket is empty", async () => {
    const guards = createDepartmentGuards({ breaker: DEFAULT_BREAKER, ratePerSecond: { ...rates, health: 2 }, maxRateWaitMs: 0 });
    try {
      const ok = () => Promise.resolve('ok');
      expect(await guards.wrapAttempt('health', ok)).toBe('ok');
      expect(await guards.wrapAttempt('health', ok)).toBe('ok');
      const err = await guards.wrapAttempt('health', ok).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DepartmentUnavailableError);
      expect((err as DepartmentUnavailableError).failure).toBe('concurrency');
      expect(guards.state('health')).toBe('closed');
    } finally {
      guards.close();
    }
  });
});
