// The Redis backend (ioredis), single node or Cluster. Redis is a cache, never a dependency
// a caller can feel: every operation is bounded by a short command timeout, nothing queues
// while Redis is away (enableOfflineQueue: false, maxRetriesPerRequest: 0), and any failure
// is a miss (reads) or a skipped write. While Redis is down or hung, `healthy()` is false
// (readiness names it), gateway_cache_errors_total counts every operation served without
// it, and one warning is logged per outage. ioredis reconnects on its own; a hung server
// (connection up, commands timing out) is skipped for a cool-down after three failures in a
// row, probed with PING every second, and after three failed probes its connection is
// dropped and made again (so nothing piles up on a dead socket).
//
// REDIS_URL forms: redisUrl.ts; the client's options: redisClient.ts.
//
// Round trips: one node → one MGET per batch read, SET … EX per entry written, one DEL per
// eviction; with auto-pipelining on, the MGETs of the eleven loaders of a request (and of
// concurrent requests) share one socket write, and so do a request's writes, which the
// evidence layer issues in one tick (src/evidence/reader.ts). Cluster → the keys of a batch are different people, so they hash to
// different slots and MGET would fail with CROSSSLOT; hash tags cannot help (they would put a
// whole kind of evidence on one node). Instead the batch's GETs (SETs) are issued in one tick
// with ioredis auto-pipelining, which sends one pipeline per node serving them: a batch
// costs one round trip per node involved, in parallel, and MOVED/ASK redirects are followed.
import { Cluster, Redis } from 'ioredis';
import { CacheUnavailableError } from '../../errors';
import type { EvidenceName, EvidenceRecordMap } from '../kinds';
import type { Logger } from '../../observability/logger';
import type { Metrics } from '../../observability/metrics';
import type { EntryCodec } from './entries';
import { OpenedValues } from './opened';
import { createRedisClient } from './redisClient';
import { parseRedisUrl } from './redisUrl';
import type { CachedAnswer, EvidenceCache } from './types';

/** a command slower than this is a failure (a miss); the request goes on to the department */
export const DEFAULT_COMMAND_TIMEOUT_MS = 250;
/** consecutive failed operations on a live connection before Redis is skipped for the cool-down */
export const FAILURES_BEFORE_COOLDOWN = 3;
/** failed probes of a connection that stays up before it is dropped and made again */
export const PROBES_BEFORE_RECONNECT = 3;
/** a connection attempt slower than this fails (and start-up stops waiting for Redis) */
export const DEFAULT_CONNECT_TIMEOUT_MS = 1000;
/** reconnect attempts back off up to this */
export const DEFAULT_RECONNECT_MAX_DELAY_MS = 1000;
/** after a command fails on a live connection, Redis is skipped this long (then probed) */
export const DEFAULT_COOLDOWN_MS = 1000;

export interface RedisCacheOptions {
  url: string;
  codec: EntryCodec;
  metrics: Metrics;
  logger: Logger;
  commandTimeoutMs?: number;
  connectTimeoutMs?: number;
  reconnectMaxDelayMs?: number;
  cooldownMs?: number;
  /** opened values kept to skip opening the same value again (opened.ts); 0 opens every time */
  openedMaxEntries?: number;
}

type Client = Redis | Cluster;
type Operation = 'get' | 'set' | 'evict' | 'open' | 'connection';

// a gateway error (CACHE_UNAVAILABLE) that an eviction answers the operator with
export { CacheUnavailableError };

export class RedisCache implements EvidenceCache {
  readonly backend: 'redis' | 'redis-cluster';
  /** the ioredis client (tests scan the keyspace through their own connection, not this one) */
  readonly client: Client;
  private readonly codec: EntryCodec;
  /** values read before, opened (opened.ts) */
  private readonly opened: OpenedValues;
  private readonly metrics: Metrics;
  private readonly logger: Logger;
  private readonly commandTimeoutMs: number;
  private readonly cooldownMs: number;
  /** a command failed on a live connection; cleared by a success, a PING, or a new connection */
  private degraded = false;
  private consecutiveFailures = 0;
  private probeFailures = 0;
  private skipUntil = 0;
  private inOutage = false;
  private closed = false;
  private probe: NodeJS.Timeout | undefined;

  /** Connects, waiting at most the connect timeout: a Redis that is down at start-up is an outage, not a start-up failure. */
  static async connect(opts: RedisCacheOptions): Promise<RedisCache> {
    const cache = new RedisCache(opts);
    await cache.settled(opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    return cache;
  }

  constructor(opts: RedisCacheOptions) {
    const target = parseRedisUrl(opts.url);
    this.codec = opts.codec;
    this.opened = new OpenedValues(opts.openedMaxEntries);
    this.metrics = opts.metrics;
    this.logger = opts.logger;
    this.commandTimeoutMs = opts.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    this.cooldownMs = opts.cooldownMs ?? DEFAULT_COOLDOWN_MS;
    const { client, backend } = createRedisClient(target, {
      commandTimeoutMs: this.commandTimeoutMs,
      connectTimeoutMs: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      reconnectMaxDelayMs: opts.reconnectMaxDelayMs ?? DEFAULT_RECONNECT_MAX_DELAY_MS,
    });
    this.client = client;
    this.backend = backend;
    this.client.on('ready', () => {
      this.degraded = false;
      this.consecutiveFailures = 0;
      this.probeFailures = 0;
      this.skipUntil = 0;
      this.recovered();
    });
    const lost = (reason: string) => {
      if (!this.closed) this.outage(reason);
    };
    this.client.on('error', (err: unknown) => {
      if (this.closed) return;
      this.metrics.cacheErrors.inc({ operation: 'connection' });
      lost(reasonOf(err));
    });
    // a Cluster master lost while the cluster as a whole stays 'ready': degraded until the
    // probe finds every master answering again
    this.client.on('node error', (err: unknown) => {
      if (this.closed) return;
      this.metrics.cacheErrors.inc({ operation: 'connection' });
      if (this.client.status === 'ready') {
        this.degraded = true;
        this.scheduleProbe();
      }
      lost(reasonOf(err));
    });
    this.client.on('close', () => lost('connection closed'));
  }

  async getMany<N extends EvidenceName>(name: N, idNumbers: readonly string[]): Promise<Map<string, CachedAnswer<EvidenceRecordMap[N]>>> {
    const hits = new Map<string, CachedAnswer<EvidenceRecordMap[N]>>();
    if (idNumbers.length === 0) return hits;
    if (!this.usable()) {
      this.metrics.cacheErrors.inc({ operation: 'get' });
      return hits;
    }
    try {
      const entries = this.codec.keys(name, idNumbers);
      const keys = entries.map((e) => e.key);
      let values: (string | null)[];
      if (this.client instanceof Cluster) {
        // issued in one tick: auto-pipelining sends one pipeline per node
        const settled = await Promise.allSettled(keys.map((k) => this.bounded(this.client.get(k))));
        values = settled.map((s) => (s.status === 'fulfilled' ? s.value : null));
        const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
        if (failure) this.failed('get', failure.reason);
        else this.succeeded();
      } else {
        values = await this.bounded(this.client.mget(keys));
        this.succeeded();
      }
      entries.forEach((e, i) => {
        const value = values[i];
        if (value === null || value === undefined) {
          this.opened.forget(e.key);
          return;
        }
        const answer = this.opened.get(e.key, value, (sealed) => this.codec.open(name, e.hash, sealed));
        if (answer) hits.set(e.id, answer);
        else this.metrics.cacheErrors.inc({ operation: 'open' });
      });
    } catch (err) {
      this.failed('get', err);
    }
    return hits;
  }

  async setMany<N extends EvidenceName>(name: N, answers: Map<string, CachedAnswer<EvidenceRecordMap[N]>>): Promise<void> {
    if (answers.size === 0) return;
    if (!this.usable()) {
      this.metrics.cacheErrors.inc({ operation: 'set' });
      return;
    }
    try {
      const entries = this.codec.prepare(name, answers);
      if (entries.length === 0) return;
      if (this.client instanceof Cluster) {
        const settled = await Promise.allSettled(entries.map((e) => this.bounded(this.client.set(e.key, e.value, 'EX', e.ttlSeconds))));
        const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
        if (failure) this.failed('set', failure.reason);
        else this.succeeded();
      } else {
        // not an explicit pipeline, which is a socket write of its own: auto-pipelined SETs of one
        // tick (every kind of a request's answers) leave together
        const settled = await this.bounded(Promise.allSettled(entries.map((e) => this.client.set(e.key, e.value, 'EX', e.ttlSeconds))));
        const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
        if (failure) this.failed('set', failure.reason);
        else this.succeeded();
      }
    } catch (err) {
      this.failed('set', err);
    }
  }

  /**
   * Deletes every entry of one person. Unlike reads and writes this rejects
   * (CacheUnavailableError) when Redis cannot be reached: an operator must not be told a
   * correction was purged when it was not.
   */
  async evictPerson(idNumber: string): Promise<number> {
    const keys = this.codec.personKeys(idNumber);
    // only memory: the next read would find the keys gone and drop these anyway
    for (const k of keys) this.opened.forget(k);
    if (this.client.status !== 'ready') {
      this.metrics.cacheErrors.inc({ operation: 'evict' });
      throw new CacheUnavailableError();
    }
    try {
      let evicted: number;
      if (this.client instanceof Cluster) {
        const counts = await this.bounded(Promise.all(keys.map((k) => this.client.del(k))));
        evicted = counts.reduce((a, b) => a + b, 0);
      } else {
        evicted = await this.bounded(this.client.del(...keys));
      }
      this.succeeded();
      return evicted;
    } catch (err) {
      this.failed('evict', err);
      throw new CacheUnavailableError();
    }
  }

  healthy(): boolean {
    return this.client.status === 'ready' && !this.degraded;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.opened.clear();
    if (this.probe) clearTimeout(this.probe);
    if (this.client.status === 'ready') {
      await this.bounded(this.client.quit(), 1000).catch(() => {});
    }
    this.client.disconnect();
  }

  /** Resolves once the first connection is ready or has failed, or after `ms`. */
  private settled(ms: number): Promise<void> {
    if (this.client.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.client.off('ready', done);
        this.client.off('error', done);
        this.client.off('node error', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.client.once('ready', done);
      this.client.once('error', done);
      this.client.once('node error', done);
    });
  }

  private usable(): boolean {
    return this.client.status === 'ready' && Date.now() >= this.skipUntil;
  }

  /**
   * The command timeout. When the timer fires, the rejection waits for the check phase
   * (setImmediate), after the poll phase has read whatever Redis already sent: a gateway whose
   * event loop was busy for longer than the timeout does not blame a Redis that answered in
   * time. A Cluster redirect or retry stays within the same bound.
   */
  private bounded<T>(p: Promise<T>, ms = this.commandTimeoutMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => setImmediate(() => reject(new Error('Command timed out'))), ms);
    });
    p.catch(() => {});
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }

  /** A command answered: on one node that ends a degraded spell. */
  private succeeded(fromProbe = false): void {
    this.consecutiveFailures = 0;
    // In a Cluster one batch's success proves only the nodes it touched: only the probe,
    // which PINGs every master, ends the spell (else the log would flap with each batch).
    if (this.client instanceof Cluster && !fromProbe) return;
    if (this.degraded) {
      this.degraded = false;
      this.skipUntil = 0;
      if (this.probe) clearTimeout(this.probe);
      this.probe = undefined;
      this.recovered();
    }
  }

  private failed(operation: Operation, err: unknown): void {
    this.metrics.cacheErrors.inc({ operation });
    if (this.closed) return;
    // One slow answer is a miss and nothing more. Several in a row (a hung server: the eleven
    // batches of the first request fail together) and Redis is skipped for the cool-down,
    // rather than costing the timeout on every batch of every request.
    if (++this.consecutiveFailures < FAILURES_BEFORE_COOLDOWN && this.client.status === 'ready') return;
    this.skipUntil = Date.now() + this.cooldownMs;
    if (this.client.status === 'ready') {
      this.degraded = true;
      this.scheduleProbe();
    }
    this.outage(reasonOf(err));
  }

  /** While the connection is up but commands fail, PING (every master of a Cluster) until it answers. */
  private scheduleProbe(): void {
    if (this.probe || this.closed) return;
    this.probe = setTimeout(() => {
      this.probe = undefined;
      if (this.closed || !this.degraded) return;
      if (this.client.status !== 'ready') return; // the 'ready' event will end the outage
      this.bounded(this.ping()).then(
        () => {
          this.probeFailures = 0;
          this.succeeded(true);
        },
        () => {
          // A server that stays hung: drop the connection and let ioredis reconnect. Commands
          // stuck on the old socket are released, and until the new connection is ready
          // every operation is skipped at no cost (a Cluster manages its nodes itself).
          if (++this.probeFailures >= PROBES_BEFORE_RECONNECT && this.client instanceof Redis) {
            this.probeFailures = 0;
            this.client.disconnect(true);
            return;
          }
          this.scheduleProbe();
        },
      );
    }, this.cooldownMs);
    this.probe.unref();
  }

  /**
   * One node: PING. A Cluster: every master that owns slots is connected and reports
   * cluster_state:ok (a random node's PONG proves little while a master is down, and a
   * master that just returned answers PING before the cluster serves its slots again).
   */
  private async ping(): Promise<void> {
    const client = this.client;
    if (!(client instanceof Cluster)) {
      await client.ping();
      return;
    }
    const masters = client.nodes('master');
    const connected = new Set(masters.filter((n) => n.status === 'ready').map((n) => `${n.options.host}:${n.options.port}`));
    const owners = new Set(client.slots.map((s) => s?.[0]).filter((k): k is string => !!k));
    if (owners.size === 0 || [...owners].some((o) => !connected.has(o))) throw new Error('a master is not connected');
    const states = await Promise.all(masters.map((n) => n.cluster('INFO')));
    if (!states.every((info) => /cluster_state:ok/.test(String(info)))) throw new Error('the cluster is not ok');
  }

  private outage(reason: string): void {
    if (this.inOutage) return;
    this.inOutage = true;
    // the reason is a class of failure (ECONNREFUSED, command timeout), never a message
    // that could carry a key or an argument
    this.logger.warn({ cache: this.backend, reason }, 'cache unreachable: serving uncached until it returns');
  }

  private recovered(): void {
    if (!this.inOutage) return;
    this.inOutage = false;
    this.logger.info({ cache: this.backend }, 'cache reachable again');
  }
}

function reasonOf(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown';
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
  if (/timed out/i.test(err.message)) return 'command timeout';
  if (/enableOfflineQueue|Connection is closed|isn't ready|Stream isn't writeable/i.test(err.message)) return 'not connected';
  if (/^CLUSTERDOWN/.test(err.message)) return 'cluster down';
  if (/^(MOVED|ASK|TRYAGAIN|CROSSSLOT) |All keys in the pipeline/.test(err.message)) return 'cluster routing';
  return err.name || 'error';
}
