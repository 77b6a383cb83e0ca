// The hash chain's arithmetic, shared by the writer, the verifier, the archive and the
// scripts, so that all of them agree byte for byte on what was hashed.
//
// hash(entry) = lower-case hex SHA-256 over the UTF-8 bytes of  prevHash + canonical(entry)
//   where prevHash is the previous entry's hash in the same chain (64 hex characters), and
//   GENESIS_HASH (64 zeros) for a chain's first entry (seq 1).
//
// canonical(entry) is JSON.stringify of an object with exactly these keys, in this order:
//   v             the entry's format (stored with it): 1 or 2
//   chainId       string
//   seq           number (1, 2, 3, ... without gaps within the chain)
//   at            string, UTC with microseconds: 2025-07-01T08:00:00.123000Z
//   action        string (format 2 only; format 1 entries are all reads): READ, REGISTER_APPLICATION, ...
//   requestId     string
//   actorSubject  string
//   actorRole     string
//   actorCounty   string | null
//   applicationId string | null
//   countyCode    string | null
//   subjectHash   string | null   (HMAC-SHA256 of the ID number; never the number)
//   department    string | null
//   evidence      string | null
//   fields        string[]        (in the order recorded)
//   outcome       "ALLOWED" | "DENIED" | "ERROR"
//   source        "DEPARTMENT" | "CACHE" | null
//   reason        string | null
// with no whitespace (JSON.stringify's default). Text is stored as written: the recorder
// replaces NUL and lone surrogates (which PostgreSQL cannot store as they are) before hashing.
import { createHash } from 'node:crypto';
import type { AccessAction, AccessOutcome, AccessSource } from './types';

export const GENESIS_HASH = '0'.repeat(64);

/** The format new entries are written in; the verifier reads each entry's own. */
export const CURRENT_FORMAT = 2;

/** What the chain covers: every stored column except the two hashes. */
export interface ChainedFields {
  /** the canonical form this entry is hashed in (see above) */
  format: number;
  chainId: string;
  seq: number;
  at: string;
  action: AccessAction;
  requestId: string;
  actorSubject: string;
  actorRole: string;
  actorCounty: string | null;
  applicationId: string | null;
  countyCode: string | null;
  subjectHash: string | null;
  department: string | null;
  evidence: string | null;
  fields: string[];
  outcome: AccessOutcome;
  source: AccessSource | null;
  reason: string | null;
}

/** An entry as stored: the chained fields and the two hashes. */
export interface AccessLogEntry extends ChainedFields {
  prevHash: string;
  hash: string;
}

export function canonical(e: ChainedFields): string {
  if (e.format !== 1 && e.format !== 2) throw new RangeError(`unknown access-log entry format ${e.format}`);
  return JSON.stringify({
    v: e.format,
    chainId: e.chainId,
    seq: e.seq,
    at: e.at,
    ...(e.format >= 2 ? { action: e.action } : {}),
    requestId: e.requestId,
    actorSubject: e.actorSubject,
    actorRole: e.actorRole,
    actorCounty: e.actorCounty,
    applicationId: e.applicationId,
    countyCode: e.countyCode,
    subjectHash: e.subjectHash,
    department: e.department,
    evidence: e.evidence,
    fields: e.fields,
    outcome: e.outcome,
    source: e.source,
    reason: e.reason,
  });
}

export function entryHash(prevHash: string, e: ChainedFields): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonical(e), 'utf8').digest('hex');
}

/** SQL that reads `at` back in the canonical form (same text PostgreSQL and PGlite). */
export const AT_SQL = `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** An ISO 8601 time (any offset) in the canonical form; throws on an invalid time. */
export function canonicalTime(value: string | Date): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError('not a valid time');
  // Date keeps milliseconds; the three extra digits make the text PostgreSQL gives back
  const iso = d.toISOString();
  if (!/^\d{4}-/.test(iso)) throw new RangeError('time out of range');
  return `${iso.slice(0, 23)}000Z`;
}

// eslint-disable-next-line no-control-regex -- NUL is exactly what PostgreSQL cannot store
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text PostgreSQL stores exactly as given (no NUL, no lone surrogate), so the hash survives a round trip. */
export function storable(s: string): string;
export function storable(s: string | null): string | null;
export function storable(s: string | null): string | null {
  return s === null ? null : s.replace(UNSTORABLE, '\uFFFD');
}
