// The auditor's search: the contract's filters, newest first, keyset-paged with an opaque
// cursor. A person is searched by the keyed hash of their ID number; the number itself never
// reaches the database.
import { ROLES } from '../auth/viewer';
import { isIsoDateTime } from '../codes/dates';
import type { Sql } from '../db/index';
import { BadUserInputError } from '../errors';
import { DEPARTMENTS, EVIDENCE_NAMES } from '../evidence/kinds';
import type { SubjectHasher } from '../evidence/subjectHash';
import { checkCountyCode, checkIdNumber } from '../evidence/validate';
import type { AccessLogEntry } from './canonical';
import { ACCESS_ACTIONS, type AccessAction, type AccessOutcome } from './types';
import { ENTRY_SELECT, rowToEntry, type EntryRow } from './verify';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** totalCount is given up to this many; past it, null (counting further is not cheap) */
export const MAX_COUNTED = 10_000;

export interface AccessLogFilterInput {
  idNumber?: string | null;
  /** a person by the keyed hash an entry shows (the console links a person's timeline by it) */
  subjectHash?: string | null;
  actorSubject?: string | null;
  actorRole?: string | null;
  countyCode?: string | null;
  applicationId?: string | null;
  department?: string | null;
  /** the evidence kind read (a Person field name) */
  evidence?: string | null;
  outcome?: AccessOutcome | null;
  action?: AccessAction | null;
  requestId?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface AccessLogPage {
  edges: { cursor: string; node: AccessLogEntry }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  /** a function, so the count runs only when the field is asked for */
  totalCount: () => Promise<number | null>;
}

const OUTCOMES: readonly string[] = ['ALLOWED', 'DENIED', 'ERROR'];

/** An entry's place in newest-first order, opaque to callers (also myAccessLog's cursor). */
export function encodeCursor(e: AccessLogEntry): string {
  return Buffer.from(JSON.stringify([e.at, e.chainId, e.seq])).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string, number] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 3 && isIsoDateTime(v[0]) && typeof v[1] === 'string' && Number.isSafeInteger(v[2]))
      return v as [string, string, number];
  } catch {
    // fall through
  }
  throw new BadUserInputError('after is not a cursor this API returned.', 'after');
}

function text(value: string | null | undefined, name: string, max = 200): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value.length === 0 || value.length > max)
    throw new BadUserInputError(`filter.${name} must be 1 to ${max} characters.`, `filter.${name}`);
  return value;
}

/** The WHERE clause and its parameters; BAD_USER_INPUT for a value no entry could have. */
export function buildFilter(
  filter: AccessLogFilterInput | null | undefined,
  subjectHash: SubjectHasher,
): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const eq = (column: string, value: unknown) => {
    params.push(value);
    where.push(`${column} = $${params.length}`);
  };
  const f = filter ?? {};
  if (f.idNumber !== null && f.idNumber !== undefined) eq('subject_hash', subjectHash(checkIdNumber(f.idNumber, 'filter.idNumber')));
  if (f.subjectHash !== null && f.subjectHash !== undefined) {
    if (!/^[0-9a-f]{64}$/.test(f.subjectHash))
      throw new BadUserInputError('filter.subjectHash must be 64 lower-case hex characters.', 'filter.subjectHash');
    eq('subject_hash', f.subjectHash);
  }
  const actor = text(f.actorSubject, 'actorSubject');
  if (actor !== undefined) eq('actor_subject', actor);
  if (f.actorRole !== null && f.actorRole !== undefined) {
    if (!(ROLES as readonly string[]).includes(f.actorRole))
      throw new BadUserInputError(`filter.actorRole must be one of ${ROLES.join(', ')}.`, 'filter.actorRole');
    eq('actor_role', f.actorRole);
  }
  if (f.countyCode !== null && f.countyCode !== undefined) eq('county_code', checkCountyCode(f.countyCode, 'filter.countyCode'));
  const app = text(f.applicationId, 'applicationId', 64);
  if (app !== undefined) eq('application_id', app);
  if (f.department !== null && f.department !== undefined) {
    if (!(DEPARTMENTS as readonly string[]).includes(f.department))
      throw new BadUserInputError(`filter.department must be one of ${DEPARTMENTS.join(', ')}.`, 'filter.department');
    // a format 3 entry names one department only when it read one; its reads list names all
    params.push(f.department);
    where.push(
      `(department = $${params.length} OR reads_key IN (SELECT key FROM access_log_reads WHERE $${params.length} = ANY(departments)))`,
    );
  }
  if (f.evidence !== null && f.evidence !== undefined) {
    if (!(EVIDENCE_NAMES as readonly string[]).includes(f.evidence))
      throw new BadUserInputError(`filter.evidence must be one of ${EVIDENCE_NAMES.join(', ')}.`, 'filter.evidence');
    params.push(f.evidence);
    where.push(`(evidence = $${params.length} OR reads_key IN (SELECT key FROM access_log_reads WHERE $${params.length} = ANY(evidence)))`);
  }
  if (f.outcome !== null && f.outcome !== undefined) {
    if (!OUTCOMES.includes(f.outcome)) throw new BadUserInputError('filter.outcome must be ALLOWED, DENIED or ERROR.', 'filter.outcome');
    eq('outcome', f.outcome);
  }
  if (f.action !== null && f.action !== undefined) {
    if (!(ACCESS_ACTIONS as readonly string[]).includes(f.action))
      throw new BadUserInputError(`filter.action must be one of ${ACCESS_ACTIONS.join(', ')}.`, 'filter.action');
    eq('action', f.action);
  }
  const req = text(f.requestId, 'requestId', 64);
  if (req !== undefined) eq('request_id', req);
  for (const [key, op] of [
    ['from', '>='],
    ['to', '<'],
  ] as const) {
    const v = f[key];
    if (v === null || v === undefined) continue;
    if (!isIsoDateTime(v)) throw new BadUserInputError(`filter.${key} must be an ISO 8601 date-time with an offset.`, `filter.${key}`);
    params.push(v);
    where.push(`at ${op} $${params.length}::timestamptz`);
  }
  return { where, params };
}

export async function queryAccessLogs(
  sql: Sql,
  subjectHash: SubjectHasher,
  filter: AccessLogFilterInput | null | undefined,
  page: { first?: number | null; after?: string | null } = {},
): Promise<AccessLogPage> {
  const first = page.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    throw new BadUserInputError(`first must be from 1 to ${MAX_PAGE_SIZE}.`, 'first');
  const { where, params } = buildFilter(filter, subjectHash);
  const countWhere = [...where];
  const countParams = [...params];
  if (page.after !== null && page.after !== undefined) {
    const [at, chainId, seq] = decodeCursor(page.after);
    params.push(at, chainId, seq);
    const n = params.length;
    where.push(`(at, chain_id, seq) < ($${n - 2}::timestamptz, $${n - 1}::text, $${n}::bigint)`);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const { rows } = await sql.query<EntryRow>(
    `SELECT ${ENTRY_SELECT} FROM access_log ${clause} ORDER BY access_log.at DESC, access_log.chain_id DESC, access_log.seq DESC LIMIT ${first + 1}`,
    params,
  );
  const entries = rows.slice(0, first).map(rowToEntry);
  const edges = entries.map((node) => ({ cursor: encodeCursor(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: async () => {
      const c = countWhere.length ? `WHERE ${countWhere.join(' AND ')}` : '';
      const r = await sql.query<{ n: string | number }>(
        `SELECT count(*)::text AS n FROM (SELECT 1 FROM access_log ${c} LIMIT ${MAX_COUNTED + 1}) s`,
        countParams,
      );
      const n = Number(r.rows[0]?.n ?? 0);
      return n > MAX_COUNTED ? null : n;
    },
  };
}

/** One entry by its place in its chain, or null. */
export async function accessLogEntry(sql: Sql, chainId: string, seq: number): Promise<AccessLogEntry | null> {
  if (!Number.isSafeInteger(seq) || seq < 1 || chainId.length === 0 || chainId.length > 200) return null;
  const { rows } = await sql.query<EntryRow>(`SELECT ${ENTRY_SELECT} FROM access_log WHERE chain_id = $1 AND seq = $2::bigint`, [
    chainId,
    seq,
  ]);
  return rows[0] ? rowToEntry(rows[0]) : null;
}
