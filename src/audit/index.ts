// The audit service: records every read of a person's data in a hash-chained, append-only,
// group-committed access log, and answers auditors. PostgreSQL when DATABASE_URL is set, the
// embedded store (PGlite) under DATA_DIR when it is not: one schema, one dialect, one code path.
import type { Config } from '../config';
import { DatabaseUnreachableError, describeStore, openMigratedDatabase, type Sql, type StoreConfig } from '../db/index';
import type { SubjectHasher } from '../evidence/subjectHash';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { CURRENT_FORMAT, READS_FORMAT, canonicalTime, storable, type ReadsList } from './canonical';
import { EVIDENCE, EVIDENCE_NAMES } from '../evidence/kinds';
import { AUDIT_MIGRATIONS } from './migrations';
import { queryOwnAccessLog, subjectsWithEntries, type OwnLogPage, type OwnLogPageArgs } from './ownLog';
import { queryAccessLogs, type AccessLogFilterInput, type AccessLogPage } from './queries';
import { ACCESS_ACTIONS, type AccessRecord, type AuditRecorder } from './types';
import { verifyAccessLog, type IntegrityReport } from './verify';
import { AuditStoreError, ChainWriter, type Unchained, type WriterOptions } from './writer';

export type { AccessLogEntry } from './canonical';
export type { AccessLogFilterInput, AccessLogPage } from './queries';
export type { OwnLogEntry, OwnLogPage, OwnLogPageArgs, OwnSubject } from './ownLog';
export type { ChainReport, IntegrityReport } from './verify';
export { AuditStoreError } from './writer';
export { describeStore } from '../db/index';

export interface AuditDeps {
  config: Config;
  /** the process's shared database handle (src/stores.ts); without one the service opens, and closes, its own */
  sql?: Sql;
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
  /** a parent's look (myAccessLog): the entries about these people, newest first, cursor-paged */
  ownAccessLog(subjectHashes: readonly string[], page: OwnLogPageArgs): Promise<OwnLogPage>;
  /** which of these people have entries a parent would be shown */
  subjectsWithEntries(subjectHashes: readonly string[]): Promise<Set<string>>;
  /** walks and recomputes every chain */
  integrity(): Promise<IntegrityReport>;
  /** transactions committed by this instance's writer (what group commit saves) */
  commits(): number;
}

const OUTCOMES = new Set(['ALLOWED', 'DENIED', 'ERROR']);
const SOURCES = new Set(['DEPARTMENT', 'CACHE']);

/** Opens the configured store with the access log's tables up to date (tests and tools that need only the log). */
export async function openAuditStore(config: StoreConfig, opts: { statementTimeoutMs?: number } = {}): Promise<Sql> {
  try {
    return await openMigratedDatabase(config, [AUDIT_MIGRATIONS], opts);
  } catch (err) {
    if (err instanceof DatabaseUnreachableError) throw new AuditStoreError(`audit store: ${err.message}`, { cause: err });
    throw err;
  }
}

/** The recorder's side of an entry: validated, the person hashed, text made storable. */
export function toUnchained(r: AccessRecord, subjectHash: SubjectHasher): Unchained {
  const action = r.action ?? 'READ';
  if (!(ACCESS_ACTIONS as readonly string[]).includes(action)) throw new AuditStoreError('an access record has an unknown action');
  if (!OUTCOMES.has(r.outcome)) throw new AuditStoreError('an access record has an unknown outcome');
  if (r.source !== null && !SOURCES.has(r.source)) throw new AuditStoreError('an access record has an unknown source');
  let at: string;
  try {
    at = canonicalTime(r.at);
  } catch {
    throw new AuditStoreError('an access record has an invalid time');
  }
  let reads: ReadsList | null = null;
  let department: string | null = r.department;
  if (r.reads) {
    if (r.reads.length === 0) throw new AuditStoreError('an access record reads no evidence');
    const departments = new Set<string>();
    reads = r.reads.map((x) => {
      if (!(EVIDENCE_NAMES as readonly string[]).includes(x.evidence))
        throw new AuditStoreError('an access record has an unknown evidence kind');
      departments.add(EVIDENCE[x.evidence].department);
      return [x.evidence, x.fields.map((f) => storable(String(f)))];
    });
    department = departments.size === 1 ? [...departments][0]! : null;
  }
  return {
    format: reads ? READS_FORMAT : CURRENT_FORMAT,
    at,
    action,
    requestId: storable(String(r.requestId)),
    actorSubject: storable(String(r.actorSubject)),
    actorRole: storable(String(r.actorRole)),
    actorCounty: storable(r.actorCounty),
    applicationId: storable(r.applicationId),
    countyCode: storable(r.countyCode),
    // the ID number goes no further than this line
    subjectHash: r.idNumber === null ? null : subjectHash(r.idNumber),
    department,
    evidence: reads ? null : r.evidence,
    fields: reads ? [] : r.fields.map((f) => storable(String(f))),
    reads,
    outcome: r.outcome,
    source: r.source,
    reason: storable(r.reason),
  };
}

export async function createAuditService(deps: AuditDeps): Promise<AuditService> {
  const { config, subjectHash, metrics, logger } = deps;
  const sql = deps.sql ?? (await openAuditStore(config));
  const ownsSql = !deps.sql;
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
    ownAccessLog: (subjectHashes, page) => queryOwnAccessLog(sql, subjectHashes, page),
    subjectsWithEntries: (subjectHashes) => subjectsWithEntries(sql, subjectHashes),
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
      if (ownsSql) await sql.close().catch(() => {});
    },
  };
}
