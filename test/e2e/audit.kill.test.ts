// Durability before disclosure, tested the hard way: the gateway as a process (node itself,
// so SIGKILL reaches the gateway, not a wrapper), county platforms reading people concurrently,
// and SIGKILL in the middle of it. Every response that reached a caller with data must have its
// entries in the store, matched by the x-request-id the response carried, and the chain must
// still verify. On PostgreSQL (a schema of its own) and on the embedded store (reopened after
// the kill, as a restart would).
import { familyOfSummary, overHttp, registerApplicationFor } from '../support/applications';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAccessLog } from '../../src/audit/verify';
import { openDatabase } from '../../src/db/index';
import { EVIDENCE_NAMES } from '../../src/evidence/kinds';
import { DATABASE_URL, PERSON_QUERY, isolationName } from '../support/gateway';
import { mintToken, startGatewayProcess } from '../support/process';
import { waitFor } from '../support/waitFor';
import { STORES, adminQuery } from '../integration/audit.harness';

interface ScenarioSummary {
  key: string;
  countyCode: string;
  idNumbers: { child: string; guardians: string[] };
}

interface Sent {
  requestId: string;
  status: number;
  body: { data?: { person: Record<string, unknown> | null }; errors?: { extensions?: { code?: string } }[] };
}

describe.each(STORES)('kill -9 under load, on %s', (store) => {
  const schema = isolationName(`kill_${store}`);
  let dataDir = '';
  afterAll(async () => {
    if (store === 'postgres') await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no entry of a response that was sent', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'audit-test-kill-'));
    const gw = await startGatewayProcess({
      PORT: '0',
      MOCK_PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: store === 'postgres' ? DATABASE_URL : '',
      DATABASE_SCHEMA: schema,
      REDIS_URL: '',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '1000000',
      // departments answer after a few ms, so requests overlap
      MOCK_LATENCY_MS: '5',
    });
    let killed = false;
    try {
      const scenarios = (await (await fetch(`${gw.mockUrl}/__mock/scenarios`)).json()) as ScenarioSummary[];
      const county = scenarios[0]!.countyCode;
      const token = mintToken(dataDir, ['--role', 'county_platform', '--county', county]);
      // each family read under its own registered application
      const people: { id: string; purpose: { applicationId: string; countyCode: string } }[] = [];
      for (const s of scenarios.filter((x) => x.countyCode === county)) {
        const purpose = await registerApplicationFor(overHttp(gw.graphqlUrl), token, familyOfSummary(s), {
          applicationId: `APP-KILL-${s.key}`,
        });
        for (const id of [s.idNumbers.child, ...s.idNumbers.guardians]) people.push({ id, purpose });
      }

      const sent: Sent[] = [];
      let failed = 0;
      let n = 0;
      const worker = async (w: number) => {
        while (!killed) {
          const correlationId = `kill-${store}-${w}-${n++}`;
          const { id, purpose } = people[n % people.length]!;
          try {
            const res = await fetch(gw.graphqlUrl, {
              method: 'POST',
              // fresh: every read goes to the departments (no cache), so each request takes a while
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${token}`,
                'x-request-id': correlationId,
                'x-evidence-fresh': '1',
              },
              body: JSON.stringify({
                query: PERSON_QUERY,
                variables: { id, purpose },
              }),
            });
            const body = (await res.json()) as Sent['body'];
            // the gateway's own id names the request in the access log; the caller's comes back beside it
            expect(res.headers.get('x-correlation-id')).toBe(correlationId);
            const requestId = res.headers.get('x-request-id') ?? '';
            expect(requestId).not.toBe(correlationId);
            sent.push({ requestId, status: res.status, body });
          } catch {
            failed++; // cut off by the kill: nothing was disclosed
          }
        }
      };
      const workers = Array.from({ length: 24 }, (_, w) => worker(w));
      // let the load run, then kill in the middle of it
      await waitFor(() => sent.length >= 150, { timeoutMs: 60_000, what: '150 answers before the kill' });
      gw.child.kill('SIGKILL');
      killed = true;
      expect(await gw.exited).toBe('SIGKILL');
      await Promise.all(workers);

      const withData = sent.filter(
        (s) => s.status === 200 && s.body.data?.person && Object.values(s.body.data.person).some((v) => v !== null),
      );
      expect(withData.length).toBeGreaterThanOrEqual(100);
      console.log(`kill -9 on ${store}: ${withData.length} responses with data received, ${failed} requests cut off by the kill`);

      // the store, reopened after the crash as a restarted gateway would
      const sql = await openDatabase({ databaseUrl: store === 'postgres' ? DATABASE_URL : undefined, dataDir, schema });
      try {
        // an entry reads one kind (evidence) or several (its reads list, stored once in access_log_reads)
        const { rows } = await sql.query<{ request_id: string; evidence: string | null; kinds: string[] | null; outcome: string }>(
          `SELECT a.request_id, a.evidence, r.evidence AS kinds, a.outcome
             FROM access_log a LEFT JOIN access_log_reads r ON r.key = a.reads_key WHERE a.request_id = ANY($1)`,
          [sent.map((s) => s.requestId)],
        );
        const stored = new Set(rows.flatMap((r) => (r.kinds ?? [r.evidence]).map((k) => `${r.request_id}/${k}/${r.outcome}`)));
        const missing: string[] = [];
        for (const s of withData) {
          for (const name of EVIDENCE_NAMES) {
            const value = s.body.data!.person![name];
            if (value !== null && value !== undefined && !stored.has(`${s.requestId}/${name}/ALLOWED`))
              missing.push(`${s.requestId}/${name}`);
          }
        }
        expect(missing).toEqual([]);
        const report = await verifyAccessLog(sql);
        expect(report.ok).toBe(true);
        expect(report.entries).toBeGreaterThanOrEqual(withData.length);
      } finally {
        await sql.close();
      }
    } finally {
      if (!killed) gw.child.kill('SIGKILL');
    }
  }, 120_000);
});
