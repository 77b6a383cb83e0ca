// The one way any connector talks to its department. Layers, in a fixed order:
// concurrency cap -> per-attempt timeout (never past the request's deadline) -> signing ->
// status mapping -> retries for idempotent failures (backoff with jitter, honouring
// Retry-After) -> payload validation. A failure leaves as DepartmentUnavailableError; the
// department's error body is never read into a message or a log (it may hold personal data).
import http from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';
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
    // promise is that a slow department costs at most its timeout (docs/design.md, "Resilience")
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
    const secure = endpoint.baseUrl.startsWith('https:');
    // keep-alive sockets, as many as calls may be in flight
    this.agent = new (secure ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: endpoint.policy.concurrency });
  }

  private readonly agent: http.Agent;
  /** per path of this department (a handful): where a call goes, parsed once, not per attempt */
  private readonly targets = new Map<string, Target>();

  private target(path: string): Target {
    let t = this.targets.get(path);
    if (!t) {
      const url = new URL(this.endpoint.baseUrl.replace(/\/$/, '') + path);
      // what node's client takes from a URL (an IPv6 host without its brackets, credentials)
      const { protocol, hostname, port, auth } = urlToHttpOptions(url);
      t = {
        protocol: protocol ?? 'http:',
        hostname: hostname ?? '',
        port: port ?? undefined,
        auth: auth ?? undefined,
        pathname: url.pathname,
      };
      this.targets.set(path, t);
    }
    return t;
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
        this.observe({
          department: this.department,
          operation: req.operation,
          outcome: 'ok',
          httpStatus: 200,
          durationMs: performance.now() - started,
          attempt,
        });
        return result;
      } catch (err) {
        const failure = err instanceof AttemptFailure ? err : toAttemptFailure(err);
        this.observe({
          department: this.department,
          operation: req.operation,
          outcome: failure.failure,
          httpStatus: failure.httpStatus,
          durationMs: performance.now() - started,
          attempt,
        });
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
    const { policy, appKey, secret } = this.endpoint;
    const target = this.target(req.path);
    // the serialization URL.searchParams uses; the same string is signed and sent. Only built when
    // there is a query: a URLSearchParams costs more than the rest of the address
    let query = '';
    if (req.query) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(req.query)) if (v !== undefined) params.set(k, String(v));
      if (params.size > 0) query = `?${params.toString()}`;
    }
    const pathWithQuery = target.pathname + query;
    const body = req.body === undefined ? '' : JSON.stringify(req.body);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...signRequest({ method: req.method, pathWithQuery, body, appKey, secret }),
    };
    if (req.body !== undefined) headers['content-type'] = 'application/json';

    const budget = opts.deadline === undefined ? policy.timeoutMs : Math.min(policy.timeoutMs, opts.deadline - Date.now());
    if (budget <= 0) throw new AttemptFailure('timeout');
    // node's http client with one timer per attempt, rather than fetch with AbortSignal.timeout
    // and AbortSignal.any: fetch's web streams and signals were the largest single CPU and
    // garbage cost of a cold query, and each signal lived on for the whole timeout
    const answer = await send(target, pathWithQuery, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : body,
      agent: this.agent,
      timeoutMs: budget,
      signal: opts.signal,
    });
    if (answer.kind === 'failed') throw new AttemptFailure(answer.timedOut ? 'timeout' : 'network');
    const { status, retryAfter, text } = answer;
    if (status === 429) throw new AttemptFailure('rate_limited', 429, parseRetryAfter(retryAfter));
    if (status < 200 || status > 299) throw new AttemptFailure('status', status, status === 503 ? parseRetryAfter(retryAfter) : undefined);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AttemptFailure('malformed', status);
    }
    try {
      return req.parse(json);
    } catch {
      throw new AttemptFailure('malformed', status);
    }
  }
}

/** A department endpoint's address without its query: URL parsing once per path, not per call. */
interface Target {
  protocol: string;
  hostname: string;
  port: number | string | undefined;
  auth: string | undefined;
  pathname: string;
}

type SendResult = { kind: 'answered'; status: number; retryAfter: string | null; text: string } | { kind: 'failed'; timedOut: boolean };

/** One HTTP exchange with a deadline; the answer's body is read only on success (an error body may hold personal data). */
function send(
  target: Target,
  pathWithQuery: string,
  o: {
    method: string;
    headers: Record<string, string>;
    body: string | undefined;
    agent: http.Agent;
    timeoutMs: number;
    signal: AbortSignal | undefined;
  },
): Promise<SendResult> {
  return new Promise((resolve) => {
    let settled = false;
    let timedOut = false;
    const finish = (r: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const headers: Record<string, string | number> = { ...o.headers };
    if (o.body !== undefined) headers['content-length'] = Buffer.byteLength(o.body);
    const client = target.protocol === 'https:' ? https : http;
    const { protocol, hostname, port, auth } = target;
    const options = { protocol, hostname, port, auth, path: pathWithQuery, method: o.method, headers, agent: o.agent };
    const req = client.request(options, (res) => {
      const status = res.statusCode ?? 0;
      const retryAfter = res.headers['retry-after'] ?? null;
      if (status < 200 || status > 299) {
        res.resume(); // drain unread, so the socket goes back to the pool
        res.on('end', () => finish({ kind: 'answered', status, retryAfter, text: '' }));
        res.on('error', () => finish({ kind: 'failed', timedOut }));
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish({ kind: 'answered', status, retryAfter, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => finish({ kind: 'failed', timedOut }));
      res.on('aborted', () => finish({ kind: 'failed', timedOut }));
    });
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy();
      finish({ kind: 'failed', timedOut: true });
    }, o.timeoutMs);
    const onAbort = () => {
      req.destroy();
      finish({ kind: 'failed', timedOut: false });
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', () => finish({ kind: 'failed', timedOut }));
    if (o.body !== undefined) req.end(o.body);
    else req.end();
  });
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

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
