// One migration runner for the whole database: components keep their own numbers, a database
// migrated by the former runners (the access log's alone, and consents' own ledger) is carried
// over without running anything twice, and every store lives in the one database.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AUDIT_MIGRATIONS } from '../../src/audit/migrations';
import { CONSENT_MIGRATIONS } from '../../src/auth/consentStore';
import { openDatabase } from '../../src/db/index';
import { migrate } from '../../src/db/migrate';
import { MIGRATION_SETS, openGatewayDatabase } from '../../src/stores';
import { DATABASE_URL, isolationName } from '../support/gateway';

const schemas: string[] = [];
const dirs: string[] = [];
afterAll(async () => {
  const sql = await openDatabase({ databaseUrl: DATABASE_URL });
  for (const s of schemas) await sql.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await sql.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const ledger = async (sql: Awaited<ReturnType<typeof openDatabase>>) =>
  (await sql.query<{ c: string; v: number }>('SELECT component AS c, version AS v FROM schema_migrations ORDER BY 1, 2')).rows.map(
    (r) => `${r.c}:${Number(r.v)}`,
  );

// opening the embedded store takes seconds, more on a loaded machine
describe('migrations', { timeout: 90_000 }, () => {
  it('carries over a database the former runners migrated, and applies only what is new', async () => {
    const schema = isolationName('legacy_ledger');
    schemas.push(schema);
    const sql = await openDatabase({ databaseUrl: DATABASE_URL, schema });
    try {
      // the former layout: the access log's versions alone in schema_migrations, consents apart
      await sql.exec(`CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
        CREATE TABLE consent_migrations (version INT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now());`);
      // only the access log and consents existed then; components added since are new to this database
      const legacy = MIGRATION_SETS.filter((s) => s.component === 'audit' || s.component === 'consent').map((s) => ({
        ...s,
        migrations: s.migrations.filter((m) => m.version <= 2),
      }));
      const newer = MIGRATION_SETS.filter((s) => s.component !== 'audit' && s.component !== 'consent').flatMap((s) =>
        s.migrations.map((m) => `${s.component}:${m.version}`),
      );
      for (const set of legacy) for (const m of set.migrations) await sql.exec(m.sql(sql.kind, `"${schema}"`));
      await sql.exec(`INSERT INTO schema_migrations (version, name) VALUES (1, 'one'), (2, 'two');
        INSERT INTO consent_migrations (version) VALUES (1), (2);`);
      await sql.query(`INSERT INTO consent (application_id, county_code, subject_hash) VALUES ('APP-old', '370811', 'h-old')`);

      // every audit migration past the former runners' two (the access log's later formats too)
      const laterAudit = MIGRATION_SETS.filter((s) => s.component === 'audit').flatMap((s) =>
        s.migrations.filter((m) => m.version > 2).map((m) => `audit:${m.version}`),
      );
      const applied = await migrate(sql, MIGRATION_SETS);
      expect(applied).toEqual([...laterAudit, ...newer]);
      expect(await ledger(sql)).toEqual(['audit:1', 'audit:2', ...laterAudit, 'consent:1', 'consent:2', ...newer].sort());
      // nothing was lost on the way
      const { rows } = await sql.query<{ n: string }>('SELECT count(*)::text AS n FROM consent');
      expect(rows[0]!.n).toBe('1');
      expect(await migrate(sql, MIGRATION_SETS)).toEqual([]);
    } finally {
      await sql.close();
    }
  });

  it('keeps numbers apart per component: both may have a version 1', async () => {
    expect(AUDIT_MIGRATIONS.migrations.some((m) => m.version === 1)).toBe(true);
    expect(CONSENT_MIGRATIONS.migrations.some((m) => m.version === 1)).toBe(true);
    const schema = isolationName('fresh_ledger');
    schemas.push(schema);
    const sql = await openGatewayDatabase({ databaseUrl: DATABASE_URL, dataDir: '', databaseSchema: schema });
    try {
      const all = MIGRATION_SETS.flatMap((s) => s.migrations.map((m) => `${s.component}:${m.version}`)).sort();
      expect(await ledger(sql)).toEqual(all);
    } finally {
      await sql.close();
    }
  });

  it('keeps the access log and consents in one embedded database (one store under DATA_DIR)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'one-store-'));
    dirs.push(dataDir);
    const sql = await openGatewayDatabase({ databaseUrl: undefined, dataDir, databaseSchema: undefined });
    try {
      const { rows } = await sql.query<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('access_log', 'consent') ORDER BY 1`,
      );
      expect(rows.map((r) => r.t)).toEqual(['access_log', 'consent']);
    } finally {
      await sql.close();
    }
    expect(readdirSync(dataDir).filter((f) => !f.endsWith('.lock'))).toEqual(['pglite']);
  });
});
