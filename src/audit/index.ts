// The audit service: records every read of a person's data in a hash-chained, append-only,
// group-committed access log, and answers auditors. PostgreSQL when DATABASE_URL is set, the
// embedded store (PGlite) under DATA_DIR when it is not: one schema, one dialect, one code path.
import type { Config } from '../config';
import { openDatabase, type Sql } from '../db/index';
import type { SubjectHasher } from '../evidence/subjectHash';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { canonicalTime, storable } from './canonical';
import { migrate } from './migrations';
import { queryAccessLogs, type AccessLogFilterInput, type AccessLogPage } from './queries';
import type { AccessRecord, AuditRecorder } from './types';
import { verifyAccessLog, type IntegrityReport } from './verify';
import { AuditStoreError, ChainWriter, type Unchained, type WriterOptions } from './writer';

export type { AccessLogEntry } from './canonical';
export type { AccessLogFilterInput, AccessLogPage } from './queries';
export type { ChainReport, IntegrityReport } from './verify';
export { AuditStoreError } from './writer';

export interface AuditDeps {
  config: Config;
  subjectHash: SubjectHasher;
  metrics: Metrics;
  logger: Logger;
  /** group-commit tuning (tests and benchmarks) */
  writer?: WriterOptions;
}

export interface AuditService extends AuditRecorder {
  /** this process's hash chain */
  readonly chainId: string;
  /** the store, for maintenance scripts and tests; the gateway itself goes through the methods */
  readonly sql: Sql;
  /** auditor search: newest first, cursor-paged; BAD_USER_INPUT for an impossible filter */
  accessLogs(
    filter: AccessLogFilterInput | null | undefined,
    page?: { first?: number | null; after?: string | null },
  ): Promise<AccessLogPage>;
  /** walks and recomputes every chain */
  integrity(): Promise<IntegrityReport>;
  /** transactions committed by this instance's writer (what group commit saves) */
  commits(): number;
}

const OUTCOMES = new Set(['ALLOWED', 'DENIED', 'ERROR']);
const SOURCES = new Set(['DEPARTMENT', 'CACHE']);

/** Where the store is, for messages: host and port only (a URL may carry a password). */
export function describeStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return `embedded store under ${config.dataDir}`;
  try {
    const u = new URL(config.databaseUrl);
    return `PostgreSQL at ${u.hostname}:${u.port || 5432}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** Opens the configured store and brings its schema up to date. */
export async function openAuditStore(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databaseSchema'>,
  opts: { statementTimeoutMs?: number } = {},
): Promise<Sql> {
  let sql: Sql;
  try {
    sql = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema, ...opts });
    await sql.query('SELECT 1');
  } catch (err) {
    throw new AuditStoreError(`audit store unreachable (${describeStore(config)}): ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  try {
    await migrate(sql);
  } catch (err) {
    await sql.close().catch(() => {});
    throw err;
  }
  return sql;
}

/** The recorder's side of an entry: validated, the person hashed, text made storable. */
export function toUnchained(r: AccessRecord, subjectHash: SubjectHasher): Unchained {
  if (!OUTCOMES.has(r.outcome)) throw new AuditStoreError('an access record has an unknown outcome');
  if (r.source !== null && !SOURCES.has(r.source)) throw new AuditStoreError('an access record has an unknown source');
  let at: string;
  try {
    at = canonicalTime(r.at);
  } catch {
    throw new AuditStoreError('an access record has an invalid time');
  }
  return {
    at,
    requestId: storable(String(r.requestId)),
    actorSubject: storable(String(r.actorSubject)),
    actorRole: storable(String(r.actorRole)),
    actorCounty: storable(r.actorCounty),
    applicationId: storable(r.applicationId),
    countyCode: storable(r.countyCode),
    // the ID number goes no further than this line
    subjectHash: r.idNumber === null ? null : subjectHash(r.idNumber),
    department: r.department,
    evidence: r.evidence,
    fields: r.fields.map((f) => storable(String(f))),
    outcome: r.outcome,
    source: r.source,
    reason: storable(r.reason),
  };
}

export async function createAuditService(deps: AuditDeps): Promise<AuditService> {
  const { config, subjectHash, metrics, logger } = deps;
  const sql = await openAuditStore(config);
  const writer = new ChainWriter(sql, metrics, logger, deps.writer);
  logger.info({ chainId: writer.chainId, store: describeStore(config) }, 'audit store ready');
  let verifying: Promise<IntegrityReport> | undefined;
  let closed = false;

  return {
    chainId: writer.chainId,
    sql,
    record(entries) {
      let rows: Unchained[];
      try {
        rows = entries.map((e) => toUnchained(e, subjectHash));
      } catch (err) {
        // a malformed record fails alone; it never reaches (and fails) a shared transaction
        return Promise.reject(err instanceof Error ? err : new AuditStoreError('an access record is malformed'));
      }
      return writer.append(rows);
    },
    healthy: () => writer.healthy(),
    commits: () => writer.commits,
    accessLogs: (filter, page) => queryAccessLogs(sql, subjectHash, filter, page),
    integrity() {
      // concurrent callers share one walk
      verifying ??= verifyAccessLog(sql).finally(() => {
        verifying = undefined;
      });
      return verifying;
    },
    async close() {
      if (closed) return;
      closed = true;
      await writer.close();
      await verifying?.catch(() => {});
      await sql.close().catch(() => {});
    },
  };
}
