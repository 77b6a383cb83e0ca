// Consents (群众授权): a resident signed in as applicant allows, per application, a county to
// pull their family's data. Stored by the resident's keyed subject hash, never the ID number.
// Each grant is a row; a revocation stamps revoked_at, so the history stays for auditors.
// PostgreSQL when DATABASE_URL is set, otherwise an embedded PGlite database of its own under
// DATA_DIR/consent (PGlite allows one handle per directory, and the audit store owns its own).
import { join } from 'node:path';
import { openDatabase, type Sql } from '../db/index';

export interface ConsentRecord {
  applicationId: string;
  countyCode: string;
  /** ISO 8601 */
  grantedAt: string;
  revokedAt: string | null;
  active: boolean;
}

export interface ConsentStore {
  /** Records a live consent for (application, county) by this subject; an already live one is returned as is. */
  grant(subjectHash: string, applicationId: string, countyCode: string): Promise<ConsentRecord>;
  /** Revokes this subject's live consents for the application (any county); null when there was none ever. */
  revoke(subjectHash: string, applicationId: string): Promise<ConsentRecord | null>;
  /** This subject's consents, newest first. */
  listBySubject(subjectHash: string): Promise<ConsentRecord[]>;
  /** The subject hashes holding a live consent for (application, county). */
  activeGranters(applicationId: string, countyCode: string): Promise<Set<string>>;
  close(): Promise<void>;
}

export interface ConsentStoreOptions {
  databaseUrl?: string | undefined;
  /** the gateway's DATA_DIR: the embedded store lives in DATA_DIR/consent; undefined: in memory */
  dataDir?: string | undefined;
  databaseSchema?: string | undefined;
}

/** Append-only list: a migration, once shipped, is never edited; a change is a new entry. */
export const CONSENT_MIGRATIONS: readonly { version: number; sql: string; whole?: boolean }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE IF NOT EXISTS consent (
        id             BIGSERIAL PRIMARY KEY,
        application_id TEXT        NOT NULL,
        county_code    TEXT        NOT NULL,
        subject_hash   TEXT        NOT NULL,
        granted_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
        revoked_at     TIMESTAMPTZ
      );
      CREATE UNIQUE INDEX IF NOT EXISTS consent_one_live
        ON consent (application_id, county_code, subject_hash) WHERE revoked_at IS NULL;
      CREATE INDEX IF NOT EXISTS consent_by_subject ON consent (subject_hash, granted_at DESC);
    `,
  },
  {
    // the gateway's restricted role (src/audit/migrations.ts) grants and revokes consents:
    // it needs UPDATE here, which it never has on the access log
    version: 2,
    whole: true,
    sql: `
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'enrollment_gateway_writer') THEN
          GRANT SELECT, INSERT, UPDATE ON consent, consent_migrations TO enrollment_gateway_writer;
          GRANT USAGE ON SEQUENCE consent_id_seq TO enrollment_gateway_writer;
        END IF;
      END $$
    `,
  },
];

/** Applies every migration not yet recorded in consent_migrations; safe to run on every start. */
export async function migrateConsent(sql: Sql): Promise<void> {
  await sql.query(`CREATE TABLE IF NOT EXISTS consent_migrations (version INT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
  const { rows } = await sql.query<{ version: number }>('SELECT version FROM consent_migrations');
  const applied = new Set(rows.map((r) => Number(r.version)));
  for (const m of CONSENT_MIGRATIONS) {
    if (applied.has(m.version)) continue;
    await sql.transaction(async (tx) => {
      const statements = m.whole
        ? [m.sql]
        : m.sql
            .split(';')
            .map((s) => s.trim())
            .filter(Boolean);
      for (const statement of statements) await tx.query(statement);
      await tx.query('INSERT INTO consent_migrations (version) VALUES ($1) ON CONFLICT (version) DO NOTHING', [m.version]);
    });
  }
}

interface Row {
  application_id: string;
  county_code: string;
  granted_at: Date | string;
  revoked_at: Date | string | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());
const toRecord = (r: Row): ConsentRecord => ({
  applicationId: r.application_id,
  countyCode: r.county_code,
  grantedAt: iso(r.granted_at)!,
  revokedAt: iso(r.revoked_at),
  active: r.revoked_at === null,
});

export function createSqlConsentStore(sql: Sql): ConsentStore {
  return {
    async grant(subjectHash, applicationId, countyCode) {
      const live = await sql.query<Row>(
        'SELECT application_id, county_code, granted_at, revoked_at FROM consent WHERE application_id = $1 AND county_code = $2 AND subject_hash = $3 AND revoked_at IS NULL',
        [applicationId, countyCode, subjectHash],
      );
      if (live.rows[0]) return toRecord(live.rows[0]);
      // two concurrent grants: the unique index keeps one live row; the loser reads it back
      await sql.query(
        `INSERT INTO consent (application_id, county_code, subject_hash) VALUES ($1, $2, $3)
         ON CONFLICT (application_id, county_code, subject_hash) WHERE revoked_at IS NULL DO NOTHING`,
        [applicationId, countyCode, subjectHash],
      );
      const { rows } = await sql.query<Row>(
        'SELECT application_id, county_code, granted_at, revoked_at FROM consent WHERE application_id = $1 AND county_code = $2 AND subject_hash = $3 AND revoked_at IS NULL',
        [applicationId, countyCode, subjectHash],
      );
      return toRecord(rows[0]!);
    },
    async revoke(subjectHash, applicationId) {
      const revoked = await sql.query<Row>(
        `UPDATE consent SET revoked_at = now() WHERE subject_hash = $1 AND application_id = $2 AND revoked_at IS NULL
         RETURNING application_id, county_code, granted_at, revoked_at`,
        [subjectHash, applicationId],
      );
      if (revoked.rows[0]) return toRecord(revoked.rows[0]);
      const last = await sql.query<Row>(
        'SELECT application_id, county_code, granted_at, revoked_at FROM consent WHERE subject_hash = $1 AND application_id = $2 ORDER BY granted_at DESC, id DESC LIMIT 1',
        [subjectHash, applicationId],
      );
      return last.rows[0] ? toRecord(last.rows[0]) : null;
    },
    async listBySubject(subjectHash) {
      const { rows } = await sql.query<Row>(
        'SELECT application_id, county_code, granted_at, revoked_at FROM consent WHERE subject_hash = $1 ORDER BY granted_at DESC, id DESC',
        [subjectHash],
      );
      return rows.map(toRecord);
    },
    async activeGranters(applicationId, countyCode) {
      const { rows } = await sql.query<{ subject_hash: string }>(
        'SELECT subject_hash FROM consent WHERE application_id = $1 AND county_code = $2 AND revoked_at IS NULL',
        [applicationId, countyCode],
      );
      return new Set(rows.map((r) => r.subject_hash));
    },
    close: () => sql.close(),
  };
}

/**
 * A store that opens (and migrates) its database on first use: a gateway whose counties all
 * read on statutory duty and that no applicant asks about consent never opens it.
 */
export function createConsentStore(opts: ConsentStoreOptions): ConsentStore {
  let opened: Promise<ConsentStore> | undefined;
  let closed = false;
  const store = (): Promise<ConsentStore> => {
    if (closed) return Promise.reject(new Error('consent store is closed'));
    opened ??= (async () => {
      const sql = await openDatabase({
        ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl, max: 4 } : {}),
        ...(!opts.databaseUrl && opts.dataDir ? { dataDir: join(opts.dataDir, 'consent') } : {}),
        ...(opts.databaseSchema ? { schema: opts.databaseSchema } : {}),
      });
      try {
        await migrateConsent(sql);
      } catch (err) {
        await sql.close().catch(() => {});
        throw err;
      }
      return createSqlConsentStore(sql);
    })().catch((err) => {
      opened = undefined; // try again on the next use
      throw err;
    });
    return opened;
  };
  return {
    grant: async (...a) => (await store()).grant(...a),
    revoke: async (...a) => (await store()).revoke(...a),
    listBySubject: async (...a) => (await store()).listBySubject(...a),
    activeGranters: async (...a) => (await store()).activeGranters(...a),
    async close() {
      closed = true;
      const s = await opened?.catch(() => undefined);
      await s?.close();
    },
  };
}
