// Consents (群众授权): a resident signed in as applicant allows, per application, a county to
// pull their family's data. Stored by the resident's keyed subject hash, never the ID number.
// Each grant is a row; a revocation stamps revoked_at, so the history stays for auditors.
// The table lives in the gateway's one database (src/stores.ts), beside the access log.
import { join } from 'node:path';
import { openMigratedDatabase, type Sql } from '../db/index';
import type { MigrationSet } from '../db/migrate';

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

/** The 'consent' component of the database's migrations (src/db/migrate.ts). */
export const CONSENT_MIGRATIONS: MigrationSet = {
  component: 'consent',
  migrations: [
    {
      version: 1,
      name: 'consent table',
      sql: () => `
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
      name: 'the gateway role may grant and revoke consents',
      sql: () => `
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'enrollment_gateway_writer') THEN
            GRANT SELECT, INSERT, UPDATE ON consent TO enrollment_gateway_writer;
            GRANT USAGE ON SEQUENCE consent_id_seq TO enrollment_gateway_writer;
          END IF;
        END $$;
      `,
    },
  ],
};

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

/** Consents in this database; `ownsSql`: closing the store closes the handle (else its owner does). */
export function createSqlConsentStore(sql: Sql, opts: { ownsSql?: boolean } = {}): ConsentStore {
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
    close: async () => {
      if (opts.ownsSql) await sql.close();
    },
  };
}

/**
 * A store that opens (and migrates) a database of its own on first use, for tools and tests
 * that have no shared handle; the gateway passes its shared one to createSqlConsentStore.
 */
export function createConsentStore(opts: ConsentStoreOptions): ConsentStore {
  let opened: Promise<ConsentStore> | undefined;
  let closed = false;
  const store = (): Promise<ConsentStore> => {
    if (closed) return Promise.reject(new Error('consent store is closed'));
    opened ??= (async () => {
      const sql = await openMigratedDatabase(
        {
          databaseUrl: opts.databaseUrl,
          dataDir: opts.dataDir ? join(opts.dataDir, 'consent') : '',
          databaseSchema: opts.databaseSchema,
        },
        [CONSENT_MIGRATIONS],
        opts.databaseUrl ? { max: 4 } : {},
      );
      return createSqlConsentStore(sql, { ownsSql: true });
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
