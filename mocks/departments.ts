// The state every mock department shares: the data it serves, what it was asked (the
// contract's /__mock/stats), the faults a test injected, and the checks a real department
// makes before answering (signature, rate limit). Handlers call `admit` first and `count`
// for the ID numbers they were asked about.
import { HttpResponse } from 'msw';
import { DEV_APP_KEY, devDepartmentSecret } from '../connectors/devCredentials';
import { STAND_IN_APP_KEY, standInDepartmentSecret } from './standInCredentials';
import { verifySignature } from '../connectors/signing';
import { DEPARTMENTS, type Department } from '../src/evidence/kinds';
import type { Dataset } from '../src/evidence/records';
import { DatasetIndex } from './data/index';

export interface Fault {
  /** added to every answer */
  latencyMs: number;
  /** share of calls (0..1) answered with `status` */
  errorRate: number;
  status: number;
  /** every call answered with `status` */
  down: boolean;
  /** answer 200 with a body that breaks the department's published shape */
  malformed: boolean;
}

export const NO_FAULT: Fault = { latencyMs: 0, errorRate: 0, status: 503, down: false, malformed: false };

export interface DepartmentStats {
  requests: number;
  ids: number;
}

/** One call as its department saw it (performance.now() of this process): when it came in, when its wait ended. */
export interface CallTiming {
  department: Department;
  arrivedAt: number;
  /** after the latency (base and fault), before the answer is built; undefined while waiting */
  answeredAt?: number;
}

export interface MockOptions {
  /** base latency of every department, before faults (benchmarks use 40 ms) */
  latencyMs?: number;
  /** humanResources answers 429 past this many requests in one second */
  humanResourcesPerSecond?: number;
  /** app key -> secret per department; defaults to the development credentials */
  credentials?: (department: Department, appKey: string) => string | undefined;
  /** skip signature checks (never in tests of signing itself); a function decides per request
   *  (the benchmark's unsigned path for a generic gateway, which cannot sign) */
  verifySignatures?: boolean | ((request: Request) => boolean);
}

/** How many calls the timeline keeps: a test's few, never a long-running process's every call. */
export const TIMELINE_CALLS = 1000;

export class MockDepartments {
  index: DatasetIndex;
  readonly stats = {} as Record<Department, DepartmentStats>;
  readonly faults = {} as Record<Department, Fault>;
  /**
   * The calls since the last reset, in arrival order, the latest TIMELINE_CALLS at least and never
   * twice as many (`npm start`'s departments run for days): tests of which calls overlap (no
   * wall-clock sleeps).
   */
  timeline: CallTiming[] = [];
  private rateWindow = { startedAt: 0, count: 0 };

  constructor(
    public dataset: Dataset,
    readonly options: MockOptions = {},
  ) {
    this.index = new DatasetIndex(dataset);
    this.reset();
  }

  reset(): void {
    for (const d of DEPARTMENTS) {
      this.stats[d] = { requests: 0, ids: 0 };
      this.faults[d] = { ...NO_FAULT };
    }
    this.rateWindow = { startedAt: 0, count: 0 };
    this.timeline = [];
  }

  setFault(department: Department, patch: Partial<Fault>): Fault {
    this.faults[department] = { ...this.faults[department], ...patch };
    return this.faults[department];
  }

  /** Record the ID numbers one call asked about. */
  count(department: Department, ids: number): void {
    this.stats[department].ids += ids;
  }

  /**
   * What a real department does before it looks anything up: count the call, wait, check the
   * signature, apply injected faults and its rate limit. Returns a response to send instead
   * of an answer, or undefined to go on.
   */
  async admit(department: Department, request: Request): Promise<Response | undefined> {
    this.stats[department].requests += 1;
    const timing: CallTiming = { department, arrivedAt: performance.now() };
    // trimmed now and then rather than on every call: between TIMELINE_CALLS and twice that are kept
    if (this.timeline.length >= 2 * TIMELINE_CALLS) this.timeline = this.timeline.slice(-TIMELINE_CALLS);
    this.timeline.push(timing);
    const fault = this.faults[department];
    const latency = (this.options.latencyMs ?? 0) + fault.latencyMs;
    if (latency > 0) await delay(latency, request.signal);
    timing.answeredAt = performance.now();

    const verify = this.options.verifySignatures;
    if (typeof verify === 'function' ? verify(request) : verify !== false) {
      const url = new URL(request.url);
      const body = request.method === 'GET' ? '' : await request.clone().text();
      const check = verifySignature({
        method: request.method,
        pathWithQuery: url.pathname + url.search,
        body,
        headers: request.headers,
        secretFor: (appKey) => (this.options.credentials ?? defaultCredentials)(department, appKey),
      });
      if (!check.ok) return HttpResponse.json({ error: 'signature', reason: check.reason }, { status: 401 });
    }

    if (fault.down || (fault.errorRate > 0 && Math.random() < fault.errorRate)) {
      return HttpResponse.json({ error: 'unavailable' }, { status: fault.status });
    }
    if (department === 'humanResources' && this.overRateLimit()) {
      return HttpResponse.json({ code: 'RATE_LIMITED', msg: '请求过于频繁' }, { status: 429, headers: { 'Retry-After': '1' } });
    }
    return undefined;
  }

  /** A body that breaks the department's shape, when the test asked for one. */
  malformed(department: Department): Response | undefined {
    return this.faults[department].malformed ? HttpResponse.json({ unexpected: true, data: 'garbage' }) : undefined;
  }

  private overRateLimit(): boolean {
    const limit = this.options.humanResourcesPerSecond ?? 100;
    const now = Date.now();
    if (now - this.rateWindow.startedAt >= 1000) this.rateWindow = { startedAt: now, count: 0 };
    this.rateWindow.count += 1;
    return this.rateWindow.count > limit;
  }
}

/** the development credentials (npm start), and the stand-in ones a gateway run as production uses */
function defaultCredentials(department: Department, appKey: string): string | undefined {
  if (appKey === DEV_APP_KEY) return devDepartmentSecret(department);
  return appKey === STAND_IN_APP_KEY ? standInDepartmentSecret(department) : undefined;
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
