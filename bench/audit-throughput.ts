// Audit entries committed per second on PostgreSQL, side by side in one run: the gateway's
// group commit against one transaction per request and one per entry. Same writer code, same
// hash chain, same table and indexes; only how many callers share a transaction differs.
// Each mode runs with checkpoint signing on (an Ed25519 checkpoint per transaction, as the
// gateway writes) and off, side by side.
//
//   npx tsx bench/audit-throughput.ts [--seconds 5] [--concurrency 64]
//
// A "request" is what one person's full read records: 11 entries (one per evidence field),
// each handed to record() separately, as the evidence layer does. Uses DATABASE_URL (default
// postgres://postgres@127.0.0.1:5432/postgres) in a schema of its own, dropped afterwards.
// Writes bench/results/audit-throughput.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { toUnchained } from '../src/audit/index';
import { AUDIT_MIGRATIONS } from '../src/audit/migrations';
import { migrate } from '../src/db/migrate';
import type { AccessRecord } from '../src/audit/types';
import { verifyAccessLog } from '../src/audit/verify';
import { ChainWriter } from '../src/audit/writer';
import { generateKeyPairSync } from 'node:crypto';
import { createSigner, publicKeyMap } from '../src/audit/signing';
import { openDatabase } from '../src/db/index';
import { EVIDENCE, EVIDENCE_NAMES } from '../src/evidence/kinds';
import { makeSubjectHasher } from '../src/evidence/subjectHash';
import { RESULTS_DIR } from './common';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, concurrency: { type: 'string', default: '64' } } });
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const URL_ = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const hash = makeSubjectHasher('bench-subject-key');

interface Mode {
  name: string;
  /** record() calls per request: 11 single entries, or one call with all 11 */
  perEntryCalls: boolean;
  /** pending record() calls per transaction */
  maxBatch: number;
  concurrency: number;
  /** an Ed25519-signed checkpoint per transaction (the gateway's way), or none */
  signed: boolean;
}

const BASE_MODES = [
  { name: 'group commit', perEntryCalls: true, maxBatch: 5000, concurrency: CONCURRENCY },
  { name: 'one transaction per request', perEntryCalls: false, maxBatch: 1, concurrency: CONCURRENCY },
  { name: 'one transaction per entry', perEntryCalls: true, maxBatch: 1, concurrency: CONCURRENCY },
  { name: 'group commit, 1 caller', perEntryCalls: true, maxBatch: 5000, concurrency: 1 },
];
const MODES: Mode[] = BASE_MODES.flatMap((m) => [
  { ...m, signed: true },
  { ...m, name: `${m.name} (unsigned)`, signed: false },
]);
const signer = createSigner(generateKeyPairSync('ed25519').privateKey);

function request(i: number): AccessRecord[] {
  const id = `37081120180101${String(i % 1000).padStart(3, '0')}X`;
  return EVIDENCE_NAMES.map((evidence) => ({
    at: new Date().toISOString(),
    requestId: `bench-${i}`,
    actorSubject: 'platform-370811',
    actorRole: 'county_platform',
    actorCounty: '370811',
    applicationId: `APP-${i % 5000}`,
    countyCode: '370811',
    idNumber: id,
    department: EVIDENCE[evidence].department,
    evidence,
    fields: ['address', 'name', 'regionCode'],
    outcome: 'ALLOWED',
    source: 'DEPARTMENT',
    reason: 'statutory duty',
  }));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(mode: Mode) {
  const schema = `bench_audit_${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
  const sql = await openDatabase({ databaseUrl: URL_, schema, max: 4 });
  try {
    await migrate(sql, [AUDIT_MIGRATIONS]);
    const writer = new ChainWriter(sql, undefined, undefined, {
      maxBatch: mode.maxBatch,
      flushTimeoutMs: 30_000,
      ...(mode.signed ? { signer } : {}),
    });
    let n = 0;
    let entries = 0;
    let measuring = false;
    const latencies: number[] = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const rows = request(n++).map((r) => toUnchained(r, hash));
        const t = performance.now();
        if (mode.perEntryCalls) await Promise.all(rows.map((r) => writer.append([r])));
        else await writer.append(rows);
        if (measuring) {
          entries += rows.length;
          latencies.push(performance.now() - t);
        }
      }
    };
    const workers = Array.from({ length: mode.concurrency }, worker);
    await new Promise((r) => setTimeout(r, 1000)); // warm-up
    const commits0 = writer.commits;
    measuring = true;
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    measuring = false;
    const elapsed = (performance.now() - t0) / 1000;
    const commits = writer.commits - commits0;
    stop = true;
    await Promise.all(workers);
    await writer.close();
    const report = await verifyAccessLog(sql, { keys: publicKeyMap([signer.publicKey]) });
    // unsigned modes: the links must hold; that no checkpoint covers them is the point of the mode
    const linksOk = report.chains.every((c) => c.ok || (!mode.signed && /covered by no signed checkpoint/.test(c.problem ?? '')));
    latencies.sort((a, b) => a - b);
    return {
      mode: mode.name,
      concurrency: mode.concurrency,
      entriesPerSecond: Math.round(entries / elapsed),
      requestsPerSecond: Math.round(latencies.length / elapsed),
      transactionsPerSecond: Math.round(commits / elapsed),
      entriesPerTransaction: commits ? Math.round((entries / commits) * 10) / 10 : 0,
      requestLatencyMs: { p50: Math.round(percentile(latencies, 50) * 10) / 10, p99: Math.round(percentile(latencies, 99) * 10) / 10 },
      signed: mode.signed,
      chainVerified: linksOk,
      chainEntries: report.entries,
    };
  } finally {
    await sql.close();
    const c = new pg.Client({ connectionString: URL_ });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
}

const settings = await (async () => {
  const c = new pg.Client({ connectionString: URL_ });
  await c.connect();
  const r = await c.query(
    `SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS synchronous_commit, version() AS version`,
  );
  await c.end();
  return r.rows[0] as Record<string, string>;
})();

const results = [];
for (const mode of MODES) results.push(await run(mode));

console.log(
  `audit entries committed per second on PostgreSQL (fsync=${settings.fsync}, synchronous_commit=${settings.synchronous_commit}), ${SECONDS}s each, 11 entries per request`,
);
console.log('mode                              callers  entries/s  requests/s  commits/s  entries/commit  p50 ms  p99 ms  chain');
for (const r of results) {
  console.log(
    `${r.mode.padEnd(34)}${String(r.concurrency).padStart(7)}${String(r.entriesPerSecond).padStart(11)}${String(r.requestsPerSecond).padStart(12)}${String(r.transactionsPerSecond).padStart(11)}${String(r.entriesPerTransaction).padStart(16)}${String(r.requestLatencyMs.p50).padStart(8)}${String(r.requestLatencyMs.p99).padStart(8)}  ${r.chainVerified ? 'ok' : 'BROKEN'}`,
  );
}
mkdirSync(RESULTS_DIR, { recursive: true });
writeFileSync(
  join(RESULTS_DIR, 'audit-throughput.json'),
  `${JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, postgres: settings, results }, null, 2)}\n`,
);
