// `npm run bench`: every scenario of issue 8 against its baseline, in one run, each figure a
// ratio of two measurements taken side by side (the machine is shared, absolute numbers
// drift; ratios taken a few seconds apart do not, much). Prints a table with the targets and
// writes bench/results/<scenario>.json.
//
// Processes: this runner (orchestration, tokens, the cohort loop), the mock departments
// (bench/mocks.ts, fixed latency), the gateway (`node --import tsx src/main.ts` as a user
// starts it, or bench/gateway.ts where a layer must be switched off), the bare-execute
// ceiling (bench/bare.ts), and autocannon (bench/load.ts), each its own process on loopback.
//
// Options: --only=calls,overhead,warm,layers,scale  --profile (a --cpu-prof of the gateway
// under the 50-client run)  env BENCH_SECONDS (per load run, default 5), BENCH_COHORT_SECONDS
// (time budget of the cohort run, default 45), BENCH_COHORT (families the mocks serve, 20000).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { freePort } from '../test/support/process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCohort, type Scenario } from '../mocks/data/families';
import { createEvidenceFetchers } from '../connectors/index';
import { DEPARTMENT_ENV, loadConfig } from '../src/config';
import { DEPARTMENTS, type Department } from '../src/evidence/kinds';
import {
  BENCH_DIR,
  COHORT_FAMILIES,
  COHORT_SEED,
  RESULTS_DIR,
  ROOT,
  TokenMint,
  cpuSecondsOf,
  errorCodes,
  familyIds,
  memoryOf,
  mockReset,
  mockStats,
  peopleBody,
  postGraphql,
  round,
  startChild,
  totalCalls,
  verifyBody,
  type Child,
  type Stats,
} from './common';

const argv = process.argv.slice(2);
const only = new Set((argv.find((a) => a.startsWith('--only='))?.slice(7) ?? 'calls,overhead,warm,layers,scale').split(','));
const PROFILE = argv.includes('--profile');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const COHORT_SECONDS = Number(process.env.BENCH_COHORT_SECONDS ?? 45);
const DEPT_MS = 40;
const started = Date.now();
const loadAtStart = loadavg()[0]!;

const runId = `bench_${process.pid}_${Date.now().toString(36)}`;
const dataDir = mkdtempSync(join(tmpdir(), 'gateway-bench-'));
const tmp = mkdtempSync(join(tmpdir(), 'gateway-bench-plans-'));
mkdirSync(RESULTS_DIR, { recursive: true });
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// ------------------------------------------------------------------ table
interface Row {
  scenario: string;
  measure: string;
  figure: string;
  target: string;
  verdict: 'PASS' | 'MISS' | 'info' | 'skipped';
}
const rows: Row[] = [];
const row = (scenario: string, measure: string, figure: string, target = '', pass?: boolean | 'skipped') =>
  rows.push({
    scenario,
    measure,
    figure,
    target,
    verdict: pass === 'skipped' ? 'skipped' : pass === undefined ? 'info' : pass ? 'PASS' : 'MISS',
  });
const save = (name: string, data: unknown) =>
  writeFileSync(join(RESULTS_DIR, `${name}.json`), JSON.stringify({ runId, at: new Date().toISOString(), ...(data as object) }, null, 2));
const log = (msg: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${msg}`);

// ------------------------------------------------------------------ processes

const children = new Set<Child>();
async function track(c: Promise<Child>): Promise<Child> {
  const child = await c;
  children.add(child);
  return child;
}
async function stop(c: Child | undefined, graceMs?: number): Promise<void> {
  if (!c) return;
  children.delete(c);
  await c.stop(graceMs);
}

let mockUrl = '';
function gatewayEnv(label: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'development',
    MOCKS: 'off',
    ...Object.fromEntries(DEPARTMENTS.map((d) => [`${DEPARTMENT_ENV[d]}_URL`, `${mockUrl}/${d}`])),
    DATA_DIR: dataDir,
    SUBJECT_HASH_KEY: 'bench-subject-hash-key',
    CACHE_ENCRYPTION_KEY: `b1:${Buffer.alloc(32, 9).toString('base64')}`,
    RATE_LIMIT_PER_MINUTE: '100000000',
    REDIS_URL,
    DATABASE_URL,
    DATABASE_SCHEMA: runId,
    CACHE_KEY_PREFIX: `${runId}:${label}:`,
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    ...extra,
  };
}

/** The gateway as a user starts it: `node --import tsx src/main.ts`, logs to /dev/null. */
async function userGateway(label: string, extra: Record<string, string> = {}, nodeArgs: string[] = []): Promise<Child> {
  const port = await freePort();
  return track(
    startChild('src/main.ts', gatewayEnv(label, { PORT: String(port), ...extra }), {
      readyUrl: `http://127.0.0.1:${port}`,
      quietStdout: true,
      nodeArgs,
    }),
  );
}

/** bench/gateway.ts: the same gateway with a layer switched off through AppOverrides. */
async function toggledGateway(label: string, extra: Record<string, string>): Promise<Child> {
  const port = await freePort();
  return track(
    startChild(join(BENCH_DIR, 'gateway.ts'), gatewayEnv(label, { PORT: String(port), ...extra }), {
      readyUrl: `http://127.0.0.1:${port}`,
      quietStdout: true,
    }),
  );
}

interface LoadResult {
  connections: number;
  durationSec: number;
  requests: number;
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
}

/** Waits (at most 15 s) until the target has worked off what the last run left queued. */
async function settle(target: Child): Promise<void> {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    const c0 = cpuSecondsOf(target.pid);
    await new Promise((r) => setTimeout(r, 400));
    if ((cpuSecondsOf(target.pid) - c0) / 0.4 < 0.1) return;
  }
}

let planNo = 0;
/** One autocannon run from its own process. */
async function load(
  target: Child,
  connections: number,
  requests: { body: string; headers: Record<string, string> }[],
  durationSec = SECONDS,
): Promise<LoadResult> {
  const planPath = join(tmp, `plan-${planNo++}.json`);
  writeFileSync(planPath, JSON.stringify({ url: target.url, connections, durationSec, requests }));
  const cpu0 = cpuSecondsOf(target.pid);
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
  // CPU spent until the queue drained, over what was answered in the run (close enough)
  r.cpuMsPerRequest = r.requests > 0 ? round(((cpuSecondsOf(target.pid) - cpu0) * 1000) / r.requests, 1) : NaN;
  const bad = r.non2xx + r.errors + r.timeouts;
  log(
    `  ${connections} conn: ${round(r.rps, 1)} req/s p50 ${r.p50} p95 ${r.p95} p99 ${r.p99} ms${bad ? ` (${bad} failed: ${JSON.stringify(r.statuses)})` : ''} cpu ${r.targetCores} cores, ${r.cpuMsPerRequest} ms/request`,
  );
  return r;
}

// ------------------------------------------------------------------ data
log(`generating the cohort (${COHORT_FAMILIES} families)`);
const { scenarios: cohort } = generateCohort(COHORT_FAMILIES, COHORT_SEED);
// disjoint slices, so a cold measurement never finds a family another scenario warmed
let cursor = 0;
const take = (n: number): Scenario[] => {
  const s = cohort.slice(cursor, cursor + n);
  cursor += n;
  return s;
};
const mint = await TokenMint.open(dataDir);
const auth = async (s: Scenario, fresh = false) => ({
  authorization: `Bearer ${await mint.county(s.countyCode)}`,
  ...(fresh ? { 'x-evidence-fresh': 'true' } : {}),
});
const familyRequests = (families: Scenario[], fresh: boolean) =>
  Promise.all(
    families.map(async (s, i) => ({ body: peopleBody(familyIds(s), s.countyCode, `bench-${s.key}-${i}`), headers: await auth(s, fresh) })),
  );

/** A first request through the gateway, to be sure the load runs measure answers, not errors. */
async function preflight(g: Child, body: string, s: Scenario, fresh: boolean, what: string): Promise<string[]> {
  const r = await postGraphql(g.url, body, await mint.county(s.countyCode), fresh ? { 'x-evidence-fresh': 'true' } : {});
  const codes = r.status === 200 ? errorCodes(r.json) : [`HTTP ${r.status}`, ...errorCodes(r.json)];
  if (codes.length) log(`  preflight ${what}: errors ${codes.join(', ')}`);
  return codes;
}

// ------------------------------------------------------------------ scenario 1: calls
/** Calls a department may take for one request over `persons` people (issue 8's target). */
function allowance(d: Department, persons: number): number {
  // APIs per department; health has no batch endpoint (one call per person)
  const apis: Record<Department, number> = {
    police: 2,
    civilAffairs: 1,
    humanResources: 1,
    naturalResources: 1,
    housing: 3,
    health: persons,
    marketRegulation: 2,
  };
  return apis[d];
}

async function verifyPresent(g: Child, s: Scenario): Promise<{ present: boolean; why: string }> {
  const r = await postGraphql(g.url, verifyBody(s, `bench-probe-${s.key}`), await mint.county(s.countyCode));
  if (r.json?.data?.verifyApplication?.category) return { present: true, why: '' };
  return {
    present: false,
    why: `verifyApplication answered ${r.status} ${errorCodes(r.json).join(',') || JSON.stringify(r.json).slice(0, 120)}`,
  };
}

async function scenarioCalls(): Promise<void> {
  log('scenario 1: department calls per request (batched vs naive, cold and warm)');
  const ours = await userGateway('calls');
  const naive = await toggledGateway('naive', { BENCH_NAIVE: '1' });
  const families = take(5);
  const verifyFamilies = take(6);
  const probe = verifyFamilies.shift()!;
  const verify = await verifyPresent(ours, probe);
  const kinds: { name: 'people' | 'verifyApplication'; families: Scenario[]; body: (s: Scenario) => string }[] = [
    { name: 'people', families, body: (s) => peopleBody(familyIds(s), s.countyCode, `bench-calls-${s.key}`) },
  ];
  if (verify.present)
    kinds.push({ name: 'verifyApplication', families: verifyFamilies, body: (s) => verifyBody(s, `bench-calls-${s.key}`) });
  else row('1 calls', 'verifyApplication', 'skipped', '', 'skipped');

  const result: Record<string, unknown> = { verifyApplication: verify };
  for (const kind of kinds) {
    const per: Record<string, { cold: Stats[]; warm: Stats[]; errors: string[]; persons: number[] }> = {};
    for (const [label, g] of [
      ['batched', ours],
      ['naive', naive],
    ] as const) {
      const acc = (per[label] = { cold: [], warm: [], errors: [], persons: [] } as (typeof per)[string]);
      for (const s of kind.families) {
        for (const phase of ['cold', 'warm'] as const) {
          await mockReset(mockUrl);
          const r = await postGraphql(g.url, kind.body(s), await mint.county(s.countyCode));
          acc.errors.push(...errorCodes(r.json), ...(r.status === 200 ? [] : [`HTTP ${r.status}`]));
          acc[phase].push(await mockStats(mockUrl));
        }
        acc.persons.push(familyIds(s).length);
      }
    }
    const avg = (list: Stats[], d: string) => list.reduce((a, s) => a + (s[d]?.requests ?? 0), 0) / list.length;
    const max = (list: Stats[], d: string) => Math.max(...list.map((s) => s[d]?.requests ?? 0));
    const persons = Math.max(...per.batched!.persons);
    const table = DEPARTMENTS.map((d) => ({
      department: d,
      allowance: allowance(d, persons),
      batchedCold: avg(per.batched!.cold, d),
      batchedColdMax: max(per.batched!.cold, d),
      batchedWarm: avg(per.batched!.warm, d),
      naiveCold: avg(per.naive!.cold, d),
      naiveWarm: avg(per.naive!.warm, d),
    }));
    const sum = (k: 'batchedCold' | 'batchedWarm' | 'naiveCold' | 'naiveWarm') => table.reduce((a, t) => a + t[k], 0);
    const coldOver = table.filter((t) => t.batchedColdMax > t.allowance);
    row(
      '1 calls',
      `${kind.name} cold: calls/request (naive)`,
      `${round(sum('batchedCold'), 1)} (${round(sum('naiveCold'), 1)}) = ${round(sum('batchedCold') / sum('naiveCold'))}x naive`,
      '<= 1 per dept API',
      coldOver.length === 0,
    );
    if (coldOver.length)
      row(
        '1 calls',
        `${kind.name} cold: over allowance`,
        coldOver.map((t) => `${t.department} ${t.batchedColdMax}>${t.allowance}`).join(', '),
        '',
        false,
      );
    row(
      '1 calls',
      `${kind.name} warm: calls/request (naive)`,
      `${round(sum('batchedWarm'), 1)} (${round(sum('naiveWarm'), 1)})`,
      '0 warm',
      sum('batchedWarm') === 0,
    );
    const errs = [...new Set([...per.batched!.errors, ...per.naive!.errors])];
    if (errs.length) row('1 calls', `${kind.name} errors in answers`, errs.join(','), 'none', false);
    result[kind.name] = {
      familySize: persons,
      families: kind.families.length,
      perDepartment: table,
      totals: {
        batchedCold: sum('batchedCold'),
        batchedWarm: sum('batchedWarm'),
        naiveCold: sum('naiveCold'),
        naiveWarm: sum('naiveWarm'),
      },
      errors: errs,
    };
  }
  save('calls', result);
  await Promise.all([stop(ours), stop(naive)]);
}

// ------------------------------------------------------------------ scenario 2 + 6: overhead, memory
async function departmentFloor(): Promise<number> {
  // what one department call costs from a client's side (40 ms plus the mock's own work)
  const env = gatewayEnv('floor');
  const fetchers = createEvidenceFetchers(loadConfig(env).departments);
  const s = cohort[cohort.length - 1]!;
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    await fetchers.household([s.child.idNumber]);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function scenarioOverhead(): Promise<void> {
  log('scenario 2: overhead over the departments at 40 ms (x-evidence-fresh), and 6: peak RSS at 200 clients');
  const floor = await departmentFloor();
  log(`  one department call from a client: p50 ${round(floor, 1)} ms`);
  const g = await userGateway('overhead');
  const idle = memoryOf(g.pid);
  const families = take(5400);
  await preflight(g, peopleBody(familyIds(families[0]!), families[0]!.countyCode, 'bench-preflight'), families[0]!, true, 'family query');
  const requests = await familyRequests(families.slice(1), true);
  const runs: (LoadResult & { ratio: { p50: number; p95: number; p99: number } })[] = [];
  let offset = 0;
  for (const connections of [1, 50, 200]) {
    // each run its own families: a person in flight is shared, which would flatter the figure
    const slice = requests.slice(offset, offset + 1300);
    offset += 1300;
    const r = await load(g, connections, slice);
    runs.push({ ...r, ratio: { p50: round(r.p50 / DEPT_MS), p95: round(r.p95 / DEPT_MS), p99: round(r.p99 / DEPT_MS) } });
  }
  const mem = memoryOf(g.pid);
  for (const r of runs) {
    const target = r.connections === 50 ? 'p50 < 1.1x, p99 < 1.5x' : '';
    const pass = r.connections === 50 ? r.ratio.p50 < 1.1 && r.ratio.p99 < 1.5 : undefined;
    const fails = r.non2xx + r.errors + r.timeouts;
    row(
      '2 overhead',
      `${r.connections} clients p50/p95/p99 ÷ 40 ms`,
      `${r.ratio.p50} / ${r.ratio.p95} / ${r.ratio.p99}x (${round(r.rps, 0)} req/s; gw ${r.targetCores} cores, ${r.cpuMsPerRequest} ms CPU/req${fails ? `, ${fails} failed` : ''})`,
      target,
      pass,
    );
  }
  row('2 overhead', 'one dept call from a client ÷ 40 ms', `${round(floor / DEPT_MS)}x`, '', undefined);
  row(
    '6 memory',
    'gateway peak RSS (VmHWM) through the 200-client run',
    `${round(mem.peakMb, 0)} MB (${round(mem.peakMb / 300)}x of 300 MB; ${round(idle.rssMb, 0)} MB idle after start)`,
    '< 300 MB',
    mem.peakMb < 300,
  );
  save('overhead', { departmentLatencyMs: DEPT_MS, departmentCallFromClientMs: round(floor, 1), runs });
  save('memory', {
    gatewayPeakRssMb: round(mem.peakMb, 1),
    gatewayRssAfterMb: round(mem.rssMb, 1),
    gatewayRssIdleAfterStartMb: round(idle.rssMb, 1),
    note: 'VmHWM of the gateway process after the 1, 50 and 200 client runs of scenario 2',
  });

  if (only.has('scale')) await scenarioScale(g);
  await stop(g);

  // diagnostic: the same 50-client run with each department's concurrency cap (16) lifted,
  // to see how much of the overhead is calls queueing behind it
  const lifted = await userGateway(
    'overhead-lifted',
    Object.fromEntries(DEPARTMENTS.map((d) => [`${DEPARTMENT_ENV[d]}_CONCURRENCY`, '1000'])),
  );
  const capped = runs.find((r) => r.connections === 50)!;
  const l = await load(lifted, 50, requests.slice(offset, offset + 1300));
  offset += 1300;
  await stop(lifted);
  row(
    '2 overhead',
    '50 clients, dept concurrency cap 16 -> 1000 (diagnostic)',
    `p50 ${round(l.p50 / DEPT_MS)}x, p99 ${round(l.p99 / DEPT_MS)}x (${round(l.rps, 0)} vs ${round(capped.rps, 0)} req/s capped)`,
    '',
    undefined,
  );
  save('overhead', { departmentLatencyMs: DEPT_MS, departmentCallFromClientMs: round(floor, 1), runs, liftedConcurrencyCap50: l });

  if (PROFILE) await profile(requests.slice(offset));
}

async function profile(requests: { body: string; headers: Record<string, string> }[]): Promise<void> {
  log('profile: --cpu-prof of the gateway under 50 clients');
  const dir = join(RESULTS_DIR, 'profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  const g = await userGateway('profile', {}, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  const skipUs = (Date.now() - t0 + 500) * 1000; // start-up (module loading, tsx) is not the request path
  await load(g, 50, requests);
  await stop(g, 60_000);
  // the main thread's profile is the largest (tsx's loader thread writes one too)
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0];
  if (!file) return void log('  no profile written');
  const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const byNode = new Map(prof.nodes.map((n) => [n.id, n.callFrame]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const ours = (url: string) => /\/(src|connectors|resolvers)\//.test(url) && !url.includes('node_modules');
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  let total = 0;
  let at = 0;
  prof.samples.forEach((id, i) => {
    const f = byNode.get(id)!;
    const dt = prof.timeDeltas[i] ?? 0;
    at += dt;
    if (at < skipUs) return;
    total += dt;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(`file://${ROOT}`, '')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    if (f.functionName === '(idle)') return;
    // inclusive time of our own functions: where in the gateway the CPU goes
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const cf = byNode.get(n)!;
      if (!ours(cf.url)) continue;
      const k = `${cf.functionName || '(anonymous)'} ${cf.url.replace(`file://${ROOT}`, '')}`;
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  });
  const busy = [...self.entries()].filter(([k]) => !k.startsWith('(idle)'));
  const busyTotal = busy.reduce((a, [, v]) => a + v, 0);
  const top = busy
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([fn, us]) => ({ fn, selfMs: round(us / 1000, 0), shareOfBusy: round(us / busyTotal, 3) }));
  const ownTop = [...inclusive.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([fn, us]) => ({ fn, inclusiveMs: round(us / 1000, 0), shareOfBusy: round(us / busyTotal, 3) }));
  for (const t of top.slice(0, 5)) row('profile', `self time ${t.fn}`, `${round(t.shareOfBusy * 100, 1)}% of busy`, '', undefined);
  for (const t of ownTop.slice(0, 5)) row('profile', `inclusive ${t.fn}`, `${round(t.shareOfBusy * 100, 1)}% of busy`, '', undefined);
  save('profile', {
    file: join('bench/results/profile', file),
    totalMs: round(total / 1000, 0),
    busyMs: round(busyTotal / 1000, 0),
    top,
    ownInclusive: ownTop,
  });
}

// ------------------------------------------------------------------ scenario 3: warm throughput
let warmFamilies: Scenario[] = [];
async function warmUp(g: Child, families: Scenario[]): Promise<void> {
  const queue = [...families];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        await postGraphql(g.url, peopleBody(familyIds(s), s.countyCode, `bench-warm-${s.key}`), await mint.county(s.countyCode));
      }
    }),
  );
}

async function scenarioWarm(): Promise<void> {
  log('scenario 3: warm-cache throughput vs bare graphql-js execute');
  warmFamilies = take(200);
  const g = await userGateway('warm');
  await warmUp(g, warmFamilies);
  const requests = await familyRequests(warmFamilies, false);
  const errs = await preflight(g, requests[0]!.body, warmFamilies[0]!, false, 'warm family query');
  const ids = warmFamilies.flatMap(familyIds);
  const bare = await track(startChild(join(BENCH_DIR, 'bare.ts'), { ...gatewayEnv('bare'), PORT: '0', BENCH_BARE_IDS: ids.join(',') }));
  // alternate, so both see the same neighbours on the machine
  await mockReset(mockUrl);
  const gw1 = await load(g, 32, requests);
  const calls = totalCalls(await mockStats(mockUrl));
  const b1 = await load(bare, 32, requests);
  const gw2 = await load(g, 32, requests);
  const b2 = await load(bare, 32, requests);
  // best of two: a neighbour on the machine only ever takes throughput away
  const gwRps = Math.max(gw1.rps, gw2.rps);
  const bareRps = Math.max(b1.rps, b2.rps);
  const ratio = round(gwRps / bareRps);
  row(
    '3 warm',
    'gateway req/s ÷ bare execute req/s (Redis, all cached; best of 2)',
    `${ratio}x (${round(gwRps, 0)} vs ${round(bareRps, 0)} req/s)`,
    '>= 0.6x',
    ratio >= 0.6,
  );
  const best = (a: LoadResult, b: LoadResult) => (a.rps >= b.rps ? a : b);
  row(
    '3 warm',
    'CPU per request: gateway ÷ bare',
    `${round(best(gw1, gw2).cpuMsPerRequest! / best(b1, b2).cpuMsPerRequest!, 1)}x (${best(gw1, gw2).cpuMsPerRequest} vs ${best(b1, b2).cpuMsPerRequest} ms)`,
    '',
    undefined,
  );
  row('3 warm', 'department calls during the warm run', String(calls), '0', calls === 0);
  if (errs.length) row('3 warm', 'errors in answers', errs.join(','), 'none', false);
  save('warm-throughput', {
    families: warmFamilies.length,
    connections: 32,
    gateway: [gw1, gw2],
    bare: [b1, b2],
    ratio,
    departmentCallsDuringGatewayRun: calls,
    errors: errs,
  });
  await Promise.all([stop(g), stop(bare)]);
}

// ------------------------------------------------------------------ scenario 4: layers
async function scenarioLayers(): Promise<void> {
  log('scenario 4: cost of each layer (warm cache, throughput on vs off)');
  if (warmFamilies.length === 0) warmFamilies = take(200);
  const requests = await familyRequests(warmFamilies, false);
  // every gateway here shares the warm cache of scenario 3 (same prefix and keys)
  const shared = { CACHE_KEY_PREFIX: `${runId}:warm:` };
  const base = await toggledGateway('layers', shared);
  await warmUp(base, warmFamilies);
  const errs = await preflight(base, requests[0]!.body, warmFamilies[0]!, false, 'layers baseline');
  const variants: { layer: string; env: Record<string, string>; note?: string }[] = [
    { layer: 'authorization + masking', env: { BENCH_AUTH: 'off' } },
    { layer: 'audit (group commit to PostgreSQL)', env: { BENCH_AUDIT: 'noop' } },
    { layer: 'authorization + audit together', env: { BENCH_AUTH: 'off', BENCH_AUDIT: 'noop' } },
    { layer: 'logging (info to /dev/null vs silent)', env: { LOG_LEVEL: 'silent' } },
  ];
  const armor = armorToggle();
  if (armor.env) variants.push({ layer: 'query limits (graphql-armor)', env: armor.env });
  else row('4 layers', 'query limits (graphql-armor)', armor.why, '', 'skipped');

  const baseRuns: LoadResult[] = [];
  const out: Record<string, unknown>[] = [];
  const LAYER_SECONDS = Math.min(SECONDS, 4);
  for (const v of variants) {
    const g = await toggledGateway('layers', { ...shared, ...v.env });
    // on, off, on, off: best of two each (a neighbour on the machine only takes throughput away)
    const on1 = await load(base, 32, requests, LAYER_SECONDS);
    const off1 = await load(g, 32, requests, LAYER_SECONDS);
    const on2 = await load(base, 32, requests, LAYER_SECONDS);
    const off2 = await load(g, 32, requests, LAYER_SECONDS);
    await stop(g);
    baseRuns.push(on1, on2);
    const onRps = Math.max(on1.rps, on2.rps);
    const offRps = Math.max(off1.rps, off2.rps);
    const ratio = round(onRps / offRps);
    const cost = round(1 - ratio, 3);
    const target = v.layer.startsWith('authorization + audit') ? 'cost < 20%' : '';
    const pass = target ? cost < 0.2 : undefined;
    row(
      '4 layers',
      `${v.layer}: on ÷ off req/s`,
      `${ratio}x (cost ${round(cost * 100, 1)}%; ${round(onRps, 0)} vs ${round(offRps, 0)})`,
      target,
      pass,
    );
    out.push({ layer: v.layer, env: v.env, onRps, offRps, ratio, cost, on: [on1, on2], off: [off1, off2] });
  }
  if (errs.length) row('4 layers', 'errors in answers', errs.join(','), 'none', false);
  save('layers', { families: warmFamilies.length, connections: 32, baseline: baseRuns, layers: out, armor, errors: errs });
  await stop(base);
}

/** How query limits can be switched off, if they can (issue 6's wiring, read at run time). */
function armorToggle(): { env?: Record<string, string>; why: string } {
  const server = readFileSync(join(ROOT, 'src/server.ts'), 'utf8');
  if (!/queryProtection/.test(server)) return { why: 'not wired into the gateway at run time' };
  if (/armor\?: boolean/.test(server)) return { env: { BENCH_ARMOR: 'off' }, why: '' };
  return { why: 'wired in, but startGateway has no switch to turn it off: not measured' };
}

// ------------------------------------------------------------------ scenario 5: scale
async function scenarioScale(g: Child): Promise<void> {
  log('scenario 5: 1, 10, 50 people per query (departments at 40 ms, fresh)');
  const pool = take(2000).flatMap((s) => familyIds(s).map((id) => ({ id, s })));
  const results: (LoadResult & { people: number })[] = [];
  for (const n of [1, 10, 50]) {
    const reqs: { body: string; headers: Record<string, string> }[] = [];
    let first: Scenario | undefined;
    for (let i = 0; i + n <= pool.length && reqs.length < 150; i += n) {
      const group = pool.slice(i, i + n);
      const s = group[0]!.s;
      first ??= s;
      reqs.push({
        body: peopleBody(
          group.map((p) => p.id),
          s.countyCode,
          `bench-scale-${n}-${i}`,
        ),
        headers: await auth(s, true),
      });
    }
    const errs = await preflight(g, reqs[0]!.body, first!, true, `${n} people`);
    if (errs.length) row('5 scale', `${n} people: errors in answers`, errs.join(','), 'none', false);
    pool.splice(0, n * reqs.length + n);
    results.push({ ...(await load(g, 4, reqs)), people: n });
  }
  const one = results[0]!;
  for (const r of results) {
    const fails = r.non2xx + r.errors + r.timeouts;
    row(
      '5 scale',
      `${r.people} people: p50 ÷ p50 of 1 person`,
      `${round(r.p50 / one.p50)}x (p50 ${round(r.p50, 0)} ms, p99 ${round(r.p99, 0)} ms${fails ? `, ${fails} failed` : ''})`,
      '',
      undefined,
    );
  }
  save('scale', { connections: 4, runs: results });
}

async function scenarioCohort(): Promise<void> {
  const families = cohort.slice(cursor);
  log(`scenario 5: cohort run (${families.length} families left of ${COHORT_FAMILIES}, budget ${COHORT_SECONDS} s)`);
  const g = await userGateway('cohort');
  const verify = await verifyPresent(g, families.shift()!);
  const concurrency = 32;
  await mockReset(mockUrl);
  const cpu0 = cpuSecondsOf(g.pid);
  const t0 = performance.now();
  const deadline = t0 + COHORT_SECONDS * 1000;
  let done = 0;
  let failed = 0;
  let matched = 0;
  const mismatches: { key: string; expected: string; got: unknown }[] = [];
  const codes = new Map<string, number>();
  const queue = [...families];
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, memoryOf(g.pid).rssMb)), 250);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let s = queue.shift(); s && performance.now() < deadline; s = queue.shift()) {
        const body = verify.present
          ? verifyBody(s, `bench-cohort-${s.key}`)
          : peopleBody(familyIds(s), s.countyCode, `bench-cohort-${s.key}`);
        const r = await postGraphql(g.url, body, await mint.county(s.countyCode));
        const errs = r.status === 200 ? errorCodes(r.json) : [`HTTP ${r.status}`];
        done++;
        if (errs.length) {
          failed++;
          for (const c of errs) codes.set(c, (codes.get(c) ?? 0) + 1);
        }
        const got = r.json?.data?.verifyApplication?.category;
        if (verify.present && got === s.expectedCategory) matched++;
        else if (verify.present && mismatches.length < 20) mismatches.push({ key: s.key, expected: s.expectedCategory, got: got ?? errs });
      }
    }),
  );
  clearInterval(sampler);
  const wallSec = (performance.now() - t0) / 1000;
  const stats = await mockStats(mockUrl);
  const mem = memoryOf(g.pid);
  const cores = (cpuSecondsOf(g.pid) - cpu0) / wallSec;
  await stop(g);
  const calls = totalCalls(stats);
  const complete = done >= families.length;
  const extrapolatedSec = (wallSec / done) * COHORT_FAMILIES;
  const how = verify.present ? 'verifyApplication' : 'people query (verifyApplication not there)';
  row(
    '5 scale',
    `cohort: ${done} families via ${how}`,
    `${round(wallSec, 1)} s, ${round(done / wallSec, 1)} families/s${complete ? '' : `; ${COHORT_FAMILIES} extrapolated: ${round(extrapolatedSec / 60, 1)} min`}`,
    '',
    undefined,
  );
  row(
    '5 scale',
    'cohort: department calls per family',
    `${round(calls / done, 2)} (${calls} total)${failed ? `; ${failed} failed ${JSON.stringify(Object.fromEntries(codes))}` : ''}`,
    '',
    failed ? false : undefined,
  );
  if (verify.present) row('5 scale', 'cohort: category as the generator expects', `${matched}/${done}`, 'all', matched === done);
  row('5 scale', 'cohort: gateway peak RSS', `${round(mem.peakMb, 0)} MB (gw ${round(cores, 2)} cores)`, '< 300 MB', mem.peakMb < 300);
  save('cohort', {
    how,
    verifyApplication: verify,
    concurrency,
    families: done,
    of: COHORT_FAMILIES,
    complete,
    wallSec,
    familiesPerSec: done / wallSec,
    extrapolatedWallSecFor20k: complete ? wallSec : extrapolatedSec,
    departmentCalls: stats,
    callsPerFamily: calls / done,
    failed,
    errorCodes: Object.fromEntries(codes),
    categoryMatches: verify.present ? matched : null,
    mismatches,
    gatewayPeakRssMb: mem.peakMb,
    samplePeakRssMb: peakRss,
    gatewayCores: cores,
  });
}

// ------------------------------------------------------------------ main
let mocks: Child | undefined;
async function cleanup(): Promise<void> {
  await Promise.allSettled([...children].map((c) => stop(c)));
  await stop(mocks);
  try {
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: DATABASE_URL });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${runId} CASCADE`);
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
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  mocks = await startChild(join(BENCH_DIR, 'mocks.ts'), { MOCK_PORT: '0', MOCK_LATENCY_MS: String(DEPT_MS) });
  mockUrl = mocks.url;
  log(`mocks at ${mockUrl} (${DEPT_MS} ms), run ${runId}`);
  const step = async (name: string, fn: () => Promise<void>) => {
    if (!only.has(name)) return;
    try {
      await fn();
    } catch (err) {
      log(`${name} failed: ${err instanceof Error ? err.message : String(err)}`);
      row(name, 'scenario failed', (err instanceof Error ? err.message : String(err)).slice(0, 100), '', false);
    }
  };
  await step('calls', scenarioCalls);
  await step('overhead', scenarioOverhead);
  if (!only.has('overhead'))
    await step('scale', async () => {
      const g = await userGateway('scale');
      await scenarioScale(g);
      await stop(g);
    });
  await step('warm', scenarioWarm);
  await step('layers', scenarioLayers);
  await step('scale', scenarioCohort);
} finally {
  await cleanup();
}

// ------------------------------------------------------------------ table
const w = (k: keyof Row) => Math.max(k.length, ...rows.map((r) => r[k].length));
const line = (r: Record<keyof Row, string>) =>
  `| ${r.scenario.padEnd(w('scenario'))} | ${r.measure.padEnd(w('measure'))} | ${r.figure.padEnd(w('figure'))} | ${r.target.padEnd(w('target'))} | ${r.verdict.padEnd(w('verdict'))} |`;
const table = [
  line({ scenario: 'scenario', measure: 'measure', figure: 'figure', target: 'target', verdict: 'verdict' }),
  `|${['scenario', 'measure', 'figure', 'target', 'verdict'].map((k) => '-'.repeat(w(k as keyof Row) + 2)).join('|')}|`,
  ...rows.map(line),
].join('\n');
console.log(table);
console.log(
  `\nmachine: ${cpus().length} cores, load average ${round(loadAtStart, 1)} at start, ${round(loadavg()[0]!, 1)} at end (other work on the machine slows every process; the ratios pair runs taken seconds apart)`,
);
console.log(
  `${rows.filter((r) => r.verdict === 'MISS').length} missed, ${rows.filter((r) => r.verdict === 'PASS').length} passed; ${round((Date.now() - started) / 1000, 0)} s in all; results in bench/results/`,
);
save('summary', {
  seconds: (Date.now() - started) / 1000,
  cores: cpus().length,
  loadAverage: { start: loadAtStart, end: loadavg()[0] },
  rows,
  table,
});
process.exit(0);
