// `npm run bench`: every scenario under bench/scenarios/, each figure a ratio of two
// measurements taken side by side (the machine is shared: absolute numbers drift, ratios taken
// seconds apart much less). Builds the gateway first (`npm run build`: the bench measures the
// compiled gateway), starts one mock-department process for the whole run, runs the chosen
// scenarios in order, prints one table with every target and its verdict, and writes
// bench/results/<scenario>.json and summary.json.
//
// Options: --only=calls,overhead,peer,warm,layers,memory,storage,scale   --profile (adds the
// profile scenario)   env BENCH_SECONDS (per load run, default 5), BENCH_COHORT_SECONDS (the
// cohort run, default 30), BENCH_COHORT (families the mocks serve, 20000),
// BENCH_STORAGE_QUERIES (default 200), BENCH_SKIP_BUILD=1 (measure the dist/ already built).
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR, ROOT, round, startChild } from './common';
import {
  ALL_SCENARIOS,
  DEPT_MS,
  PROFILE,
  cleanup,
  loadAtStart,
  log,
  mocks,
  only,
  row,
  rows,
  runId,
  save,
  started,
  type Row,
} from './harness';

const scenarios: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  calls: () => import('./scenarios/calls'),
  overhead: () => import('./scenarios/overhead'),
  peer: () => import('./scenarios/peer'),
  warm: () => import('./scenarios/warm'),
  layers: () => import('./scenarios/layers'),
  memory: () => import('./scenarios/memory'),
  storage: () => import('./scenarios/storage'),
  scale: () => import('./scenarios/scale'),
  profile: () => import('./scenarios/profile'),
};
const unknown = [...only].filter((s) => !(s in scenarios));
if (unknown.length) {
  console.error(`unknown scenario ${unknown.join(', ')}; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
const order = ALL_SCENARIOS.filter((s) => only.has(s) || (s === 'profile' && PROFILE));

process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
try {
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    log('npm run build');
    const b = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/build.ts')], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (b.status !== 0) throw new Error('npm run build failed');
  }
  mocks.child = await startChild(join(BENCH_DIR, 'mocks.ts'), { MOCK_PORT: '0', MOCK_LATENCY_MS: String(DEPT_MS) });
  mocks.url = mocks.child.url;
  log(`mocks at ${mocks.url} (${DEPT_MS} ms), run ${runId}; scenarios ${order.join(', ')}`);
  for (const name of order) {
    const t0 = Date.now();
    try {
      await (await scenarios[name]!()).run();
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      log(`${name} failed: ${msg}`);
      row(name, 'scenario failed', msg.slice(0, 100), '', false);
    }
    log(`${name}: ${round((Date.now() - t0) / 1000, 0)} s`);
  }
} finally {
  await cleanup();
}

const w = (k: keyof Row) => Math.max(k.length, ...rows.map((r) => r[k].length));
const line = (r: Record<keyof Row, string>) =>
  `| ${r.scenario.padEnd(w('scenario'))} | ${r.measure.padEnd(w('measure'))} | ${r.figure.padEnd(w('figure'))} | ${r.target.padEnd(w('target'))} | ${r.verdict.padEnd(w('verdict'))} |`;
const table = [
  line({ scenario: 'scenario', measure: 'measure', figure: 'figure', target: 'target', verdict: 'verdict' }),
  `|${(['scenario', 'measure', 'figure', 'target', 'verdict'] as const).map((k) => '-'.repeat(w(k) + 2)).join('|')}|`,
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
  scenarios: order,
  rows,
  table,
});
process.exit(0);
