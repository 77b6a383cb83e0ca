// One migration runner for every store that shares the database (the access log, consents,
// applications). Each component keeps its own numbered list, recorded in schema_migrations as
// (component, version), so two components never compete for a number. All pending migrations
// run in one transaction under an advisory lock: two gateways starting together apply them
// once, and neither sees a half-made schema.
import type { Sql } from './index';

export interface Migration {
  version: number;
  name: string;
  /** kind: which store; schema: the quoted name of the schema the tables live in */
  sql(kind: Sql['kind'], schema: string): string;
}

/** A component's migrations: append-only, a shipped migration is never edited. */
export interface MigrationSet {
  component: string;
  migrations: readonly Migration[];
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/** pg_advisory_xact_lock keys: "audi" and "migr" (kept from the first runner, so old and new never overlap) */
const LOCK_KEY: [number, number] = [0x61756469, 0x6d696772];

/** The component that owned schema_migrations before components existed: the access log. */
const FIRST_COMPONENT = 'audit';

/**
 * Reads pg_class itself (this statement's snapshot) rather than to_regclass: a session that
 * looked the name up before another gateway created it may still hold the old answer in its
 * catalog cache, and waiting on an advisory lock does not refresh that cache.
 */
async function exists(sql: Sql, table: string): Promise<boolean> {
  const { rows } = await sql.query<{ present: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relname = $1) AS present`,
    [table],
  );
  return rows[0]?.present === true;
}

async function hasComponentColumn(sql: Sql): Promise<boolean> {
  const { rows } = await sql.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'schema_migrations' AND column_name = 'component'`,
  );
  return Number(rows[0]?.n ?? 0) > 0;
}

/** Applied (component, version) pairs; undefined when nothing was ever migrated here. */
async function applied(sql: Sql): Promise<Set<string> | undefined> {
  if (!(await exists(sql, 'schema_migrations'))) return undefined;
  if (!(await hasComponentColumn(sql))) {
    const { rows } = await sql.query<{ version: number }>('SELECT version FROM schema_migrations');
    return new Set(rows.map((r) => `${FIRST_COMPONENT}:${Number(r.version)}`));
  }
  const { rows } = await sql.query<{ component: string; version: number }>('SELECT component, version FROM schema_migrations');
  return new Set(rows.map((r) => `${r.component}:${Number(r.version)}`));
}

/**
 * Brings schema_migrations to its current shape: created if missing; an older table (one
 * component, version alone) gains the component column; a consent list kept apart
 * (consent_migrations, from before one runner) is carried over.
 */
async function prepareLedger(tx: Sql): Promise<void> {
  if (!(await exists(tx, 'schema_migrations'))) {
    await tx.exec(`CREATE TABLE schema_migrations (
      component  text        NOT NULL,
      version    integer     NOT NULL,
      name       text        NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version)
    )`);
  } else if (!(await hasComponentColumn(tx))) {
    await tx.exec(`ALTER TABLE schema_migrations ADD COLUMN component text NOT NULL DEFAULT '${FIRST_COMPONENT}';
      ALTER TABLE schema_migrations ALTER COLUMN component DROP DEFAULT;
      ALTER TABLE schema_migrations DROP CONSTRAINT schema_migrations_pkey;
      ALTER TABLE schema_migrations ADD PRIMARY KEY (component, version);`);
  }
  if (await exists(tx, 'consent_migrations')) {
    await tx.exec(`INSERT INTO schema_migrations (component, version, name, applied_at)
      SELECT 'consent', version, 'applied by the former consent runner', applied_at FROM consent_migrations
      ON CONFLICT (component, version) DO NOTHING`);
  }
}

/**
 * Applies every pending migration of the given components, in the order given; returns what it
 * applied as "component:version" (empty when nothing was pending). A role without DDL rights
 * (the gateway's writer role in production) passes when nothing is pending, and fails with
 * one line naming what to run when something is.
 */
export async function migrate(sql: Sql, sets: readonly MigrationSet[]): Promise<string[]> {
  const before = await applied(sql);
  const pending = (done: Set<string>) => sets.flatMap((s) => s.migrations.filter((m) => !done.has(`${s.component}:${m.version}`)));
  if (before && pending(before).length === 0 && (await hasComponentColumn(sql))) return [];
  try {
    return await sql.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, $2)', LOCK_KEY);
      await prepareLedger(tx);
      const done = (await applied(tx)) ?? new Set<string>();
      const current = (await tx.query<{ s: string }>('SELECT current_schema() AS s')).rows[0]?.s;
      if (!current) throw new MigrationError("no current schema: set DATABASE_SCHEMA or the role's search_path");
      const schema = `"${current.replace(/"/g, '""')}"`;
      const out: string[] = [];
      for (const set of sets) {
        for (const m of set.migrations) {
          const key = `${set.component}:${m.version}`;
          if (done.has(key)) continue;
          await tx.exec(m.sql(sql.kind, schema));
          await tx.query('INSERT INTO schema_migrations (component, version, name) VALUES ($1, $2, $3)', [
            set.component,
            m.version,
            m.name,
          ]);
          out.push(key);
        }
      }
      return out;
    });
  } catch (err) {
    if (err instanceof MigrationError) throw err;
    const code = (err as { code?: string }).code;
    const why = err instanceof Error ? err.message : String(err);
    if (code === '42501') {
      throw new MigrationError(
        `database: migrations are pending and this database role may not apply them (${why}); apply them once as the schema owner: DATABASE_URL=<owner URL> npm run audit:migrate`,
      );
    }
    throw new MigrationError(`database: migration failed: ${why}`);
  }
}
