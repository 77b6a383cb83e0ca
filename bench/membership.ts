// The cost of binding reads to application members, on a warm family query: the whole-family
// query (child and two guardians, every field, cache warm) against the in-process gateway on
// PostgreSQL, and the membership look-up alone (one application row and its members per request,
// what `applicationOf` adds), measured the same number of times. `npx tsx bench/membership.ts`.
import { performance } from 'node:perf_hooks';
import { PEOPLE_QUERY, startTestGateway, isolationName, DATABASE_URL } from '../test/support/gateway';
import { registerApplicationFor } from '../test/support/applications';

const N = Number(process.env.N ?? 200);
const gw = await startTestGateway({
  isolation: isolationName('bench_membership'),
  env: { DATABASE_URL, BUDGET_PERSONS_PER_HOUR: '100000' },
});
try {
  const s = gw.scenarios.find((x) => x.key === 'household-and-property')!;
  const token = await gw.token({ role: 'county_platform', county: s.countyCode });
  const purpose = await registerApplicationFor(gw, token, s);
  const ids = [s.child.idNumber, ...s.guardians.map((g) => g.idNumber)];
  for (let i = 0; i < 20; i++) await gw.graphql(PEOPLE_QUERY, { ids, purpose }, { token }); // warm
  const q: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    const r = await gw.graphql(PEOPLE_QUERY, { ids, purpose }, { token });
    q.push(performance.now() - t);
    if (r.body.errors) throw new Error(JSON.stringify(r.body.errors));
  }
  const look: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await gw.app.applications.get(purpose.applicationId, purpose.countyCode);
    look.push(performance.now() - t);
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  const p95 = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length * 0.95)]!;
  console.log(
    JSON.stringify({
      requests: N,
      warmFamilyQueryMs: { median: +med(q).toFixed(2), p95: +p95(q).toFixed(2) },
      membershipLookupMs: { median: +med(look).toFixed(2), p95: +p95(look).toFixed(2) },
      shareOfMedian: +(med(look) / med(q)).toFixed(3),
    }),
  );
} finally {
  await gw.close();
}
