// The evidence layer: the only way a resolver reaches a department. Per request, one
// DataLoader per kind of evidence collects every ID asked in the same tick; the batch goes
// to the cache in one round trip, the misses to the department in one batched call (shared
// with any other request already fetching the same person), and what came back into the
// cache. Every read is recorded in the access log before its data is handed out.
//
// One access-log entry per person (and purpose, outcome, source) per request, not one per kind
// of evidence: reads wait while any read of this request is still loading, then go to the log
// together, each kind with its fields (format 3 in src/audit/canonical.ts). The answer waits for
// the slowest department anyway, so nothing is handed out later than before, and never before
// its entry is committed.
//
// The cache is written while that entry commits, not before it: the request's department
// answers are sealed and sent to the cache together, in one tick after the access log's
// transaction is queued (auto-pipelined: one socket write to Redis for the whole request, not
// one per kind of evidence), and the answer waits for both (so a request that follows finds
// the cache written).
import DataLoader from 'dataloader';
import type { BatchFetch, EvidenceFetchers } from '../../connectors/types';
import type { AccessRecord, AuditRecorder } from '../audit/types';
import { readReason } from './readReason';
import type { Viewer } from '../auth/viewer';
import { AuditUnavailableError, DepartmentUnavailableError } from '../errors';
import type { CachedAnswer, EvidenceCache } from './cache/types';
import { EVIDENCE, EVIDENCE_NAMES, type EvidenceName, type EvidenceRecordMap, type Provenance, type WithProvenance } from './kinds';

export interface Purpose {
  applicationId: string;
  countyCode: string;
}

interface Loaded<R> {
  records: R[];
  retrievedAt: string;
  fromCache: boolean;
}

/** Observes the layer for metrics and the request log; never changes what happens. */
export interface EvidenceObserver {
  cacheLookup?(name: EvidenceName, hits: number, misses: number): void;
  departmentBatch?(name: EvidenceName, ids: number): void;
  /** an allowed read the department had no record for */
  noRecord?(name: EvidenceName): void;
}

/**
 * Shares department calls between concurrent requests of this instance: a person already
 * being fetched is awaited, not fetched again (stampede control at the July peak).
 */
export class InflightFetches {
  private readonly pending = new Map<string, Promise<CachedAnswer<unknown>>>();

  async fetch<R>(
    name: EvidenceName,
    ids: readonly string[],
    fetchBatch: (ids: string[]) => Promise<Map<string, R[]>>,
  ): Promise<Map<string, CachedAnswer<R> | Error>> {
    const out = new Map<string, CachedAnswer<R> | Error>();
    const waiting: [string, Promise<CachedAnswer<unknown>>][] = [];
    const fresh: string[] = [];
    for (const id of ids) {
      const p = this.pending.get(`${name}\u0000${id}`);
      if (p) waiting.push([id, p]);
      else fresh.push(id);
    }
    if (fresh.length > 0) {
      const batch = fetchBatch(fresh).then((m) => ({ map: m, retrievedAt: new Date().toISOString() }));
      for (const id of fresh) {
        const key = `${name}\u0000${id}`;
        const p = batch.then(({ map, retrievedAt }) => ({ records: map.get(id) ?? [], retrievedAt }));
        p.catch(() => {}).finally(() => this.pending.delete(key));
        this.pending.set(key, p);
        waiting.push([id, p]);
      }
    }
    await Promise.all(
      waiting.map(async ([id, p]) => {
        try {
          out.set(id, (await p) as CachedAnswer<R>);
        } catch (err) {
          out.set(id, err instanceof Error ? err : new Error(String(err)));
        }
      }),
    );
    return out;
  }
}

export interface ReaderDeps {
  fetchers: EvidenceFetchers;
  cache: EvidenceCache;
  audit: AuditRecorder;
  inflight: InflightFetches;
  viewer: Viewer;
  requestId: string;
  /** epoch ms: department calls never run past it */
  deadline: number;
  /** bypass cache reads (final review); answers still refresh the cache */
  fresh: boolean;
  observer?: EvidenceObserver;
}

/** Reads of one person for one purpose with one result, waiting to be recorded together. */
interface ReadGroup {
  idNumber: string;
  purpose: Purpose;
  result: Pick<AccessRecord, 'outcome' | 'source' | 'reason'>;
  fields: Map<EvidenceName, Set<string>>;
  /** an allowed read: whether any of its kinds had a record of the person (not: the entry's reason says "no record") */
  found: boolean;
}

interface OpenBatch {
  groups: Map<string, ReadGroup>;
  committed: Promise<void>;
  settle(err?: unknown): void;
}

const EVIDENCE_ORDER = new Map(EVIDENCE_NAMES.map((n, i) => [n, i]));

export class EvidenceReader {
  private readonly loaders = new Map<EvidenceName, DataLoader<string, Loaded<unknown>>>();
  /** departments this request actually called, and cache hits: for the request log */
  readonly departmentsCalled = new Set<string>();
  cacheHits = 0;

  /** authorization's basis per person and purpose (set by src/auth): the reason of each ALLOWED entry */
  private readonly bases = new Map<string, string>();

  /** reads of this request whose data is still loading: the batch is recorded when none is */
  private loading = 0;
  private batch_: OpenBatch | undefined;
  private flushScheduled = false;
  /** department answers of this request not yet in the cache: written with the next flush */
  private unwritten: (() => Promise<void>)[] = [];

  constructor(private readonly deps: ReaderDeps) {}

  /** Records on what basis authorization allowed reading this person for this purpose ("statutory duty", "consent", ...). */
  setBasis(idNumber: string, purpose: Purpose, basis: string): void {
    this.bases.set(`${idNumber}\u0000${purpose.applicationId}\u0000${purpose.countyCode}`, basis);
  }

  /** Every record of one kind naming this person, with provenance; recorded in the access log first. */
  async read<N extends EvidenceName>(
    name: N,
    idNumber: string,
    access: { purpose: Purpose; fields: string[] },
  ): Promise<WithProvenance<EvidenceRecordMap[N]>[]> {
    const department = EVIDENCE[name].department;
    let loaded: Loaded<EvidenceRecordMap[N]>;
    this.loading += 1;
    try {
      loaded = (await this.loader(name).load(idNumber)) as Loaded<EvidenceRecordMap[N]>;
    } catch (err) {
      this.loading -= 1;
      const failure = err instanceof DepartmentUnavailableError ? `department unavailable (${err.failure})` : 'internal error';
      // a failed read is recorded too; if even that fails the caller still gets the department's error
      await this.record(name, idNumber, access, { outcome: 'ERROR', source: null, reason: failure }).catch(() => {});
      throw err;
    }
    this.loading -= 1;
    try {
      const basis = this.bases.get(`${idNumber}\u0000${access.purpose.applicationId}\u0000${access.purpose.countyCode}`) ?? null;
      const found = loaded.records.length > 0;
      await this.record(
        name,
        idNumber,
        access,
        { outcome: 'ALLOWED', source: loaded.fromCache ? 'CACHE' : 'DEPARTMENT', reason: basis },
        found,
      );
      if (!found) this.deps.observer?.noRecord?.(name);
    } catch {
      throw new AuditUnavailableError();
    }
    if (loaded.fromCache) return withProvenanceShared(loaded.records, department, loaded.retrievedAt);
    const provenance = { department, retrievedAt: loaded.retrievedAt, fromCache: false };
    return loaded.records.map((r) => ({ ...r, provenance }));
  }

  /** A read that authorization refused: recorded, and no department is called. */
  async recordDenied(
    name: EvidenceName | null,
    idNumber: string | null,
    access: { purpose: Purpose | null; fields: string[] },
    reason: string,
  ): Promise<void> {
    await this.deps.audit.record([this.entry(name, idNumber, access.purpose, access.fields, { outcome: 'DENIED', source: null, reason })]);
  }

  /** Joins the request's open batch; resolves once the batch's entries are committed. */
  private record(
    name: EvidenceName,
    idNumber: string,
    access: { purpose: Purpose; fields: string[] },
    result: Pick<AccessRecord, 'outcome' | 'source' | 'reason'>,
    found = true,
  ): Promise<void> {
    const batch = (this.batch_ ??= openBatch());
    const { applicationId, countyCode } = access.purpose;
    const key = [idNumber, applicationId, countyCode, result.outcome, result.source ?? '', result.reason ?? ''].join('\u0000');
    let group = batch.groups.get(key);
    if (!group) {
      group = { idNumber, purpose: { applicationId, countyCode }, result, fields: new Map(), found: false };
      batch.groups.set(key, group);
    }
    // one entry per person: "no record" when none of the kinds read knew them (a guessed ID
    // number), not for each kind a real person simply lacks (a child holds no title)
    group.found ||= found;
    let fields = group.fields.get(name);
    if (!fields) group.fields.set(name, (fields = new Set()));
    for (const f of access.fields) fields.add(f);
    this.scheduleFlush();
    return batch.committed;
  }

  /**
   * Records the open batch once nothing of this request is loading. setImmediate lets reads that
   * resolvers start on this data (promise callbacks) join first.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      // still loading: the last read to finish loading schedules the flush again
      if (this.loading > 0 || !this.batch_) return;
      const batch = this.batch_;
      this.batch_ = undefined;
      const entries = [...batch.groups.values()].map((g) => ({
        ...this.entry(
          null,
          g.idNumber,
          g.purpose,
          [],
          g.result.outcome === 'ALLOWED' ? { ...g.result, reason: readReason(g.result.reason ?? null, g.found) } : g.result,
        ),
        reads: [...g.fields]
          .sort(([a], [b]) => EVIDENCE_ORDER.get(a)! - EVIDENCE_ORDER.get(b)!)
          .map(([evidence, f]) => ({ evidence, fields: [...f].sort() })),
      }));
      const committed = this.deps.audit.record(entries);
      Promise.all([committed, this.writeCache()]).then(
        () => batch.settle(),
        (err: unknown) => batch.settle(err ?? new Error('audit failed')),
      );
    });
  }

  /**
   * Writes the answers loaded since the last flush, all in one tick, queued behind the access
   * log's transaction (its own setImmediate) so sealing runs while PostgreSQL commits. Never
   * rejects: a cache that fails is a cache that misses.
   */
  private writeCache(): Promise<unknown> {
    if (this.unwritten.length === 0) return Promise.resolve();
    const writes = this.unwritten;
    this.unwritten = [];
    return new Promise((resolve) => setImmediate(() => resolve(Promise.all(writes.map((write) => write())))));
  }

  private entry(
    name: EvidenceName | null,
    idNumber: string | null,
    purpose: Purpose | null,
    fields: string[],
    result: Pick<AccessRecord, 'outcome' | 'source' | 'reason'>,
  ): AccessRecord {
    const { viewer, requestId } = this.deps;
    return {
      at: new Date().toISOString(),
      requestId,
      actorSubject: viewer.sub,
      actorRole: viewer.role,
      actorCounty: viewer.county,
      applicationId: purpose?.applicationId ?? null,
      countyCode: purpose?.countyCode ?? null,
      idNumber,
      department: name ? EVIDENCE[name].department : null,
      evidence: name,
      fields,
      ...result,
    };
  }

  private loader(name: EvidenceName): DataLoader<string, Loaded<unknown>> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<string, Loaded<unknown>>((ids) => this.batch(name, ids), { maxBatchSize: 500 });
      this.loaders.set(name, loader);
    }
    return loader;
  }

  private async batch(name: EvidenceName, ids: readonly string[]): Promise<(Loaded<unknown> | Error)[]> {
    const { cache, fresh, inflight, observer } = this.deps;
    const results = new Map<string, Loaded<unknown> | Error>();
    const hits = fresh ? new Map<string, CachedAnswer<unknown>>() : await cache.getMany(name, ids);
    for (const [id, answer] of hits) results.set(id, { ...answer, fromCache: true });
    const misses = ids.filter((id) => !hits.has(id));
    observer?.cacheLookup?.(name, hits.size, misses.length);
    this.cacheHits += hits.size;

    if (misses.length > 0) {
      const fetcher = this.deps.fetchers[name] as BatchFetch<unknown>;
      const fetched = await inflight.fetch(name, misses, (fresh) => {
        this.departmentsCalled.add(EVIDENCE[name].department);
        observer?.departmentBatch?.(name, fresh.length);
        return fetcher(fresh, { deadline: this.deps.deadline });
      });
      const toCache = new Map<string, CachedAnswer<unknown>>();
      for (const [id, answer] of fetched) {
        if (answer instanceof Error) {
          results.set(id, answer);
        } else {
          results.set(id, { ...answer, fromCache: false });
          toCache.set(id, answer);
        }
      }
      // written with the access log's entry (scheduleFlush), together with the request's other answers
      if (toCache.size > 0)
        this.unwritten.push(() => cache.setMany(name, toCache as Map<string, CachedAnswer<EvidenceRecordMap[typeof name]>>));
    }
    return ids.map((id) => results.get(id) ?? new Error('no result for a requested id'));
  }
}

/**
 * A cached answer's records with their provenance, made once per answer: the cache hands every
 * request the same frozen records (src/evidence/cache/opened.ts, memory.ts), and their provenance
 * (department, when it answered, from the cache) is the same for every request, so the copies
 * are shared too, frozen like the records (a copy per record per request was a good part of a
 * warm query's garbage).
 */
const shared = new WeakMap<readonly unknown[], readonly WithProvenance<unknown>[]>();
function withProvenanceShared<R>(records: R[], department: Provenance['department'], retrievedAt: string): WithProvenance<R>[] {
  let out = shared.get(records) as WithProvenance<R>[] | undefined;
  if (!out) {
    const provenance = Object.freeze({ department, retrievedAt, fromCache: true });
    out = Object.freeze(records.map((r) => Object.freeze({ ...r, provenance }))) as WithProvenance<R>[];
    shared.set(records, out);
  }
  return out;
}

function openBatch(): OpenBatch {
  let settle!: (err?: unknown) => void;
  const committed = new Promise<void>((resolve, reject) => {
    settle = (err) =>
      err === undefined ? resolve() : reject(err instanceof Error ? err : new Error('the access log could not be written'));
  });
  // every waiter handles the rejection; this keeps an unwaited batch from crashing the process
  committed.catch(() => {});
  return { groups: new Map(), committed, settle };
}
