// One SQL dialect for both stores: PostgreSQL through `pg` when DATABASE_URL is set, and
// PGlite (PostgreSQL compiled to WebAssembly) embedded under DATA_DIR when it is not, so the
// same migrations and queries run in development, tests and production.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  /** runs fn in one transaction; rolls back when it throws */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
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
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDatabase(opts: DatabaseOptions): Promise<Sql> {
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema)) throw new Error('schema name must be a lower-case SQL identifier');
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openEmbedded(opts);
}

async function openPostgres(url: string, opts: DatabaseOptions): Promise<Sql> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    connectionTimeoutMillis: 3000,
    // a statement that hangs must not hold a request forever
    statement_timeout: 5000,
    ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
  });
  // an idle client that dies (database restart) must not crash the process
  pool.on('error', () => {});
  if (opts.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
  const wrap = (q: { query: pg.Pool['query'] }): Pick<Sql, 'query'> => ({
    async query<T>(text: string, params?: unknown[]) {
      const r = await q.query(text, params as unknown[]);
      return { rows: r.rows as T[] };
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Sql = { kind: 'postgres', ...wrap(client as unknown as pg.Pool), transaction: (f) => f(tx), close: async () => {} };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openEmbedded(opts: DatabaseOptions): Promise<Sql> {
  const { PGlite } = await import('@electric-sql/pglite');
  let dir: string | undefined;
  if (opts.dataDir) {
    dir = join(opts.dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
  }
  const db = dir ? new PGlite(dir) : new PGlite();
  await db.waitReady;
  if (opts.schema) {
    await db.exec(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}; SET search_path TO ${opts.schema}`);
  }
  type Q = { query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }> };
  const wrap = (q: Q): Pick<Sql, 'query'> => ({
    async query<T>(text: string, params?: unknown[]) {
      const r = await q.query<T>(text, params);
      return { rows: r.rows };
    },
  });
  return {
    kind: 'embedded',
    ...wrap(db),
    transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      return db.transaction(async (t) => {
        const tx: Sql = { kind: 'embedded', ...wrap(t), transaction: (f) => f(tx), close: async () => {} };
        return fn(tx);
      });
    },
    close: () => db.close(),
  };
}
