// The cache's ioredis client: the options that make Redis a cache no caller can feel (no
// offline queue, no retries per request, auto-pipelining, reconnecting forever with a short
// back-off), for one node or a Cluster. The breaker and the operations are in redis.ts.
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { RedisTarget } from './redisUrl';

export interface RedisClientOptions {
  commandTimeoutMs: number;
  connectTimeoutMs: number;
  reconnectMaxDelayMs: number;
}

export function createRedisClient(
  target: RedisTarget,
  opts: RedisClientOptions,
): { backend: 'redis' | 'redis-cluster'; client: Redis | Cluster } {
  const nodeOptions: RedisOptions = {
    // ioredis's own timeout is only a backstop that clears hung commands: it rejects in the
    // timers phase, before the event loop reads a reply that may already be waiting, so a
    // busy gateway would see timeouts from a healthy Redis. bounded() is the real limit.
    commandTimeout: opts.commandTimeoutMs * 4,
    connectTimeout: opts.connectTimeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    enableReadyCheck: true,
    autoResendUnfulfilledCommands: false,
    connectionName: 'enrollment-gateway-cache',
    // never give up: a returning Redis is picked up within opts.reconnectMaxDelayMs
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 10), opts.reconnectMaxDelayMs),
    ...(target.username ? { username: target.username } : {}),
    ...(target.password ? { password: target.password } : {}),
    ...(target.tls ? { tls: {} } : {}),
  };
  if (target.cluster) {
    const clusterOptions: ClusterOptions = {
      enableOfflineQueue: false,
      enableReadyCheck: true,
      enableAutoPipelining: true,
      scaleReads: 'master',
      slotsRefreshTimeout: nodeOptions.connectTimeout,
      retryDelayOnClusterDown: 50,
      retryDelayOnFailover: 50,
      maxRedirections: 4,
      clusterRetryStrategy: (times) => Math.min(100 * times, opts.reconnectMaxDelayMs),
      // a master that goes away is reconnected (kept in the pool, so the probe sees it is
      // down) rather than dropped; slots are re-read now and then so a returning or
      // failed-over master is picked up without traffic
      clusterNodeRetryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 10), opts.reconnectMaxDelayMs),
      slotsRefreshInterval: 5000,
      redisOptions: nodeOptions,
    };
    return { backend: 'redis-cluster', client: new Cluster(target.nodes, clusterOptions) };
  } else {
    const node = target.nodes[0]!;
    // auto-pipelining here too: the eleven MGETs of one request (and those of concurrent
    // requests) leave in one write instead of eleven
    const client = new Redis({
      ...nodeOptions,
      enableAutoPipelining: true,
      host: node.host,
      port: node.port,
      ...(target.db !== undefined ? { db: target.db } : {}),
    });
    return { backend: 'redis', client };
  }
}
