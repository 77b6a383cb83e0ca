// What a developer does on the first day: `npm start`, read what it prints, mint a token,
// ask for a built-in family, poke the mock departments. And what an operator sees when the
// configuration is wrong: one clear line and a non-zero exit, never a silent fallback.
import { familyOfSummary, overHttp, registerApplicationFor } from '../support/applications';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPARTMENTS } from '../../src/evidence/kinds';
import { PERSON_QUERY } from '../support/gateway';
import { ROOT, mintToken, runUntilExit, startGatewayProcess, type GatewayProcess } from '../support/process';

interface ScenarioSummary {
  key: string;
  countyCode: string;
  description: string;
  idNumbers: { child: string; guardians: string[] };
}

describe('npm start on embedded defaults', () => {
  let dataDir: string;
  let gw: GatewayProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gateway-start-'));
    gw = await startGatewayProcess({ PORT: '0', MOCK_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  }, 60_000);
  afterAll(async () => {
    gw?.child.kill('SIGTERM');
    await gw?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints both URLs and how to mint a token', () => {
    expect(gw.stdout()).toMatch(/gateway\s+http:\/\/127\.0\.0\.1:\d+\/graphql/);
    expect(gw.stdout()).toMatch(/mock departments\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(gw.stdout()).toContain('npm run token -- --role');
  });

  it('answers /healthz, and /readyz with every dependency up', async () => {
    expect((await fetch(`${gw.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${gw.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('serves a built-in family to a county platform with a minted token', async () => {
    const scenarios = (await (await fetch(`${gw.mockUrl}/__mock/scenarios`)).json()) as ScenarioSummary[];
    expect(scenarios.length).toBeGreaterThanOrEqual(15);
    for (const s of scenarios) {
      expect(s.description.length).toBeGreaterThan(10);
      expect(s.idNumbers.child).toMatch(/^\d{17}[\dX]$/);
    }
    const family = scenarios.find((s) => s.key === 'household-and-property')!;
    const token = mintToken(dataDir, ['--role', 'county_platform', '--county', family.countyCode]);
    const purpose = await registerApplicationFor(overHttp(gw.graphqlUrl), token, familyOfSummary(family), { applicationId: 'APP-e2e-1' });
    const res = await fetch(gw.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: PERSON_QUERY,
        variables: { id: family.idNumbers.guardians[0], purpose },
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      data: { person: { household: { regionCode: string }; properties: { regionCode: string }[] } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data.person.household.regionCode).toBe(family.countyCode);
    expect(body.data.person.properties.some((p) => p.regionCode === family.countyCode)).toBe(true);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports department calls exactly as the contract shapes them, and resets them', async () => {
    const stats = (await (await fetch(`${gw.mockUrl}/__mock/stats`)).json()) as Record<string, unknown>;
    expect(Object.keys(stats).sort()).toEqual([...DEPARTMENTS].sort());
    for (const v of Object.values(stats)) expect(Object.keys(v as object).sort()).toEqual(['ids', 'requests']);
    expect((stats.police as { requests: number }).requests).toBeGreaterThan(0);
    expect((await fetch(`${gw.mockUrl}/__mock/reset`, { method: 'POST' })).status).toBe(200);
    const after = (await (await fetch(`${gw.mockUrl}/__mock/stats`)).json()) as Record<string, { requests: number; ids: number }>;
    for (const v of Object.values(after)) expect(v).toEqual({ requests: 0, ids: 0 });
  });

  it('takes faults for a named department and refuses unknown ones or bad bodies', async () => {
    const put = (d: string, body: string) =>
      fetch(`${gw.mockUrl}/__mock/faults/${d}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
    const ok = await put('health', JSON.stringify({ latencyMs: 5 }));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { latencyMs: number }).latencyMs).toBe(5);
    expect((await put('tax', '{}')).status).toBe(404);
    expect((await put('health', JSON.stringify({ errorRate: 2 }))).status).toBe(400);
    expect((await put('health', JSON.stringify({ colour: 'red' }))).status).toBe(400);
    await fetch(`${gw.mockUrl}/__mock/reset`, { method: 'POST' });
  });

  it('refuses a request without a token', async () => {
    const res = await fetch(gw.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('MOCK_DATA', () => {
  it('serves another data set instead of the built-in one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gateway-mockdata-'));
    const sample = join(ROOT, 'mocks/data/sample-dataset.json');
    const gw = await startGatewayProcess({ PORT: '0', MOCK_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', MOCK_DATA: sample });
    try {
      const ds = JSON.parse(readFileSync(sample, 'utf8')) as { households: { idNumber: string; regionCode: string; name: string }[] };
      const someone = ds.households[0]!;
      const token = mintToken(dataDir, ['--role', 'county_platform', '--county', someone.regionCode]);
      // someone of the sample data set as the child of an application, a neighbour as guardian
      const neighbour = ds.households.find((h) => h.idNumber !== someone.idNumber)!;
      const p = await registerApplicationFor(
        overHttp(gw.graphqlUrl),
        token,
        {
          countyCode: someone.regionCode,
          child: { idNumber: someone.idNumber, name: someone.name },
          guardians: [{ idNumber: neighbour.idNumber, name: neighbour.name, relation: 'OTHER' }],
        },
        { applicationId: 'APP-sample' },
      );
      const res = await fetch(gw.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: 'query($id:String!,$p:Purpose!){ person(idNumber:$id, purpose:$p){ household { name } } }',
          variables: { id: someone.idNumber, p },
        }),
      });
      const body = (await res.json()) as { data: { person: { household: { name: string } } } };
      expect(body.data.person.household.name).toBe(someone.name);
      // the built-in families are not served from another data set
      expect(await (await fetch(`${gw.mockUrl}/__mock/scenarios`)).json()).toEqual([]);
    } finally {
      gw.child.kill('SIGTERM');
      await gw.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('rejects a malformed data set at start-up naming its key, index and field, never the value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-baddata-'));
    const ds = JSON.parse(readFileSync(join(ROOT, 'mocks/data/sample-dataset.json'), 'utf8')) as {
      properties: { holderIdNumber: string }[];
    };
    const good = ds.properties[0]!.holderIdNumber;
    ds.properties[0]!.holderIdNumber = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify(ds));
    const r = runUntilExit({ PORT: '0', MOCK_PORT: '0', DATA_DIR: dir, MOCK_DATA: path, NODE_ENV: 'development' });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/properties\[0\]\.holderIdNumber/);
    expect(r.stderr + r.stdout).not.toContain(good.slice(0, 14));
  });
});

describe('production refuses to start on a missing setting', () => {
  it('names what is missing in one line and exits non-zero', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-prod-'));
    const r = runUntilExit({ NODE_ENV: 'production', PORT: '0', DATA_DIR: dir });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/configuration: .*(URL|KEY|SECRET)/);
  });
});
