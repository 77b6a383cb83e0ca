// The evidence cache, measured: department calls per whole-family query cold vs warm, and
// warm-cache throughput with Redis vs the in-process backend, side by side in one run (plus
// the uncached path, every request with `x-evidence-fresh: true`, for scale).
//
//   npx tsx bench/cache-compare.ts [--seconds 5] [--connections 10] [--families 19] [--rounds 2]
//
// Each backend gets its own gateway process (`src/main.ts`, the mock departments in it, as
// `npm start` runs) so the load generator does not share its event loop. Redis is REDIS_URL
// (default redis://127.0.0.1:6379) under a key prefix of its own, deleted afterwards.
// Writes bench/results/cache-compare.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { devTokenSigner } from '../src/auth/devKeys';
import { freePort } from '../test/support/process';
import { DEFAULT_CACHE_TTL, loadConfig } from '../src/config';
import { EntryCodec } from '../src/evidence/cache/entries';
import { MemoryCache } from '../src/evidence/cache/memory';
import { RedisCache } from '../src/evidence/cache/redis';
import { parseSealingKeys, Sealer } from '../src/evidence/cache/seal';
import type { EvidenceCache } from '../src/evidence/cache/types';
import { EVIDENCE_NAMES } from '../src/evidence/kinds';
import { makeSubjectHasher } from '../src/evidence/subjectHash';
import { createLogger } from '../src/observability/logger';
import { Metrics } from '../src/observability/metrics';
import { buildBuiltinDataset } from '../mocks/data/families';
import { PEOPLE_QUERY } from '../test/support/gateway';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const SECONDS = arg('seconds', 5);
const CONNECTIONS = arg('connections', 10);
const FAMILIES = arg('families', 19);
/** memory and redis alternate this many times (the machine is shared: alternation evens out the noise) */
const ROUNDS = arg('rounds', 2);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface ScenarioSummary {
  key: string;
  countyCode: string;
  idNumbers: { child: string; guardians: string[] };
}
type Stats = Record<string, { requests: number; ids: number }>;

async function startGateway(
  label: string,
  dataDir: string,
  env: Record<string, string>,
): Promise<{ url: string; mockUrl: string; proc: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const mockPort = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    // departments answer in 40 ms (as the other benchmarks assume); warm rows never wait on it
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      MOCK_PORT: String(mockPort),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      MOCK_LATENCY_MS: '40',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
  const url = `http://127.0.0.1:${port}`;
  const end = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${label} gateway exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > end) throw new Error(`${label} gateway not up: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    mockUrl: `http://127.0.0.1:${mockPort}`,
    proc,
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGINT');
      const t = setTimeout(() => proc.kill('SIGKILL'), 8000);
      await exited;
      clearTimeout(t);
    },
  };
}

async function tokenFor(dataDir: string, county: string): Promise<string> {
  return (await devTokenSigner(dataDir, loadConfig().jwt))({ role: 'county_platform', county }, { sub: `bench-cache-${county}` });
}

const calls = (s: Stats) => Object.values(s).reduce((a, d) => a + d.requests, 0);

interface Row {
  backend: string;
  coldCallsPerFamily: number;
  warmCallsPerFamily: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  cacheErrors: number;
}

async function measure(label: string, env: Record<string, string>, opts: { fresh?: boolean } = {}): Promise<Row> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-cache-'));
  mkdirSync(dataDir, { recursive: true });
  const gw = await startGateway(label, dataDir, env);
  try {
    const scenarios = ((await (await fetch(`${gw.mockUrl}/__mock/scenarios`)).json()) as ScenarioSummary[]).slice(0, FAMILIES);
    const requests = await Promise.all(
      scenarios.map(async (s, i) => ({
        method: 'POST' as const,
        path: '/graphql',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await tokenFor(dataDir, s.countyCode)}`,
          ...(opts.fresh ? { 'x-evidence-fresh': 'true' } : {}),
        },
        body: JSON.stringify({
          query: PEOPLE_QUERY,
          variables: {
            ids: [s.idNumbers.child, ...s.idNumbers.guardians],
            purpose: { applicationId: `BENCH-${i}`, countyCode: s.countyCode },
          },
        }),
      })),
    );
    const stats = async () => (await (await fetch(`${gw.mockUrl}/__mock/stats`)).json()) as Stats;
    const pass = async () => {
      await fetch(`${gw.mockUrl}/__mock/reset`, { method: 'POST' });
      for (const r of requests) {
        const res = await fetch(`${gw.url}${r.path}`, { method: r.method, headers: r.headers, body: r.body });
        const json = (await res.json()) as { errors?: unknown[] };
        if (json.errors?.length)
          throw new Error(`${label}: the family query answered errors: ${JSON.stringify(json.errors).slice(0, 300)}`);
      }
      return calls(await stats()) / requests.length;
    };
    const coldCallsPerFamily = await pass();
    const warmCallsPerFamily = await pass();

    const result = await autocannon({ url: gw.url, connections: CONNECTIONS, duration: SECONDS, requests });
    const ready = (await (await fetch(`${gw.url}/readyz`)).json()) as { status: string };
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    const cacheErrors = [...metrics.matchAll(/^gateway_cache_errors_total\{[^}]*\} (\d+)/gm)].reduce((a, m) => a + Number(m[1]), 0);
    process.stderr.write(`${label}: ${Math.round(result.requests.average)} req/s, readyz ${ready.status}\n`);
    return {
      backend: label,
      coldCallsPerFamily,
      warmCallsPerFamily,
      reqPerSec: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      errors: result.errors + result.non2xx + result.timeouts,
      cacheErrors,
    };
  } finally {
    await gw.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The cache layer alone, in this process: a "request" is what the evidence layer does for a
 * warm family query (eleven getMany of the family's ID numbers, in parallel, values opened),
 * CONNECTIONS of them at a time for SECONDS.
 */
async function measureLayer(
  label: string,
  make: (codec: EntryCodec) => Promise<EvidenceCache>,
  prefix: string,
): Promise<{ layer: string; requestsPerSec: number; hitRatio: number }> {
  const codec = new EntryCodec({
    prefix,
    subjectHash: makeSubjectHasher('bench'),
    sealer: new Sealer(parseSealingKeys(`b1:${Buffer.alloc(32, 5).toString('base64')}`)),
    ttl: DEFAULT_CACHE_TTL,
    noRecordTtl: 600,
  });
  const cache = await make(codec);
  try {
    const { dataset, scenarios } = buildBuiltinDataset();
    const families = scenarios.slice(0, FAMILIES).map((s) => [s.child.idNumber, ...s.guardians.map((g) => g.idNumber)]);
    const retrievedAt = new Date().toISOString();
    // real records, so values are the size they are in production
    const byId = new Map<string, unknown[]>();
    for (const r of dataset.socialInsurance) byId.set(r.idNumber, [...(byId.get(r.idNumber) ?? []), r]);
    for (const name of EVIDENCE_NAMES) {
      for (const ids of families)
        await cache.setMany(
          name,
          new Map(ids.map((id) => [id, { records: (name === 'socialInsurance' ? (byId.get(id) ?? []) : []) as never[], retrievedAt }])),
        );
    }
    let done = 0;
    let hits = 0;
    let asked = 0;
    const end = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, c) => {
        for (let i = c; performance.now() < end; i += CONNECTIONS) {
          const ids = families[i % families.length]!;
          const got = await Promise.all(EVIDENCE_NAMES.map((n) => cache.getMany(n, ids)));
          for (const g of got) hits += g.size;
          asked += ids.length * EVIDENCE_NAMES.length;
          done++;
        }
      }),
    );
    return { layer: label, requestsPerSec: Math.round(done / SECONDS), hitRatio: hits / asked };
  } finally {
    await cache.close();
  }
}

async function main(): Promise<void> {
  const prefix = `bench_cache_${process.pid}:`;
  const rows: Row[] = [];
  process.stderr.write(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  const layers: { layer: string; requestsPerSec: number; hitRatio: number }[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      rows.push(await measure(`memory (in-process LRU) #${round}`, {}));
      rows.push(await measure(`redis #${round}`, { REDIS_URL, CACHE_KEY_PREFIX: `${prefix}${round}:` }));
    }
    rows.push(await measure('no cache reads (x-evidence-fresh)', {}, { fresh: true }));
    for (let round = 1; round <= ROUNDS; round++) {
      layers.push(
        await measureLayer(`memory #${round}`, async (codec) => new MemoryCache({ codec, metrics: new Metrics(false) }), `${prefix}layer:`),
      );
      layers.push(
        await measureLayer(
          `redis #${round}`,
          (codec) => RedisCache.connect({ url: REDIS_URL, codec, metrics: new Metrics(false), logger: createLogger('silent') }),
          `${prefix}layer${round}:`,
        ),
      );
    }
  } finally {
    const raw = new Redis(REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await raw.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await raw.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    await raw.quit();
  }
  const header = [
    'backend',
    'dept calls/family cold',
    'warm',
    `req/s (${CONNECTIONS} conns, ${SECONDS}s)`,
    'p50 ms',
    'p99 ms',
    'errors',
    'cache errors',
  ];
  const table = [
    header,
    ...rows.map((r) => [
      r.backend,
      r.coldCallsPerFamily.toFixed(2),
      r.warmCallsPerFamily.toFixed(2),
      String(r.reqPerSec),
      String(r.p50Ms),
      String(r.p99Ms),
      String(r.errors),
      String(r.cacheErrors),
    ]),
  ];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) console.log(row.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  console.log('');
  console.log(`cache layer alone (a warm family's eleven getMany, ${CONNECTIONS} at a time, ${SECONDS}s):`);
  for (const l of layers)
    console.log(`  ${l.layer.padEnd(12)} ${String(l.requestsPerSec).padStart(7)} family lookups/s   hit ratio ${l.hitRatio.toFixed(2)}`);
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(
    join(ROOT, 'bench/results/cache-compare.json'),
    JSON.stringify(
      { at: new Date().toISOString(), families: FAMILIES, seconds: SECONDS, connections: CONNECTIONS, rows, cacheLayer: layers },
      null,
      2,
    ),
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
