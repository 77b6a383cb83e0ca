// Scenario overhead: p50/p95/p99 of a family query with `x-evidence-fresh: true` (so the
// departments are really called) at 1, 50 and 200 clients, over the 40 ms department latency;
// the gateway's memory on PostgreSQL and Redis (idle after start, peak through 50 and through
// 200 clients); and a diagnostic run with the per-department concurrency cap lifted.
import { createEvidenceFetchers } from '../../connectors/index';
import { DEPARTMENT_ENV, loadConfig } from '../../src/config';
import { DEPARTMENTS } from '../../src/evidence/kinds';
import { round } from '../common';
import {
  cohort,
  DEPT_MS,
  familyRequests,
  gatewayEnv,
  idleRssMb,
  load,
  log,
  ourGateway,
  preflight,
  row,
  save,
  stop,
  take,
  type LoadResult,
  type Plan,
} from '../harness';

/** What one department call costs from a client's side (40 ms plus the mock's own work). */
async function departmentFloor(): Promise<number> {
  const fetchers = createEvidenceFetchers(loadConfig(gatewayEnv('floor')).departments);
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

/** The rest of the fresh requests, for the --profile run of the gateway under 50 clients. */
export const leftover: { requests: Plan['requests'] } = { requests: [] };

export async function run(): Promise<void> {
  log('overhead: latency over the departments at 40 ms (x-evidence-fresh), memory at 50 and 200 clients');
  const floor = await departmentFloor();
  log(`  one department call from a client: p50 ${round(floor, 1)} ms`);
  const g = await ourGateway('overhead');
  const idle = await idleRssMb(g.pid);
  const families = take(4600);
  const requests = await familyRequests(families, true);
  await preflight(g, requests[0]!.body, families[0]!, true, 'family query');
  requests.shift();
  const runs: (LoadResult & { ratio: { p50: number; p95: number; p99: number } })[] = [];
  let offset = 0;
  for (const connections of [1, 50, 200]) {
    // each run its own families: a person in flight is shared, which would flatter the figure
    const slice = requests.slice(offset, offset + 1100);
    offset += 1100;
    const r = await load(g, connections, slice);
    runs.push({ ...r, ratio: { p50: round(r.p50 / DEPT_MS), p95: round(r.p95 / DEPT_MS), p99: round(r.p99 / DEPT_MS) } });
  }
  await stop(g);
  for (const r of runs) {
    const target = r.connections === 50 ? 'p50 < 1.1x, p99 < 1.5x' : '';
    const pass = r.connections === 50 ? r.ratio.p50 < 1.1 && r.ratio.p99 < 1.5 : undefined;
    const fails = r.non2xx + r.errors + r.timeouts;
    row(
      'overhead',
      `${r.connections} clients p50/p95/p99 ÷ 40 ms`,
      `${r.ratio.p50} / ${r.ratio.p95} / ${r.ratio.p99}x (${round(r.rps, 0)} req/s; gw ${r.targetCores} cores, ${r.cpuMsPerRequest} ms CPU/req${fails ? `, ${fails} failed` : ''})`,
      target,
      pass,
    );
  }
  row('overhead', 'one dept call from a client ÷ 40 ms', `${round(floor / DEPT_MS)}x`, '', undefined);
  const at50 = runs.find((r) => r.connections === 50)!;
  const at200 = runs.find((r) => r.connections === 200)!;
  row('memory', 'PostgreSQL + Redis: RSS idle after start', `${round(idle, 0)} MB`, '< 150 MB', idle < 150);
  row('memory', 'PostgreSQL + Redis: peak RSS (VmHWM) through 50 clients', `${at50.peakRssMb} MB`, '< 300 MB', at50.peakRssMb! < 300);
  row('memory', 'PostgreSQL + Redis: peak RSS (VmHWM) through 200 clients', `${at200.peakRssMb} MB`, '< 300 MB', at200.peakRssMb! < 300);

  // diagnostic: the same 50-client run with each department's concurrency cap (16) lifted,
  // to see how much of the overhead is calls queueing behind it
  const lifted = await ourGateway(
    'overhead-lifted',
    Object.fromEntries(DEPARTMENTS.map((d) => [`${DEPARTMENT_ENV[d]}_CONCURRENCY`, '1000'])),
  );
  const l = await load(lifted, 50, requests.slice(offset, offset + 1100));
  offset += 1100;
  await stop(lifted);
  row(
    'overhead',
    '50 clients, dept concurrency cap 16 -> 1000 (diagnostic)',
    `p50 ${round(l.p50 / DEPT_MS)}x, p99 ${round(l.p99 / DEPT_MS)}x (${round(l.rps, 0)} vs ${round(at50.rps, 0)} req/s capped)`,
    '',
    undefined,
  );
  leftover.requests = requests.slice(offset);
  save('overhead', { departmentLatencyMs: DEPT_MS, departmentCallFromClientMs: round(floor, 1), runs, liftedConcurrencyCap50: l });
  save('memory-postgres', { idleRssMb: round(idle, 1), peakRssMbThrough50: at50.peakRssMb, peakRssMbThrough200: at200.peakRssMb });
}
