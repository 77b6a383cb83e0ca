// `npm start` as an operator runs it, stopped as an orchestrator stops it: SIGTERM while a
// county platform's request is in flight. The platform must get its complete answer, the
// process must stop accepting new work, flush its audit queue and exit 0. And stopped as a
// developer stops it, idle: `npm start` itself, SIGTERM to it or Ctrl-C (SIGINT to its process
// group), exits 0 at once and frees both ports. A port already in use is one line, not a trace.
import { familyOfSummary, overHttp, registerApplicationFor } from '../support/applications';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE_QUERY } from '../support/gateway';
import { waitFor } from '../support/waitFor';
import {
  ROOT,
  TSX,
  freePort,
  mintToken as mintWith,
  portIsFree,
  runUntilExit,
  startGatewayProcess,
  type GatewayProcess,
} from '../support/process';

const mintToken = (dataDir: string, county: string) => mintWith(dataDir, ['--role', 'county_platform', '--county', county]);
type Started = GatewayProcess;

describe('SIGTERM with a request in flight', () => {
  let dataDir: string;
  let gw: Started | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gateway-e2e-'));
    gw = await startGatewayProcess({
      PORT: '0',
      MOCK_PORT: String(await freePort()),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SHUTDOWN_DRAIN_MS: '10000',
    });
  }, 60_000);
  afterAll(() => {
    if (gw && gw.child.exitCode === null) gw.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the in-flight request completely, refuses new connections, and exits 0', async () => {
    const g = gw!;
    const scenarios = (await (await fetch(`${g.mockUrl}/__mock/scenarios`)).json()) as {
      key: string;
      countyCode: string;
      idNumbers: { child: string; guardians: string[] };
      applicationInput: any;
    }[];
    const family = scenarios.find((s) => s.key === 'full-evidence')!;
    const ids = [family.idNumbers.child, ...family.idNumbers.guardians];
    const token = mintToken(dataDir, family.countyCode);
    const purpose = await registerApplicationFor(overHttp(g.graphqlUrl), token, familyOfSummary(family), { applicationId: 'APP-shutdown' });
    const body = JSON.stringify({
      query: PEOPLE_QUERY,
      variables: { ids, purpose },
    });
    const post = () =>
      fetch(g.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-evidence-fresh': 'true' },
        body,
      });

    // warm up (and check the token works) before making a department slow
    const warm = await post();
    expect(warm.status).toBe(200);
    const put = await fetch(`${g.mockUrl}/__mock/faults/health`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 1500 }),
    });
    expect(put.status).toBe(200);

    const healthCalls = async () =>
      ((await (await fetch(`${g.mockUrl}/__mock/stats`)).json()) as { health: { requests: number } }).health.requests;
    const before = await healthCalls();
    const started = Date.now();
    const inflight = post();
    // signal once the request is waiting on the slow department, in flight for certain
    await waitFor(async () => (await healthCalls()) > before, { timeoutMs: 10_000, what: 'the request to reach the health department' });
    g.child.kill('SIGTERM');

    const res = await inflight;
    const json = (await res.json()) as any;
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    expect(json.errors).toBeUndefined();
    expect(json.data.people).toHaveLength(ids.length);
    // health (the slow department) answered for every person: the request was not cut short
    for (const p of json.data.people) expect(p.birthCertificates).not.toBeNull();
    expect(elapsed).toBeGreaterThanOrEqual(1500);

    // after SIGTERM the listener is closed: a new connection is refused
    await expect(fetch(g.graphqlUrl.replace('/graphql', '/healthz'))).rejects.toThrow();

    // it exits once the in-flight answer is out and the stores are closed, not at the drain timeout
    expect(await g.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(6000);

    // the audit store was closed cleanly: the chain verifies and holds both requests' reads
    const verify = spawnSync(TSX, ['scripts/audit-verify.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development' },
      encoding: 'utf8',
    });
    expect(verify.status, verify.stderr).toBe(0);
    const entries = Number(/^ok (\d+) entries/m.exec(verify.stdout)?.[1]);
    expect(entries).toBeGreaterThan(0);
    // one registration, then the warm-up and the in-flight request reading the same records
    expect((entries - 1) % 2).toBe(0);
  }, 60_000);
});

describe('an idle npm start', () => {
  // SIGTERM to npm itself is what an orchestrator (or `kill`) sends; Ctrl-C in a terminal sends
  // SIGINT to every process of the foreground group: npm, its shell and the gateway
  it.each([
    ['SIGTERM', 'to npm'],
    ['SIGINT', 'to the process group'],
  ] as const)(
    '%s %s: exits 0 within 2 s and frees both ports',
    async (signal, target) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'gateway-idle-'));
      const gw = await startGatewayProcess({ PORT: '0', MOCK_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, { via: 'npm' });
      try {
        const gatewayPort = Number(new URL(gw.baseUrl).port);
        const mockPort = Number(new URL(gw.mockUrl!).port);
        expect((await fetch(`${gw.baseUrl}/healthz`)).status).toBe(200);

        const signalled = Date.now();
        if (target === 'to npm') gw.child.kill(signal);
        else process.kill(-gw.child.pid!, signal);
        const code = await gw.exited;
        const tookMs = Date.now() - signalled;

        expect({ code, stderr: gw.stderr() }).toEqual({ code: 0, stderr: '' });
        expect(tookMs).toBeLessThan(2000);
        // nothing of the gateway is left holding a port (an orphaned gateway would)
        expect(await portIsFree(gatewayPort)).toBe(true);
        expect(await portIsFree(mockPort)).toBe(true);
      } finally {
        if (gw.child.exitCode === null) process.kill(-gw.child.pid!, 'SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});

describe('a port already in use', () => {
  it.each([
    ['PORT', 'gateway'],
    ['MOCK_PORT', 'mock departments'],
  ] as const)(
    '%s: one line naming the %s, its port and the setting; exit 1',
    async (setting, what) => {
      const taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const port = (taken.address() as AddressInfo).port;
      const dataDir = mkdtempSync(join(tmpdir(), 'gateway-inuse-'));
      try {
        const env = { PORT: '0', MOCK_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development', [setting]: String(port) };
        const r = runUntilExit(env);
        expect(r.status).toBe(1);
        expect(r.stderr.trim().split('\n')).toEqual([
          `${what}: port ${port} on 127.0.0.1 is already in use; stop what holds it or choose another with ${setting}=…`,
        ]);
      } finally {
        taken.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
