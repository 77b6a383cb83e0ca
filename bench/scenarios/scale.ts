// Scenario scale: latency with 1, 10 and 50 people per query (departments at 40 ms, fresh);
// then a cohort run, `verifyApplication` for each remaining family over HTTP, 32 at a time,
// for BENCH_COHORT_SECONDS, extrapolated to the whole cohort.
import type { Scenario } from '../../mocks/data/families';
import {
  errorCodes,
  familyIds,
  memoryOf,
  mockReset,
  mockStats,
  familyBody,
  groupBody,
  postGraphql,
  round,
  verifyBody,
  cpuSecondsOf,
  totalCalls,
  type Child,
} from '../common';
import { COHORT_FAMILIES } from '../common';
import {
  auth,
  COHORT_SECONDS,
  load,
  log,
  mint,
  mocks,
  ourGateway,
  preflight,
  registerFamilies,
  rest,
  row,
  save,
  stop,
  take,
  type LoadResult,
} from '../harness';
import { verifyPresent } from './calls';

async function people(g: Child): Promise<void> {
  log('scale: 1, 10, 50 people per query (departments at 40 ms, fresh)');
  // people of one county in a row: a request is one county platform's, reading under its own
  // families' applications (one aliased `people` field per family)
  const pool = take(2000)
    .sort((x, y) => x.countyCode.localeCompare(y.countyCode))
    .flatMap((s) => familyIds(s).map((id) => ({ id, s })));
  const results: (LoadResult & { people: number })[] = [];
  for (const n of [1, 10, 50]) {
    const groups: { s: Scenario; ids: string[] }[][] = [];
    let used = 0;
    for (let i = 0; i + n <= pool.length && groups.length < 150;) {
      const slice = pool.slice(i, i + n);
      const county = slice[0]!.s.countyCode;
      const cut = slice.findIndex((p) => p.s.countyCode !== county);
      if (cut >= 0) {
        i += cut; // too few left in this county: start at the next
        continue;
      }
      const parts: { s: Scenario; ids: string[] }[] = [];
      for (const p of slice) {
        const last = parts[parts.length - 1];
        if (last?.s === p.s) last.ids.push(p.id);
        else parts.push({ s: p.s, ids: [p.id] });
      }
      groups.push(parts);
      i += n;
      used = i;
    }
    await registerFamilies([...new Set(groups.flat().map((p) => p.s))]);
    const reqs = await Promise.all(groups.map(async (parts) => ({ body: groupBody(parts), headers: await auth(parts[0]!.s, true) })));
    const first = groups[0]![0]!.s;
    const errs = await preflight(g, reqs[0]!.body, first, true, `${n} people`);
    if (errs.length) row('scale', `${n} people: errors in answers`, errs.join(','), 'none', false);
    pool.splice(0, used);
    results.push({ ...(await load(g, 4, reqs)), people: n });
  }
  const one = results[0]!;
  for (const r of results) {
    const fails = r.non2xx + r.errors + r.timeouts;
    row(
      'scale',
      `${r.people} people: p50 ÷ p50 of 1 person`,
      `${round(r.p50 / one.p50)}x (p50 ${round(r.p50, 0)} ms, p99 ${round(r.p99, 0)} ms${fails ? `, ${fails} failed` : ''})`,
      '',
      undefined,
    );
  }
  save('scale', { connections: 4, runs: results });
}

async function cohortRun(): Promise<void> {
  const families = rest();
  log(`scale: cohort run (${families.length} families left of ${COHORT_FAMILIES}, budget ${COHORT_SECONDS} s)`);
  const g = await ourGateway('cohort');
  const verify = await verifyPresent(g, families.shift()!);
  // verifyApplication registers each application itself; the people query needs them registered
  if (!verify.present) await registerFamilies(families);
  const concurrency = 32;
  await mockReset(mocks.url);
  const cpu0 = cpuSecondsOf(g.pid);
  const t0 = performance.now();
  const deadline = t0 + COHORT_SECONDS * 1000;
  let done = 0;
  let failed = 0;
  let matched = 0;
  const mismatches: { key: string; expected: string; got: unknown }[] = [];
  const codes = new Map<string, number>();
  const queue = [...families];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let s = queue.shift(); s && performance.now() < deadline; s = queue.shift()) {
        const body = verify.present ? verifyBody(s, `bench-cohort-${s.key}`) : familyBody(s);
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
  const wallSec = (performance.now() - t0) / 1000;
  const stats = await mockStats(mocks.url);
  const mem = memoryOf(g.pid);
  const cores = (cpuSecondsOf(g.pid) - cpu0) / wallSec;
  await stop(g);
  const calls = totalCalls(stats);
  const complete = done >= families.length;
  const extrapolatedSec = (wallSec / done) * COHORT_FAMILIES;
  const how = verify.present ? 'verifyApplication' : 'people query (verifyApplication not there)';
  row(
    'scale',
    `cohort: ${done} families via ${how}`,
    `${round(wallSec, 1)} s, ${round(done / wallSec, 1)} families/s${complete ? '' : `; ${COHORT_FAMILIES} extrapolated: ${round(extrapolatedSec / 60, 1)} min`}`,
    '',
    undefined,
  );
  row(
    'scale',
    'cohort: department calls per family',
    `${round(calls / done, 2)} (${calls} total)${failed ? `; ${failed} failed ${JSON.stringify(Object.fromEntries(codes))}` : ''}`,
    '',
    failed ? false : undefined,
  );
  if (verify.present) row('scale', 'cohort: category as the generator expects', `${matched}/${done}`, 'all', matched === done);
  row('scale', 'cohort: gateway peak RSS', `${round(mem.peakMb, 0)} MB (gw ${round(cores, 2)} cores)`, '< 300 MB', mem.peakMb < 300);
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
    gatewayCores: cores,
  });
}

export async function run(): Promise<void> {
  const g = await ourGateway('scale');
  await people(g);
  await stop(g);
  await cohortRun();
}
