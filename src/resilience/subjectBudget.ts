// Per-subject budgets over an hour (README, "Who may see what"): how many distinct persons a
// token subject may read, and how many applications it may register. Membership already binds
// every read to an application; these bound how fast one subject can walk through applications.
// Shared by every replica through Redis when REDIS_URL is set (a sorted set of person hashes per
// subject, trimmed to the hour, checked and added in one Lua call); each replica's memory while
// Redis is away or unset. The subject is hashed into the key, as the request limiter does.
import { createHash } from 'node:crypto';
import { Cluster, Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { parseRedisUrl } from '../evidence/cache/redisUrl';
import type { Logger } from '../observability/logger';
import { RedisRateLimiter } from './redisRateLimit';
import { MemoryRateLimiter, type RateDecision, type RateLimiter } from './subjectRateLimit';

const HOUR_MS = 3_600_000;
/**
 * A person this replica admitted for a subject less than this long ago is admitted again without
 * asking Redis: they are in the subject's set for the rest of the hour anyway. Their time there
 * is then up to this much older than their last read, so they leave the window that much sooner
 * and may count again: never more lenient. A family read again and again under review costs one
 * Lua call per person a minute, not one per read.
 */
export const RECENTLY_ADMITTED_MS = 60_000;

/** A distinct person already read within the hour costs nothing; a new one past the limit is refused. */
const ADMIT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[3])
if redis.call('ZSCORE', KEYS[1], ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
  return {1, 0}
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2] or ARGV[1])}
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, 0}
`;

type AdmitClient = (Redis | Cluster) & {
  budgetAdmit(key: string, now: number, member: string, windowMs: number, limit: number): Promise<[number, number]>;
};

const tagOf = (subject: string) => createHash('sha256').update(subject).digest('base64url').slice(0, 22);

/** Distinct persons per subject per hour, in this process. */
export class MemoryPersonBudget {
  private readonly seen = new Map<string, Map<string, number>>();
  constructor(
    readonly limit: number,
    private readonly windowMs = HOUR_MS,
    private readonly now: () => number = Date.now,
  ) {}

  admit(subject: string, personHash: string): RateDecision {
    const now = this.now();
    let persons = this.seen.get(subject);
    if (!persons) this.seen.set(subject, (persons = new Map<string, number>()));
    for (const [p, at] of persons) if (now - at >= this.windowMs) persons.delete(p);
    if (persons.has(personHash) || persons.size < this.limit) {
      persons.set(personHash, now);
      return { allowed: true, retryAfterSeconds: 0 };
    }
    const oldest = Math.min(...persons.values());
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)) };
  }
}

export interface SubjectBudgets {
  /** one more distinct person for this subject within the hour */
  admitPerson(subject: string, personHash: string): Promise<RateDecision>;
  /** one more registration for this subject within the hour */
  takeRegistration(subject: string): Promise<RateDecision>;
  close(): Promise<void>;
}

export interface BudgetConfig {
  redisUrl: string | undefined;
  cacheKeyPrefix: string;
  applications: { personsPerHour: number; registrationsPerHour: number };
}

export function createSubjectBudgets(config: BudgetConfig, logger: Logger): SubjectBudgets {
  const { personsPerHour, registrationsPerHour } = config.applications;
  const memory = new MemoryPersonBudget(personsPerHour);
  const registrations: RateLimiter = config.redisUrl
    ? new RedisRateLimiter(config.redisUrl, registrationsPerHour, { keyPrefix: `${config.cacheKeyPrefix}reg:`, logger, windowMs: HOUR_MS })
    : new MemoryRateLimiter(registrationsPerHour, HOUR_MS);
  let client: AdmitClient | undefined;
  let warned = false;
  /** subject and person -> when Redis last admitted them here (bounded: a miss only costs a Lua call) */
  const recent = new LRUCache<string, number>({ max: 10_000 });
  if (config.redisUrl) {
    const target = parseRedisUrl(config.redisUrl);
    const options = {
      commandTimeout: 100,
      connectTimeout: 1000,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectionName: 'enrollment-gateway-budget',
      ...(target.username ? { username: target.username } : {}),
      ...(target.password ? { password: target.password } : {}),
      ...(target.tls ? { tls: {} } : {}),
    };
    // auto-pipelining: the admits of a request's people (and of concurrent requests) leave in
    // one socket write, not one each
    const c = target.cluster
      ? new Cluster(target.nodes, { enableOfflineQueue: false, enableAutoPipelining: true, scaleReads: 'master', redisOptions: options })
      : new Redis({
          ...options,
          enableAutoPipelining: true,
          host: target.nodes[0]!.host,
          port: target.nodes[0]!.port,
          ...(target.db !== undefined ? { db: target.db } : {}),
        });
    c.defineCommand('budgetAdmit', { numberOfKeys: 1, lua: ADMIT });
    c.on('error', () => {});
    client = c as AdmitClient;
  }
  return {
    async admitPerson(subject, personHash) {
      if (!client) return memory.admit(subject, personHash);
      const now = Date.now();
      const seen = `${subject}\u0000${personHash}`;
      const at = recent.get(seen);
      if (at !== undefined && now - at < RECENTLY_ADMITTED_MS) return { allowed: true, retryAfterSeconds: 0 };
      try {
        const [allowed, oldest] = await client.budgetAdmit(
          `${config.cacheKeyPrefix}budget:{${tagOf(subject)}}`,
          now,
          personHash,
          HOUR_MS,
          personsPerHour,
        );
        warned = false;
        if (allowed === 1) recent.set(seen, now);
        return allowed === 1
          ? { allowed: true, retryAfterSeconds: 0 }
          : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((Number(oldest) + HOUR_MS - now) / 1000)) };
      } catch {
        if (!warned) logger.warn('person budget: Redis unreachable, each replica counts alone until it is back');
        warned = true;
        return memory.admit(subject, personHash);
      }
    },
    takeRegistration: async (subject) => registrations.take(subject),
    async close() {
      client?.disconnect();
      await registrations.close();
    },
  };
}
