// The cost of authorization (graphql-shield) and masking, measured as a ratio: the same
// family query (PEOPLE_QUERY over the built-in 'full-evidence' family, all eleven kinds of
// evidence, warm cache) against two gateways side by side in one run, one with applySecurity
// and one without (bench/gateway.ts, BENCH_AUTH=off), alternating rounds so drift on a shared
// machine hits both. Twice: with the audit store switched off in both (the auth layer alone),
// and with it on (the whole request as a county platform pays for it).
//
//   npx tsx bench/auth-cost.ts [--duration=5] [--connections=10] [--rounds=2] [--audit=noop,real]
//
// Prints a table and writes bench/results/auth-cost.json.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { buildBuiltinDataset } from '../mocks/data/families';
import { startMockServer } from '../mocks/server';
import { devTokenSigner, ensureDevKeys } from '../src/auth/devKeys';
import { loadConfig } from '../src/config';
import type { Role } from '../src/auth/viewer';
import { BENCH_DIR, cpuSecondsOf, PEOPLE_QUERY, RESULTS_DIR, round, startChild, type Child } from './common';

const arg = (name: string, def: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? def;
const DURATION = Number(arg('duration', '5'));
const CONNECTIONS = Number(arg('connections', '10'));
const ROUNDS = Number(arg('rounds', '2'));
const AUDIT_MODES = arg('audit', 'noop,real').split(',') as ('noop' | 'real')[];

const { dataset, scenarios } = buildBuiltinDataset();
const family = scenarios.find((s) => s.key === 'full-evidence')!;
const ids = [family.child.idNumber, ...family.guardians.map((g) => g.idNumber)];
const body = JSON.stringify({
  query: PEOPLE_QUERY,
  variables: { ids, purpose: { applicationId: 'bench-auth-cost', countyCode: family.countyCode } },
});

const keysDir = mkdtempSync(join(tmpdir(), 'auth-cost-keys-'));
const keys = await ensureDevKeys(keysDir);
const sign = await devTokenSigner(keysDir, loadConfig().jwt);
const token = (role: Role) => sign({ role, county: family.countyCode }, { sub: `bench-auth-cost-${role}`, ttl: '2h' });
const tokens = { county_platform: await token('county_platform'), school_reviewer: await token('school_reviewer') };

const mocks = await startMockServer({ port: 0, dataset, builtin: true, latencyMs: 0 });
const mockPort = new URL(mocks.url).port;

async function gateway(auth: 'on' | 'off', audit: 'noop' | 'real'): Promise<Child> {
  return startChild(join(BENCH_DIR, 'gateway.ts'), {
    PORT: '0',
    HOST: '127.0.0.1',
    MOCK_PORT: mockPort,
    DATA_DIR: mkdtempSync(join(tmpdir(), `auth-cost-${auth}-`)),
    JWT_PUBLIC_KEY: keys.publicKeyPem,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    REDIS_URL: '',
    DATABASE_URL: '',
    NODE_ENV: 'development',
    ...(auth === 'off' ? { BENCH_AUTH: 'off' } : {}),
    ...(audit === 'noop' ? { BENCH_AUDIT: 'noop' } : {}),
  });
}

async function post(url: string, role: keyof typeof tokens): Promise<any> {
  const r = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}` },
    body,
  });
  return r.json();
}

/** The answer minus what differs by the moment (retrievedAt, fromCache). */
const stable = (json: any) => JSON.stringify(json, (k, v) => (k === 'retrievedAt' || k === 'fromCache' ? undefined : v));

interface Run {
  rps: number;
  /** requests answered per CPU-second of the gateway process: robust to a busy shared machine */
  perCpuSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function run(gw: Child, role: keyof typeof tokens): Promise<Run> {
  const cpu0 = cpuSecondsOf(gw.pid);
  const r = await autocannon({
    url: `${gw.url}/graphql`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: DURATION,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[role]}` },
    body,
  });
  const cpu = cpuSecondsOf(gw.pid) - cpu0;
  return {
    rps: r.requests.average,
    perCpuSecond: r.requests.total / cpu,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

const results: Record<string, unknown>[] = [];
const table: string[][] = [];
try {
  for (const audit of AUDIT_MODES) {
    const on = await gateway('on', audit);
    const off = await gateway('off', audit);
    try {
      // the same answer from both (for the unmasked role), and no error from either
      const [a, b, m] = [
        await post(on.url, 'county_platform'),
        await post(off.url, 'county_platform'),
        await post(on.url, 'school_reviewer'),
      ];
      if (a.errors || b.errors || m.errors)
        throw new Error(`preflight errors: ${JSON.stringify(a.errors ?? b.errors ?? m.errors).slice(0, 300)}`);
      if (stable(a) !== stable(b)) throw new Error('preflight: the secured and the unsecured gateway answer differently');
      if (!String(m.data.people[0].idNumber).includes('*')) throw new Error('preflight: the reviewer was not masked');
      for (let i = 0; i < 50; i++)
        await Promise.all([post(on.url, 'county_platform'), post(off.url, 'county_platform'), post(on.url, 'school_reviewer')]);

      const rounds: { on: Run; onMasked: Run; off: Run }[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        // rotate the order each round: whatever the machine does meanwhile falls on each arm in turn
        const arms = [() => run(off, 'county_platform'), () => run(on, 'county_platform'), () => run(on, 'school_reviewer')];
        const got: Run[] = [];
        for (let k = 0; k < arms.length; k++) {
          const i = (k + r) % arms.length;
          got[i] = await arms[i]!();
        }
        const [x, y, z] = got as [Run, Run, Run];
        for (const [name, s] of [
          ['off', x],
          ['on', y],
          ['on masked', z],
        ] as const) {
          if (s.non2xx || s.errors) throw new Error(`${name}: ${s.non2xx} non-2xx, ${s.errors} errors`);
        }
        rounds.push({ on: y, onMasked: z, off: x });
        console.error(
          `audit=${audit} round ${r + 1}: req/s off ${round(x.rps, 0)} on ${round(y.rps, 0)} masked ${round(z.rps, 0)}; ` +
            `req per CPU-s off ${round(x.perCpuSecond, 0)} on ${round(y.perCpuSecond, 0)} masked ${round(z.perCpuSecond, 0)}`,
        );
      }
      const mean = (k: 'on' | 'onMasked' | 'off', m: 'rps' | 'perCpuSecond') => rounds.reduce((s, r) => s + r[k][m], 0) / rounds.length;
      const row = {
        audit,
        offRps: round(mean('off', 'rps'), 0),
        onRps: round(mean('on', 'rps'), 0),
        onMaskedRps: round(mean('onMasked', 'rps'), 0),
        ratio: round(mean('on', 'rps') / mean('off', 'rps'), 3),
        ratioMasked: round(mean('onMasked', 'rps') / mean('off', 'rps'), 3),
        offPerCpuSecond: round(mean('off', 'perCpuSecond'), 0),
        onPerCpuSecond: round(mean('on', 'perCpuSecond'), 0),
        onMaskedPerCpuSecond: round(mean('onMasked', 'perCpuSecond'), 0),
        cpuRatio: round(mean('on', 'perCpuSecond') / mean('off', 'perCpuSecond'), 3),
        cpuRatioMasked: round(mean('onMasked', 'perCpuSecond') / mean('off', 'perCpuSecond'), 3),
        rounds,
      };
      results.push(row);
      const label = audit === 'noop' ? 'audit off (auth alone)' : 'audit on (whole request)';
      table.push([
        `${label}, req/s`,
        String(row.offRps),
        String(row.onRps),
        String(row.onMaskedRps),
        `${row.ratio}x`,
        `${row.ratioMasked}x`,
      ]);
      table.push([
        `${label}, req per gateway CPU-s`,
        String(row.offPerCpuSecond),
        String(row.onPerCpuSecond),
        String(row.onMaskedPerCpuSecond),
        `${row.cpuRatio}x`,
        `${row.cpuRatioMasked}x`,
      ]);
    } finally {
      await Promise.all([on.stop(), off.stop()]);
    }
  }
} finally {
  await mocks.close();
}

const head = ['', 'off', 'on (county_platform)', 'on (school_reviewer, masked)', 'on ÷ off', 'masked ÷ off'];
const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
for (const r of [head, ...table]) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
console.log(
  `\nPEOPLE_QUERY, family 'full-evidence' (${ids.length} people, all eleven kinds), warm cache, ${CONNECTIONS} connections, ${DURATION} s x ${ROUNDS} rounds each, alternating`,
);
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(
  join(RESULTS_DIR, 'auth-cost.json'),
  `${JSON.stringify({ at: new Date().toISOString(), query: 'PEOPLE_QUERY', family: 'full-evidence', people: ids.length, connections: CONNECTIONS, durationSec: DURATION, rounds: ROUNDS, results }, null, 2)}\n`,
);
process.exit(0);
