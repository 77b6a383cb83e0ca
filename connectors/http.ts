// The one way any connector talks to its department. Layers, in a fixed order:
// concurrency cap -> per-attempt timeout (never past the request's deadline) -> signing ->
// status mapping -> retries for idempotent failures (backoff with jitter, honouring
// Retry-After) -> payload validation. A failure leaves as DepartmentUnavailableError; the
// department's error body is never read into a message or a log (it may hold personal data).
import pLimit from 'p-limit';
import { DepartmentUnavailableError, type DepartmentFailure } from '../src/errors';
import type { Department } from '../src/evidence/kinds';
import { signRequest } from './signing';

export interface DepartmentPolicy {
  /** per attempt */
  timeoutMs: number;
  /** extra attempts after the first, for idempotent failures (network, 429, 5xx; not a timeout) */
  retries: number;
  retryBaseMs: number;
  /** the longest Retry-After we are willing to wait */
  maxRetryAfterMs: number;
  /** calls in flight to this department from this gateway */
  concurrency: number;
}

export const DEFAULT_POLICY: DepartmentPolicy = {
  timeoutMs: 3000,
  retries: 2,
  retryBaseMs: 100,
  maxRetryAfterMs: 2000,
  concurrency: 16,
};

export interface DepartmentEndpoint {
  department: Department;
  /** e.g. http://127.0.0.1:4010/police */
  baseUrl: string;
  appKey: string;
  secret: string;
  policy: DepartmentPolicy;
}

export interface CallEvent {
  department: Department;
  operation: string;
  outcome: 'ok' | DepartmentFailure;
  httpStatus: number | undefined;
  durationMs: number;
  attempt: number;
}

/** Metrics and logs subscribe here; the layer itself stays free of both. */
export type CallObserver = (event: CallEvent) => void;

export interface CallOptions {
  signal?: AbortSignal;
  /** epoch ms by which the whole request must be answered */
  deadline?: number;
}

export interface DepartmentRequest<T> {
  /** a stable name for metrics, e.g. "households.batch" */
  operation: string;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** validates and narrows the department's JSON; throws on anything malformed */
  parse: (json: unknown) => T;
}

/** Wraps one attempt so a breaker (or anything else) can sit around every call. */
export type AttemptWrapper = <T>(department: Department, attempt: () => Promise<T>) => Promise<T>;

class AttemptFailure extends Error {
  constructor(
    readonly failure: DepartmentFailure,
    readonly httpStatus?: number,
    readonly retryAfterMs?: number,
  ) {
    super(failure);
  }
  get retryable(): boolean {
    // not a timeout: a department that hangs would cost (1 + retries) x its timeout, and the
    // promise is that a slow department costs at most its timeout (issue 6)
    if (this.failure === 'network' || this.failure === 'rate_limited') return true;
    return this.failure === 'status' && this.httpStatus !== undefined && this.httpStatus >= 500;
  }
}

export class DepartmentHttp {
  readonly department: Department;
  private readonly limit: ReturnType<typeof pLimit>;

  constructor(
    private readonly endpoint: DepartmentEndpoint,
    private readonly observe: CallObserver = () => {},
    private readonly wrapAttempt: AttemptWrapper = (_d, attempt) => attempt(),
  ) {
    this.department = endpoint.department;
    this.limit = pLimit(endpoint.policy.concurrency);
  }

  /** Runs one logical call (with its retries) under the department's concurrency cap. */
  call<T>(req: DepartmentRequest<T>, opts: CallOptions = {}): Promise<T> {
    return this.limit(() => this.callWithRetries(req, opts));
  }

  private async callWithRetries<T>(req: DepartmentRequest<T>, opts: CallOptions): Promise<T> {
    const { policy } = this.endpoint;
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      try {
        const result = await this.wrapAttempt(this.department, () => this.attempt(req, opts));
        this.observe({ department: this.department, operation: req.operation, outcome: 'ok', httpStatus: 200, durationMs: performance.now() - started, attempt });
        return result;
      } catch (err) {
        const failure = err instanceof AttemptFailure ? err : toAttemptFailure(err);
        this.observe({ department: this.department, operation: req.operation, outcome: failure.failure, httpStatus: failure.httpStatus, durationMs: performance.now() - started, attempt });
        const delay = this.retryDelay(failure, attempt);
        const remaining = opts.deadline === undefined ? Infinity : opts.deadline - Date.now();
        if (!failure.retryable || attempt > policy.retries || opts.signal?.aborted || delay === undefined || delay >= remaining) {
          throw new DepartmentUnavailableError(this.department, failure.failure, failure.httpStatus);
        }
        await sleep(delay, opts.signal);
      }
    }
  }

  private retryDelay(failure: AttemptFailure, attempt: number): number | undefined {
    const { policy } = this.endpoint;
    if (failure.retryAfterMs !== undefined) {
      return failure.retryAfterMs > policy.maxRetryAfterMs ? undefined : failure.retryAfterMs;
    }
    // full jitter: spreads the retries of many gateways hitting one department
    return Math.random() * policy.retryBaseMs * 2 ** (attempt - 1);
  }

  private async attempt<T>(req: DepartmentRequest<T>, opts: CallOptions): Promise<T> {
    const { policy, baseUrl, appKey, secret } = this.endpoint;
    const url = new URL(baseUrl.replace(/\/$/, '') + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const body = req.body === undefined ? '' : JSON.stringify(req.body);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...signRequest({ method: req.method, pathWithQuery: url.pathname + url.search, body, appKey, secret }),
    };
    if (req.body !== undefined) headers['content-type'] = 'application/json';

    const budget = opts.deadline === undefined ? policy.timeoutMs : Math.min(policy.timeoutMs, opts.deadline - Date.now());
    if (budget <= 0) throw new AttemptFailure('timeout');
    const timeout = AbortSignal.timeout(budget);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;

    let res: Response;
    try {
      res = await fetch(url, { method: req.method, headers, body: req.body === undefined ? undefined : body, signal });
    } catch {
      throw new AttemptFailure(timeout.aborted ? 'timeout' : 'network');
    }
    if (res.status === 429) {
      await discard(res);
      throw new AttemptFailure('rate_limited', 429, parseRetryAfter(res.headers.get('retry-after')));
    }
    if (!res.ok) {
      await discard(res);
      throw new AttemptFailure('status', res.status, res.status === 503 ? parseRetryAfter(res.headers.get('retry-after')) : undefined);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch {
      throw new AttemptFailure(timeout.aborted ? 'timeout' : 'malformed', res.status);
    }
    try {
      return req.parse(json);
    } catch {
      throw new AttemptFailure('malformed', res.status);
    }
  }
}

function toAttemptFailure(err: unknown): AttemptFailure {
  if (err instanceof DepartmentUnavailableError) return new AttemptFailure(err.failure, err.httpStatus);
  if (err instanceof Error && err.name === 'OpenCircuitError') return new AttemptFailure('circuit_open');
  return new AttemptFailure('network');
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Drops an error body unread. Not awaited: under msw in process a cancel never settles (mswjs/interceptors#799). */
async function discard(res: Response): Promise<void> {
  void res.body?.cancel().catch(() => {});
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
