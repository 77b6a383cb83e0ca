// Throwaway redis-server processes for the cache tests that need to kill, hang or restart
// Redis (the shared one at REDIS_URL must never be touched), and a three-master Redis
// Cluster. No persistence: a restarted server comes back empty, as a crashed cache would.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cluster, Redis } from 'ioredis';
import { evidenceKeyPattern } from '../../src/evidence/cache/keys';
import { freePort } from '../support/process';
import { waitFor } from '../support/waitFor';

/** true when a PING on a fresh connection answers +PONG within `ms` */
export function pingPort(port: number, ms = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = new Socket();
    let buf = '';
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(ms, () => done(false));
    sock.once('error', () => done(false));
    sock.on('data', (d) => {
      buf += d.toString();
      if (buf.includes('\r\n')) done(buf.startsWith('+PONG'));
    });
    sock.connect(port, '127.0.0.1', () => sock.write('PING\r\n'));
  });
}

export interface RedisProcess {
  port: number;
  url: string;
  /** SIGKILL: the server is gone (connections reset) */
  kill(): Promise<void>;
  /** starts it again on the same port, empty */
  restart(): Promise<void>;
  /** SIGSTOP / SIGCONT: connections stay open, nothing answers (a hung server) */
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
}

export async function startRedisServer(extraArgs: string[] = [], port?: number): Promise<RedisProcess> {
  const p = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'cache-redis-'));
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning', ...extraArgs],
      { stdio: 'ignore' },
    );
    await waitFor(() => pingPort(p), { timeoutMs: 5000, what: `redis-server on port ${p}` });
  };
  const kill = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill('SIGCONT');
    c.kill('SIGKILL');
    await exited;
  };
  await launch();
  return {
    port: p,
    url: `redis://127.0.0.1:${p}`,
    kill,
    restart: launch,
    freeze: () => child?.kill('SIGSTOP'),
    thaw: () => child?.kill('SIGCONT'),
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RedisClusterProcess {
  nodes: RedisProcess[];
  /** redis+cluster://first?nodes=second,third */
  url: string;
  stop(): Promise<void>;
}

/** Three masters, no replicas, every slot assigned; resolves when the cluster state is ok. */
export async function startRedisCluster(): Promise<RedisClusterProcess> {
  const nodes: RedisProcess[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      nodes.push(
        await startRedisServer(
          ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '2000'],
          port,
        ),
      );
    }
    const created = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes'],
      { encoding: 'utf8', timeout: 20_000 },
    );
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stderr || created.stdout}`);
    await waitFor(
      () =>
        nodes.every((n) => {
          const info = spawnSync('redis-cli', ['-p', String(n.port), 'cluster', 'info'], { encoding: 'utf8' });
          return /cluster_state:ok/.test(info.stdout) && /cluster_known_nodes:3/.test(info.stdout);
        }),
      { timeoutMs: 15_000, what: 'the cluster state to be ok' },
    );
  } catch (err) {
    await Promise.all(nodes.map((n) => n.stop()));
    throw err;
  }
  const [first, ...rest] = nodes;
  return {
    nodes,
    url: `redis+cluster://127.0.0.1:${first!.port}?nodes=${rest.map((n) => `127.0.0.1:${n.port}`).join(',')}`,
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}

/** Every evidence key under a prefix, by SCAN (on every master of a Cluster). */
export async function scanKeys(client: Redis | Cluster, prefix: string): Promise<string[]> {
  const nodes = 'nodes' in client && typeof client.nodes === 'function' ? client.nodes('master') : [client as Redis];
  const keys: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', evidenceKeyPattern(prefix), 'COUNT', 1000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
  }
  return keys;
}
