// The audit service: records every read of a person's data in a hash-chained, append-only,
// group-committed access log, and answers auditors. PostgreSQL when DATABASE_URL is set, the
// embedded store (PGlite) under DATA_DIR when it is not: one schema, one dialect, one code path.
import type { Config } from '../config';
import { AuditUnavailableError } from '../errors';
import { DatabaseUnreachableError, describeStore, openMigratedDatabase, type Sql, type StoreConfig } from '../db/index';
import type { SubjectHasher } from '../evidence/subjectHash';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { CURRENT_FORMAT, READS_FORMAT, canonicalTime, storable, type ReadsList } from './canonical';
import { EVIDENCE, EVIDENCE_NAMES } from '../evidence/kinds';
import { AUDIT_MIGRATIONS } from './migrations';
import { queryOwnAccessLog, subjectsWithEntries, type OwnLogPage, type OwnLogPageArgs } from './ownLog';
import { buildFilter, queryAccessLogs, type AccessLogFilterInput, type AccessLogPage } from './queries';
import { ACCESS_ACTIONS, type AccessRecord, type AuditRecorder } from './types';
import { createPublicKey } from 'node:crypto';
import { createSigner, keyIdOf, loadRetiredKeys, loadSigningKey, publicKeyMap, type Checkpoint, type PublicKeys } from './signing';
import { latestCheckpoints, verifyAccessLog, type IntegrityReport } from './verify';
import { AuditStoreError, ChainWriter, type Unchained, type WriterOptions } from './writer';

export type { AccessLogEntry } from './canonical';
export type { AccessLogFilterInput, AccessLogPage } from './queries';
export type { OwnLogEntry, OwnLogPage, OwnLogPageArgs, OwnSubject } from './ownLog';
export type { ChainReport, IntegrityReport } from './verify';
export type { Checkpoint } from './signing';
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
  /**
   * An auditor's search: when the filter names a person (ID number or hash), the search is itself
   * an entry (SEARCH_LOG), committed before the page is returned; every page counts, since a
   * cursor is no proof of an earlier page. The one place GraphQL and the console both call.
   */
  searchAccessLogs(
    by: ActingParty,
    filter: AccessLogFilterInput | null | undefined,
    page?: { first?: number | null; after?: string | null },
  ): Promise<AccessLogPage>;
  /** Records an accountable act that is not a read (an export, a cache eviction) before it happens. */
  recordAct(act: AccountableAct): Promise<void>;
  /** walks and recomputes every chain */
  integrity(): Promise<IntegrityReport>;
  /** transactions committed by this instance's writer (what group commit saves) */
  commits(): number;
  /** the signing key's public half (PEM), then the retired keys' still accepted: what GET /audit/public-key serves */
  publicKeysPem(): string;
  /** the latest signed checkpoint of every chain in the store: what GET /audit/checkpoint serves */
  latestCheckpoints(): Promise<Checkpoint[]>;
}

/** Who does an accountable act, and in which request. */
export interface ActingParty {
  subject: string;
  role: string;
  county: string | null;
  requestId: string;
}

export interface AccountableAct {
  action: 'SEARCH_LOG' | 'EXPORT_LOG' | 'EVICT_CACHE';
  by: ActingParty;
  /** the person concerned, if any: an ID number (hashed before it is stored) or the hash itself */
  idNumber?: string | null;
  subjectHash?: string | null;
  /** what was done, in words without personal data */
  reason: string | null;
}

function actRecord(act: AccountableAct): AccessRecord {
  return {
    action: act.action,
    at: new Date().toISOString(),
    requestId: act.by.requestId,
    actorSubject: act.by.subject,
    actorRole: act.by.role,
    actorCounty: act.by.county,
    applicationId: null,
    countyCode: null,
    idNumber: act.idNumber ?? null,
    subjectHash: act.subjectHash ?? null,
    department: null,
    evidence: null,
    fields: [],
    outcome: 'ALLOWED',
    source: null,
    reason: act.reason,
  };
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
    subjectHash:
      r.idNumber !== null ? subjectHash(r.idNumber) : r.subjectHash && /^[0-9a-f]{64}$/.test(r.subjectHash) ? r.subjectHash : null,
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
  // a key that cannot be read stops start-up here, before a single unsigned entry is written
  const privateKey = loadSigningKey({ setting: config.audit.signingKey, dataDir: config.dataDir, production: config.production });
  const retired = loadRetiredKeys(config.audit.retiredPublicKeys);
  const signer = createSigner(privateKey);
  const currentPublic = createPublicKey(privateKey);
  const keys: PublicKeys = publicKeyMap([currentPublic, ...retired]);
  const publicPem = [
    signer.publicKeyPem,
    ...retired.filter((k) => keyIdOf(k) !== signer.keyId).map((k) => k.export({ type: 'spki', format: 'pem' }).toString()),
  ].join('');
  const writer = new ChainWriter(sql, metrics, logger, { signer, ...deps.writer });
  logger.info({ chainId: writer.chainId, store: describeStore(config), auditKeyId: signer.keyId }, 'audit store ready');
  // checkpoints leave the database: each chain's latest goes to the operational log at a fixed interval
  const logTimer =
    config.audit.checkpointLogIntervalMs > 0
      ? setInterval(() => {
          const cp = writer.lastCheckpoint();
          if (cp) logger.info({ checkpoint: cp }, 'audit checkpoint');
        }, config.audit.checkpointLogIntervalMs)
      : undefined;
  logTimer?.unref();
  let verifying: Promise<IntegrityReport> | undefined;
  let closed = false;

  const record = (entries: AccessRecord[]): Promise<void> => {
    let rows: Unchained[];
    try {
      rows = entries.map((e) => toUnchained(e, subjectHash));
    } catch (err) {
      // a malformed record fails alone; it never reaches (and fails) a shared transaction
      return Promise.reject(err instanceof Error ? err : new AuditStoreError('an access record is malformed'));
    }
    return writer.append(rows);
  };
  // an act that cannot be recorded does not happen: the caller gets AUDIT_UNAVAILABLE
  const recordAct = (act: AccountableAct): Promise<void> =>
    record([actRecord(act)]).catch((err: unknown) => {
      throw err instanceof AuditStoreError ? new AuditUnavailableError() : err;
    });

  return {
    chainId: writer.chainId,
    sql,
    record,
    healthy: () => writer.healthy(),
    commits: () => writer.commits,
    accessLogs: (filter, page) => queryAccessLogs(sql, subjectHash, filter, page),
    ownAccessLog: (subjectHashes, page) => queryOwnAccessLog(sql, subjectHashes, page),
    subjectsWithEntries: (subjectHashes) => subjectsWithEntries(sql, subjectHashes),
    async searchAccessLogs(by, filter, page) {
      // validated first: a malformed filter is refused without an entry; then the search is
      // recorded before it runs, so it is in its own results (totalCount and edges agree)
      buildFilter(filter, subjectHash);
      if (filter?.idNumber || filter?.subjectHash) {
        await recordAct({
          action: 'SEARCH_LOG',
          by,
          idNumber: filter.idNumber ?? null,
          subjectHash: filter.subjectHash ?? null,
          reason: 'search of the access log by person',
        });
      }
      return queryAccessLogs(sql, subjectHash, filter, page);
    },
    recordAct,
    publicKeysPem: () => publicPem,
    latestCheckpoints: () => latestCheckpoints(sql),
    integrity() {
      // concurrent callers share one walk; this gateway pins its own chain's last checkpoint,
      // held in memory where the database cannot reach it
      const own = writer.lastCheckpoint();
      verifying ??= verifyAccessLog(sql, { keys, pinned: own ? [own] : [] }).finally(() => {
        verifying = undefined;
      });
      return verifying;
    },
    async close() {
      if (closed) return;
      closed = true;
      if (logTimer) clearInterval(logTimer);
      await writer.close();
      await verifying?.catch(() => {});
      if (ownsSql) await sql.close().catch(() => {});
    },
  };
}
