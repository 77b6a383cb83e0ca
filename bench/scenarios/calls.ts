// Scenario calls: department calls (/__mock/stats) for a family `people` query and a
// `verifyApplication`, cold and warm, against a naive gateway (bench/naive.ts: no DataLoader,
// no cache, one call per field per person).
import type { Scenario } from '../../mocks/data/families';
import { DEPARTMENTS, type Department } from '../../src/evidence/kinds';
import {
  applicationIdOf,
  errorCodes,
  familyBody,
  familyIds,
  mockReset,
  mockStats,
  postGraphql,
  round,
  verifyBody,
  type Child,
  type Stats,
} from '../common';
import { log, mint, mocks, ourGateway, registerFamilies, row, save, stop, take, toggledGateway } from '../harness';

/** Calls a department may take for one request over `persons` people. */
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

export async function verifyPresent(g: Child, s: Scenario): Promise<{ present: boolean; why: string }> {
  const r = await postGraphql(g.url, verifyBody(s, applicationIdOf(s)), await mint.county(s.countyCode));
  if (r.json?.data?.verifyApplication?.category) return { present: true, why: '' };
  return {
    present: false,
    why: `verifyApplication answered ${r.status} ${errorCodes(r.json).join(',') || JSON.stringify(r.json).slice(0, 120)}`,
  };
}

export async function run(): Promise<void> {
  log('calls: department calls per request (batched vs naive, cold and warm)');
  const ours = await ourGateway('calls');
  const naive = await toggledGateway('naive', { BENCH_NAIVE: '1' });
  const families = take(5);
  const verifyFamilies = take(6);
  const probe = verifyFamilies.shift()!;
  const verify = await verifyPresent(ours, probe);
  const kinds: { name: 'people' | 'verifyApplication'; families: Scenario[]; body: (s: Scenario) => string }[] = [
    { name: 'people', families, body: familyBody },
  ];
  // verifyApplication registers its own application; the people query's are registered first
  await registerFamilies(families);
  if (verify.present) kinds.push({ name: 'verifyApplication', families: verifyFamilies, body: (s) => verifyBody(s, applicationIdOf(s)) });
  else row('calls', 'verifyApplication', 'skipped', '', 'skipped');

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
          await mockReset(mocks.url);
          const r = await postGraphql(g.url, kind.body(s), await mint.county(s.countyCode));
          acc.errors.push(...errorCodes(r.json), ...(r.status === 200 ? [] : [`HTTP ${r.status}`]));
          acc[phase].push(await mockStats(mocks.url));
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
      'calls',
      `${kind.name} cold: calls/request (naive)`,
      `${round(sum('batchedCold'), 1)} (${round(sum('naiveCold'), 1)}) = ${round(sum('batchedCold') / sum('naiveCold'))}x naive`,
      '<= 1 per dept API',
      coldOver.length === 0,
    );
    if (coldOver.length)
      row(
        'calls',
        `${kind.name} cold: over allowance`,
        coldOver.map((t) => `${t.department} ${t.batchedColdMax}>${t.allowance}`).join(', '),
        '',
        false,
      );
    row(
      'calls',
      `${kind.name} warm: calls/request (naive)`,
      `${round(sum('batchedWarm'), 1)} (${round(sum('naiveWarm'), 1)})`,
      '0 warm',
      sum('batchedWarm') === 0,
    );
    const errs = [...new Set([...per.batched!.errors, ...per.naive!.errors])];
    if (errs.length) row('calls', `${kind.name} errors in answers`, errs.join(','), 'none', false);
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
