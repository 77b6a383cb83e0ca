// One SQL dialect for both stores: PostgreSQL through `pg` when DATABASE_URL is set, and
// PGlite (PostgreSQL compiled to WebAssembly) embedded under DATA_DIR when it is not, so the
// same migrations and queries run in development, tests and production.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { lockStore } from './lock';
import { migrate, type MigrationSet } from './migrate';

export { DatabaseInUseError } from './lock';

export interface TransactionOptions {
  /**
   * Give up after this long: the promise rejects with DatabaseTimeoutError. On PostgreSQL the
   * connection is destroyed, so the server rolls the transaction back (unless COMMIT already
   * reached it: callers that care re-read what was committed).
   */
  timeoutMs?: number;
  /** a consistent snapshot for multi-statement reads */
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
  readOnly?: boolean;
}

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** several statements without parameters (migrations) */
  exec(text: string): Promise<void>;
  /** runs fn in one transaction; rolls back when it throws */
  transaction<T>(fn: (tx: Sql) => Promise<T>, opts?: TransactionOptions): Promise<T>;
  readonly kind: 'postgres' | 'embedded';
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** for the embedded store: a directory, or undefined for in-memory */
  dataDir?: string;
  /** a PostgreSQL schema to work in (tests use one each, so they can run side by side) */
  schema?: string;
  /** pool size for PostgreSQL */
  max?: number;
  /** per statement, PostgreSQL only (default 5000 ms; 0 turns it off, e.g. for the archive script) */
  statementTimeoutMs?: number;
}

export class DatabaseTimeoutError extends Error {
  constructor(ms: number) {
    super(`database transaction did not finish within ${ms} ms`);
    this.name = 'DatabaseTimeoutError';
  }
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDatabase(opts: DatabaseOptions): Promise<Sql> {
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema)) throw new Error('schema name must be a lower-case SQL identifier');
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openEmbedded(opts);
}

function beginStatement(opts: TransactionOptions | undefined): string {
  let s = 'BEGIN';
  if (opts?.isolation) s += ` ISOLATION LEVEL ${opts.isolation.toUpperCase()}`;
  if (opts?.readOnly) s += ' READ ONLY';
  return s;
}

function withTimeout<T>(work: Promise<T>, ms: number | undefined, onTimeout: () => void): Promise<T> {
  if (!ms) return work;
  return new Promise<T>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      onTimeout();
      reject(new DatabaseTimeoutError(ms));
    }, ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolvePromise(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

async function openPostgres(url: string, opts: DatabaseOptions): Promise<Sql> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 3000,
    // a statement that hangs must not hold a request forever
    statement_timeout: opts.statementTimeoutMs ?? 5000,
    // a client that dies mid-transaction must not hold locks or snapshots for long
    idle_in_transaction_session_timeout: 60_000,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  // an idle client that dies (database restart) must not crash the process
  pool.on('error', () => {});
  if (opts.schema) {
    try {
      // look first: a role without CREATE on the database (the gateway's, in production) may
      // use an existing schema, and CREATE SCHEMA IF NOT EXISTS would refuse it all the same
      const found = await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [opts.schema]);
      if (found.rowCount === 0) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
    } catch (err) {
      // two processes creating the same schema at once: one wins, the other sees a duplicate
      const code = (err as { code?: string }).code;
      if (code !== '23505' && code !== '42P06') {
        await pool.end().catch(() => {});
        throw err;
      }
    }
  }
  type Q = { query(text: string, params?: unknown[]): Promise<pg.QueryResult> };
  const wrap = (q: Q): Pick<Sql, 'query' | 'exec'> => ({
    async query<T>(text: string, params?: unknown[]) {
      const r = await q.query(text, params);
      return { rows: r.rows as T[] };
    },
    async exec(text: string) {
      // without parameters pg uses the simple protocol, which runs several statements
      await q.query(text);
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction<T>(fn: (tx: Sql) => Promise<T>, topts?: TransactionOptions): Promise<T> {
      let client: pg.PoolClient | undefined;
      let released = false;
      let timedOut = false;
      const release = (destroy?: Error) => {
        if (released || !client) return;
        released = true;
        client.release(destroy);
      };
      const work = (async () => {
        client = await pool.connect();
        if (timedOut) {
          release();
          throw new Error('transaction timed out before it began');
        }
        const c = client;
        try {
          await c.query(beginStatement(topts));
          const tx: Sql = { kind: 'postgres', ...wrap(c), transaction: (f) => f(tx), close: async () => {} };
          const result = await fn(tx);
          await c.query('COMMIT');
          return result;
        } catch (err) {
          if (!released) await c.query('ROLLBACK').catch(() => {});
          throw err;
        } finally {
          release();
        }
      })();
      // a hung transaction: drop its connection (the server rolls back what is uncommitted)
      return withTimeout(work, topts?.timeoutMs, () => {
        timedOut = true;
        release(new Error('transaction timed out'));
      });
    },
    close: () => pool.end(),
  };
}

/** Directories 0700 and files 0600, all the way down (no symlink is followed). */
function ownerOnly(path: string): void {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    chmodSync(path, 0o700);
    for (const name of readdirSync(path)) ownerOnly(join(path, name));
  } else chmodSync(path, 0o600);
}

/**
 * Creating a store runs PGlite's initdb, which grows its WebAssembly memory to about 630 MB that
 * the process never gets back (a first start held 0.9 GB, a later one under 0.4 GB). So a new
 * store is created by a short-lived child process, and this one only opens it.
 */
async function createEmbeddedStore(dir: string): Promise<void> {
  if (existsSync(join(dir, 'PG_VERSION'))) return;
  const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  // the store's files are its owner's only (PGlite would make them 0666 under the usual umask)
  const code = `process.umask(0o077);
const { PGlite } = require(${JSON.stringify(pglite)});
const db = new PGlite(${JSON.stringify(dir)});
db.waitReady.then(() => db.close()).catch((e) => { console.error(String(e && e.message)); process.exit(1); });`;
  await new Promise<void>((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('exit', (status) => {
      if (status === 0) resolvePromise();
      else reject(new Error(`creating the embedded store failed: ${err.trim().split('\n').pop() ?? `exit ${status}`}`));
    });
  });
}

async function openEmbedded(opts: DatabaseOptions): Promise<Sql> {
  const { PGlite } = await import('@electric-sql/pglite');
  let dir: string | undefined;
  let unlock = async () => {};
  if (opts.dataDir) {
    dir = resolve(join(opts.dataDir, 'pglite'));
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(opts.dataDir, 0o700);
    unlock = await lockStore(dir);
    try {
      await createEmbeddedStore(dir);
    } catch (err) {
      await unlock();
      throw err;
    }
  }
  let db;
  try {
    db = dir ? new PGlite(dir) : new PGlite();
    await db.waitReady;
    // a store made before this rule, or copied in, is narrowed too; files PGlite makes later
    // follow the process umask, which the gateway sets to 0077 (src/main.ts)
    if (dir) ownerOnly(dir);
    if (opts.schema) {
      await db.exec(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}; SET search_path TO ${opts.schema}`);
    }
  } catch (err) {
    await unlock();
    throw err;
  }
  const pglite = db;
  type Q = { query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>; exec(text: string): Promise<unknown> };
  const wrap = (q: Q): Pick<Sql, 'query' | 'exec'> => ({
    async query<T>(text: string, params?: unknown[]) {
      const r = await q.query<T>(text, params);
      return { rows: r.rows };
    },
    async exec(text: string) {
      await q.exec(text);
    },
  });
  let closed = false;
  return {
    kind: 'embedded',
    ...wrap(pglite),
    transaction<T>(fn: (tx: Sql) => Promise<T>, topts?: TransactionOptions): Promise<T> {
      const work = pglite.transaction(async (t) => {
        if (topts?.isolation || topts?.readOnly) {
          await t.query(
            `SET TRANSACTION${topts.isolation ? ` ISOLATION LEVEL ${topts.isolation.toUpperCase()}` : ''}${topts.readOnly ? ' READ ONLY' : ''}`,
          );
        }
        const tx: Sql = { kind: 'embedded', ...wrap(t), transaction: (f) => f(tx), close: async () => {} };
        return fn(tx);
      });
      // PGlite runs in this process and cannot be interrupted; the caller stops waiting
      return withTimeout(work, topts?.timeoutMs, () => {});
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pglite.close();
      } finally {
        await unlock();
      }
    },
  };
}

/** Where the store is, for messages: host and port only (a URL may carry a password). */
export function describeStore(config: { databaseUrl: string | undefined; dataDir: string }): string {
  if (!config.databaseUrl) return `embedded store under ${config.dataDir}`;
  try {
    const u = new URL(config.databaseUrl);
    return `PostgreSQL at ${u.hostname}:${u.port || 5432}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** The database could not be opened or did not answer (the message names where, never a password). */
export class DatabaseUnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnreachableError';
  }
}

export interface StoreConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  databaseSchema: string | undefined;
}

/**
 * Opens the configured database (PostgreSQL at DATABASE_URL, or the embedded store under
 * DATA_DIR) and brings the given components' schemas up to date. One handle serves every
 * store of the process: the embedded store allows one opener, and one pool is enough.
 */
export async function openMigratedDatabase(
  config: StoreConfig,
  sets: readonly MigrationSet[],
  opts: { statementTimeoutMs?: number; max?: number } = {},
): Promise<Sql> {
  let sql: Sql;
  try {
    sql = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema, ...opts });
    await sql.query('SELECT 1');
  } catch (err) {
    throw new DatabaseUnreachableError(`${describeStore(config)} unreachable: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  try {
    await migrate(sql, sets);
  } catch (err) {
    await sql.close().catch(() => {});
    throw err;
  }
  return sql;
}
