// Prometheus series for the operator (docs/contract.md, GET /metrics). One registry per gateway
// so tests can start several gateways in one process without clashing.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CallEvent } from '../../connectors/http';

export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'gateway_requests_total',
    help: 'GraphQL requests by operation outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'gateway_errors_total',
    help: 'Errors returned to callers, by contract code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly requestDuration = new Histogram({
    name: 'gateway_request_duration_seconds',
    help: 'Whole request latency',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly departmentCalls = new Counter({
    name: 'gateway_department_calls_total',
    help: 'Calls (attempts) to departments by outcome',
    labelNames: ['department', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly departmentDuration = new Histogram({
    name: 'gateway_department_call_duration_seconds',
    help: 'Department call latency per attempt',
    labelNames: ['department'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly cacheLookups = new Counter({
    name: 'gateway_cache_lookups_total',
    help: 'Evidence cache lookups by result',
    labelNames: ['evidence', 'result'] as const,
    registers: [this.registry],
  });
  readonly cacheErrors = new Counter({
    name: 'gateway_cache_errors_total',
    help: 'Cache backend failures (served uncached)',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  readonly breakerState = new Gauge({
    name: 'gateway_breaker_state',
    help: 'Circuit breaker per department: 0 closed, 1 half-open, 2 open',
    labelNames: ['department'] as const,
    registers: [this.registry],
  });
  readonly noRecordReads = new Counter({
    name: 'gateway_no_record_reads_total',
    help: 'Allowed reads the department had no record for, by evidence and caller role (accessAlerts names the callers)',
    labelNames: ['evidence', 'role'] as const,
    registers: [this.registry],
  });
  readonly auditQueueDepth = new Gauge({
    name: 'gateway_audit_queue_depth',
    help: 'Access-log entries waiting for their group commit',
    registers: [this.registry],
  });
  readonly auditCommits = new Counter({
    name: 'gateway_audit_commits_total',
    help: 'Access-log group commits by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor(defaults = true) {
    if (defaults) collectDefaultMetrics({ register: this.registry });
  }

  /** The department HTTP layer's observer. */
  readonly onDepartmentCall = (e: CallEvent): void => {
    this.departmentCalls.inc({ department: e.department, operation: e.operation, outcome: e.outcome });
    this.departmentDuration.observe({ department: e.department }, e.durationMs / 1000);
  };
}
