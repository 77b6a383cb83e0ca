// Scenario peer: our gateway against Hive Gateway over a supergraph composed by GraphQL Mesh
// from the seven departments' OpenAPI documents (bench/peer/), both real processes, against
// the same mock departments (40 ms a call), for the same kind of family query, a different
// family on every request, alternating ours and the peer's runs. Each measured the same way:
// req/s, p50/p99, CPU ms per request from /proc/<pid>/stat, peak RSS (VmHWM), idle RSS; the
// mock departments' own CPU per request apart.
//   cold CPU:        ours (department rate caps lifted) ÷ the peer, 50 clients       <= 0.6x
//   cold throughput: ours ÷ the peer, 50 clients, caps lifted (and, noted, caps on)  >= 1.5x
//   warm CPU:        ours (Redis cache full; every read authorized, masked, recorded)
//                    ÷ the peer with its response cache                               <= 3x
//   one client cold: our p50 ÷ the 40 ms department latency                           <= 1.15x
import type { Scenario } from '../../mocks/data/families';
import { loadConfig } from '../../src/config';
import { errorCodes, familyBody, familyIds, mockReset, mockStats, postGraphql, round, totalCalls, type Child } from '../common';
import {
  CAPS_OFF,
  DEPT_MS,
  composePeer,
  familyRequests,
  gatewayEnv,
  idleRssMb,
  load,
  log,
  mint,
  mocks,
  ourGateway,
  peerGateway,
  peerRequests,
  preflight,
  registerFamilies,
  row,
  save,
  stop,
  take,
  warmUp,
  type LoadResult,
  type Plan,
} from '../harness';

const COLD_SLICE = 1000;

/** One request through the peer: its errors, and lookups that did not answer their success type. */
async function peerPreflight(g: Child, s: Scenario): Promise<string[]> {
  const [req] = await peerRequests([s]);
  const r = await fetch(`${g.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: req!.body });
  const json = (await r.json()) as { data?: Record<string, { __typename?: string } | null>; errors?: unknown[] };
  const bad = Object.entries(json.data ?? {})
    .filter(([, v]) => !v || /Error|Rejected|Fault/.test(v.__typename ?? ''))
    .map(([k, v]) => `${k}: ${v?.__typename ?? 'null'}`);
  const errs = [...errorCodes(json), ...bad, ...(r.status === 200 ? [] : [`HTTP ${r.status}`])];
  if (errs.length) log(`  peer preflight: ${errs.join(', ')}`);
  return errs;
}

/** Department calls per request during one run (the mock's counters, reset first). */
async function withCalls(run: () => Promise<LoadResult>): Promise<LoadResult & { callsPerRequest: number }> {
  await mockReset(mocks.url);
  const r = await run();
  const calls = totalCalls(await mockStats(mocks.url));
  return { ...r, callsPerRequest: r.requests ? round(calls / r.requests, 1) : NaN };
}

const best = (a: LoadResult, b: LoadResult) => (a.rps >= b.rps ? a : b);
const leastCpu = (a: LoadResult, b: LoadResult) => Math.min(a.cpuMsPerRequest!, b.cpuMsPerRequest!);

export async function run(): Promise<void> {
  log('peer: ours vs Hive Gateway over the Mesh-composed OpenAPI supergraph');
  await composePeer();
  const hrCap = loadConfig(gatewayEnv('peer')).departments.humanResources.ratePerSecond;

  // ---------------------------------------------------------------- cold
  const peer = await peerGateway(false);
  const peerIdle = await idleRssMb(peer.pid);
  const oursOff = await ourGateway('peer-caps-off', CAPS_OFF);
  const oursOffIdle = await idleRssMb(oursOff.pid);
  const probe = take(2);
  const [oursFamily, peerFamily] = take(2);
  await registerFamilies([probe[0]!, oursFamily!]);
  const errors = {
    ours: await preflight(oursOff, familyBody(probe[0]!), probe[0]!, false, 'ours'),
    peer: await peerPreflight(peer, probe[1]!),
  };
  // department calls for one family query, alone (a load run's counters include calls in flight)
  const callsOf = async (ask: () => Promise<unknown>) => {
    await mockReset(mocks.url);
    await ask();
    return totalCalls(await mockStats(mocks.url));
  };
  const familyCalls = {
    ours: await callsOf(async () => postGraphql(oursOff.url, familyBody(oursFamily!), await mint.county(oursFamily!.countyCode))),
    peer: await callsOf(async () => {
      const [req] = await peerRequests([peerFamily!]);
      return fetch(`${peer.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: req!.body }).then((r) =>
        r.text(),
      );
    }),
    persons: [familyIds(oursFamily!).length, familyIds(peerFamily!).length],
  };
  // every slice built (and our families' applications registered) before any run is measured
  const slice = (who: 'ours' | 'peer', n = COLD_SLICE): Promise<Plan['requests']> =>
    who === 'ours' ? familyRequests(take(n), false) : peerRequests(take(n));
  const plans = {
    ours1: await slice('ours', 200),
    peer1: await slice('peer', 200),
    o1: await slice('ours'),
    p1: await slice('peer'),
    o2: await slice('ours'),
    p2: await slice('peer'),
    c1: await slice('ours'),
    c2: await slice('ours'),
  };

  // one client, cold
  const ours1 = await withCalls(() => load(oursOff, 1, plans.ours1, undefined, 'ours'));
  const peer1 = await withCalls(() => load(peer, 1, plans.peer1, undefined, 'peer'));
  // 50 clients, cold, alternating
  const o1 = await withCalls(() => load(oursOff, 50, plans.o1, undefined, 'ours caps off'));
  const p1 = await withCalls(() => load(peer, 50, plans.p1, undefined, 'peer'));
  const o2 = await withCalls(() => load(oursOff, 50, plans.o2, undefined, 'ours caps off'));
  const p2 = await withCalls(() => load(peer, 50, plans.p2, undefined, 'peer'));
  await stop(oursOff);
  const oursOn = await ourGateway('peer-caps-on');
  const c1 = await load(oursOn, 50, plans.c1, undefined, 'ours caps on');
  const c2 = await load(oursOn, 50, plans.c2, undefined, 'ours caps on');
  await stop(oursOn);
  const peerPeak = peer.pid ? (best(p1, p2).peakRssMb ?? NaN) : NaN;
  await stop(peer);

  const ourCpu = leastCpu(o1, o2);
  const peerCpu = leastCpu(p1, p2);
  const cpuRatio = round(ourCpu / peerCpu);
  row(
    'peer',
    'cold CPU per family query, 50 clients: ours (caps lifted) ÷ peer',
    `${cpuRatio}x (${ourCpu} vs ${peerCpu} ms)`,
    '<= 0.6x',
    cpuRatio <= 0.6,
  );
  const off = best(o1, o2);
  const on = best(c1, c2);
  const p = best(p1, p2);
  const tOff = round(off.rps / p.rps);
  const tOn = round(on.rps / p.rps);
  row(
    'peer',
    '50-client cold req/s: ours (caps lifted) ÷ peer',
    `${tOff}x (${round(off.rps, 0)} vs ${round(p.rps, 0)} req/s)`,
    '>= 1.5x',
    tOff >= 1.5,
  );
  row(
    'peer',
    `50-client cold req/s: ours (caps on, humanResources ${hrCap}/s) ÷ peer`,
    `${tOn}x (${round(on.rps, 0)} vs ${round(p.rps, 0)} req/s; p50 ${round(on.p50, 0)} vs ${round(p.p50, 0)} ms)`,
    '',
    undefined,
  );
  row(
    'peer',
    '50-client cold p50 / p99: ours (caps lifted), peer',
    `${round(off.p50, 0)} / ${round(off.p99, 0)} ms, ${round(p.p50, 0)} / ${round(p.p99, 0)} ms`,
    '',
    undefined,
  );
  const p50Ratio = round(ours1.p50 / DEPT_MS);
  row(
    'peer',
    'one client cold p50 ÷ 40 ms: ours (peer)',
    `${p50Ratio}x, ${round(ours1.p50, 0)} ms (peer ${round(peer1.p50 / DEPT_MS)}x, ${round(peer1.p50, 0)} ms)`,
    '<= 1.15x',
    p50Ratio <= 1.15,
  );
  row(
    'peer',
    'mock departments CPU per family query: ours, peer',
    `${round(Math.min(o1.mockCpuMsPerRequest!, o2.mockCpuMsPerRequest!), 2)} ms, ${round(Math.min(p1.mockCpuMsPerRequest!, p2.mockCpuMsPerRequest!), 2)} ms (apart from the gateways' figures)`,
    '',
    undefined,
  );
  row(
    'peer',
    'department calls for one family query: ours, peer',
    `${familyCalls.ours} (${familyCalls.persons[0]} people), ${familyCalls.peer} (${familyCalls.persons[1]} people)`,
    '',
    undefined,
  );
  row(
    'peer',
    'RSS idle after start / peak through 50 clients: ours, peer',
    `${round(oursOffIdle, 0)} / ${off.peakRssMb} MB, ${round(peerIdle, 0)} / ${peerPeak} MB`,
    '',
    undefined,
  );
  for (const [who, errs] of Object.entries(errors))
    if (errs.length) row('peer', `${who}: errors in answers`, errs.join(', ').slice(0, 120), 'none', false);

  // ---------------------------------------------------------------- warm
  const warmFamilies = take(200);
  const ours = await ourGateway('peer-warm');
  await warmUp(ours, warmFamilies);
  const ourReqs = await familyRequests(warmFamilies, false);
  const cached = await peerGateway(true);
  const peerReqs = await peerRequests(warmFamilies);
  // twice: an answer with an error (a department call that timed out on a busy machine) is not cached
  for (let pass = 0; pass < 2; pass++)
    for (const r of peerReqs)
      await fetch(`${cached.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: r.body });
  await postGraphql(ours.url, ourReqs[0]!.body, await mint.county(warmFamilies[0]!.countyCode));
  const w1 = await withCalls(() => load(ours, 32, ourReqs, undefined, 'ours warm'));
  const r1 = await withCalls(() => load(cached, 32, peerReqs, undefined, 'peer response cache'));
  const w2 = await withCalls(() => load(ours, 32, ourReqs, undefined, 'ours warm'));
  const r2 = await withCalls(() => load(cached, 32, peerReqs, undefined, 'peer response cache'));
  await Promise.all([stop(ours), stop(cached)]);
  const warmOurs = leastCpu(w1, w2);
  const warmPeer = leastCpu(r1, r2);
  const warmRatio = round(warmOurs / warmPeer, 1);
  row(
    'peer',
    'warm CPU per family query: ours (cache full, authorized, masked, recorded) ÷ peer response cache',
    `${warmRatio}x (${warmOurs} vs ${warmPeer} ms; ${round(best(w1, w2).rps, 0)} vs ${round(best(r1, r2).rps, 0)} req/s)`,
    '<= 3x',
    warmRatio <= 3,
  );
  const warmCalls = Math.max(w1.callsPerRequest, w2.callsPerRequest, r1.callsPerRequest, r2.callsPerRequest);
  if (warmCalls > 0) row('peer', 'department calls during the warm runs', `${warmCalls} a request`, '0', false);

  save('peer', {
    departmentLatencyMs: DEPT_MS,
    humanResourcesRateCap: hrCap,
    oneClient: { ours: ours1, peer: peer1 },
    cold50: { oursCapsOff: [o1, o2], peer: [p1, p2], oursCapsOn: [c1, c2] },
    warm32: { ours: [w1, w2], peerResponseCache: [r1, r2] },
    idleRssMb: { ours: round(oursOffIdle, 1), peer: round(peerIdle, 1) },
    ratios: { coldCpu: cpuRatio, throughputCapsOff: tOff, throughputCapsOn: tOn, warmCpu: warmRatio, oneClientP50: p50Ratio },
    familyCalls,
    errors,
  });
}
