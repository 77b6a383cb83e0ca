// Scenario layers: req/s with each layer on over req/s with it off (warm cache, bench/gateway.ts
// switching the layer through createApp overrides): authorization + masking, audit (group
// commit to PostgreSQL vs a no-op recorder), both together (the target: at most 20% of the
// warm cost), logging, query limits. Gateway CPU per request for each pair too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, round } from '../common';
import {
  familyRequests,
  load,
  log,
  preflight,
  row,
  runId,
  save,
  SECONDS,
  shared,
  stop,
  take,
  toggledGateway,
  warmUp,
  type LoadResult,
} from '../harness';

/** How query limits can be switched off, if they can (read from the server's wiring at run time). */
function armorToggle(): { env?: Record<string, string>; why: string } {
  const server = readFileSync(join(ROOT, 'src/server.ts'), 'utf8');
  if (!/queryProtection/.test(server)) return { why: 'not wired into the gateway at run time' };
  if (/armor\?: boolean/.test(server)) return { env: { BENCH_ARMOR: 'off' }, why: '' };
  return { why: 'wired in, but startGateway has no switch to turn it off: not measured' };
}

export async function run(): Promise<void> {
  log('layers: cost of each layer (warm cache, throughput on vs off)');
  if (shared.warmFamilies.length === 0) shared.warmFamilies = take(200);
  const families = shared.warmFamilies;
  const requests = await familyRequests(families, false);
  // every gateway here shares the warm cache of the warm scenario (same prefix and keys)
  const prefix = { CACHE_KEY_PREFIX: `${runId}:warm:` };
  const base = await toggledGateway('layers', prefix);
  await warmUp(base, families);
  const errs = await preflight(base, requests[0]!.body, families[0]!, false, 'layers baseline');
  const variants: { layer: string; env: Record<string, string> }[] = [
    { layer: 'authorization + audit together', env: { BENCH_AUTH: 'off', BENCH_AUDIT: 'noop' } },
    { layer: 'authorization + masking', env: { BENCH_AUTH: 'off' } },
    { layer: 'audit (group commit to PostgreSQL)', env: { BENCH_AUDIT: 'noop' } },
  ];
  // logging and query limits were within the noise in earlier runs: measured on BENCH_ALL_LAYERS=1
  const armor = armorToggle();
  if (process.env.BENCH_ALL_LAYERS === '1') {
    variants.push({ layer: 'logging (info to /dev/null vs silent)', env: { LOG_LEVEL: 'silent' } });
    if (armor.env) variants.push({ layer: 'query limits (graphql-armor)', env: armor.env });
    else row('layers', 'query limits (graphql-armor)', armor.why, '', 'skipped');
  }

  const baseRuns: LoadResult[] = [];
  const out: Record<string, unknown>[] = [];
  const LAYER_SECONDS = Math.min(SECONDS, 4);
  for (const v of variants) {
    const g = await toggledGateway('layers', { ...prefix, ...v.env });
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
    const cpuOn = Math.min(on1.cpuMsPerRequest!, on2.cpuMsPerRequest!);
    const cpuOff = Math.min(off1.cpuMsPerRequest!, off2.cpuMsPerRequest!);
    const cpuShare = round(1 - cpuOff / cpuOn, 3);
    const target = v.layer.startsWith('authorization + audit') ? '<= 20% of warm cost' : '';
    row(
      'layers',
      `${v.layer}: on ÷ off req/s`,
      `${ratio}x (cost ${round(cost * 100, 1)}%; ${round(onRps, 0)} vs ${round(offRps, 0)} req/s; gateway CPU ${cpuOn} vs ${cpuOff} ms, ${round(cpuShare * 100, 0)}%)`,
      target,
      target ? cost <= 0.2 : undefined,
    );
    out.push({ layer: v.layer, env: v.env, onRps, offRps, ratio, cost, cpuOn, cpuOff, cpuShare, on: [on1, on2], off: [off1, off2] });
  }
  if (errs.length) row('layers', 'errors in answers', errs.join(','), 'none', false);
  save('layers', { families: families.length, connections: 32, baseline: baseRuns, layers: out, armor, errors: errs });
  await stop(base);
}
