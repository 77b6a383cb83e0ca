// What sits around every attempt to call a department (connectors/http.ts, AttemptWrapper):
// first our own rate limit for that department (a token bucket, so we never send more than
// it allows), then its circuit breaker (opossum), which fails fast while the department is
// down and lets one probe through after a pause. The breaker's state is exported to the
// metrics gauge and to /readyz.
import CircuitBreaker from 'opossum';
import type { AttemptWrapper } from '../../connectors/http';
import { DepartmentUnavailableError } from '../errors';
import { DEPARTMENTS, type Department } from '../evidence/kinds';
import type { Metrics } from '../observability/metrics';

export interface BreakerPolicy {
  /** share of failed attempts (%) in the window above which the breaker opens */
  errorThresholdPercentage: number;
  /** attempts in the window before the share is judged */
  volumeThreshold: number;
  /** the rolling window */
  windowMs: number;
  /** open -> half-open: how long to fail fast before one probe */
  resetMs: number;
}

export const DEFAULT_BREAKER: BreakerPolicy = { errorThresholdPercentage: 80, volumeThreshold: 10, windowMs: 10_000, resetMs: 10_000 };

export type BreakerState = 'closed' | 'half_open' | 'open';
const GAUGE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/** The error connectors/http.ts maps to failure 'circuit_open' (by name): not retried. */
export class OpenCircuitError extends Error {
  override readonly name = 'OpenCircuitError';
  constructor(readonly department: Department) {
    super('circuit open');
  }
}

/** Calls per second to one department, with a burst of one second's worth. */
export class TokenBucket {
  private tokens: number;
  private updatedAt = performance.now();
  constructor(
    readonly ratePerSecond: number,
    readonly burst = Math.max(1, ratePerSecond),
  ) {
    this.tokens = burst;
  }

  /** ms to wait for a token (reserved now), or undefined when that wait would exceed maxWaitMs */
  reserve(maxWaitMs: number): number | undefined {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    const wait = ((1 - this.tokens) / this.ratePerSecond) * 1000;
    if (wait > maxWaitMs) return undefined;
    this.tokens -= 1; // reserved: later callers queue behind this one
    return wait;
  }
}

export interface DepartmentGuardOptions {
  breaker: BreakerPolicy;
  /** calls per second we allow ourselves per department; 0 = no limit */
  ratePerSecond: Record<Department, number>;
  /** the longest an attempt waits for a token before it is refused locally */
  maxRateWaitMs: number;
  metrics?: Metrics;
  onStateChange?: (department: Department, state: BreakerState) => void;
}

export interface DepartmentGuards {
  wrapAttempt: AttemptWrapper;
  state(department: Department): BreakerState;
  states(): Record<Department, BreakerState>;
  /** for tests and the operator: times each breaker opened since start */
  opened(department: Department): number;
  close(): void;
}

/** Which failures count against a department: not its 4xx answers (our request was wrong), except 429. */
export function countsAsFailure(err: unknown): boolean {
  const e = err as { failure?: string; httpStatus?: number };
  if (e?.failure === 'status' && e.httpStatus !== undefined && e.httpStatus >= 400 && e.httpStatus < 500 && e.httpStatus !== 429)
    return false;
  return true;
}

export function createDepartmentGuards(opts: DepartmentGuardOptions): DepartmentGuards {
  const breakers = {} as Record<Department, CircuitBreaker<[() => Promise<unknown>], unknown>>;
  const buckets = {} as Partial<Record<Department, TokenBucket>>;
  const opens = {} as Record<Department, number>;
  const current = {} as Record<Department, BreakerState>;

  for (const d of DEPARTMENTS) {
    const breaker = new CircuitBreaker((attempt: () => Promise<unknown>) => attempt(), {
      name: d,
      timeout: false, // the HTTP layer times each attempt out against the request's deadline
      errorThresholdPercentage: opts.breaker.errorThresholdPercentage,
      volumeThreshold: opts.breaker.volumeThreshold,
      rollingCountTimeout: opts.breaker.windowMs,
      rollingCountBuckets: 10,
      resetTimeout: opts.breaker.resetMs,
      rollingPercentilesEnabled: false,
      errorFilter: (err: unknown) => !countsAsFailure(err),
    });
    const set = (state: BreakerState) => {
      current[d] = state;
      opts.metrics?.breakerState.set({ department: d }, GAUGE[state]);
      opts.onStateChange?.(d, state);
    };
    breaker.on('open', () => {
      opens[d] += 1;
      set('open');
    });
    breaker.on('halfOpen', () => set('half_open'));
    breaker.on('close', () => set('closed'));
    breakers[d] = breaker;
    opens[d] = 0;
    current[d] = 'closed';
    opts.metrics?.breakerState.set({ department: d }, 0);
    const rate = opts.ratePerSecond[d];
    if (rate > 0) buckets[d] = new TokenBucket(rate);
  }

  const wrapAttempt: AttemptWrapper = async <T>(department: Department, attempt: () => Promise<T>): Promise<T> => {
    const breaker = breakers[department];
    // open: fail fast without spending a token or a socket
    if (breaker.opened) throw new OpenCircuitError(department);
    const bucket = buckets[department];
    if (bucket) {
      const wait = bucket.reserve(opts.maxRateWaitMs);
      // our own limit, not the department's fault: refused here, outside the breaker, not retried
      if (wait === undefined) throw new DepartmentUnavailableError(department, 'concurrency');
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    try {
      return (await breaker.fire(attempt)) as T;
    } catch (err) {
      if ((err as { code?: string })?.code === 'EOPENBREAKER') throw new OpenCircuitError(department);
      throw err;
    }
  };

  return {
    wrapAttempt,
    state: (d) => current[d],
    states: () => ({ ...current }),
    opened: (d) => opens[d],
    close() {
      for (const b of Object.values(breakers)) b.shutdown();
    },
  };
}
