// What an auditor should look at first, computed from the access log alone over a time window:
// callers reading far more people than their peers, callers whose reads keep finding nobody
// (guessed ID numbers), callers refused again and again, and reads made under an application
// after it was closed or past its season. The console's alerts page and the accessAlerts query
// both show this one computation. Each is one grouped query over the indexed
// `at` column; nothing here holds an ID number (people are counted by their keyed hash).
import type { Sql } from '../db/index';
import { BadUserInputError } from '../errors';
import { EXPIRED_APPLICATION, NO_RECORD } from './types';

export interface AlertWindow {
  /** ISO 8601, inclusive */
  from: string;
  /** ISO 8601, exclusive */
  to: string;
}

const DAY_MS = 24 * 3600_000;
/** the longest window one look may span: the grouped queries stay cheap */
export const MAX_WINDOW_DAYS = 31;

/** The window an auditor asked for: 24 hours up to `to` (default now) when `from` is omitted. */
export function alertWindow(from: string | null | undefined, to: string | null | undefined, now: Date): AlertWindow {
  const end = to ? new Date(to) : now;
  const start = from ? new Date(from) : new Date(end.getTime() - DAY_MS);
  if (start.getTime() >= end.getTime()) throw new BadUserInputError('from must be before to.', 'from');
  if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * DAY_MS)
    throw new BadUserInputError(`The window may span at most ${MAX_WINDOW_DAYS} days.`, 'to');
  return { from: start.toISOString(), to: end.toISOString() };
}

export interface AlertThresholds {
  /** a caller is unusual past this many distinct people read in the window ... */
  volumeFloor: number;
  /** ... and past this multiple of the median caller's count */
  volumeFactor: number;
  /** a caller refused at least this many times in the window */
  deniedMin: number;
  /** a caller who read at least this many people of whom no department had any record */
  noRecordMin: number;
}

export const DEFAULT_THRESHOLDS: AlertThresholds = { volumeFloor: 200, volumeFactor: 3, deniedMin: 5, noRecordMin: 10 };

export interface VolumeAlert {
  actorSubject: string;
  actorRole: string;
  actorCounty: string | null;
  reads: number;
  people: number;
  /** the median caller's distinct people in the same window */
  medianPeople: number;
}

export interface DeniedAlert {
  actorSubject: string;
  actorRole: string;
  actorCounty: string | null;
  denied: number;
  people: number;
  lastAt: string;
}

export interface NoRecordAlert {
  actorSubject: string;
  actorRole: string;
  actorCounty: string | null;
  /** distinct people read of whom every department answered that it had no record */
  unknownPeople: number;
  /** distinct people read in all */
  people: number;
  lastAt: string;
}

/** Reads refused because their application was past its enrollment season. */
export interface ExpiredApplicationAlert {
  applicationId: string;
  countyCode: string;
  actorSubject: string;
  reads: number;
  lastAt: string;
}

export interface ClosedApplicationAlert {
  applicationId: string;
  countyCode: string;
  closedAt: string;
  actorSubject: string;
  reads: number;
  /** of them, reads that were allowed (the ones that should not have been) */
  allowed: number;
  lastAt: string;
}

export interface AccessAlerts {
  window: AlertWindow;
  thresholds: AlertThresholds;
  volume: VolumeAlert[];
  denied: DeniedAlert[];
  noRecord: NoRecordAlert[];
  closedApplications: ClosedApplicationAlert[];
  expiredApplications: ExpiredApplicationAlert[];
}

const AT = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
/** at most this many rows per kind of alert: the page is for reading, the search for the rest */
const LIMIT = 100;

export async function accessAlerts(sql: Sql, window: AlertWindow, thresholds: AlertThresholds = DEFAULT_THRESHOLDS): Promise<AccessAlerts> {
  const range = [window.from, window.to];
  const perActor = await sql.query<{
    actor_subject: string;
    actor_role: string;
    actor_county: string | null;
    reads: string;
    people: string;
  }>(
    `SELECT actor_subject, max(actor_role) AS actor_role, max(actor_county) AS actor_county,
            count(*)::text AS reads, count(DISTINCT subject_hash)::text AS people
       FROM access_log
      WHERE action = 'READ' AND at >= $1::timestamptz AND at < $2::timestamptz
      GROUP BY actor_subject`,
    range,
  );
  const counts = perActor.rows.map((r) => Number(r.people)).sort((a, b) => a - b);
  const medianPeople = counts.length === 0 ? 0 : counts[Math.floor((counts.length - 1) / 2)]!;
  const volume = perActor.rows
    .map((r) => ({
      actorSubject: r.actor_subject,
      actorRole: r.actor_role,
      actorCounty: r.actor_county,
      reads: Number(r.reads),
      people: Number(r.people),
      medianPeople,
    }))
    .filter((a) => a.people >= thresholds.volumeFloor && a.people >= thresholds.volumeFactor * medianPeople)
    .sort((a, b) => b.people - a.people)
    .slice(0, LIMIT);

  const denied = await sql.query<{
    actor_subject: string;
    actor_role: string;
    actor_county: string | null;
    denied: string;
    people: string;
    last_at: string;
  }>(
    `SELECT actor_subject, max(actor_role) AS actor_role, max(actor_county) AS actor_county, count(*)::text AS denied,
            count(DISTINCT subject_hash)::text AS people, ${AT('max(at)')} AS last_at
       FROM access_log
      WHERE outcome = 'DENIED' AND at >= $1::timestamptz AND at < $2::timestamptz
      GROUP BY actor_subject
     HAVING count(*) >= $3
      ORDER BY count(*) DESC
      LIMIT ${LIMIT}`,
    [...range, thresholds.deniedMin],
  );

  const closed = await sql.query<{
    application_id: string;
    county_code: string;
    closed_at: string;
    actor_subject: string;
    reads: string;
    allowed: string;
    last_at: string;
  }>(
    `WITH closed AS (
       SELECT application_id, county_code, min(at) AS closed_at
         FROM access_log
        WHERE action = 'CLOSE_APPLICATION' AND outcome = 'ALLOWED' AND application_id IS NOT NULL
        GROUP BY application_id, county_code
     )
     SELECT r.application_id, r.county_code, ${AT('c.closed_at')} AS closed_at, r.actor_subject,
            count(*)::text AS reads, count(*) FILTER (WHERE r.outcome = 'ALLOWED')::text AS allowed, ${AT('max(r.at)')} AS last_at
       FROM access_log r
       JOIN closed c ON c.application_id = r.application_id AND c.county_code = r.county_code
      WHERE r.action = 'READ' AND r.at > c.closed_at AND r.at >= $1::timestamptz AND r.at < $2::timestamptz
      GROUP BY r.application_id, r.county_code, c.closed_at, r.actor_subject
      ORDER BY count(*) FILTER (WHERE r.outcome = 'ALLOWED') DESC, count(*) DESC
      LIMIT ${LIMIT}`,
    range,
  );

  // per caller and person: did any allowed read find a record? (a reason ends in NO_RECORD when not)
  const noRecord = await sql.query<{
    actor_subject: string;
    actor_role: string;
    actor_county: string | null;
    unknown_people: string;
    people: string;
    last_at: string;
  }>(
    `WITH per_person AS (
       SELECT actor_subject, max(actor_role) AS actor_role, max(actor_county) AS actor_county, subject_hash,
              bool_and(reason = $3 OR reason LIKE '%; ' || $3) AS nobody, max(at) AS last_at
         FROM access_log
        WHERE action = 'READ' AND outcome = 'ALLOWED' AND subject_hash IS NOT NULL
          AND at >= $1::timestamptz AND at < $2::timestamptz
        GROUP BY actor_subject, subject_hash
     )
     SELECT actor_subject, max(actor_role) AS actor_role, max(actor_county) AS actor_county,
            count(*) FILTER (WHERE nobody)::text AS unknown_people, count(*)::text AS people,
            ${AT('max(last_at) FILTER (WHERE nobody)')} AS last_at
       FROM per_person
      GROUP BY actor_subject
     HAVING count(*) FILTER (WHERE nobody) >= $4
      ORDER BY count(*) FILTER (WHERE nobody) DESC
      LIMIT ${LIMIT}`,
    [...range, NO_RECORD, thresholds.noRecordMin],
  );

  const expired = await sql.query<{
    application_id: string;
    county_code: string;
    actor_subject: string;
    reads: string;
    last_at: string;
  }>(
    `SELECT application_id, county_code, actor_subject, count(*)::text AS reads, ${AT('max(at)')} AS last_at
       FROM access_log
      WHERE action = 'READ' AND outcome = 'DENIED' AND reason = $3 AND application_id IS NOT NULL
        AND at >= $1::timestamptz AND at < $2::timestamptz
      GROUP BY application_id, county_code, actor_subject
      ORDER BY count(*) DESC
      LIMIT ${LIMIT}`,
    [...range, EXPIRED_APPLICATION],
  );

  return {
    window,
    thresholds,
    volume,
    denied: denied.rows.map((r) => ({
      actorSubject: r.actor_subject,
      actorRole: r.actor_role,
      actorCounty: r.actor_county,
      denied: Number(r.denied),
      people: Number(r.people),
      lastAt: r.last_at,
    })),
    noRecord: noRecord.rows.map((r) => ({
      actorSubject: r.actor_subject,
      actorRole: r.actor_role,
      actorCounty: r.actor_county,
      unknownPeople: Number(r.unknown_people),
      people: Number(r.people),
      lastAt: r.last_at,
    })),
    expiredApplications: expired.rows.map((r) => ({
      applicationId: r.application_id,
      countyCode: r.county_code,
      actorSubject: r.actor_subject,
      reads: Number(r.reads),
      lastAt: r.last_at,
    })),
    closedApplications: closed.rows.map((r) => ({
      applicationId: r.application_id,
      countyCode: r.county_code,
      closedAt: r.closed_at,
      actorSubject: r.actor_subject,
      reads: Number(r.reads),
      allowed: Number(r.allowed),
      lastAt: r.last_at,
    })),
  };
}
