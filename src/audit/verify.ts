// Walks every chain and recomputes it: each entry's hash from its content and prevHash, each
// prevHash against the previous entry's hash (or the archive's recorded head hash), and seq
// continuity. Used by auditIntegrity and `npm run audit:verify`. Streams in keyset pages
// ordered by (chain_id, seq), so memory stays flat however long the log is.
import type { Sql } from '../db/index';
import { AT_SQL, GENESIS_HASH, entryHash, type AccessLogEntry, type ReadsList } from './canonical';

export interface ChainReport {
  chainId: string;
  /** entries still in the table */
  entries: number;
  /** entries moved to archive files (retention) */
  archivedEntries: number;
  lastSeq: number;
  lastHash: string;
  ok: boolean;
  firstBrokenSeq: number | null;
  /** what is wrong at firstBrokenSeq; never personal data */
  problem: string | null;
}

export interface IntegrityReport {
  ok: boolean;
  verifiedAt: string;
  /** entries still in the table, all chains */
  entries: number;
  archivedEntries: number;
  chains: ChainReport[];
}

/** One broken link, for the verify script's one line. */
export function firstProblem(report: IntegrityReport): ChainReport | undefined {
  return report.chains.find((c) => !c.ok);
}

/** The columns of an entry, read back in the canonical form. */
export const ENTRY_SELECT = `chain_id, seq::text AS seq, format, ${AT_SQL} AS at, action, request_id, actor_subject, actor_role, actor_county,
  application_id, county_code, subject_hash, department, evidence, fields, outcome, source, reason, prev_hash, hash,
  (SELECT r.reads FROM access_log_reads r WHERE r.key = access_log.reads_key) AS reads`;

export interface EntryRow {
  chain_id: string;
  seq: string;
  format: number;
  at: string;
  action: AccessLogEntry['action'];
  request_id: string;
  actor_subject: string;
  actor_role: string;
  actor_county: string | null;
  application_id: string | null;
  county_code: string | null;
  subject_hash: string | null;
  department: string | null;
  evidence: string | null;
  fields: string[];
  outcome: AccessLogEntry['outcome'];
  source: AccessLogEntry['source'];
  reason: string | null;
  prev_hash: string;
  hash: string;
  /** format 3: the stored reads list's text (null when its row is missing: the hash then fails) */
  reads: string | null;
}

export function rowToEntry(r: EntryRow): AccessLogEntry {
  return {
    chainId: r.chain_id,
    seq: Number(r.seq),
    format: Number(r.format),
    at: r.at,
    action: r.action,
    requestId: r.request_id,
    actorSubject: r.actor_subject,
    actorRole: r.actor_role,
    actorCounty: r.actor_county,
    applicationId: r.application_id,
    countyCode: r.county_code,
    subjectHash: r.subject_hash,
    department: r.department,
    evidence: r.evidence,
    fields: r.fields ?? [],
    reads: parseReads(r.reads),
    outcome: r.outcome,
    source: r.source,
    reason: r.reason,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

function parseReads(text: string | null): ReadsList | null {
  if (text === null) return null;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as ReadsList) : null;
  } catch {
    return null; // a damaged list: the entry's hash will not match
  }
}

interface ArchiveRow {
  chain_id: string;
  first_seq: string;
  last_seq: string;
  prev_hash: string;
  head_hash: string;
  entries: string;
}

interface ChainState extends ChainReport {
  expectedSeq: number;
  expectedPrev: string;
}

function newChain(chainId: string): ChainState {
  return {
    chainId,
    entries: 0,
    archivedEntries: 0,
    lastSeq: 0,
    lastHash: GENESIS_HASH,
    ok: true,
    firstBrokenSeq: null,
    problem: null,
    expectedSeq: 1,
    expectedPrev: GENESIS_HASH,
  };
}

function breakAt(c: ChainState, seq: number, problem: string): void {
  if (!c.ok) return;
  c.ok = false;
  c.firstBrokenSeq = seq;
  c.problem = problem;
}

export async function verifyAccessLog(sql: Sql, opts: { pageSize?: number } = {}): Promise<IntegrityReport> {
  const pageSize = opts.pageSize ?? 5000;
  // PostgreSQL: one snapshot for the whole walk, so an archive run meanwhile cannot tear it.
  // Embedded: the store has one connection; holding it would stall the gateway's writes, and
  // nothing else (no archive script) can open the store while the gateway has it.
  const walk = (q: Sql) => walkChains(q, pageSize);
  return sql.kind === 'postgres' ? sql.transaction(walk, { isolation: 'repeatable read', readOnly: true }) : walk(sql);
}

async function walkChains(sql: Sql, pageSize: number): Promise<IntegrityReport> {
  const chains = new Map<string, ChainState>();
  const chain = (id: string) => {
    let c = chains.get(id);
    if (!c) chains.set(id, (c = newChain(id)));
    return c;
  };

  // archived stretches: must start at 1 and follow on from each other
  const archives = await sql.query<ArchiveRow>(
    `SELECT chain_id, first_seq::text AS first_seq, last_seq::text AS last_seq, prev_hash, head_hash, entries::text AS entries
       FROM access_log_archive ORDER BY access_log_archive.chain_id, access_log_archive.first_seq`,
  );
  for (const a of archives.rows) {
    const c = chain(a.chain_id);
    const first = Number(a.first_seq);
    const last = Number(a.last_seq);
    if (first !== c.expectedSeq) breakAt(c, c.expectedSeq, `archive record starts at seq ${first}, expected ${c.expectedSeq}`);
    else if (a.prev_hash !== c.expectedPrev) breakAt(c, first, 'archive record does not link to what precedes it');
    c.archivedEntries += Number(a.entries);
    c.expectedSeq = last + 1;
    c.expectedPrev = a.head_hash;
    c.lastSeq = last;
    c.lastHash = a.head_hash;
  }

  const registered = await sql.query<{ chain_id: string }>('SELECT chain_id FROM access_log_chains');
  const registry = new Set(registered.rows.map((r) => r.chain_id));

  let after: [string, string] | undefined;
  for (;;) {
    const { rows } = after
      ? await sql.query<EntryRow>(
          `SELECT ${ENTRY_SELECT} FROM access_log WHERE (chain_id, seq) > ($1, $2::bigint) ORDER BY access_log.chain_id, access_log.seq LIMIT ${pageSize}`,
          after,
        )
      : await sql.query<EntryRow>(`SELECT ${ENTRY_SELECT} FROM access_log ORDER BY access_log.chain_id, access_log.seq LIMIT ${pageSize}`);
    for (const r of rows) check(chain(r.chain_id), rowToEntry(r));
    if (rows.length < pageSize) break;
    const last = rows[rows.length - 1]!;
    after = [last.chain_id, last.seq];
  }

  for (const id of registry) {
    const c = chain(id);
    if (c.entries === 0 && c.archivedEntries === 0) breakAt(c, 1, 'the chain was started but none of its entries remain (deleted?)');
  }
  for (const c of chains.values()) {
    if (!registry.has(c.chainId))
      breakAt(c, c.firstBrokenSeq ?? 1, 'the chain is not registered in access_log_chains (inserted from outside the gateway?)');
  }

  const list = [...chains.values()]
    .sort((a, b) => a.chainId.localeCompare(b.chainId))
    .map(({ expectedSeq: _s, expectedPrev: _p, ...rest }) => rest);
  return {
    ok: list.every((c) => c.ok),
    verifiedAt: new Date().toISOString(),
    entries: list.reduce((n, c) => n + c.entries, 0),
    archivedEntries: list.reduce((n, c) => n + c.archivedEntries, 0),
    chains: list,
  };
}

function check(c: ChainState, e: AccessLogEntry): void {
  c.entries += 1;
  c.lastSeq = e.seq;
  c.lastHash = e.hash;
  if (!c.ok) return;
  if (e.seq !== c.expectedSeq) {
    breakAt(
      c,
      c.expectedSeq,
      e.seq > c.expectedSeq
        ? `entry ${c.expectedSeq}${e.seq - c.expectedSeq > 1 ? ` to ${e.seq - 1}` : ''} missing (deleted?): the next entry is ${e.seq}`
        : `entry ${e.seq} appears out of order`,
    );
    return;
  }
  if (entryHash(e.prevHash, e) !== e.hash) {
    breakAt(c, e.seq, 'the entry does not match its hash (edited after it was written?)');
    return;
  }
  if (e.prevHash !== c.expectedPrev) {
    breakAt(
      c,
      e.seq,
      e.seq === 1 || c.expectedPrev === GENESIS_HASH
        ? 'prevHash is not the chain genesis'
        : c.entries === 1 && c.archivedEntries > 0
          ? `prevHash does not match the head hash archived for entry ${e.seq - 1}`
          : `prevHash does not match the hash of entry ${e.seq - 1} (rows replaced, swapped or reordered?)`,
    );
    return;
  }
  c.expectedSeq = e.seq + 1;
  c.expectedPrev = e.hash;
}
