// Applications as records: the unit of access (docs/design.md, "Who may see what"). A county
// reads a person only under a registered, open application of its county naming them. Members
// are stored by the keyed subject hash (src/evidence/subjectHash.ts), never by ID number; the
// table lives in the gateway's one database (src/stores.ts), beside the access log.
import type { Sql } from '../db/index';
import type { MigrationSet } from '../db/migrate';

export type ApplicationStatus = 'OPEN' | 'CLOSED';
export type MemberKind = 'CHILD' | 'GUARDIAN' | 'DERIVED';

export interface ApplicationMember {
  subjectHash: string;
  kind: MemberKind;
  /** DERIVED: how the verification reached the person (e.g. the current spouse of a verified parent) */
  reason: string | null;
}

export interface ApplicationRecord {
  applicationId: string;
  countyCode: string;
  schoolYear: number;
  stage: string;
  status: ApplicationStatus;
  /** who registered it: the token's subject and role */
  registeredBy: string;
  registeredRole: string;
  /** ISO 8601 */
  registeredAt: string;
  expiresAt: string;
  closedAt: string | null;
  closedBy: string | null;
  closeReason: string | null;
  /** hash of the child, school year, stage and named members: what "the same registration" means */
  digest: string;
  members: ApplicationMember[];
}

export type NewApplication = Omit<ApplicationRecord, 'status' | 'registeredAt' | 'closedAt' | 'closedBy' | 'closeReason'>;

/** The 'applications' component of the database's migrations (src/db/migrate.ts). */
export const APPLICATION_MIGRATIONS: MigrationSet = {
  component: 'applications',
  migrations: [
    {
      version: 1,
      name: 'applications and their members',
      sql: () => `
        CREATE TABLE IF NOT EXISTS application (
          application_id  TEXT        NOT NULL,
          county_code     TEXT        NOT NULL,
          school_year     INTEGER     NOT NULL,
          stage           TEXT        NOT NULL,
          digest          TEXT        NOT NULL,
          registered_by   TEXT        NOT NULL,
          registered_role TEXT        NOT NULL,
          registered_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
          expires_at      TIMESTAMPTZ NOT NULL,
          closed_at       TIMESTAMPTZ,
          closed_by       TEXT,
          close_reason    TEXT,
          PRIMARY KEY (application_id, county_code)
        );
        CREATE TABLE IF NOT EXISTS application_member (
          application_id TEXT        NOT NULL,
          county_code    TEXT        NOT NULL,
          subject_hash   TEXT        NOT NULL,
          kind           TEXT        NOT NULL CHECK (kind IN ('CHILD', 'GUARDIAN', 'DERIVED')),
          reason         TEXT,
          added_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
          PRIMARY KEY (application_id, county_code, subject_hash),
          FOREIGN KEY (application_id, county_code) REFERENCES application (application_id, county_code)
        );
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'enrollment_gateway_writer') THEN
            GRANT SELECT, INSERT, UPDATE ON application TO enrollment_gateway_writer;
            GRANT SELECT, INSERT ON application_member TO enrollment_gateway_writer;
          END IF;
        END $$;
      `,
    },
  ],
};

interface AppRow {
  application_id: string;
  county_code: string;
  school_year: number;
  stage: string;
  digest: string;
  registered_by: string;
  registered_role: string;
  registered_at: Date | string;
  expires_at: Date | string;
  closed_at: Date | string | null;
  closed_by: string | null;
  close_reason: string | null;
}
interface MemberRow {
  subject_hash: string;
  kind: MemberKind;
  reason: string | null;
}

const iso = (v: Date | string): string => new Date(v).toISOString();
const COLUMNS =
  'application_id, county_code, school_year, stage, digest, registered_by, registered_role, registered_at, expires_at, closed_at, closed_by, close_reason';

export interface ApplicationStore {
  get(applicationId: string, countyCode: string): Promise<ApplicationRecord | null>;
  /** Inserts the application and its members; returns the stored one (an earlier registration wins a race). */
  insert(app: NewApplication): Promise<{ record: ApplicationRecord; created: boolean }>;
  close(applicationId: string, countyCode: string, by: string, reason: string): Promise<ApplicationRecord | null>;
  addDerivedMember(applicationId: string, countyCode: string, subjectHash: string, reason: string): Promise<void>;
}

export function createApplicationStore(sql: Sql): ApplicationStore {
  async function get(db: Sql, applicationId: string, countyCode: string): Promise<ApplicationRecord | null> {
    // one statement, members joined (one row each; one row of nulls when none): every read asks
    // this, so one round trip instead of two (and one snapshot for both)
    const { rows } = await db.query<AppRow & Partial<MemberRow>>(
      `SELECT ${COLUMNS}, m.subject_hash, m.kind, m.reason FROM application a LEFT JOIN application_member m USING (application_id, county_code)
       WHERE application_id = $1 AND county_code = $2 ORDER BY m.added_at, m.kind, m.subject_hash`,
      [applicationId, countyCode],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      applicationId: r.application_id,
      countyCode: r.county_code,
      schoolYear: Number(r.school_year),
      stage: r.stage,
      status: r.closed_at === null ? 'OPEN' : 'CLOSED',
      registeredBy: r.registered_by,
      registeredRole: r.registered_role,
      registeredAt: iso(r.registered_at),
      expiresAt: iso(r.expires_at),
      closedAt: r.closed_at === null ? null : iso(r.closed_at),
      closedBy: r.closed_by,
      closeReason: r.close_reason,
      digest: r.digest,
      members: rows.flatMap((m) =>
        m.subject_hash && m.kind ? [{ subjectHash: m.subject_hash, kind: m.kind, reason: m.reason ?? null }] : [],
      ),
    };
  }

  return {
    get: (applicationId, countyCode) => get(sql, applicationId, countyCode),
    insert: (app) =>
      sql.transaction(async (tx) => {
        // two registrations of one id at once: the primary key keeps the first, the other reads it back
        const inserted = await tx.query<{ application_id: string }>(
          `INSERT INTO application (application_id, county_code, school_year, stage, digest, registered_by, registered_role, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (application_id, county_code) DO NOTHING RETURNING application_id`,
          [app.applicationId, app.countyCode, app.schoolYear, app.stage, app.digest, app.registeredBy, app.registeredRole, app.expiresAt],
        );
        const created = inserted.rows.length > 0;
        if (created) {
          for (const m of app.members) {
            await tx.query(
              `INSERT INTO application_member (application_id, county_code, subject_hash, kind, reason) VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT DO NOTHING`,
              [app.applicationId, app.countyCode, m.subjectHash, m.kind, m.reason],
            );
          }
        }
        return { record: (await get(tx, app.applicationId, app.countyCode))!, created };
      }),
    async close(applicationId, countyCode, by, reason) {
      await sql.query(
        'UPDATE application SET closed_at = now(), closed_by = $3, close_reason = $4 WHERE application_id = $1 AND county_code = $2 AND closed_at IS NULL',
        [applicationId, countyCode, by, reason],
      );
      return get(sql, applicationId, countyCode);
    },
    async addDerivedMember(applicationId, countyCode, subjectHash, reason) {
      await sql.query(
        `INSERT INTO application_member (application_id, county_code, subject_hash, kind, reason) VALUES ($1, $2, $3, 'DERIVED', $4)
         ON CONFLICT DO NOTHING`,
        [applicationId, countyCode, subjectHash, reason],
      );
    },
  };
}

/** Open, and not past its season: the only state in which anything is read under it. */
export function isReadable(app: ApplicationRecord, now: Date): boolean {
  return app.status === 'OPEN' && now.getTime() < Date.parse(app.expiresAt);
}

/**
 * The end of the enrollment season: the configured month and day (Beijing time, end of day) of
 * the application's school year.
 */
export function seasonEnd(schoolYear: number, monthDay: string): string {
  return new Date(`${schoolYear}-${monthDay}T23:59:59.999+08:00`).toISOString();
}
