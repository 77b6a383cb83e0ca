// The group-committing chain writer: one per gateway process, one hash chain each.
//
// record() only queues and returns a promise. A single flusher takes everything queued, numbers
// and hashes it onto the chain, and writes it in ONE transaction (multi-row INSERTs); every
// promise of that batch resolves after COMMIT. Entries arriving while a flush runs wait for the
// next one, so under load each transaction carries many requests' entries and throughput grows
// with concurrency instead of being capped by commit latency.
//
// The chain state (last seq, last hash) advances only after COMMIT. When a flush fails (or
// hangs past its timeout) its promises reject, the writer is unhealthy until a later flush or
// probe succeeds, and the next flush first re-reads the chain's last committed entry: a
// COMMIT that reached the server although we saw an error is then continued, not forked.
//
// With a signer, each flush also writes, in the same transaction, a checkpoint signing where
// the chain now stands (src/audit/signing.ts): every committed entry is covered by one.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Sql } from '../db/index';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { GENESIS_HASH, canonicalTime, entryHash, readsKey, readsText, type AccessLogEntry, type ChainedFields } from './canonical';
import { EVIDENCE, type EvidenceName } from '../evidence/kinds';
import type { Checkpoint, CheckpointSigner } from './signing';

/** A row ready to be chained: everything but chainId, seq and the hashes. */
export type Unchained = Omit<ChainedFields, 'chainId' | 'seq'>;

export interface WriterOptions {
  /** a flush that has not committed by then fails (default 5000 ms) */
  flushTimeoutMs?: number;
  /** at most this many entries per transaction (default 5000) */
  maxBatch?: number;
  /** while unhealthy, try the store this often (default 2000 ms) */
  probeIntervalMs?: number;
  /** tests and benchmarks: a fixed chain id */
  chainId?: string;
  /** signs a checkpoint per flush; without one no checkpoints are written (benchmarks: signing off) */
  signer?: CheckpointSigner;
}

export class AuditStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuditStoreError';
  }
}

interface Pending {
  rows: Unchained[];
  resolve(): void;
  reject(err: Error): void;
}

const COLUMNS = [
  'chain_id',
  'seq',
  'format',
  'at',
  'action',
  'request_id',
  'actor_subject',
  'actor_role',
  'actor_county',
  'application_id',
  'county_code',
  'subject_hash',
  'department',
  'evidence',
  'fields',
  'outcome',
  'source',
  'reason',
  'prev_hash',
  'hash',
  'reads_key',
] as const;
/** rows per INSERT statement: 21 parameters each (plus the reads lists and checkpoint), well under PostgreSQL's 65,535 */
const ROWS_PER_STATEMENT = 1000;

/** A fresh chain id per process start: host, pid, start time and randomness. */
export function newChainId(): string {
  const host =
    hostname()
      .replace(/[^A-Za-z0-9.-]/g, '-')
      .slice(0, 40) || 'host';
  return `${host}-${process.pid}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export class ChainWriter {
  readonly chainId: string;
  private queue: Pending[] = [];
  private queuedRows = 0;
  private inFlightRows = 0;
  private flushing: Promise<void> | undefined;
  private scheduled = false;
  private lastSeq = 0;
  private lastHash = GENESIS_HASH;
  private registered = false;
  private needsResync = false;
  private ok = true;
  private closed = false;
  private probeTimer: NodeJS.Timeout | undefined;
  /** transactions committed (and failed) by this writer: what group commit saves */
  commits = 0;
  failures = 0;
  private readonly flushTimeoutMs: number;
  private readonly maxBatch: number;
  private readonly probeIntervalMs: number;
  /** reads lists known committed to access_log_reads: not sent again (bounded; a miss only costs a no-op insert) */
  private readonly knownReads = new Set<string>();
  private readonly signer: CheckpointSigner | undefined;
  private checkpoint: Checkpoint | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly metrics: Metrics | undefined,
    private readonly logger: Logger | undefined,
    opts: WriterOptions = {},
  ) {
    this.chainId = opts.chainId ?? newChainId();
    this.flushTimeoutMs = opts.flushTimeoutMs ?? 5000;
    this.maxBatch = opts.maxBatch ?? 5000;
    this.probeIntervalMs = opts.probeIntervalMs ?? 2000;
    this.signer = opts.signer;
  }

  /** The last checkpoint this writer committed (undefined before its first flush, or unsigned). */
  lastCheckpoint(): Checkpoint | undefined {
    return this.checkpoint;
  }

  healthy(): boolean {
    return this.ok && !this.closed;
  }

  /** The chain's committed head: what the next entry links to. */
  head(): { seq: number; hash: string } {
    return { seq: this.lastSeq, hash: this.lastHash };
  }

  append(rows: Unchained[]): Promise<void> {
    if (this.closed) return Promise.reject(new AuditStoreError('the audit store is closed'));
    if (rows.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.queuedRows += rows.length;
      this.gauge();
      this.schedule();
    });
  }

  /** Flushes everything queued, then stops: graceful shutdown. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = undefined;
    // entries queued before close still get their flush
    while (this.flushing || this.queue.length > 0) {
      if (!this.flushing) this.flushing = this.drain();
      await this.flushing;
    }
  }

  private gauge(): void {
    this.metrics?.auditQueueDepth.set(this.queuedRows + this.inFlightRows);
  }

  private schedule(): void {
    if (this.flushing || this.scheduled) return;
    this.scheduled = true;
    // let this tick's other reads queue too: one request's entries go in one transaction
    setImmediate(() => {
      this.scheduled = false;
      if (!this.flushing && this.queue.length > 0) this.flushing = this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.flushOnce();
    } finally {
      this.flushing = undefined;
    }
  }

  private take(): Pending[] {
    const batch: Pending[] = [];
    let n = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (batch.length > 0 && n + next.rows.length > this.maxBatch) break;
      this.queue.shift();
      batch.push(next);
      n += next.rows.length;
    }
    this.queuedRows -= n;
    this.inFlightRows = n;
    return batch;
  }

  private async flushOnce(): Promise<void> {
    const batch = this.take();
    this.gauge();
    const rows = batch.flatMap((p) => p.rows);
    // what this flush starts from; the transaction never writes writer state, so one that
    // completes after we gave up on it (a hang) cannot move the chain behind our back
    const resync = this.needsResync;
    const base = { seq: this.lastSeq, hash: this.lastHash, registered: this.registered };
    try {
      const { lastSeq, lastHash, newReads, checkpoint } = await this.sql.transaction(
        async (tx) => {
          const start = resync ? await this.readHead(tx) : base;
          let seq = start.seq;
          let prev = start.hash;
          const chained: (AccessLogEntry & { readsKey?: string })[] = rows.map((r) => {
            seq += 1;
            const fields: ChainedFields = { chainId: this.chainId, seq, ...r };
            const hash = entryHash(prev, fields);
            const e = { ...fields, prevHash: prev, hash };
            prev = hash;
            return e;
          });
          if (!start.registered) {
            await tx.query('INSERT INTO access_log_chains (chain_id, host, pid) VALUES ($1, $2, $3) ON CONFLICT (chain_id) DO NOTHING', [
              this.chainId,
              hostname().slice(0, 200),
              process.pid,
            ]);
          }
          const newReads = new Map<string, StoredReads>();
          for (const e of chained) {
            if (!e.reads) continue;
            const text = readsText(e.reads);
            const key = readsKey(text);
            e.readsKey = key;
            if (!this.knownReads.has(key)) newReads.set(key, { key, text, evidence: e.reads.map(([k]) => k) });
          }
          const checkpoint = this.signer?.sign({ chainId: this.chainId, seq, hash: prev, at: canonicalTime(new Date()) });
          // one statement for the reads lists, the first (usually only) thousand rows and the
          // checkpoint: each statement is a round trip and a socket write, several per flush
          for (let i = 0; i < chained.length; i += ROWS_PER_STATEMENT) {
            const params: unknown[] = [];
            const also: string[] = [];
            if (i === 0 && newReads.size > 0) also.push(readsInsert([...newReads.values()], params));
            if (i === 0 && checkpoint) also.push(checkpointInsert(checkpoint, params));
            const rowsText = rowsInsert(chained.slice(i, i + ROWS_PER_STATEMENT), params);
            const text = also.length > 0 ? `WITH ${also.map((t, n) => `w${n} AS (${t})`).join(', ')} ${rowsText}` : rowsText;
            await tx.query(text, params);
          }
          return { lastSeq: seq, lastHash: prev, newReads: [...newReads.keys()], checkpoint };
        },
        { timeoutMs: this.flushTimeoutMs },
      );
      // committed: only now does the chain move on
      this.lastSeq = lastSeq;
      this.lastHash = lastHash;
      if (checkpoint) this.checkpoint = checkpoint;
      this.registered = true;
      this.needsResync = false;
      if (this.knownReads.size + newReads.length > 10_000) this.knownReads.clear();
      for (const k of newReads) this.knownReads.add(k);
      this.commits += 1;
      this.metrics?.auditCommits.inc({ outcome: 'ok' });
      this.inFlightRows = 0;
      this.gauge();
      if (!this.ok) this.logger?.info({ chainId: this.chainId }, 'audit store writable again');
      this.ok = true;
      this.stopProbe();
      for (const p of batch) p.resolve();
    } catch (err) {
      this.failures += 1;
      this.needsResync = true;
      this.ok = false;
      this.metrics?.auditCommits.inc({ outcome: 'error' });
      this.inFlightRows = 0;
      this.gauge();
      // the driver's message and code only: a detail could quote a row
      const e = err as { code?: string; message?: string };
      this.logger?.error({ chainId: this.chainId, entries: rows.length, err: { code: e.code, message: e.message } }, 'audit flush failed');
      const failure = new AuditStoreError('the access log could not be written', { cause: err });
      for (const p of batch) p.reject(failure);
      this.startProbe();
    }
  }

  /** The chain's last committed entry, whatever we believed before a failure. */
  private async readHead(tx: Sql): Promise<{ seq: number; hash: string; registered: boolean }> {
    const { rows } = await tx.query<{ seq: string | number; hash: string }>(
      'SELECT seq, hash FROM access_log WHERE chain_id = $1 ORDER BY seq DESC LIMIT 1',
      [this.chainId],
    );
    const last = rows[0];
    if (last) return { seq: Number(last.seq), hash: last.hash, registered: true };
    // nothing of this chain remains: either nothing committed yet, or all of it was archived
    const a = await tx.query<{ last_seq: string | number; head_hash: string }>(
      'SELECT last_seq, head_hash FROM access_log_archive WHERE chain_id = $1 ORDER BY last_seq DESC LIMIT 1',
      [this.chainId],
    );
    const arch = a.rows[0];
    const r = await tx.query<{ n: string }>('SELECT count(*)::text AS n FROM access_log_chains WHERE chain_id = $1', [this.chainId]);
    const registered = Number(r.rows[0]?.n ?? 0) > 0;
    return arch ? { seq: Number(arch.last_seq), hash: arch.head_hash, registered } : { seq: 0, hash: GENESIS_HASH, registered };
  }

  private startProbe(): void {
    if (this.probeTimer || this.closed) return;
    this.probeTimer = setInterval(() => void this.probe(), this.probeIntervalMs);
    this.probeTimer.unref();
  }

  private stopProbe(): void {
    if (this.probeTimer) clearInterval(this.probeTimer);
    this.probeTimer = undefined;
  }

  /**
   * While unhealthy and idle: can we write? pg_current_xact_id() needs a writable primary, and
   * the table must be there. The chain head is not touched here: the next flush re-reads it in
   * its own transaction.
   */
  private async probe(): Promise<void> {
    if (this.ok || this.flushing || this.closed) return;
    try {
      await this.sql.transaction(
        async (tx) => {
          await tx.query('SELECT pg_current_xact_id()');
          await tx.query('SELECT 1 FROM access_log WHERE chain_id = $1 LIMIT 1', [this.chainId]);
        },
        { timeoutMs: this.flushTimeoutMs },
      );
      if (!this.ok && !this.flushing && !this.closed) {
        this.ok = true;
        this.logger?.info({ chainId: this.chainId }, 'audit store writable again');
        this.stopProbe();
      }
    } catch {
      // still down; the next tick tries again
    }
  }
}

interface StoredReads {
  key: string;
  text: string;
  evidence: string[];
}

/** The reads lists a flush refers to, once each; what another writer stored already stays. */
function readsInsert(lists: StoredReads[], params: unknown[]): string {
  const tuples: string[] = [];
  for (const r of lists) {
    const departments = [...new Set(r.evidence.map((k) => EVIDENCE[k as EvidenceName].department))];
    params.push(r.key, r.text, r.evidence, departments);
    const n = params.length;
    tuples.push(`($${n - 3}, $${n - 2}, $${n - 1}, $${n})`);
  }
  return `INSERT INTO access_log_reads (key, reads, evidence, departments) VALUES ${tuples.join(', ')} ON CONFLICT (key) DO NOTHING`;
}

function checkpointInsert(c: Checkpoint, params: unknown[]): string {
  params.push(c.chainId, c.seq, c.hash, c.at, c.keyId, c.signature);
  const n = params.length;
  return `INSERT INTO access_log_checkpoints (chain_id, seq, hash, at, key_id, signature) VALUES ($${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
}

function rowsInsert(rows: (AccessLogEntry & { readsKey?: string })[], params: unknown[]): string {
  const tuples: string[] = [];
  for (const e of rows) {
    const base = params.length;
    params.push(
      e.chainId,
      e.seq,
      e.format,
      e.at,
      e.action,
      e.requestId,
      e.actorSubject,
      e.actorRole,
      e.actorCounty,
      e.applicationId,
      e.countyCode,
      e.subjectHash,
      e.department,
      e.evidence,
      e.fields,
      e.outcome,
      e.source,
      e.reason,
      e.prevHash,
      e.hash,
      e.readsKey ?? null,
    );
    tuples.push(`(${COLUMNS.map((_, i) => `$${base + i + 1}`).join(', ')})`);
  }
  return `INSERT INTO access_log (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`;
}
