// The hash chain's arithmetic, shared by the writer, the verifier, the archive and the
// scripts, so that all of them agree byte for byte on what was hashed.
//
// hash(entry) = lower-case hex SHA-256 over the UTF-8 bytes of  prevHash + canonical(entry)
//   where prevHash is the previous entry's hash in the same chain (64 hex characters), and
//   GENESIS_HASH (64 zeros) for a chain's first entry (seq 1).
//
// canonical(entry) is JSON.stringify of an object with exactly these keys, in this order:
//   v             the entry's format (stored with it): 1, 2 or 3
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
//   evidence      string | null   (formats 1 and 2)
//   fields        string[]        (formats 1 and 2; in the order recorded)
//   reads         [[evidence, [field, ...]], ...]   (format 3 only, in place of evidence and
//                 fields: every kind read for the person in the request, each with its fields;
//                 stored once per distinct value in access_log_reads, see readsText)
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
/** One entry per person per request, the kinds read as a list (see `reads` above). */
export const READS_FORMAT = 3;

/** What a format 3 entry read: [evidence, fields] pairs. */
export type ReadsList = [string, string[]][];

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
  /** format 3: the kinds read and their fields; null before */
  reads?: ReadsList | null;
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
  if (e.format !== 1 && e.format !== 2 && e.format !== 3) throw new RangeError(`unknown access-log entry format ${e.format}`);
  // key order is part of the form: JSON.stringify keeps insertion order
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
    // a missing list (its row deleted) hashes as null: the entry then fails verification
    ...(e.format === READS_FORMAT ? { reads: e.reads ?? null } : { evidence: e.evidence, fields: e.fields }),
    outcome: e.outcome,
    source: e.source,
    reason: e.reason,
  });
}

export function entryHash(prevHash: string, e: ChainedFields): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonical(e), 'utf8').digest('hex');
}

/** The stored text of a reads list (access_log_reads.reads): the same JSON the hash covers. */
export function readsText(reads: ReadsList): string {
  return JSON.stringify(reads);
}

/** The key a reads list is stored under: SHA-256 of its text, base64url (43 characters). */
export function readsKey(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url');
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
