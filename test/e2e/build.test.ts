// Production runs the compiled build, not a loader: `npm run build`, then `node dist/main.js`
// with NODE_ENV=production, PostgreSQL, Redis, a real identity key and the departments over
// HTTP. It must start from what it finds beside itself (schema files, OpenAPI documents,
// county policies) and answer a county platform's family query.
import { generateKeyPairSync as auditKeyPair } from 'node:crypto';
import { overHttp, registerApplicationFor } from '../support/applications';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { exportSPKI, generateKeyPair, SignJWT } from 'jose';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAND_IN_APP_KEY, standInDepartmentSecret } from '../../mocks/standInCredentials';
import { DEPARTMENT_ENV } from '../../src/config';
import { DEPARTMENTS } from '../../src/evidence/kinds';
import { buildBuiltinDataset } from '../../mocks/data/families';
import { startMockServer, type MockServer } from '../../mocks/server';
import { DATABASE_URL, PEOPLE_QUERY, REDIS_URL, isolationName } from '../support/gateway';
import { ROOT, freePort } from '../support/process';

const OUT = join(ROOT, 'dist', `e2e-${process.pid}`);
const ISSUER = 'https://identity.e2e.invalid';
const AUDIENCE = 'jining-enrollment-gateway';

describe('the compiled gateway in production', () => {
  const isolation = isolationName('build');
  let mocks: MockServer;
  let gateway: ChildProcess;
  let url: string;
  let stderr = '';
  let scenarios: ReturnType<typeof buildBuiltinDataset>['scenarios'];
  let sign: (claims: Record<string, unknown>) => Promise<string>;

  beforeAll(async () => {
    const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts', `--outdir=${OUT}`], { cwd: ROOT, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);

    const builtin = buildBuiltinDataset();
    scenarios = builtin.scenarios;
    mocks = await startMockServer({ port: 0, dataset: builtin.dataset, builtin: true });
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    sign = (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject('e2e-platform')
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime('5m')
        .setIssuedAt()
        .sign(privateKey);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    gateway = spawn(process.execPath, [join(OUT, 'main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        AUDIT_SIGNING_KEY: auditKeyPair('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        PORT: String(port),
        LOG_LEVEL: 'warn',
        DATABASE_URL,
        DATABASE_SCHEMA: isolation,
        REDIS_URL,
        CACHE_KEY_PREFIX: `${isolation}:`,
        CACHE_ENCRYPTION_KEY: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
        SUBJECT_HASH_KEY: 'e2e-subject-hash-key',
        JWT_PUBLIC_KEY: await exportSPKI(publicKey),
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
        DEPARTMENT_APP_KEY: STAND_IN_APP_KEY,
        // the mock departments listen on loopback, over http://
        ALLOW_HTTP_ON_INTERNAL_NETWORK: '1',
        ...Object.fromEntries(
          DEPARTMENTS.flatMap((d) => [
            [`${DEPARTMENT_ENV[d]}_URL`, `${mocks.url}/${d}`],
            [`${DEPARTMENT_ENV[d]}_APP_SECRET`, standInDepartmentSecret(d)],
          ]),
        ),
      },
    });
    gateway.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    for (const until = Date.now() + 30_000; ;) {
      if (gateway.exitCode !== null) throw new Error(`dist/main.js exited (${gateway.exitCode}): ${stderr.slice(-800)}`);
      if (Date.now() > until) throw new Error(`dist/main.js not ready in 30 s: ${stderr.slice(-800)}`);
      const ready = await fetch(`${url}/readyz`).then(
        (r) => r.status,
        () => 0,
      );
      if (ready === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 90_000);

  afterAll(async () => {
    if (gateway && gateway.exitCode === null) {
      const exited = new Promise((r) => gateway.once('exit', r));
      gateway.kill('SIGTERM');
      await exited;
    }
    await mocks?.close();
    rmSync(OUT, { recursive: true, force: true });
    const db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    await db.query(`DROP SCHEMA IF EXISTS ${isolation} CASCADE`);
    await db.end();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${isolation}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('runs JavaScript only: no TypeScript loader in the process', () => {
    expect(gateway.spawnargs.slice(1)).toEqual([join(OUT, 'main.js')]);
    expect(stderr).not.toMatch(/tsx|\.ts:\d/);
  });

  it("answers a county platform's family query from the departments", async () => {
    const family = scenarios.find((s) => s.key === 'household-and-property')!;
    const ids = [family.child.idNumber, ...family.guardians.map((g) => g.idNumber)];
    const token = await sign({ role: 'county_platform', county: family.countyCode });
    // the production build runs on the real clock: this season's school year
    const purpose = await registerApplicationFor(
      overHttp(`${url}/graphql`),
      token,
      { ...family, schoolYear: undefined },
      { applicationId: 'APP-build-1' },
    );
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await sign({ role: 'county_platform', county: family.countyCode })}`,
      },
      body: JSON.stringify({
        query: PEOPLE_QUERY,
        variables: { ids, purpose },
      }),
    });
    const body = (await res.json()) as {
      data?: { people: { idNumber: string; household: { regionCode: string } | null }[] };
      errors?: unknown;
    };
    expect(res.status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.people.map((p) => p.idNumber)).toEqual(ids);
    expect(body.data!.people[0]!.household?.regionCode).toBe(family.countyCode);
  });

  it('refuses a token it did not issue, as production must', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ role: 'county_platform', county: '370811' })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(privateKey);
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${forged}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.status).toBe(401);
  });
});
