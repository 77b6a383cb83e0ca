// The cost of myAccessLog for a parent with 1,000 entries (600 about the parent, 400 about
// their child) in an access log of --noise other entries, on PostgreSQL (DATABASE_URL, a schema
// of its own, dropped afterwards), through the gateway over HTTP with the mock departments:
//
//   npx tsx bench/my-access-log.ts [--noise 200000] [--looks 100]
//
// Measures, each --looks times after one warm-up: the whole look over HTTP (first 20, newest
// first; the departments' answers cached), walking all 1,000 entries in pages of 200, and
// alone: the listing query, the candidate query (which of the child candidates have entries)
// and the hashing of those candidates. Prints the plans' row counts (EXPLAIN ANALYZE) and writes
// bench/results/my-access-log.json. Ports 4214 (gateway) and 4215 (mock departments).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBuiltinDataset } from '../mocks/data/families';
import { startMockServer } from '../mocks/server';
import { createApp } from '../src/app';
import { OWN_LOG_PURPOSE, queryOwnAccessLog, subjectsWithEntries } from '../src/audit/ownLog';
import type { AccessRecord } from '../src/audit/types';
import { devTokenSigner } from '../src/auth/devKeys';
import { makeIdNumber } from '../src/codes/idNumber';
import { DEPARTMENT_ENV, loadConfig } from '../src/config';
import type { Sql } from '../src/db/index';
import { DEPARTMENTS, EVIDENCE, EVIDENCE_NAMES } from '../src/evidence/kinds';
import { createLogger } from '../src/observability/logger';
import { startGateway } from '../src/server';
import { RESULTS_DIR, round } from './common';

const { values } = parseArgs({ options: { noise: { type: 'string', default: '200000' }, looks: { type: 'string', default: '100' } } });
const NOISE = Number(values.noise);
const LOOKS = Number(values.looks);
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SCHEMA = `bench_my_access_log_${process.pid}`;

const { dataset, scenarios } = buildBuiltinDataset();
const family = scenarios.find((s) => s.key === 'full-evidence')!;
const father = family.guardians.find((g) => g.relation === 'FATHER')!.idNumber;
const child = family.child.idNumber;

const mocks = await startMockServer({ port: 4215, dataset, builtin: true, latencyMs: 0 });
const dataDir = mkdtempSync(join(tmpdir(), 'bench-my-access-log-'));
const config = loadConfig({
  NODE_ENV: 'development',
  DATA_DIR: dataDir,
  MOCKS: 'off',
  DATABASE_URL,
  DATABASE_SCHEMA: SCHEMA,
  REDIS_URL: '',
  RATE_LIMIT_PER_MINUTE: '1000000000',
  SUBJECT_HASH_KEY: 'bench-subject-hash-key',
  CACHE_ENCRYPTION_KEY: `b1:${Buffer.alloc(32, 9).toString('base64')}`,
  ...Object.fromEntries(DEPARTMENTS.map((d) => [`${DEPARTMENT_ENV[d]}_URL`, `${mocks.url}/${d}`])),
});
const app = await createApp(config, { logger: createLogger('silent') });
const gateway = await startGateway(app, { port: 4214, host: '127.0.0.1' });
const sign = await devTokenSigner(dataDir, config.jwt);
const token = await sign({ role: 'applicant', idNumber: father }, { sub: 'bench-parent', ttl: '1h' });

function entry(idNumber: string, i: number, base: number, stepMinutes = 1): AccessRecord {
  const name = EVIDENCE_NAMES[i % EVIDENCE_NAMES.length]!;
  return {
    at: new Date(base - i * stepMinutes * 60_000).toISOString(),
    requestId: `bench-${i}`,
    actorSubject: `clerk-${i % 17}`,
    actorRole: i % 5 === 0 ? 'school_reviewer' : 'county_platform',
    actorCounty: i % 7 === 0 ? '370811' : family.countyCode,
    applicationId: `APP-${i % 40}`,
    countyCode: family.countyCode,
    idNumber,
    department: EVIDENCE[name].department,
    evidence: name,
    fields: ['name', 'regionCode'],
    outcome: i % 23 === 0 ? 'DENIED' : 'ALLOWED',
    source: i % 23 === 0 ? null : i % 2 ? 'CACHE' : 'DEPARTMENT',
    reason: 'statutory duty',
  };
}

async function seed(): Promise<void> {
  const base = Date.now() - 1000;
  const noise: AccessRecord[] = [];
  for (let i = 0; i < NOISE; i++) {
    // others, in the same county and the same weeks: 2,000 people of 100 entries each
    noise.push(entry(makeIdNumber(i % 2 ? '370811' : '370883', '2018-01-01', i % 1000), i, base));
    if (noise.length === 5000) await app.audit.record(noise.splice(0));
  }
  if (noise.length) await app.audit.record(noise.splice(0));
  // the family's entries spread over the same months as everyone else's, not just the newest
  const family1000 = Array.from({ length: 1000 }, (_, i) => entry(i < 600 ? father : child, i, base - 30_000, Math.max(1, NOISE / 1000)));
  await app.audit.record(family1000);
}

const MY_LOG = `query Mine($first: Int, $after: String) { myAccessLog(first: $first, after: $after) {
  pageInfo { hasNextPage endCursor } edges { cursor node { sentence at subject organisation applicationId evidenceName source outcome } } } }`;

async function post(variables: Record<string, unknown>): Promise<any> {
  const r = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: MY_LOG, variables }),
  });
  const body = (await r.json()) as any;
  if (body.errors) throw new Error(`myAccessLog answered ${JSON.stringify(body.errors)}`);
  return body.data.myAccessLog;
}

async function timed(n: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: round(ms[Math.floor(n * 0.5)]!, 2), p95: round(ms[Math.floor(n * 0.95)]!, 2) };
}

/** A Sql that remembers the last statement, to EXPLAIN it afterwards. */
function capturing(sql: Sql): Sql & { last?: { text: string; params?: unknown[] } } {
  const c: Sql & { last?: { text: string; params?: unknown[] } } = Object.create(sql);
  c.query = (text, params) => {
    c.last = { text, params };
    return sql.query(text, params);
  };
  return c;
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

async function explain(sql: Sql, q: { text: string; params?: unknown[] }) {
  const { rows } = await sql.query<{ 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] }>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${q.text}`,
    q.params,
  );
  const top = rows[0]!['QUERY PLAN'][0]!;
  const nodes: string[] = [];
  let scanned = 0;
  const walk = (n: PlanNode) => {
    // rows read from the table or its indexes, over every loop (the plan gives per-loop averages)
    const loops = n['Actual Loops'];
    if (/Scan/.test(n['Node Type']) && n['Node Type'] !== 'Function Scan' && n['Node Type'] !== 'Bitmap Index Scan')
      scanned += Math.round((n['Actual Rows'] + (n['Rows Removed by Filter'] ?? 0)) * loops);
    nodes.push(`${n['Node Type']}${n['Index Name'] ? ` on ${n['Index Name']}` : ''} (rows ${n['Actual Rows']} x ${loops} loops)`);
    n.Plans?.forEach(walk);
  };
  walk(top.Plan);
  return { executionMs: round(top['Execution Time'], 3), rowsScanned: scanned, plan: nodes };
}

try {
  const t0 = performance.now();
  await seed();
  const seedSeconds = round((performance.now() - t0) / 1000, 1);
  await app.sql.query('ANALYZE access_log');
  const hash = app.subjectHash;
  const subjects = [hash(father), hash(child)];

  await post({ first: 20 }); // warm: departments' answers cached, plan cached
  const look = await timed(LOOKS, () => post({ first: 20 }));
  const walkAll = await timed(Math.max(5, Math.floor(LOOKS / 10)), async () => {
    let after: string | null = null;
    let n = 0;
    for (;;) {
      const page = await post({ first: 200, after });
      n += page.edges.length;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    if (n !== 1000) throw new Error(`walked ${n} entries, expected 1000`);
  });

  const sql = capturing(app.sql);
  const listing = await timed(LOOKS, () => queryOwnAccessLog(sql, subjects, { first: 20 }));
  const listingPlan = await explain(app.sql, sql.last!);
  const lastPage = await queryOwnAccessLog(app.sql, subjects, { first: 200 });
  const deepCursor = lastPage.pageInfo.endCursor!;
  await queryOwnAccessLog(sql, subjects, { first: 200, after: deepCursor });
  const deepPlan = await explain(app.sql, sql.last!);

  const candidateIds: string[] = [];
  for (const region of ['371102', '370883'])
    for (let s = 0; s < 1000; s++) candidateIds.push(makeIdNumber(region, family.child.birthDate, s));
  const uncached = hash.uncached!;
  const hashing = await timed(LOOKS, async () => candidateIds.map(uncached));
  const candidateHashes = candidateIds.map(uncached);
  const candidates = await timed(LOOKS, () => subjectsWithEntries(sql, candidateHashes));
  const candidatePlan = await explain(app.sql, sql.last!);

  const { rows } = await app.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM access_log');
  const result = {
    at: new Date().toISOString(),
    logEntries: Number(rows[0]!.n),
    familyEntries: 1000,
    seedSeconds,
    looks: LOOKS,
    httpFirstPage20: look,
    httpAll1000InPagesOf200: walkAll,
    listingQueryFirst20: { ...listing, ...listingPlan },
    listingQueryPage2Of200: deepPlan,
    candidateHashing2000: hashing,
    candidateQuery2000Hashes: { ...candidates, ...candidatePlan },
    hiddenLookPurpose: OWN_LOG_PURPOSE,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'my-access-log.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await gateway.stop();
  await app.sql.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => {});
  await app.close();
  await mocks.close();
  rmSync(dataDir, { recursive: true, force: true });
}
