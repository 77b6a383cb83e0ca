// REDIS_URL, read into what ioredis needs to connect (the cache and the shared rate limit).
//
// REDIS_URL forms:
//   redis://[user:pass@]host:port[/db]          one node          (rediss:// for TLS)
//   redis+cluster://[user:pass@]host:port[?nodes=host:port,host:port]
//                                               Redis Cluster: the host is a seed node, `nodes`
//                                               lists more seeds (ioredis discovers the rest with
//                                               CLUSTER SLOTS)   (rediss+cluster:// for TLS)
// The extra seeds go in a query parameter because a comma-separated host list is not a URL
// that config.ts's URL check (WHATWG URL) accepts.
//

export interface RedisTarget {
  cluster: boolean;
  tls: boolean;
  nodes: { host: string; port: number }[];
  username?: string;
  password?: string;
  db?: number;
}

export class RedisUrlError extends Error {}

/** Reads REDIS_URL (see the forms above). Errors never echo the URL (it may hold a password). */
export function parseRedisUrl(url: string): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new RedisUrlError('REDIS_URL is not a URL');
  }
  const scheme = u.protocol.replace(/:$/, '');
  const schemes: Record<string, { cluster: boolean; tls: boolean }> = {
    redis: { cluster: false, tls: false },
    rediss: { cluster: false, tls: true },
    'redis+cluster': { cluster: true, tls: false },
    'rediss+cluster': { cluster: true, tls: true },
  };
  const kind = schemes[scheme];
  if (!kind) throw new RedisUrlError('REDIS_URL must start with redis://, rediss://, redis+cluster:// or rediss+cluster://');
  const node = (hostPort: string) => {
    const m = /^\[?([^\]]+?)\]?(?::(\d{1,5}))?$/.exec(hostPort.trim());
    if (!m?.[1]) throw new RedisUrlError('REDIS_URL names a node that is not host:port');
    return { host: m[1], port: m[2] ? Number(m[2]) : 6379 };
  };
  if (!u.hostname) throw new RedisUrlError('REDIS_URL has no host');
  const nodes = [{ host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : 6379 }];
  const more = u.searchParams.get('nodes');
  if (more) {
    if (!kind.cluster) throw new RedisUrlError('REDIS_URL: `nodes` is only for redis+cluster://');
    for (const hp of more.split(',').filter((s) => s.trim() !== '')) nodes.push(node(hp));
  }
  const target: RedisTarget = { ...kind, nodes };
  if (u.username) target.username = decodeURIComponent(u.username);
  if (u.password) target.password = decodeURIComponent(u.password);
  const path = u.pathname.replace(/^\//, '');
  if (path !== '') {
    if (kind.cluster) throw new RedisUrlError('REDIS_URL: a Redis Cluster has no database number');
    if (!/^\d{1,2}$/.test(path)) throw new RedisUrlError('REDIS_URL: the path must be a database number');
    target.db = Number(path);
  }
  return target;
}
