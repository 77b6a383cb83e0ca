// Scenario warm: req/s of a family query with everything in Redis, over the req/s of a bare
// graphql-js `execute` on a plain node HTTP server answering the same records from memory.
import { join } from 'node:path';
import { BENCH_DIR, familyIds, mockReset, mockStats, round, startChild, totalCalls } from '../common';
import {
  cacheErrors,
  familyRequests,
  gatewayEnv,
  load,
  log,
  mocks,
  ourGateway,
  preflight,
  row,
  save,
  shared,
  stop,
  take,
  track,
  warmUp,
  type LoadResult,
} from '../harness';

export async function run(): Promise<void> {
  log('warm: warm-cache throughput vs bare graphql-js execute');
  shared.warmFamilies = take(200);
  const families = shared.warmFamilies;
  const g = await ourGateway('warm');
  const warmUpErrors = await warmUp(g, families);
  const requests = await familyRequests(families, false);
  const errs = await preflight(g, requests[0]!.body, families[0]!, false, 'warm family query');
  const ids = families.flatMap(familyIds);
  const bare = await track(startChild(join(BENCH_DIR, 'bare.ts'), { ...gatewayEnv('bare'), PORT: '0', BENCH_BARE_IDS: ids.join(',') }));
  // alternate, so both see the same neighbours on the machine
  await mockReset(mocks.url);
  const cacheErrorsBefore = await cacheErrors(g);
  const gw1 = await load(g, 32, requests);
  const calls = totalCalls(await mockStats(mocks.url));
  // a department call in a warm run is either a family the warm-up could not cache or a Redis
  // command over CACHE_COMMAND_TIMEOUT_MS (served uncached): these say which
  const cacheErrorsAfter = await cacheErrors(g);
  const cacheErrorsDuringRun = Object.fromEntries(
    Object.entries(cacheErrorsAfter).map(([op, n]) => [op, n - (cacheErrorsBefore[op] ?? 0)]),
  );
  const b1 = await load(bare, 32, requests);
  const gw2 = await load(g, 32, requests);
  const b2 = await load(bare, 32, requests);
  // best of two: a neighbour on the machine only ever takes throughput away
  const gwRps = Math.max(gw1.rps, gw2.rps);
  const bareRps = Math.max(b1.rps, b2.rps);
  const ratio = round(gwRps / bareRps);
  row(
    'warm',
    'gateway req/s ÷ bare execute req/s (Redis, all cached; best of 2)',
    `${ratio}x (${round(gwRps, 0)} vs ${round(bareRps, 0)} req/s)`,
    '>= 0.6x',
    ratio >= 0.6,
  );
  const best = (a: LoadResult, b: LoadResult) => (a.rps >= b.rps ? a : b);
  row(
    'warm',
    'CPU per request: gateway ÷ bare',
    `${round(best(gw1, gw2).cpuMsPerRequest! / best(b1, b2).cpuMsPerRequest!, 1)}x (${best(gw1, gw2).cpuMsPerRequest} vs ${best(b1, b2).cpuMsPerRequest} ms)`,
    '',
    undefined,
  );
  row('warm', 'department calls during the warm run', String(calls), '0', calls === 0);
  if (calls > 0 || warmUpErrors.length > 0) {
    const why = Object.entries(cacheErrorsDuringRun).map(([op, n]) => `${op} ${n}`);
    row(
      'warm',
      'why: cache errors during the run; warm-up errors left',
      `${why.join(', ') || 'none'}; ${warmUpErrors.length}`,
      '',
      undefined,
    );
  }
  if (errs.length) row('warm', 'errors in answers', errs.join(','), 'none', false);
  save('warm-throughput', {
    families: families.length,
    connections: 32,
    gateway: [gw1, gw2],
    bare: [b1, b2],
    ratio,
    departmentCallsDuringGatewayRun: calls,
    cacheErrorsDuringGatewayRun: cacheErrorsDuringRun,
    warmUpErrors,
    errors: errs,
  });
  await Promise.all([stop(g), stop(bare)]);
}
