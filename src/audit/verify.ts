// Walks every chain and recomputes it: each entry's hash from its content and prevHash, each
// prevHash against the previous entry's hash (or the archive's recorded head hash), and seq
// continuity. Used by auditIntegrity and `npm run audit:verify`. Streams in keyset pages
// ordered by (chain_id, seq), so memory stays flat however long the log is.
//
// Then the signed checkpoints (src/audit/signing.ts), which a store rewritten without the
// private key cannot match: each must verify with one of the public keys given, and the stored
// chain must reach it (the entry at its seq has its hash, or an archive row ends there with it).
// Every entry must be covered by a checkpoint (the writer signs each flush). Checkpoints pinned
// outside the database (--expect) are checked the same way, so a tail deleted together with its
// checkpoints is still found. The first bad seq is the one after the last checkpoint that held.
import type { Sql } from '../db/index';
import { AT_SQL, GENESIS_HASH, entryHash, type AccessLogEntry, type ReadsList } from './canonical';
import { checkpointProblem, type Checkpoint, type PublicKeys } from './signing';

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
  /** the chain's last signed checkpoint in the store (or pinned), null when it has none */
  lastCheckpoint: Checkpoint | null;
  /** whether the stored chain reaches that checkpoint: its entry (or archive row) has the signed hash */
  reachesCheckpoint: boolean | null;
}

export interface VerifyOptions {
  pageSize?: number;
  /** public keys that checkpoints must verify with; undefined: signatures are not checked */
  keys?: PublicKeys;
  /** checkpoints pinned outside the database (an outside monitor's, or the operational log's) */
  pinned?: Checkpoint[];
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
  checkpoint_at: string | null;
  checkpoint_key_id: string | null;
  checkpoint_signature: string | null;
}

interface ChainState extends ChainReport {
  expectedSeq: number;
  expectedPrev: string;
  /** the highest checkpoint seq found good so far, and whether one before it failed */
  goodCheckpointSeq: number;
  checkpointFailed: boolean;
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
    goodCheckpointSeq: 0,
    checkpointFailed: false,
    lastCheckpoint: null,
    reachesCheckpoint: null,
  };
}

/** Keeps the earliest break: a later check may find an earlier seq than the walk did. */
function breakAt(c: ChainState, seq: number, problem: string): void {
  if (!c.ok && c.firstBrokenSeq !== null && c.firstBrokenSeq <= seq) return;
  c.ok = false;
  c.firstBrokenSeq = seq;
  c.problem = problem;
}

export async function verifyAccessLog(sql: Sql, opts: VerifyOptions = {}): Promise<IntegrityReport> {
  // PostgreSQL: one snapshot for the whole walk, so an archive run meanwhile cannot tear it.
  // Embedded: the store has one connection; holding it would stall the gateway's writes, and
  // nothing else (no archive script) can open the store while the gateway has it.
  const walk = (q: Sql) => walkChains(q, opts);
  return sql.kind === 'postgres' ? sql.transaction(walk, { isolation: 'repeatable read', readOnly: true }) : walk(sql);
}

async function walkChains(sql: Sql, opts: VerifyOptions): Promise<IntegrityReport> {
  const pageSize = opts.pageSize ?? 5000;
  const chains = new Map<string, ChainState>();
  const chain = (id: string) => {
    let c = chains.get(id);
    if (!c) chains.set(id, (c = newChain(id)));
    return c;
  };

  // archived stretches: must start at 1 and follow on from each other
  const archives = await sql.query<ArchiveRow>(
    `SELECT chain_id, first_seq::text AS first_seq, last_seq::text AS last_seq, prev_hash, head_hash, entries::text AS entries,
            ${AT_SQL.replace('(at ', '(checkpoint_at ')} AS checkpoint_at, checkpoint_key_id, checkpoint_signature
       FROM access_log_archive ORDER BY access_log_archive.chain_id, access_log_archive.first_seq`,
  );
  for (const a of archives.rows) {
    const c = chain(a.chain_id);
    const first = Number(a.first_seq);
    const last = Number(a.last_seq);
    if (first !== c.expectedSeq) breakAt(c, c.expectedSeq, `archive record starts at seq ${first}, expected ${c.expectedSeq}`);
    else if (a.prev_hash !== c.expectedPrev) breakAt(c, first, 'archive record does not link to what precedes it');
    else if (opts.keys && a.checkpoint_signature !== null) {
      // the checkpoint copied at the cut must sign exactly this head
      const cp = { chainId: a.chain_id, seq: last, hash: a.head_hash, at: a.checkpoint_at ?? '', keyId: a.checkpoint_key_id ?? '' };
      const bad = checkpointProblem({ ...cp, signature: a.checkpoint_signature }, opts.keys);
      if (bad) breakAt(c, first, `the archive record of seq ${first} to ${last} carries a checkpoint that is not valid: ${bad}`);
    }
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
  await checkCheckpoints(sql, chain, () => chains.values(), opts, pageSize);

  for (const c of chains.values()) {
    if (!registry.has(c.chainId))
      breakAt(c, c.firstBrokenSeq ?? 1, 'the chain is not registered in access_log_chains (inserted from outside the gateway?)');
  }

  const list = [...chains.values()]
    .sort((a, b) => a.chainId.localeCompare(b.chainId))
    .map(({ expectedSeq: _s, expectedPrev: _p, goodCheckpointSeq: _g, checkpointFailed: _f, ...rest }) => rest);
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

interface CheckpointRow {
  chain_id: string;
  seq: string;
  hash: string;
  at: string;
  key_id: string;
  signature: string;
  entry_hash: string | null;
  archived_first: string | null;
  archived_last: string | null;
  archived_head: string | null;
}

/** Where the stored chain stands at a checkpoint's seq. */
interface Reach {
  entryHash: string | null;
  archived: { first: number; last: number; head: string } | null;
}

const CHECKPOINT_SELECT = `c.chain_id, c.seq::text AS seq, c.hash, ${AT_SQL.replace('(at ', '(c.at ')} AS at, c.key_id, c.signature,
  e.hash AS entry_hash, a.first_seq::text AS archived_first, a.last_seq::text AS archived_last, a.head_hash AS archived_head
  FROM access_log_checkpoints c
  LEFT JOIN access_log e ON e.chain_id = c.chain_id AND e.seq = c.seq
  LEFT JOIN access_log_archive a ON a.chain_id = c.chain_id AND c.seq BETWEEN a.first_seq AND a.last_seq`;

function reachOf(r: Pick<CheckpointRow, 'entry_hash' | 'archived_first' | 'archived_last' | 'archived_head'>): Reach {
  return {
    entryHash: r.entry_hash,
    archived:
      r.archived_last === null ? null : { first: Number(r.archived_first), last: Number(r.archived_last), head: r.archived_head ?? '' },
  };
}

async function checkCheckpoints(
  sql: Sql,
  chain: (id: string) => ChainState,
  all: () => Iterable<ChainState>,
  opts: VerifyOptions,
  pageSize: number,
): Promise<void> {
  const judge = (c: ChainState, cp: Checkpoint, reach: Reach, pinned: boolean) => {
    const from = pinned ? 'a pinned checkpoint' : 'the signed checkpoint';
    const bad = opts.keys ? checkpointProblem(cp, opts.keys) : null;
    if (bad) {
      c.checkpointFailed = true;
      breakAt(c, c.goodCheckpointSeq + 1, `${from} at seq ${cp.seq} is not valid: ${bad}`);
      return;
    }
    if (!c.lastCheckpoint || cp.seq >= c.lastCheckpoint.seq) c.lastCheckpoint = cp;
    let reaches: boolean;
    if (reach.entryHash !== null) reaches = reach.entryHash === cp.hash;
    else if (reach.archived) reaches = reach.archived.last !== cp.seq || reach.archived.head === cp.hash;
    else reaches = false;
    if (cp.seq === c.lastCheckpoint.seq) c.reachesCheckpoint = reaches;
    if (!reaches) {
      c.checkpointFailed = true;
      const storedLast = c.lastSeq;
      if (reach.entryHash === null && !reach.archived && cp.seq > storedLast) {
        breakAt(
          c,
          storedLast + 1,
          `entries ${storedLast + 1} to ${cp.seq} are missing: ${from} at seq ${cp.seq} signed more (tail deleted?)`,
        );
      } else {
        breakAt(
          c,
          c.goodCheckpointSeq + 1,
          `the stored chain does not reach ${from} at seq ${cp.seq}: history rewritten after seq ${c.goodCheckpointSeq}`,
        );
      }
      return;
    }
    if (cp.seq > c.goodCheckpointSeq && !c.checkpointFailed) c.goodCheckpointSeq = cp.seq;
  };

  let after: [string, string] | undefined;
  for (;;) {
    const { rows } = after
      ? await sql.query<CheckpointRow>(
          `SELECT ${CHECKPOINT_SELECT} WHERE (c.chain_id, c.seq) > ($1, $2::bigint) ORDER BY c.chain_id, c.seq LIMIT ${pageSize}`,
          after,
        )
      : await sql.query<CheckpointRow>(`SELECT ${CHECKPOINT_SELECT} ORDER BY c.chain_id, c.seq LIMIT ${pageSize}`);
    for (const r of rows) {
      const cp: Checkpoint = { chainId: r.chain_id, seq: Number(r.seq), hash: r.hash, at: r.at, keyId: r.key_id, signature: r.signature };
      judge(chain(r.chain_id), cp, reachOf(r), false);
    }
    if (rows.length < pageSize) break;
    const last = rows[rows.length - 1]!;
    after = [last.chain_id, last.seq];
  }

  for (const cp of opts.pinned ?? []) {
    const { rows } = await sql.query<Omit<CheckpointRow, 'chain_id' | 'seq' | 'hash' | 'at' | 'key_id' | 'signature'>>(
      `SELECT (SELECT hash FROM access_log WHERE chain_id = $1 AND seq = $2::bigint) AS entry_hash,
              a.first_seq::text AS archived_first, a.last_seq::text AS archived_last, a.head_hash AS archived_head
         FROM (SELECT 1) one LEFT JOIN access_log_archive a ON a.chain_id = $1 AND $2::bigint BETWEEN a.first_seq AND a.last_seq`,
      [cp.chainId, cp.seq],
    );
    const c = chain(cp.chainId);
    judge(c, cp, reachOf(rows[0] ?? { entry_hash: null, archived_first: null, archived_last: null, archived_head: null }), true);
  }

  // every entry is covered: an entry past the chain's last checkpoint was not written by a
  // signing gateway (or its checkpoints were deleted). Embedded: the walk is no snapshot, so
  // look again for checkpoints a flush committed meanwhile, with the entries the walk saw.
  for (const c of all()) {
    const covered = c.lastCheckpoint?.seq ?? 0;
    if (c.lastSeq <= covered || c.entries === 0) continue;
    const again = await sql.query<{ seq: string | null }>('SELECT max(seq)::text AS seq FROM access_log_checkpoints WHERE chain_id = $1', [
      c.chainId,
    ]);
    const from = Math.max(Number(again.rows[0]?.seq ?? 0), covered) + 1;
    if (from <= c.lastSeq)
      breakAt(c, from, `entries ${from} to ${c.lastSeq} are covered by no signed checkpoint (unsigned, or checkpoints deleted)`);
  }
}

/** The latest checkpoint of each chain (what an outside monitor pins). */
export async function latestCheckpoints(sql: Sql): Promise<Checkpoint[]> {
  const { rows } = await sql.query<{ chain_id: string; seq: string; hash: string; at: string; key_id: string; signature: string }>(
    `SELECT DISTINCT ON (chain_id) chain_id, seq::text AS seq, hash, ${AT_SQL} AS at, key_id, signature
       FROM access_log_checkpoints ORDER BY access_log_checkpoints.chain_id, access_log_checkpoints.seq DESC`,
  );
  return rows.map((r) => ({ chainId: r.chain_id, seq: Number(r.seq), hash: r.hash, at: r.at, keyId: r.key_id, signature: r.signature }));
}
