// A gateway started in this process, speaking HTTP, with the mock departments intercepted
// by msw (any request to a department that no handler answers fails the test). Tests talk
// to it as a county platform would: a signed token and a GraphQL body over HTTP.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setupServer, type SetupServer } from 'msw/node';
import { createApp, type App, type AppOverrides } from '../../src/app';
import { devTokenSigner } from '../../src/auth/devKeys';
import type { Role } from '../../src/auth/viewer';
import { loadConfig, DEPARTMENT_ENV, type Config } from '../../src/config';
import { STAND_IN_APP_KEY, standInDepartmentSecret } from '../../mocks/standInCredentials';
import { DEPARTMENTS, type Department } from '../../src/evidence/kinds';
import type { Dataset } from '../../src/evidence/records';
import { createLogger, type Logger } from '../../src/observability/logger';
import { startGateway, type Gateway } from '../../src/server';
import { buildBuiltinDataset, builtinScenarioSummaries, type Scenario, type ScenarioSummary } from '../../mocks/data/families';
import { MockDepartments, type MockOptions } from '../../mocks/departments';
import { departmentHandlers } from '../../mocks/handlers/index';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEPARTMENT_HOST = 'http://departments.test';

let msw: SetupServer | undefined;
let mswUsers = 0;

/** One msw interceptor per test file; gateways started in it share it. */
function interceptDepartments(mock: MockDepartments, summaries: () => ScenarioSummary[]): SetupServer {
  const handlers = departmentHandlers(mock, summaries);
  if (!msw) {
    const server = setupServer(...handlers);
    msw = server;
    server.listen({
      onUnhandledRequest(request, print) {
        // the test's own calls to the gateway on loopback are not departments
        if (new URL(request.url).hostname === '127.0.0.1') return;
        print.error();
      },
    });
  } else {
    msw.resetHandlers(...handlers);
  }
  mswUsers++;
  return msw;
}

function releaseInterceptor(): void {
  if (--mswUsers === 0) {
    msw?.close();
    msw = undefined;
  }
}

export interface TestGatewayOptions {
  /** extra environment, as a user would set it (REDIS_URL, DATABASE_URL, ...) */
  env?: Record<string, string | undefined>;
  dataset?: Dataset;
  mock?: MockOptions;
  overrides?: AppOverrides;
  /** a PostgreSQL schema / key prefix unique to this test */
  isolation?: string;
  /** a port chosen beforehand (e.g. one an OpenID provider must redirect to); default: any free one */
  port?: number;
  /** the built-in families' school year; default: the one whose season is open today (real clock) */
  schoolYear?: number;
}

export interface TestGateway {
  url: string;
  app: App;
  config: Config;
  gateway: Gateway;
  mock: MockDepartments;
  scenarios: Scenario[];
  token(claims: { role: Role; county?: string; idNumber?: string; sub?: string }): Promise<string>;
  /** POST /graphql; returns the status, the gateway's request id (x-request-id) and the parsed body */
  graphql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    opts?: { token?: string | null; headers?: Record<string, string> },
  ): Promise<{ status: number; requestId: string; body: { data?: T; errors?: any[] } }>;
  /** department calls since the last reset, as GET /__mock/stats reports them */
  stats(): Record<Department, { requests: number; ids: number }>;
  close(): Promise<void>;
}

export async function startTestGateway(opts: TestGatewayOptions = {}): Promise<TestGateway> {
  const built = buildBuiltinDataset(opts.schoolYear);
  const mock = new MockDepartments(opts.dataset ?? built.dataset, opts.mock);
  interceptDepartments(mock, () => builtinScenarioSummaries(opts.schoolYear));

  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-test-'));
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    MOCKS: 'off',
    // the departments are msw on this process's own "network": a test run as production speaks http:// to them
    ALLOW_HTTP_ON_INTERNAL_NETWORK: '1',
    SUBJECT_HASH_KEY: 'test-subject-hash-key',
    CACHE_ENCRYPTION_KEY: `t1:${Buffer.alloc(32, 7).toString('base64')}`,
    ...Object.fromEntries(DEPARTMENTS.map((d) => [`${DEPARTMENT_ENV[d]}_URL`, `${DEPARTMENT_HOST}/${d}`])),
    ...(opts.isolation ? { DATABASE_SCHEMA: opts.isolation, CACHE_KEY_PREFIX: `${opts.isolation}:` } : {}),
    ...opts.env,
  };
  let config: Config;
  let app: App;
  try {
    config = loadConfig(env);
    app = await createApp(config, {
      logger: createLogger('silent'),
      ...opts.overrides,
    });
  } catch (err) {
    releaseInterceptor();
    throw err;
  }
  const gateway = await startGateway(app, { port: opts.port ?? 0, host: '127.0.0.1' });
  const sign = await devTokenSigner(dataDir, config.jwt);

  return {
    url: gateway.url,
    app,
    config,
    gateway,
    mock,
    scenarios: built.scenarios,
    token: (claims) => sign(claims, { sub: claims.sub ?? `test-${claims.role}`, ttl: '10m' }),
    async graphql(query, variables, o = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      const res = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return { status: res.status, requestId: res.headers.get('x-request-id') ?? '', body: (await res.json()) as any };
    },
    stats: () => structuredClone(mock.stats),
    async close() {
      await gateway.stop();
      await app.close();
      releaseInterceptor();
      // the embedded audit store alone is tens of MB per gateway
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What NODE_ENV=production demands, for a test gateway that must behave as production does
 * (no development keys: tokens are verified with `publicKeyPem`; the access log on PostgreSQL
 * in the test's own schema; the mock departments' credentials given as real ones would be).
 */
export function productionEnv(isolation: string, publicKeyPem: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL,
    DATABASE_SCHEMA: isolation,
    JWT_PUBLIC_KEY: publicKeyPem,
    DEPARTMENT_APP_KEY: STAND_IN_APP_KEY,
    ...Object.fromEntries(DEPARTMENTS.map((d) => [`${DEPARTMENT_ENV[d]}_APP_SECRET`, standInDepartmentSecret(d)])),
    // production signs the access log's checkpoints with a key it is given, never a generated one
    AUDIT_SIGNING_KEY: testAuditSigningKey(),
  };
}

let auditSigningKey: string | undefined;
/** One Ed25519 key per test process, as a production gateway is given one. */
function testAuditSigningKey(): string {
  auditSigningKey ??= generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return auditSigningKey;
}

/** Every evidence field of Person with every field of its type: the "whole family" query. */
export const ALL_EVIDENCE_FIELDS = `
  idNumber
  household { idNumber name gender birthDate ethnicity nativePlace regionCode regionName address issuingAuthority householdType householdNumber headOfHouseholdName relationToHeadCode relationToHeadName provenance { department retrievedAt fromCache } }
  residencePermits { idNumber name gender ethnicity registeredResidence currentAddress issuingAuthority validFrom validUntil regionCode provenance { department retrievedAt fromCache } }
  properties { holderName holderIdNumber certificateNumber rightType rightNature registeredOn regionCode location usage status coOwnership { mode coOwners { name idNumber share } } provenance { department retrievedAt fromCache } }
  purchaseContracts { contractNumber buyerName buyerIdNumber coOwnership { mode coOwners { name idNumber share } } signedAt agreedDeliveryDate regionCode location plannedUsage provenance { department retrievedAt fromCache } }
  leaseFilings { filingNumber lessorName lessorIdNumber lesseeName lesseeIdNumber regionCode location propertyCertificateNumber leaseStart leaseEnd provenance { department retrievedAt fromCache } }
  subsidizedHousing { regionCode address members { relationToPrimaryApplicant name idNumber } contractStatus reviewStatus contractStart subsidyType contractEnd applicationCertificateNumber provenance { department retrievedAt fromCache } }
  individualBusinesses { operatorName operatorIdNumber creditCode establishedOn businessAddress regionCode provenance { department retrievedAt fromCache } }
  enterprises { enterpriseName creditCode licenseName legalRepresentativeName registeredOn registeredAddress regionCode provenance { department retrievedAt fromCache } }
  socialInsurance { idNumber name employerName period insuranceType regionCode provenance { department retrievedAt fromCache } }
  marriages { husbandIdNumber husbandName wifeIdNumber wifeName registeredOn status provenance { department retrievedAt fromCache } }
  birthCertificates { certificateNumber childName birthDate fatherName fatherIdNumber motherName motherIdNumber provenance { department retrievedAt fromCache } }
`;

export const PEOPLE_QUERY = `query Family($ids: [String!]!, $purpose: Purpose!) { people(idNumbers: $ids, purpose: $purpose) { ${ALL_EVIDENCE_FIELDS} } }`;
export const PERSON_QUERY = `query One($id: String!, $purpose: Purpose!) { person(idNumber: $id, purpose: $purpose) { ${ALL_EVIDENCE_FIELDS} } }`;

/** A unique, SQL- and Redis-safe name for one test's schema / key prefix. */
export function isolationName(label: string): string {
  return `t_${label
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase()
    .slice(0, 30)}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/** A logger whose lines a test reads: parsed, and as written (to check nothing leaks into them). */
export function capturedLogger(): { logger: Logger; lines: Record<string, unknown>[]; text: string[] } {
  const lines: Record<string, unknown>[] = [];
  const text: string[] = [];
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _enc, done) {
        text.push(chunk.toString());
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    }),
  );
  return { logger, lines, text };
}
