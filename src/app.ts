// The gateway's long-lived parts, built once at start-up and shared by every request:
// configuration, department fetchers, cache, audit, token verifier, schema, metrics.
// Per-request parts (viewer, loaders, logger child) are built in context.ts.
import type { GraphQLSchema } from 'graphql';
import { createEvidenceFetchers } from '../connectors/index';
import type { AttemptWrapper } from '../connectors/http';
import type { EvidenceFetchers } from '../connectors/types';
import { buildResolvers } from '../resolvers/index';
import { createAuditService, type AuditService } from './audit/index';
import { ensureDevKeys } from './auth/devKeys';
import { applySecurity, securityOf } from './auth/index';
import { loadCountyConsentPolicy } from './auth/countyPolicy';
import { createTokenVerifier, type TokenVerifier } from './auth/jwt';
import type { Config } from './config';
import { ensureDevSecrets } from './devSecrets';
import type { Sql } from './db/index';
import { createSqlConsentStore } from './auth/consentStore';
import { openGatewayDatabase } from './stores';
import { createApplicationStore, type ApplicationStore } from './applications/store';
import { createSubjectBudgets, type SubjectBudgets } from './resilience/subjectBudget';
import { createEvidenceCache } from './evidence/cache/index';
import type { EvidenceCache } from './evidence/cache/types';
import { InflightFetches } from './evidence/reader';
import { makeSubjectHasher, type SubjectHasher } from './evidence/subjectHash';
import { createLogger, type Logger } from './observability/logger';
import { Metrics } from './observability/metrics';
import { createDepartmentGuards, type DepartmentGuards } from './resilience/departments';
import { buildExecutableSchema } from './schema';
import { loadPolicies } from './verification/policy';

export interface App {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  /** per-department circuit breakers and rate limits (their states feed /readyz and metrics) */
  guards: DepartmentGuards;
  fetchers: EvidenceFetchers;
  cache: EvidenceCache;
  /** the one database handle: access log, consents, applications */
  sql: Sql;
  audit: AuditService;
  inflight: InflightFetches;
  subjectHash: SubjectHasher;
  tokens: TokenVerifier;
  schema: GraphQLSchema;
  /** registered applications (the unit of access) */
  applications: ApplicationStore;
  /** per-subject hourly budgets: distinct persons, registrations */
  budgets: SubjectBudgets;
  /** the clock applications are registered and expire by */
  now(): Date;
  close(): Promise<void>;
}

export interface AppOverrides {
  logger?: Logger;
  /** e.g. a circuit breaker around every department attempt */
  wrapAttempt?: AttemptWrapper;
  fetchers?: EvidenceFetchers;
  cache?: EvidenceCache;
  audit?: AuditService;
  tokens?: TokenVerifier;
  /** the clock of application seasons (tests of the built-in families' school year) */
  applicationClock?: () => Date;
}

export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  // verification policies are validated first: a bad policy file stops start-up with one line
  loadPolicies();
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const metrics = new Metrics();
  if (config.plainHttpSettings.length > 0)
    logger.warn(
      { settings: config.plainHttpSettings },
      'ALLOW_HTTP_ON_INTERNAL_NETWORK: identity keys or department data travel over http://, unencrypted',
    );
  const dev = config.production ? undefined : ensureDevSecrets(config.dataDir);
  const subjectHashKey = config.subjectHashKey ?? dev?.subjectHashKey;
  const cacheEncryptionKey = config.cacheEncryptionKey ?? dev?.cacheEncryptionKey;
  if (!subjectHashKey || !cacheEncryptionKey) throw new Error('SUBJECT_HASH_KEY and CACHE_ENCRYPTION_KEY are required');
  const subjectHash = makeSubjectHasher(subjectHashKey);

  const devKeys = config.production || config.jwt.jwksUrl || config.jwt.publicKeyPem ? undefined : await ensureDevKeys(config.dataDir);
  const tokens = overrides.tokens ?? (await createTokenVerifier(config.jwt, devKeys?.publicKeyPem));
  const guards = createDepartmentGuards({
    breaker: config.breaker,
    ratePerSecond: Object.fromEntries(Object.entries(config.departments).map(([d, c]) => [d, c.ratePerSecond])) as Record<
      keyof typeof config.departments,
      number
    >,
    maxRateWaitMs: 1000,
    metrics,
    onStateChange: (department, state) => logger.warn({ department, breaker: state }, 'circuit breaker'),
  });
  const fetchers =
    overrides.fetchers ?? createEvidenceFetchers(config.departments, metrics.onDepartmentCall, overrides.wrapAttempt ?? guards.wrapAttempt);
  const sql = await openGatewayDatabase(config);
  let cache: EvidenceCache;
  let audit: AuditService;
  try {
    cache = overrides.cache ?? (await createEvidenceCache({ config, cacheEncryptionKey, subjectHash, metrics, logger }));
    try {
      audit = overrides.audit ?? (await createAuditService({ config, subjectHash, metrics, logger, sql }));
    } catch (err) {
      await cache.close().catch(() => {});
      throw err;
    }
  } catch (err) {
    await sql.close().catch(() => {});
    guards.close();
    throw err;
  }
  const applications = createApplicationStore(sql);
  const budgets = createSubjectBudgets(config, logger);
  const now = overrides.applicationClock ?? (() => new Date());
  const policy = config.countyConsentPolicyPath ? loadCountyConsentPolicy(config.countyConsentPolicyPath) : undefined;
  const schema = applySecurity(buildExecutableSchema(buildResolvers()), {
    config,
    subjectHash,
    policy,
    consents: createSqlConsentStore(sql),
    applications,
    budgets,
    now,
  });

  return {
    config,
    logger,
    metrics,
    guards,
    fetchers,
    cache,
    sql,
    audit,
    inflight: new InflightFetches(),
    subjectHash,
    tokens,
    schema,
    applications,
    budgets,
    now,
    async close() {
      guards.close();
      await Promise.allSettled([cache.close(), audit.close(), securityOf(schema)?.close(), budgets.close()]);
      // after the access log has flushed its last entries
      await sql.close().catch(() => {});
    },
  };
}
