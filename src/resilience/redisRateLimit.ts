// The per-subject limit shared by every gateway replica through Redis (when REDIS_URL is set):
// the same sliding-window counter as the memory limiter, kept in two keys per subject and
// window, read and bumped in one Lua call. The subject is hashed into the key (a resident's
// subject must not sit in Redis in the clear) inside a {hash tag}, so both keys live in one
// Cluster slot. Redis is never a reason to refuse or to let everything through: when it
// fails or is slow, this replica's own memory window decides.
import { createHash } from 'node:crypto';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { parseRedisUrl } from '../evidence/cache/redisUrl';
import type { Logger } from '../observability/logger';
import { MemoryRateLimiter, retryAfterSeconds, type RateDecision, type RateLimiter } from './subjectRateLimit';

const TAKE = `
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
local prev = tonumber(redis.call('GET', KEYS[2]) or '0')
local limit = tonumber(ARGV[1])
local overlap = tonumber(ARGV[2])
if prev * overlap + cur + 1 > limit then return {0, cur, prev} end
redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, cur + 1, prev}
`;

type Client = (Redis | Cluster) & {
  rateTake(cur: string, prev: string, limit: number, overlap: string, ttlMs: number): Promise<[number, number, number]>;
};

export class RedisRateLimiter implements RateLimiter {
  readonly backend = 'redis' as const;
  private readonly client: Client;
  private readonly fallback: MemoryRateLimiter;
  private failingSince = 0;

  constructor(
    redisUrl: string,
    readonly limit: number,
    private readonly opts: { keyPrefix: string; logger: Logger; windowMs?: number; commandTimeoutMs?: number },
  ) {
    const windowMs = opts.windowMs ?? 60_000;
    this.fallback = new MemoryRateLimiter(limit, windowMs);
    const target = parseRedisUrl(redisUrl);
    const nodeOptions: RedisOptions = {
      commandTimeout: opts.commandTimeoutMs ?? 100,
      connectTimeout: 1000,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      connectionName: 'enrollment-gateway-ratelimit',
      retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 10), 1000),
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      ...(target.tls ? { tls: {} } : {}),
    };
    // auto-pipelining: the takes of concurrent requests leave in one socket write, not one each
    const client = target.cluster
      ? new Cluster(target.nodes, {
          enableOfflineQueue: false,
          enableAutoPipelining: true,
          scaleReads: 'master',
          redisOptions: nodeOptions,
          clusterRetryStrategy: (t) => Math.min(100 * t, 1000),
        })
      : new Redis({
          ...nodeOptions,
          enableAutoPipelining: true,
          host: target.nodes[0]!.host,
          port: target.nodes[0]!.port,
          ...(target.db !== undefined ? { db: target.db } : {}),
        });
    client.defineCommand('rateTake', { numberOfKeys: 2, lua: TAKE });
    client.on('error', () => this.failed());
    this.client = client as Client;
  }

  async take(subject: string): Promise<RateDecision> {
    const windowMs = this.fallback.window.windowMs;
    const now = Date.now();
    const start = now - (now % windowMs);
    const tag = createHash('sha256').update(subject).digest('base64url').slice(0, 22);
    const key = (s: number) => `${this.opts.keyPrefix}rl:{${tag}}:${s}`;
    const overlap = 1 - (now - start) / windowMs;
    try {
      const [allowed, count, previous] = await this.client.rateTake(
        key(start),
        key(start - windowMs),
        this.limit,
        overlap.toFixed(6),
        2 * windowMs,
      );
      this.failingSince = 0;
      if (allowed === 1) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: false, retryAfterSeconds: retryAfterSeconds(this.limit, windowMs, start, Number(count), Number(previous), now) };
    } catch {
      this.failed();
      return this.fallback.take(subject);
    }
  }

  private failed(): void {
    if (this.failingSince === 0) {
      this.failingSince = Date.now();
      this.opts.logger.warn('rate limit: Redis unreachable, each replica counts alone until it is back');
    }
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}

/** Redis when REDIS_URL is set (shared by replicas), this process's memory otherwise. */
export function createRateLimiter(
  config: { redisUrl: string | undefined; rateLimitPerMinute: number; cacheKeyPrefix: string },
  logger: Logger,
): RateLimiter {
  return config.redisUrl
    ? new RedisRateLimiter(config.redisUrl, config.rateLimitPerMinute, { keyPrefix: config.cacheKeyPrefix, logger })
    : new MemoryRateLimiter(config.rateLimitPerMinute);
}
