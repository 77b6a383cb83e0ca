// An application as the access log tells it: when it was registered and closed, by whom, and
// the people read under it (by keyed hash), each with how often and what. The reads themselves
// are an ordinary search filtered by the application (queries.ts).
import type { Sql } from '../db/index';
import type { AccessLogEntry } from './canonical';
import { ENTRY_SELECT, rowToEntry, type EntryRow } from './verify';

export interface ApplicationMember {
  subjectHash: string;
  reads: number;
  denied: number;
  evidence: string[];
  firstAt: string;
  lastAt: string;
}

export interface ApplicationActivity {
  /** REGISTER_APPLICATION and CLOSE_APPLICATION entries, oldest first */
  lifecycle: AccessLogEntry[];
  members: ApplicationMember[];
}

const AT = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export async function applicationActivity(sql: Sql, applicationId: string, countyCode: string): Promise<ApplicationActivity> {
  const lifecycle = await sql.query<EntryRow>(
    `SELECT ${ENTRY_SELECT} FROM access_log
      WHERE application_id = $1 AND county_code = $2 AND action IN ('REGISTER_APPLICATION', 'CLOSE_APPLICATION')
      ORDER BY access_log.at, access_log.chain_id, access_log.seq LIMIT 200`,
    [applicationId, countyCode],
  );
  const members = await sql.query<{
    subject_hash: string;
    reads: string;
    denied: string;
    evidence: string[] | null;
    first_at: string;
    last_at: string;
  }>(
    `SELECT subject_hash, count(*)::text AS reads, count(*) FILTER (WHERE outcome = 'DENIED')::text AS denied,
            array_remove(array_agg(DISTINCT evidence), NULL) AS evidence, ${AT('min(at)')} AS first_at, ${AT('max(at)')} AS last_at
       FROM access_log
      WHERE application_id = $1 AND county_code = $2 AND subject_hash IS NOT NULL
      GROUP BY subject_hash
      ORDER BY min(at)
      LIMIT 500`,
    [applicationId, countyCode],
  );
  return {
    lifecycle: lifecycle.rows.map(rowToEntry),
    members: members.rows.map((r) => ({
      subjectHash: r.subject_hash,
      reads: Number(r.reads),
      denied: Number(r.denied),
      evidence: r.evidence ?? [],
      firstAt: r.first_at,
      lastAt: r.last_at,
    })),
  };
}
