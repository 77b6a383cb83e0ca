// Shared by the audit*.test.ts files: the two stores the same suite runs against, an audit
// service in a schema (PostgreSQL) or data directory (embedded) of its own, access records,
// a store wrapper that fails or hangs on demand, and the audit scripts run as a user would.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createAuditService, type AuditService } from '../../src/audit/index';
import type { AccessRecord } from '../../src/audit/types';
import { loadConfig, type Config } from '../../src/config';
import type { Sql, TransactionOptions } from '../../src/db/index';
import { makeSubjectHasher } from '../../src/evidence/subjectHash';
import { createLogger } from '../../src/observability/logger';
import { Metrics } from '../../src/observability/metrics';
import type { WriterOptions } from '../../src/audit/writer';
import { createSigner, loadSigningKey, type CheckpointSigner } from '../../src/audit/signing';
import { DATABASE_URL, isolationName } from '../support/gateway';

export type StoreName = 'postgres' | 'embedded';
export const STORES: StoreName[] = ['postgres', 'embedded'];
export const SUBJECT_KEY = 'test-subject-hash-key';
export const subjectHash = makeSubjectHasher(SUBJECT_KEY);

/** A valid ID number of the built-in data set's shape (check digit right); not a real person. */
export const SOME_ID = '370811201801010012';

export interface StoreEnv {
  DATABASE_URL?: string;
  DATABASE_SCHEMA: string;
  DATA_DIR: string;
}

/**
 * An initialised, empty embedded store, made once per test file and copied for each test:
 * PGlite's first start (initdb) costs seconds, opening a copy a fraction of one.
 */
let template: Promise<string> | undefined;
export function embeddedTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-test-template-'));
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite(join(dir, 'pglite'));
    await db.waitReady;
    await db.close();
    return join(dir, 'pglite');
  })();
  return template;
}

/** Where one test keeps its audit store: a schema of its own, or a data directory of its own. */
export function storeEnv(store: StoreName, label: string): StoreEnv {
  return {
    ...(store === 'postgres' ? { DATABASE_URL } : {}),
    DATABASE_SCHEMA: isolationName(label),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'audit-test-')),
  };
}

/** storeEnv, with the embedded store copied from the template (call before anything opens it). */
export async function preparedStoreEnv(store: StoreName, label: string): Promise<StoreEnv> {
  const env = storeEnv(store, label);
  if (store === 'embedded') {
    const from = await embeddedTemplate();
    if (!existsSync(join(env.DATA_DIR, 'pglite'))) cpSync(from, join(env.DATA_DIR, 'pglite'), { recursive: true });
  }
  return env;
}

/** Removes what a test's store left: its schema (PostgreSQL) and its data directory. */
export async function removeStore(env: StoreEnv): Promise<void> {
  await dropSchema(env);
  rmSync(env.DATA_DIR, { recursive: true, force: true });
}

/** The template's directory, once the file's tests are done. */
export async function removeTemplate(): Promise<void> {
  if (!template) return;
  const dir = await template.catch(() => undefined);
  template = undefined;
  if (dir) rmSync(join(dir, '..'), { recursive: true, force: true });
}

/** The signer a gateway on this store would use (the development key in its DATA_DIR). */
export function signerFor(env: StoreEnv): CheckpointSigner {
  return createSigner(loadSigningKey({ setting: undefined, dataDir: env.DATA_DIR, production: false }));
}

export function configFor(env: StoreEnv): Config {
  return loadConfig({ NODE_ENV: 'test', MOCKS: 'on', SUBJECT_HASH_KEY: SUBJECT_KEY, ...env });
}

export interface OpenService {
  service: AuditService;
  metrics: Metrics;
  env: StoreEnv;
  config: Config;
}

export async function openService(env: StoreEnv, writer?: WriterOptions): Promise<OpenService> {
  const config = configFor(env);
  const metrics = new Metrics(false);
  const service = await createAuditService({ config, subjectHash, metrics, logger: createLogger('silent'), ...(writer ? { writer } : {}) });
  return { service, metrics, env, config };
}

/** Drops a test's schema (PostgreSQL); the embedded store lives in a temp dir. */
export async function dropSchema(env: StoreEnv): Promise<void> {
  if (!env.DATABASE_URL) return;
  await adminQuery(`DROP SCHEMA IF EXISTS ${env.DATABASE_SCHEMA} CASCADE`);
}

/** A superuser's statement on PostgreSQL, outside any gateway pool. */
export async function adminQuery(text: string, params?: unknown[]): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: DATABASE_URL });
  await c.connect();
  try {
    return await c.query(text, params);
  } finally {
    await c.end();
  }
}

let n = 0;
export function access(over: Partial<AccessRecord> = {}): AccessRecord {
  n += 1;
  return {
    at: new Date().toISOString(),
    requestId: `req-${process.pid}-${n}`,
    actorSubject: 'platform-370811',
    actorRole: 'county_platform',
    actorCounty: '370811',
    applicationId: 'APP-1',
    countyCode: '370811',
    idNumber: SOME_ID,
    department: 'police',
    evidence: 'household',
    fields: ['address', 'name'],
    outcome: 'ALLOWED',
    source: 'DEPARTMENT',
    reason: null,
    ...over,
  };
}

export type FaultMode = 'ok' | 'fail' | 'failAfterCommit' | 'stall';

/**
 * The store, with faults on demand: `fail` refuses every transaction, `failAfterCommit` lets the
 * COMMIT land and then reports an error (a lost reply), `stall` holds each transaction before
 * its work until release() (a hang: the caller's timeout fires; the work may land later).
 * `stalled` counts transactions held at the gate now, `unsettled` those stalled and not yet
 * finished (committed or failed), so a test waits for them rather than for a guessed time.
 */
export function faulty(inner: Sql): Sql & { mode: FaultMode; release(): void; stalled: number; unsettled: number } {
  let gate: { promise: Promise<void>; open(): void } | undefined;
  const newGate = () => {
    let open!: () => void;
    const promise = new Promise<void>((r) => (open = r));
    return { promise, open };
  };
  const wrapper = {
    mode: 'ok' as FaultMode,
    stalled: 0,
    unsettled: 0,
    kind: inner.kind,
    query: <T>(text: string, params?: unknown[]) => inner.query<T>(text, params),
    exec: (text: string) => inner.exec(text),
    close: () => inner.close(),
    release() {
      gate?.open();
      gate = undefined;
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>, opts?: TransactionOptions): Promise<T> {
      const mode = wrapper.mode;
      if (mode === 'fail') throw Object.assign(new Error('injected: the store refuses'), { code: '57P01' });
      if (mode === 'stall') {
        gate ??= newGate();
        const g = gate.promise;
        wrapper.unsettled++;
        try {
          return await inner.transaction(async (tx) => {
            wrapper.stalled++;
            await g;
            wrapper.stalled--;
            return fn(tx);
          }, opts);
        } finally {
          wrapper.unsettled--;
        }
      }
      const result = await inner.transaction(fn, opts);
      if (mode === 'failAfterCommit') throw Object.assign(new Error('injected: connection lost after COMMIT'), { code: '08006' });
      return result;
    },
  };
  return wrapper;
}

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of scripts/*.ts with the test's store settings, as `npm run …` would. */
export function runScript(script: string, env: StoreEnv, args: string[] = []): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), [join('scripts', script), ...args], {
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        ...(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {}),
        DATABASE_SCHEMA: env.DATABASE_SCHEMA,
        DATA_DIR: env.DATA_DIR,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
