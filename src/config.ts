// Configuration is environment variables, validated once at start-up (README, "Configuration").
// Development gets embedded defaults; production refuses to start on anything missing, with
// one clear line, rather than falling back silently.
import { z } from 'zod';
import { DEV_APP_KEY, devDepartmentSecret } from '../connectors/devCredentials';
import { DEFAULT_POLICY, type DepartmentPolicy } from '../connectors/http';
import { DEPARTMENTS, EVIDENCE, EVIDENCE_NAMES, type Department, type EvidenceName } from './evidence/kinds';
import { existingDevSecrets } from './devSecrets';
import { DEFAULT_BREAKER, type BreakerPolicy } from './resilience/departments';

/** Env var prefix per department: POLICE_URL, CIVIL_AFFAIRS_URL, ... */
export const DEPARTMENT_ENV: Record<Department, string> = {
  police: 'POLICE',
  civilAffairs: 'CIVIL_AFFAIRS',
  humanResources: 'HUMAN_RESOURCES',
  naturalResources: 'NATURAL_RESOURCES',
  housing: 'HOUSING',
  health: 'HEALTH',
  marketRegulation: 'MARKET_REGULATION',
};

/** Seconds a cached answer stays fresh, per kind: the EVIDENCE registry's cacheTtlSeconds. */
export const DEFAULT_CACHE_TTL = Object.fromEntries(EVIDENCE_NAMES.map((n) => [n, EVIDENCE[n].cacheTtlSeconds])) as Record<
  EvidenceName,
  number
>;
export const DEFAULT_NO_RECORD_TTL = 600;
/** 12 h: a working day with margin; the identity platform's tokens are far shorter */
export const DEFAULT_MAX_TOKEN_LIFETIME_SEC = 12 * 3600;

export interface DepartmentConfig {
  baseUrl: string;
  appKey: string;
  secret: string;
  policy: DepartmentPolicy;
  /** calls per second this gateway sends the department at most (token bucket); 0 = no limit */
  ratePerSecond: number;
}

/** Our own ceiling per department (<DEPT>_RATE_PER_SECOND): generous, under what each allows. humanResources publishes 100/s. */
export const DEFAULT_RATE_PER_SECOND: Record<Department, number> = {
  police: 500,
  civilAffairs: 500,
  humanResources: 80,
  naturalResources: 500,
  housing: 500,
  health: 500,
  marketRegulation: 500,
};

export interface Config {
  production: boolean;
  host: string;
  port: number;
  /** where development keys and the embedded audit store live */
  dataDir: string;
  redisUrl: string | undefined;
  databaseUrl: string | undefined;
  /** PostgreSQL schema for the gateway's tables (tests isolate themselves with one each) */
  databaseSchema: string | undefined;
  /** prepended to every cache key, so gateways (or tests) can share one Redis */
  cacheKeyPrefix: string;
  /** a county -> "statutory" | "consent" file; unset: src/auth/countyConsentPolicy.json */
  countyConsentPolicyPath: string | undefined;
  jwt: {
    jwksUrl: string | undefined;
    publicKeyPem: string | undefined;
    issuer: string;
    audience: string;
    clockToleranceSec: number;
    /** the longest a token may be valid for (exp - iat, or exp - now without iat) */
    maxLifetimeSec: number;
  };
  departments: Record<Department, DepartmentConfig>;
  /** base64 of 32 bytes; `id:key,id:key` for rotation (the first seals, all open) */
  cacheEncryptionKey: string | undefined;
  subjectHashKey: string | undefined;
  cacheTtl: Record<EvidenceName, number>;
  /** Redis: the longest a cache command may take before the batch is served uncached */
  cacheCommandTimeoutMs: number;
  /** in-process cache: the most entries kept */
  cacheMemoryMaxEntries: number;
  /** Redis values kept opened in the process (src/evidence/cache/opened.ts); 0 opens every read */
  cacheOpenedMaxEntries: number;
  noRecordTtl: number;
  rateLimitPerMinute: number;
  /** the whole request's budget; a department costs at most its own timeout within it */
  requestTimeoutMs: number;
  /** circuit breaker per department (BREAKER_*) */
  breaker: BreakerPolicy;
  /** on SIGTERM: how long in-flight requests may run before their connections are cut */
  shutdownDrainMs: number;
  mock: { enabled: boolean; port: number; dataPath: string | undefined; latencyMs: number };
  logLevel: string;
  /** the auditor console's sign-in through the identity platform (CONSOLE_OIDC_*); unset: development sign-in only */
  consoleOidc: ConsoleOidcConfig | undefined;
  /** production settings naming an http:// URL, allowed by ALLOW_HTTP_ON_INTERNAL_NETWORK (warned about at start) */
  plainHttpSettings: string[];
  /** the access log's signed checkpoints (README, "The access log") */
  audit: AuditSigningConfig;
  applications: ApplicationsConfig;
}

export interface AuditSigningConfig {
  /** AUDIT_SIGNING_KEY: Ed25519 private key as PEM text or a file path; unset outside production: generated into DATA_DIR */
  signingKey: string | undefined;
  /** AUDIT_RETIRED_PUBLIC_KEYS: PEM files of earlier signing keys, so their checkpoints still verify */
  retiredPublicKeys: string[];
  /** AUDIT_CHECKPOINT_LOG_INTERVAL_MS: how often each chain's latest checkpoint goes to the operational log (0: never) */
  checkpointLogIntervalMs: number;
}

/** Applications and the per-subject budgets (README, "Who may see what"). */
export interface ApplicationsConfig {
  /** month-day (MM-DD, Beijing time) the enrollment season of a school year ends, per county; `default` for the others */
  seasonEnd: Record<string, string>;
  /** distinct persons one token subject may read per hour */
  personsPerHour: number;
  /** applications one token subject may register per hour */
  registrationsPerHour: number;
}

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** APPLICATION_SEASON_END: `09-30` or `09-30,370811=08-31` (a default, then county=MM-DD). */
function parseSeasonEnd(value: string | undefined): Record<string, string> {
  const out: Record<string, string> = { default: '09-30' };
  if (!value) return out;
  for (const part of value.split(',').map((p) => p.trim())) {
    const [county, monthDay] = part.includes('=') ? part.split('=', 2) : ['default', part];
    if (!(county === 'default' || /^\d{6}$/.test(county!)) || !MONTH_DAY.test(monthDay ?? ''))
      throw new ConfigError('APPLICATION_SEASON_END must be MM-DD or a list of MM-DD and COUNTY=MM-DD, e.g. 09-30,370811=08-31');
    out[county!] = monthDay!;
  }
  return out;
}

export interface ConsoleOidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** where the identity platform sends the browser back: <gateway origin>/console/oidc/callback */
  redirectUrl: string;
}

export class ConfigError extends Error {}

const intFrom = (name: string, def: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

/** Reads and checks the environment; throws ConfigError with one line naming what is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const parse = <T>(schema: z.ZodType<T>, value: string | undefined): T => {
    const r = schema.safeParse(value);
    if (!r.success) throw new ConfigError(r.error.issues[0]?.message ?? 'invalid configuration');
    return r.data;
  };
  const port = parse(intFrom('PORT', 4000, 0, 65535), env.PORT);
  const mockPort = parse(intFrom('MOCK_PORT', 4010, 0, 65535), env.MOCK_PORT);
  const url = (name: string) => {
    const v = env[name];
    if (v === undefined || v === '') return undefined;
    try {
      new URL(v);
    } catch {
      throw new ConfigError(`${name} is not a URL`);
    }
    return v;
  };

  const mockEnabled = !production && env.MOCKS !== 'off';
  const departments = {} as Record<Department, DepartmentConfig>;
  for (const d of DEPARTMENTS) {
    const p = DEPARTMENT_ENV[d];
    const baseUrl = url(`${p}_URL`) ?? (mockEnabled ? `http://127.0.0.1:${mockPort}/${d}` : undefined);
    if (!baseUrl)
      throw new ConfigError(
        `${p}_URL is not set: the ${d} department's base URL is required${production ? ' in production' : ' when MOCKS=off'}`,
      );
    const secret = env[`${p}_APP_SECRET`] || (production ? undefined : devDepartmentSecret(d));
    if (!secret) throw new ConfigError(`${p}_APP_SECRET is not set: production needs each department's signing secret`);
    departments[d] = {
      baseUrl,
      appKey: env.DEPARTMENT_APP_KEY || (production ? '' : DEV_APP_KEY),
      secret,
      policy: {
        timeoutMs: parse(
          intFrom(`${p}_TIMEOUT_MS`, parse(intFrom('DEPARTMENT_TIMEOUT_MS', DEFAULT_POLICY.timeoutMs, 1), env.DEPARTMENT_TIMEOUT_MS), 1),
          env[`${p}_TIMEOUT_MS`],
        ),
        retries: parse(intFrom(`${p}_RETRIES`, DEFAULT_POLICY.retries, 0, 10), env[`${p}_RETRIES`]),
        retryBaseMs: DEFAULT_POLICY.retryBaseMs,
        maxRetryAfterMs: DEFAULT_POLICY.maxRetryAfterMs,
        concurrency: parse(intFrom(`${p}_CONCURRENCY`, DEFAULT_POLICY.concurrency, 1, 1000), env[`${p}_CONCURRENCY`]),
      },
      ratePerSecond: parse(intFrom(`${p}_RATE_PER_SECOND`, DEFAULT_RATE_PER_SECOND[d], 0, 100_000), env[`${p}_RATE_PER_SECOND`]),
    };
  }
  if (production && !env.DEPARTMENT_APP_KEY) throw new ConfigError("DEPARTMENT_APP_KEY is not set: production needs the gateway's app key");

  const jwksUrl = url('JWKS_URL');
  const publicKeyPem = env.JWT_PUBLIC_KEY || undefined;
  if (production && !jwksUrl && !publicKeyPem)
    throw new ConfigError('JWKS_URL or JWT_PUBLIC_KEY must be set in production: development keys are refused');
  if (production && !env.SUBJECT_HASH_KEY) throw new ConfigError('SUBJECT_HASH_KEY must be set in production');
  if (production && env.REDIS_URL && !env.CACHE_ENCRYPTION_KEY)
    throw new ConfigError('CACHE_ENCRYPTION_KEY must be set in production when REDIS_URL is set');
  if (production && !env.DATABASE_URL) throw new ConfigError('DATABASE_URL must be set in production: the audit store is PostgreSQL');
  if (production && !env.AUDIT_SIGNING_KEY)
    throw new ConfigError('AUDIT_SIGNING_KEY must be set in production: the access log is signed with it');

  if (production) refuseDevelopmentSecrets(env, departments);
  const plainHttpSettings = production ? plainHttpUrls(env) : [];

  const cacheTtl = { ...DEFAULT_CACHE_TTL };
  for (const name of Object.keys(cacheTtl) as EvidenceName[]) {
    const key = `CACHE_TTL_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
    cacheTtl[name] = parse(intFrom(key, cacheTtl[name], 0), env[key]);
  }

  const oidcVars = ['CONSOLE_OIDC_ISSUER', 'CONSOLE_OIDC_CLIENT_ID', 'CONSOLE_OIDC_CLIENT_SECRET', 'CONSOLE_OIDC_REDIRECT_URL'];
  const oidcMissing = oidcVars.filter((v) => !env[v]);
  if (oidcMissing.length > 0 && oidcMissing.length < oidcVars.length)
    throw new ConfigError(`${oidcMissing.join(', ')} not set: the console's OpenID Connect sign-in needs all of ${oidcVars.join(', ')}`);
  const consoleOidc =
    oidcMissing.length === 0
      ? {
          issuer: url('CONSOLE_OIDC_ISSUER')!,
          clientId: env.CONSOLE_OIDC_CLIENT_ID!,
          clientSecret: env.CONSOLE_OIDC_CLIENT_SECRET!,
          redirectUrl: url('CONSOLE_OIDC_REDIRECT_URL')!,
        }
      : undefined;

  return {
    production,
    host: env.HOST || '127.0.0.1',
    port,
    dataDir: env.DATA_DIR || './data',
    redisUrl: url('REDIS_URL'),
    databaseUrl: url('DATABASE_URL'),
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    cacheKeyPrefix: env.CACHE_KEY_PREFIX || '',
    countyConsentPolicyPath: env.COUNTY_CONSENT_POLICY || undefined,
    jwt: {
      jwksUrl,
      publicKeyPem,
      issuer: env.JWT_ISSUER || 'https://identity.dev.jining.invalid',
      audience: env.JWT_AUDIENCE || 'jining-enrollment-gateway',
      clockToleranceSec: parse(intFrom('JWT_CLOCK_TOLERANCE_SEC', 30, 0, 300), env.JWT_CLOCK_TOLERANCE_SEC),
      maxLifetimeSec: parse(intFrom('JWT_MAX_LIFETIME_SEC', DEFAULT_MAX_TOKEN_LIFETIME_SEC, 60, 7 * 24 * 3600), env.JWT_MAX_LIFETIME_SEC),
    },
    departments,
    cacheEncryptionKey: env.CACHE_ENCRYPTION_KEY || undefined,
    subjectHashKey: env.SUBJECT_HASH_KEY || undefined,
    cacheTtl,
    cacheCommandTimeoutMs: parse(intFrom('CACHE_COMMAND_TIMEOUT_MS', 250, 10, 10_000), env.CACHE_COMMAND_TIMEOUT_MS),
    cacheMemoryMaxEntries: parse(intFrom('CACHE_MEMORY_MAX_ENTRIES', 100_000, 100, 10_000_000), env.CACHE_MEMORY_MAX_ENTRIES),
    cacheOpenedMaxEntries: parse(intFrom('CACHE_OPENED_MAX_ENTRIES', 20_000, 0, 10_000_000), env.CACHE_OPENED_MAX_ENTRIES),
    noRecordTtl: parse(intFrom('CACHE_TTL_NO_RECORD', DEFAULT_NO_RECORD_TTL, 0), env.CACHE_TTL_NO_RECORD),
    rateLimitPerMinute: parse(intFrom('RATE_LIMIT_PER_MINUTE', 600, 1), env.RATE_LIMIT_PER_MINUTE),
    requestTimeoutMs: parse(intFrom('REQUEST_TIMEOUT_MS', 10_000, 100), env.REQUEST_TIMEOUT_MS),
    breaker: {
      errorThresholdPercentage: parse(
        intFrom('BREAKER_ERROR_PERCENT', DEFAULT_BREAKER.errorThresholdPercentage, 1, 100),
        env.BREAKER_ERROR_PERCENT,
      ),
      volumeThreshold: parse(intFrom('BREAKER_VOLUME', DEFAULT_BREAKER.volumeThreshold, 1, 10_000), env.BREAKER_VOLUME),
      windowMs: parse(intFrom('BREAKER_WINDOW_MS', DEFAULT_BREAKER.windowMs, 100, 600_000), env.BREAKER_WINDOW_MS),
      resetMs: parse(intFrom('BREAKER_RESET_MS', DEFAULT_BREAKER.resetMs, 10, 600_000), env.BREAKER_RESET_MS),
    },
    shutdownDrainMs: parse(intFrom('SHUTDOWN_DRAIN_MS', 10_000, 0, 600_000), env.SHUTDOWN_DRAIN_MS),
    mock: {
      enabled: mockEnabled,
      port: mockPort,
      dataPath: env.MOCK_DATA || undefined,
      latencyMs: parse(intFrom('MOCK_LATENCY_MS', 0, 0), env.MOCK_LATENCY_MS),
    },
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    consoleOidc,
    plainHttpSettings,
    audit: {
      signingKey: env.AUDIT_SIGNING_KEY || undefined,
      retiredPublicKeys: (env.AUDIT_RETIRED_PUBLIC_KEYS ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
      checkpointLogIntervalMs: parse(
        intFrom('AUDIT_CHECKPOINT_LOG_INTERVAL_MS', 60_000, 0, 86_400_000),
        env.AUDIT_CHECKPOINT_LOG_INTERVAL_MS,
      ),
    },
    applications: {
      seasonEnd: parseSeasonEnd(env.APPLICATION_SEASON_END),
      personsPerHour: parse(intFrom('BUDGET_PERSONS_PER_HOUR', 300, 1), env.BUDGET_PERSONS_PER_HOUR),
      registrationsPerHour: parse(intFrom('BUDGET_REGISTRATIONS_PER_HOUR', 120, 1), env.BUDGET_REGISTRATIONS_PER_HOUR),
    },
  };
}

/**
 * The development credentials are in this repository for anyone to read: a production gateway
 * signing with them, or hashing subjects with a DATA_DIR's development key, is not keeping
 * anything secret. Refused without an opt-out.
 */
function refuseDevelopmentSecrets(env: NodeJS.ProcessEnv, departments: Record<Department, DepartmentConfig>): void {
  if (env.DEPARTMENT_APP_KEY === DEV_APP_KEY)
    throw new ConfigError('DEPARTMENT_APP_KEY is the development app key: production needs the one the departments issued');
  for (const d of DEPARTMENTS) {
    if (departments[d].secret === devDepartmentSecret(d))
      throw new ConfigError(`${DEPARTMENT_ENV[d]}_APP_SECRET is the development secret: production needs the one the department issued`);
  }
  const dev = existingDevSecrets(env.DATA_DIR || './data');
  if (dev && env.SUBJECT_HASH_KEY === dev.subjectHashKey)
    throw new ConfigError('SUBJECT_HASH_KEY is the development key from DATA_DIR/dev-secrets.json: production needs its own');
  if (dev && env.CACHE_ENCRYPTION_KEY === dev.cacheEncryptionKey)
    throw new ConfigError('CACHE_ENCRYPTION_KEY is the development key from DATA_DIR/dev-secrets.json: production needs its own');
}

/**
 * JWKS and the departments over http:// can be read and rewritten on the way: a forged key set
 * mints any token, a rewritten answer changes a family's verification. Refused in production
 * unless ALLOW_HTTP_ON_INTERNAL_NETWORK=1 says the network itself is trusted; the settings it
 * let through are returned, for one warning at start-up.
 */
function plainHttpUrls(env: NodeJS.ProcessEnv): string[] {
  const settings = ['JWKS_URL', ...DEPARTMENTS.map((d) => `${DEPARTMENT_ENV[d]}_URL`)].filter((name) => /^http:/i.test(env[name] ?? ''));
  if (settings.length === 0) return [];
  if (!/^(1|true)$/i.test(env.ALLOW_HTTP_ON_INTERNAL_NETWORK ?? ''))
    throw new ConfigError(
      `${settings.join(', ')} ${settings.length === 1 ? 'is' : 'are'} http://: production needs https:// (or ALLOW_HTTP_ON_INTERNAL_NETWORK=1 on a trusted internal network)`,
    );
  return settings;
}

/** For commands: the configuration, or one line naming what is wrong and exit 2. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`configuration: ${err.message}`);
    process.exit(2);
  }
}
