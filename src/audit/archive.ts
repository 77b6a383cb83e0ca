// Retention: entries older than a cut leave the table only together with their archive.
//
// In ONE transaction: for each chain, the stretch from its first remaining entry up to the last
// entry before the first one at or after the cut (a prefix, so what remains still starts a
// chain) is checked (a tampered stretch is refused, not archived away), written to the file as
// JSON lines (per chain: a header line, then one line per entry with its hashes), and the file
// is fsynced; then audit_archive_chain() records each stretch (first..last seq, the head hash
// at the cut, the file's SHA-256) in access_log_archive and deletes exactly those rows. The
// verifier links the first remaining entry to the recorded head hash. If anything fails the
// transaction rolls back and the file is removed.
//
// File format (UTF-8, one JSON object per line):
//   {"type":"chain","chainId":…,"firstSeq":…,"lastSeq":…,"entries":…,"prevHash":…,"headHash":…,"cut":…,"archivedAt":…}
//   {"type":"entry","chainId":…,"seq":…,"at":…, …every AccessLogEntry field…, "prevHash":…,"hash":…}
import { createHash } from 'node:crypto';
import { open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Sql } from '../db/index';
import { GENESIS_HASH, entryHash } from './canonical';
import { ENTRY_SELECT, rowToEntry, type EntryRow } from './verify';

export interface ArchivedChain {
  chainId: string;
  firstSeq: number;
  lastSeq: number;
  entries: number;
  prevHash: string;
  headHash: string;
}

export interface ArchiveResult {
  /** absolute path; undefined when nothing was old enough */
  file: string | undefined;
  sha256: string | undefined;
  entries: number;
  chains: ArchivedChain[];
}

export class ArchiveError extends Error {}

/** "400d", "12h", "30m": how far back the cut lies. */
export function parseAge(value: string): number {
  const m = /^(\d+)(d|h|m)$/.exec(value.trim());
  if (!m) throw new ArchiveError('an age is written like 400d, 12h or 30m');
  const n = Number(m[1]);
  return n * { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2] as 'd' | 'h' | 'm'];
}

const PAGE = 5000;

export async function archiveAccessLog(sql: Sql, opts: { cut: Date; out: string }): Promise<ArchiveResult> {
  const file = resolve(opts.out);
  const cut = opts.cut.toISOString();
  let handle: FileHandle | undefined;
  let created = false;
  /** once deletion is asked for, the file is kept whatever happens: the COMMIT may have landed */
  let deleting = false;
  const digest = createHash('sha256');
  const write = async (lines: string[]) => {
    if (lines.length === 0) return;
    if (!handle) {
      // never overwrite an earlier archive
      handle = await open(file, 'wx', 0o600);
      created = true;
    }
    const chunk = `${lines.join('\n')}\n`;
    digest.update(chunk, 'utf8');
    await handle.write(chunk);
  };

  try {
    const result = await sql.transaction(async (tx) => {
      if (tx.kind === 'postgres') await tx.query('SET LOCAL statement_timeout = 0');
      // one archive run at a time
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['access_log_archive']);
      const chains: ArchivedChain[] = [];
      const ids = await tx.query<{ chain_id: string }>('SELECT chain_id FROM access_log_chains ORDER BY chain_id');
      for (const { chain_id: chainId } of ids.rows) {
        const bounds = await tx.query<{ first: string | null; max: string | null }>(
          'SELECT min(seq)::text AS first, max(seq)::text AS max FROM access_log WHERE chain_id = $1',
          [chainId],
        );
        if (bounds.rows[0]?.first === null || bounds.rows[0]?.first === undefined) continue;
        const first = Number(bounds.rows[0].first);
        const newer = await tx.query<{ seq: string }>(
          'SELECT seq::text AS seq FROM access_log WHERE chain_id = $1 AND at >= $2::timestamptz ORDER BY access_log.seq LIMIT 1',
          [chainId, cut],
        );
        let last = newer.rows[0] ? Number(newer.rows[0].seq) - 1 : Number(bounds.rows[0].max);
        // a signed chain is cut at a checkpoint, so the archive row can carry the signature at the cut
        const cps = await tx.query<{ at_cut: string | null; any: string | null }>(
          `SELECT (SELECT max(seq)::text FROM access_log_checkpoints WHERE chain_id = $1 AND seq <= $2::bigint) AS at_cut,
                  (SELECT max(seq)::text FROM access_log_checkpoints WHERE chain_id = $1) AS any`,
          [chainId, last],
        );
        if (cps.rows[0]?.any !== null && cps.rows[0]?.any !== undefined) last = Number(cps.rows[0].at_cut ?? 0);
        if (last < first) continue;

        const ends = await tx.query<{ seq: string; prev_hash: string; hash: string }>(
          'SELECT seq::text AS seq, prev_hash, hash FROM access_log WHERE chain_id = $1 AND seq IN ($2::bigint, $3::bigint)',
          [chainId, first, last],
        );
        const headHash = ends.rows.find((r) => Number(r.seq) === last)?.hash;
        const prevHash = ends.rows.find((r) => Number(r.seq) === first)?.prev_hash;
        if (!headHash || !prevHash) throw new ArchiveError(`chain ${chainId}: entries ${first}..${last} are not all present`);
        const info: ArchivedChain = { chainId, firstSeq: first, lastSeq: last, entries: last - first + 1, prevHash, headHash };
        await write([JSON.stringify({ type: 'chain', ...info, cut, archivedAt: new Date().toISOString() })]);

        // stream the stretch, checking it as we go: evidence of tampering is never archived away
        let expectedSeq = first;
        let expectedPrev = prevHash;
        for (let from = first; from <= last; from += PAGE) {
          const to = Math.min(last, from + PAGE - 1);
          const { rows } = await tx.query<EntryRow>(
            `SELECT ${ENTRY_SELECT} FROM access_log WHERE chain_id = $1 AND seq BETWEEN $2::bigint AND $3::bigint ORDER BY access_log.seq`,
            [chainId, from, to],
          );
          const lines: string[] = [];
          for (const r of rows) {
            const e = rowToEntry(r);
            if (e.seq !== expectedSeq || e.prevHash !== expectedPrev || entryHash(e.prevHash, e) !== e.hash) {
              throw new ArchiveError(
                `chain ${chainId} is broken at seq ${expectedSeq}; run npm run audit:verify — a broken stretch is not archived`,
              );
            }
            expectedSeq += 1;
            expectedPrev = e.hash;
            lines.push(JSON.stringify({ type: 'entry', ...e }));
          }
          await write(lines);
        }
        if (expectedSeq !== last + 1) throw new ArchiveError(`chain ${chainId}: entries missing before seq ${last}`);
        chains.push(info);
      }
      if (chains.length === 0) return { chains, sha256: undefined };

      // durable before anything is deleted
      await handle!.sync();
      await handle!.close();
      handle = undefined;
      const sha256 = digest.digest('hex');
      deleting = true;
      for (const c of chains) {
        await tx.query('SELECT audit_archive_chain($1, $2::bigint, $3::bigint, $4, $5::timestamptz, $6, $7)', [
          c.chainId,
          c.firstSeq,
          c.lastSeq,
          c.headHash,
          cut,
          file,
          sha256,
        ]);
      }
      return { chains, sha256 };
    });
    if (created) await syncDir(dirname(file));
    return {
      file: created ? file : undefined,
      sha256: result.sha256,
      entries: result.chains.reduce((n, c) => n + c.entries, 0),
      chains: result.chains,
    };
  } catch (err) {
    const h = handle;
    await h?.close().catch(() => {});
    if (created && deleting) {
      throw new ArchiveError(
        `the archive step failed after deletion was asked for; ${file} is kept — check access_log_archive for whether it committed (${err instanceof Error ? err.message : String(err)})`,
      );
    }
    // nothing was deleted: the file would only mislead
    if (created) await rm(file, { force: true });
    throw err;
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // some file systems refuse fsync on a directory; the file itself is synced
  }
}

/** Recomputes an archive file's chains (for tests and for an auditor holding the file). */
export function verifyArchiveLines(lines: string[]): {
  ok: boolean;
  chains: { chainId: string; headHash: string; entries: number }[];
  problem?: string;
} {
  const out: { chainId: string; headHash: string; entries: number }[] = [];
  let cur: { chainId: string; headHash: string; lastSeq: number; expectedSeq: number; prev: string; n: number } | undefined;
  const finish = () => {
    if (!cur) return undefined;
    if (cur.expectedSeq !== cur.lastSeq + 1 || cur.prev !== cur.headHash) return `chain ${cur.chainId} does not reach its head hash`;
    out.push({ chainId: cur.chainId, headHash: cur.headHash, entries: cur.n });
    return undefined;
  };
  for (const line of lines) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as Record<string, unknown>;
    if (o.type === 'chain') {
      const p = finish();
      if (p) return { ok: false, chains: out, problem: p };
      cur = {
        chainId: String(o.chainId),
        headHash: String(o.headHash),
        lastSeq: Number(o.lastSeq),
        expectedSeq: Number(o.firstSeq),
        prev: typeof o.prevHash === 'string' ? o.prevHash : GENESIS_HASH,
        n: 0,
      };
    } else if (cur) {
      // files written before entries had a format are all format 1 reads
      const { type: _t, ...e } = { format: 1, action: 'READ', ...o } as unknown as { type: string } & import('./canonical').AccessLogEntry;
      if (e.seq !== cur.expectedSeq || e.prevHash !== cur.prev || entryHash(e.prevHash, e) !== e.hash) {
        return { ok: false, chains: out, problem: `chain ${cur.chainId} breaks at seq ${cur.expectedSeq}` };
      }
      cur.expectedSeq += 1;
      cur.prev = e.hash;
      cur.n += 1;
    }
  }
  const p = finish();
  return p ? { ok: false, chains: out, problem: p } : { ok: true, chains: out };
}

export interface ArchiveFileProblem {
  chainId: string;
  /** the first seq the archive row covers */
  seq: number;
  problem: string;
}

/**
 * Checks every archive row against its file: present (in dir, by the file's name, or where the
 * row says it was written), the SHA-256 the row recorded, and holding the row's stretch with its
 * head hash. An archive row is never trusted without its file.
 */
export async function checkArchiveFiles(sql: Sql, dir: string | undefined): Promise<ArchiveFileProblem[]> {
  const { rows } = await sql.query<{
    chain_id: string;
    first_seq: string;
    last_seq: string;
    head_hash: string;
    file: string;
    file_sha256: string;
  }>(
    'SELECT chain_id, first_seq::text AS first_seq, last_seq::text AS last_seq, head_hash, file, file_sha256 FROM access_log_archive ORDER BY chain_id, first_seq',
  );
  const problems: ArchiveFileProblem[] = [];
  const files = new Map<string, Promise<Buffer | undefined>>();
  for (const r of rows) {
    const path = dir ? join(dir, basename(r.file)) : r.file;
    const name = basename(r.file);
    if (!files.has(path))
      files.set(
        path,
        readFile(path).catch(() => undefined),
      );
    const bytes = await files.get(path)!;
    const at = { chainId: r.chain_id, seq: Number(r.first_seq) };
    const stretch = `seq ${r.first_seq} to ${r.last_seq}`;
    if (!bytes) {
      problems.push({ ...at, problem: `the archive file ${name} (${stretch}) is missing${dir ? ` from ${dir}` : ''}` });
      continue;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== r.file_sha256) {
      problems.push({ ...at, problem: `the archive file ${name} (${stretch}) was edited: its SHA-256 differs from the archive row` });
      continue;
    }
    let check: ReturnType<typeof verifyArchiveLines>;
    try {
      check = verifyArchiveLines(bytes.toString('utf8').split('\n'));
    } catch {
      check = { ok: false, chains: [], problem: 'it is not JSON lines' };
    }
    const held = check.chains.find((c) => c.chainId === r.chain_id && c.headHash === r.head_hash);
    if (!check.ok || !held)
      problems.push({
        ...at,
        problem: `the archive file ${name} does not hold ${stretch} with the recorded head hash${check.problem ? ` (${check.problem})` : ''}`,
      });
  }
  return problems;
}
