// What every scenario of `npm run bench` shares: the run's identity and isolation (its own
// PostgreSQL schema and Redis key prefix), the results table, the processes it starts (our
// compiled gateway, the layer-toggling harness, the Hive Gateway peer, the bare ceiling),
// one autocannon run measured from outside (/proc CPU of the target and of the mock
// departments), the cohort of families and the tokens for them.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { STAND_IN_APP_KEY, standInDepartmentSecret } from '../mocks/standInCredentials';
import { applicationInputOf, generateCohort, type Scenario } from '../mocks/data/families';
import { ensureDevKeys } from '../src/auth/devKeys';
import { DEPARTMENT_ENV } from '../src/config';
import { DEPARTMENTS } from '../src/evidence/kinds';
import { REGISTER_APPLICATION } from '../test/support/applications';
import { freePort } from '../test/support/process';
import {
  BENCH_DIR,
  COHORT_FAMILIES,
  COHORT_SEED,
  RESULTS_DIR,
  ROOT,
  TokenMint,
  applicationIdOf,
  cpuSecondsOf,
  errorCodes,
  familyBody,
  familyIds,
  postGraphql,
  round,
  startChild,
  type Child,
} from './common';
import { peerFamilyQuery, type PeerQuery } from './peer/query';

const argv = process.argv.slice(2);
// in this order; profile (with --profile) before scale, whose cohort run takes every family left
export const ALL_SCENARIOS = ['calls', 'overhead', 'peer', 'warm', 'layers', 'memory', 'storage', 'profile', 'scale'] as const;
export const only = new Set(
  (argv.find((a) => a.startsWith('--only='))?.slice(7) ?? ALL_SCENARIOS.filter((s) => s !== 'profile').join(',')).split(','),
);
export const PROFILE = argv.includes('--profile');
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
export const COHORT_SECONDS = Number(process.env.BENCH_COHORT_SECONDS ?? 30);
export const DEPT_MS = 40;
export const started = Date.now();
export const loadAtStart = loadavg()[0]!;

export const runId = `bench_${process.pid}_${Date.now().toString(36)}`;
export const dataDir = mkdtempSync(join(tmpdir(), 'gateway-bench-'));
export const tmp = mkdtempSync(join(tmpdir(), 'gateway-bench-plans-'));
mkdirSync(RESULTS_DIR, { recursive: true });
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The compiled gateway the bench measures (`npm run build`, done by the runner first). */
export const DIST_MAIN = join(ROOT, 'dist', 'main.js');

// ------------------------------------------------------------------ table
export interface Row {
  scenario: string;
  measure: string;
  figure: string;
  target: string;
  verdict: 'PASS' | 'MISS' | 'info' | 'skipped';
}
export const rows: Row[] = [];
export const row = (scenario: string, measure: string, figure: string, target = '', pass?: boolean | 'skipped') =>
  rows.push({
    scenario,
    measure,
    figure,
    target,
    verdict: pass === 'skipped' ? 'skipped' : pass === undefined ? 'info' : pass ? 'PASS' : 'MISS',
  });
export const save = (name: string, data: unknown) =>
  writeFileSync(join(RESULTS_DIR, `${name}.json`), JSON.stringify({ runId, at: new Date().toISOString(), ...(data as object) }, null, 2));
export const log = (msg: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${msg}`);

// ------------------------------------------------------------------ processes
const children = new Set<Child>();
export async function track(c: Promise<Child>): Promise<Child> {
  const child = await c;
  children.add(child);
  return child;
}
export async function stop(c: Child | undefined, graceMs?: number): Promise<void> {
  if (!c) return;
  children.delete(c);
  await c.stop(graceMs);
}

/** The mock departments (one process for the whole run; ours sign, the peer calls under /peer/). */
export const mocks: { child?: Child; url: string } = { url: '' };

let publicKeyPem = '';
// production requires a signing key for the access log's checkpoints: one for the run
const auditSigningKey = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
/** Our gateway's environment: production settings (as an operator runs it) on PostgreSQL and Redis. */
export function gatewayEnv(label: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    MOCKS: 'off',
    ...Object.fromEntries(
      DEPARTMENTS.flatMap((d) => [
        [`${DEPARTMENT_ENV[d]}_URL`, `${mocks.url}/${d}`],
        [`${DEPARTMENT_ENV[d]}_APP_SECRET`, standInDepartmentSecret(d)],
      ]),
    ),
    DEPARTMENT_APP_KEY: STAND_IN_APP_KEY,
    // the mock departments listen on loopback, over http://
    ALLOW_HTTP_ON_INTERNAL_NETWORK: '1',
    JWT_PUBLIC_KEY: publicKeyPem,
    DATA_DIR: dataDir,
    SUBJECT_HASH_KEY: 'bench-subject-hash-key',
    CACHE_ENCRYPTION_KEY: `b1:${Buffer.alloc(32, 9).toString('base64')}`,
    AUDIT_SIGNING_KEY: auditSigningKey,
    RATE_LIMIT_PER_MINUTE: '100000000',
    // the bench's one subject per county reads thousands of families an hour, as no real caller may
    BUDGET_PERSONS_PER_HOUR: '100000000',
    BUDGET_REGISTRATIONS_PER_HOUR: '100000000',
    REDIS_URL,
    DATABASE_URL,
    DATABASE_SCHEMA: runId,
    CACHE_KEY_PREFIX: `${runId}:${label}:`,
    LOG_LEVEL: 'info',
    // a Redis batch slower than the default 250 ms is served uncached: on a machine this busy that
    // would turn warm hits into department calls and measure the machine, not the cache
    CACHE_COMMAND_TIMEOUT_MS: '2000',
    HOST: '127.0.0.1',
    ...extra,
  };
}

/** Our department rate caps lifted (`<DEPT>_RATE_PER_SECOND=0`): for CPU per request. */
export const CAPS_OFF = Object.fromEntries(DEPARTMENTS.map((d) => [`${DEPARTMENT_ENV[d]}_RATE_PER_SECOND`, '0']));

/** The compiled gateway, `node dist/main.js`, logs to /dev/null. `unset` drops variables (embedded store). */
export async function ourGateway(
  label: string,
  extra: Record<string, string> = {},
  nodeArgs: string[] = [],
  unset: string[] = [],
): Promise<Child> {
  const port = await freePort();
  const env: Record<string, string | undefined> = gatewayEnv(label, { PORT: String(port), ...extra });
  for (const k of unset) env[k] = undefined;
  return track(startChild(DIST_MAIN, env, { readyUrl: `http://127.0.0.1:${port}`, quietStdout: true, nodeArgs }));
}

/** bench/gateway.ts: the same gateway with a layer switched off through AppOverrides (under tsx). */
export async function toggledGateway(label: string, extra: Record<string, string>): Promise<Child> {
  const port = await freePort();
  return track(
    startChild(join(BENCH_DIR, 'gateway.ts'), gatewayEnv(label, { PORT: String(port), ...extra }), {
      readyUrl: `http://127.0.0.1:${port}`,
      quietStdout: true,
    }),
  );
}

// ------------------------------------------------------------------ the peer
const PEER_DIR = join(RESULTS_DIR, 'peer');
let peer: { supergraph: string; query: PeerQuery } | undefined;

/** Composes the supergraph (GraphQL Mesh compose) for this run's mock server, once. */
export async function composePeer(): Promise<{ supergraph: string; query: PeerQuery }> {
  if (peer) return peer;
  mkdirSync(PEER_DIR, { recursive: true });
  const supergraph = join(PEER_DIR, 'supergraph.graphql');
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/@graphql-mesh/compose-cli/esm/bin.js'), '-c', join(BENCH_DIR, 'peer/mesh.config.ts'), '-o', supergraph],
      {
        cwd: ROOT,
        env: { ...process.env, PEER_DEPARTMENTS_URL: `${mocks.url}/peer` },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let s = '';
    p.stdout.on('data', (c: Buffer) => (s += c.toString()));
    p.stderr.on('data', (c: Buffer) => (s += c.toString()));
    p.once('exit', (code) =>
      code === 0 && !/ERROR/.test(s) ? resolve(s) : reject(new Error(`mesh compose failed (${code}): ${s.slice(-600)}`)),
    );
  });
  void out;
  peer = { supergraph, query: peerFamilyQuery(readFileSync(supergraph, 'utf8')) };
  return peer;
}

/** Hive Gateway over the composed supergraph, one process (no forks), its response cache on or off. */
export async function peerGateway(responseCache: boolean, nodeArgs: string[] = []): Promise<Child> {
  const { supergraph } = await composePeer();
  const port = await freePort();
  return track(
    startChild(
      join(ROOT, 'node_modules/@graphql-hive/gateway/dist/bin.js'),
      {
        NODE_ENV: 'production',
        PEER_RESPONSE_CACHE: responseCache ? 'on' : 'off',
      },
      {
        args: [
          'supergraph',
          supergraph,
          '--port',
          String(port),
          '--host',
          '127.0.0.1',
          '--fork',
          '1',
          '-c',
          join(BENCH_DIR, 'peer/gateway.config.ts'),
        ],
        readyUrl: `http://127.0.0.1:${port}`,
        readyPath: '/readiness',
        quietStdout: true,
        nodeArgs,
      },
    ),
  );
}

/** The peer's family request for these families (no token: the peer authorizes nothing). */
export async function peerRequests(families: Scenario[]): Promise<Plan['requests']> {
  const { query } = await composePeer();
  return families.map((s) => ({ body: JSON.stringify({ query: query.query, variables: query.variables(familyIds(s)) }), headers: {} }));
}

// ------------------------------------------------------------------ load
export interface LoadResult {
  connections: number;
  durationSec: number;
  requests: number;
  /** requests sent, answered or not when the run stopped */
  sent?: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  /** CPU the target process used during the run, in cores (1.0 = one core busy) */
  targetCores?: number;
  /** CPU the target process spent per answered request, ms: what the machine's load cannot hide */
  cpuMsPerRequest?: number;
  /** CPU the mock departments spent per answered request, ms (reported apart from the gateway's) */
  mockCpuMsPerRequest?: number;
  /** the target's peak RSS (VmHWM) after the run, MB */
  peakRssMb?: number;
}
export interface Plan {
  requests: { body: string; headers: Record<string, string> }[];
}

/** Waits (at most 15 s) until the target has worked off what the last run left queued. */
export async function settle(target: Child): Promise<void> {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    const c0 = cpuSecondsOf(target.pid);
    await new Promise((r) => setTimeout(r, 400));
    if ((cpuSecondsOf(target.pid) - c0) / 0.4 < 0.1) return;
  }
}

let planNo = 0;
/** One autocannon run from its own process. */
export async function load(
  target: Child,
  connections: number,
  requests: Plan['requests'],
  durationSec = SECONDS,
  label = '',
): Promise<LoadResult> {
  const planPath = join(tmp, `plan-${planNo++}.json`);
  writeFileSync(planPath, JSON.stringify({ url: target.url, connections, durationSec, requests }));
  const cpu0 = cpuSecondsOf(target.pid);
  const mock0 = mocks.child ? cpuSecondsOf(mocks.child.pid) : NaN;
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, 'load.ts'), planPath], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let s = '';
    p.stdout.on('data', (c: Buffer) => (s += c.toString()));
    p.once('exit', (code) => (code === 0 ? resolve(s) : reject(new Error(`load run failed (${code}): ${s}`))));
  });
  const r = JSON.parse(out.trim().split('\n').pop()!) as LoadResult;
  const cpu = cpuSecondsOf(target.pid) - cpu0;
  await settle(target);
  r.targetCores = round(cpu / durationSec);
  // CPU spent until the queue drained, over every request sent (answered in the run or worked
  // off after it): on a saturated machine the ones in flight at the end are a large share
  const worked = Math.max(r.requests, r.sent ?? 0);
  r.cpuMsPerRequest = worked > 0 ? round(((cpuSecondsOf(target.pid) - cpu0) * 1000) / worked, 2) : NaN;
  r.mockCpuMsPerRequest = worked > 0 && mocks.child ? round(((cpuSecondsOf(mocks.child.pid) - mock0) * 1000) / worked, 2) : NaN;
  r.peakRssMb = round(peakRssMb(target.pid), 0);
  const bad = r.non2xx + r.errors + r.timeouts;
  log(
    `  ${label ? `${label} ` : ''}${connections} conn: ${round(r.rps, 1)} req/s p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} ms${bad ? ` (${bad} failed: ${JSON.stringify(r.statuses)})` : ''} cpu ${r.targetCores} cores, ${r.cpuMsPerRequest} ms/request (mocks ${r.mockCpuMsPerRequest}), peak ${r.peakRssMb} MB`,
  );
  return r;
}

/** VmHWM of a process in MB. */
export function peakRssMb(pid: number): number {
  try {
    return Number(/^VmHWM:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  } catch {
    return NaN;
  }
}

/** Waits until the process's RSS stops moving (start-up done, garbage collected), then reads it. */
export async function idleRssMb(pid: number): Promise<number> {
  const rss = () => Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  let last = rss();
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = rss();
    if (Math.abs(now - last) < 1) return now;
    last = now;
  }
  return last;
}

// ------------------------------------------------------------------ families and tokens
log(`generating the cohort (${COHORT_FAMILIES} families)`);
export const cohort = generateCohort(COHORT_FAMILIES, COHORT_SEED).scenarios;
// disjoint slices, so a cold measurement never finds a family another scenario warmed
let cursor = 0;
export const take = (n: number): Scenario[] => {
  const s = cohort.slice(cursor, cursor + n);
  cursor += n;
  return s;
};
export const rest = (): Scenario[] => {
  const s = cohort.slice(cursor);
  cursor = cohort.length;
  return s;
};
publicKeyPem = (await ensureDevKeys(dataDir)).publicKeyPem;
export const mint = await TokenMint.open(dataDir);
export const auth = async (s: Scenario, fresh = false) => ({
  authorization: `Bearer ${await mint.county(s.countyCode)}`,
  ...(fresh ? { 'x-evidence-fresh': 'true' } : {}),
});
/**
 * The family queries of `families`, their applications registered first (through `via`, else the
 * run's registrar: see registerFamilies).
 */
export async function familyRequests(families: Scenario[], fresh: boolean, via?: Child): Promise<Plan['requests']> {
  await registerFamilies(families, via);
  return Promise.all(families.map(async (s) => ({ body: familyBody(s), headers: await auth(s, fresh) })));
}

/**
 * Sends one request per family, `concurrency` at a time, and asks again (up to three passes) the
 * families whose answer carried an error: a department late on a busy machine. Returns the
 * families still failing and their error codes.
 */
async function inPasses(
  families: Scenario[],
  concurrency: number,
  send: (s: Scenario) => Promise<{ status: number; json: unknown }>,
  what: string,
): Promise<{ failed: Scenario[]; codes: string[] }> {
  let pending = [...families];
  let codes: string[] = [];
  for (let pass = 0; pass < 3 && pending.length > 0; pass++) {
    const queue = [...pending];
    const failed: Scenario[] = [];
    codes = [];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let s = queue.shift(); s; s = queue.shift()) {
          const r = await send(s);
          const errs = r.status === 200 ? errorCodes(r.json) : [`HTTP ${r.status}`, ...errorCodes(r.json)];
          if (errs.length) {
            failed.push(s);
            codes.push(...errs);
          }
        }
      }),
    );
    if (failed.length)
      log(
        `  ${what} pass ${pass + 1}: ${failed.length} of ${pending.length} families answered with errors (${[...new Set(codes)].join(', ')})`,
      );
    pending = failed;
  }
  return { failed: pending, codes };
}

// Applications registered in this run, by store (the run's PostgreSQL schema, or a gateway's own
// embedded store) and application id.
const registered = new Set<string>();
let registrar: Child | undefined;

/**
 * Registers each family's application (applicationIdOf) as its county platform would, before any
 * of its people is read: a county reads only members of its own registered applications.
 * Registration asks the departments who is whose child, so it goes through a gateway of its own
 * (caps lifted, its own cache prefix) and leaves the measured gateways' caches cold; a gateway
 * with an embedded store (`via`) registers in its own store. Never inside a measured run.
 */
export async function registerFamilies(families: Scenario[], via?: Child): Promise<void> {
  const store = via ? via.url : 'pg';
  const pending = families.filter((s) => !registered.has(`${store} ${applicationIdOf(s)}`));
  if (pending.length === 0) return;
  const g = via ?? (registrar ??= await ourGateway('registrar', CAPS_OFF));
  const { failed } = await inPasses(
    pending,
    16,
    async (s) => {
      const body = JSON.stringify({ query: REGISTER_APPLICATION, variables: { input: applicationInputOf(s, applicationIdOf(s)) } });
      return postGraphql(g.url, body, await mint.county(s.countyCode));
    },
    'registration',
  );
  for (const s of pending) if (!failed.includes(s)) registered.add(`${store} ${applicationIdOf(s)}`);
}

/** A first request through the gateway, to be sure the load runs measure answers, not errors. */
export async function preflight(g: Child, body: string, s: Scenario, fresh: boolean, what: string): Promise<string[]> {
  const r = await postGraphql(g.url, body, await mint.county(s.countyCode), fresh ? { 'x-evidence-fresh': 'true' } : {});
  const codes = r.status === 200 ? errorCodes(r.json) : [`HTTP ${r.status}`, ...errorCodes(r.json)];
  if (codes.length) log(`  preflight ${what}: errors ${codes.join(', ')}`);
  return codes;
}

/**
 * Asks each family through the gateway, 8 at a time, so their evidence is in the cache. A family
 * whose answer carried an error (a department over its cap or late on a busy machine) is not
 * fully cached, and would show up as department calls in the warm run: it is asked again, up to
 * three passes. Returns the error codes still left (logged; a warm run after them is not warm).
 */
export async function warmUp(g: Child, families: Scenario[], via?: Child): Promise<string[]> {
  await registerFamilies(families, via);
  const { failed, codes } = await inPasses(
    families,
    8,
    async (s) => postGraphql(g.url, familyBody(s), await mint.county(s.countyCode)),
    'warm-up',
  );
  return failed.length ? codes : [];
}

/** gateway_cache_errors_total by operation, from the gateway's /metrics (timeouts, skipped writes). */
export async function cacheErrors(g: Child): Promise<Record<string, number>> {
  const text = await (await fetch(`${g.url}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^gateway_cache_errors_total\{[^}]*operation="([a-z]+)"[^}]*\} (\d+(?:\.\d+)?)$/gm)) {
    out[m[1]!] = (out[m[1]!] ?? 0) + Number(m[2]);
  }
  return out;
}

/** Shared by the warm and layers scenarios: families whose evidence is in Redis under `${runId}:warm:`. */
export const shared: { warmFamilies: Scenario[] } = { warmFamilies: [] };

// ------------------------------------------------------------------ cleanup
export async function cleanup(): Promise<void> {
  await Promise.allSettled([...children].map((c) => stop(c)));
  await stop(mocks.child);
  try {
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: DATABASE_URL });
    await c.connect();
    const { rows: schemas } = await c.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${runId}%`]);
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS "${s.nspname}" CASCADE`);
    await c.end();
  } catch {
    /* best effort */
  }
  try {
    const { Redis } = await import('ioredis');
    const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await r.connect();
    let c = '0';
    do {
      const [next, keys] = await r.scan(c, 'MATCH', `${runId}:*`, 'COUNT', 1000);
      c = next;
      if (keys.length) await r.del(...keys);
    } while (c !== '0');
    r.disconnect();
  } catch {
    /* best effort */
  }
  rmSync(tmp, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
