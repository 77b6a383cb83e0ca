// Signed checkpoints and accountable acts through a running gateway over HTTP (PostgreSQL, a
// schema of its own): the public key and the latest checkpoints an outside monitor pins, the
// integrity report per chain, and the auditors audited: a search by person, an eviction.
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointProblem, parsePublicKeys, publicKeyMap, type Checkpoint } from '../../src/audit/signing';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { DATABASE_URL, PERSON_QUERY, isolationName, startTestGateway, type TestGateway } from '../support/gateway';
import { openDatabase } from '../../src/db/index';
import { adminQuery, preparedStoreEnv, removeStore, removeTemplate } from './audit.harness';
import { readdirSync, lstatSync } from 'node:fs';

const INTEGRITY =
  '{ auditIntegrity { ok chains { chainId lastSeq ok lastCheckpoint { seq hash at keyId signature } reachesCheckpoint } } }';
const SEARCH = `query S($filter: AccessLogFilter, $after: String) { accessLogs(filter: $filter, first: 1, after: $after) { pageInfo { endCursor } edges { node { seq } } } }`;

describe('signed checkpoints and accountable acts through the gateway', () => {
  let gw: TestGateway;
  const schema = isolationName('audit_signing');
  let platform: string;
  let auditor: string;
  let admin: string;
  let child: string;
  let countyCode: string;

  beforeAll(async () => {
    gw = await startTestGateway({ isolation: schema, env: { DATABASE_URL } });
    const s = gw.scenarios[0]!;
    child = s.child.idNumber;
    countyCode = s.countyCode;
    platform = await gw.token({ role: 'county_platform', county: countyCode, sub: 'platform-a' });
    auditor = await gw.token({ role: 'auditor', sub: 'auditor-1' });
    admin = await gw.token({ role: 'admin', sub: 'operator-1' });
    const r = await gw.graphql(PERSON_QUERY, { id: child, purpose: { applicationId: 'APP-SIGN-1', countyCode } }, { token: platform });
    expect(r.status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    if (gw) rmSync(gw.config.dataDir, { recursive: true, force: true });
  });

  async function checkpoints(): Promise<Checkpoint[]> {
    const res = await fetch(`${gw.url}/audit/checkpoint`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { algorithm: string; checkpoints: Checkpoint[] };
    expect(body.algorithm).toBe('Ed25519');
    return body.checkpoints;
  }

  it('serves the public key and the latest checkpoint of each chain, which verify with it', async () => {
    const res = await fetch(`${gw.url}/audit/public-key`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/x-pem-file/);
    const keys = parsePublicKeys(await res.text());
    expect(keys).toHaveLength(1);
    const [cp] = await checkpoints();
    expect(cp).toMatchObject({ chainId: gw.app.audit.chainId, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(checkpointProblem(cp!, publicKeyMap(keys))).toBeNull();
    // a changed byte, or another gateway's key, and it no longer verifies
    expect(checkpointProblem({ ...cp!, seq: cp!.seq + 1 }, publicKeyMap(keys))).toMatch(/does not verify/);
    expect(checkpointProblem(cp!, publicKeyMap([createPublicKey(generateKeyPairSync('ed25519').privateKey)]))).toMatch(/not one of/);
    // the stored head is what was signed
    const head = await gw.app.audit.sql.query<{ hash: string }>('SELECT hash FROM access_log WHERE chain_id = $1 AND seq = $2', [
      cp!.chainId,
      cp!.seq,
    ]);
    expect(head.rows[0]!.hash).toBe(cp!.hash);
    expect((await fetch(`${gw.url}/audit/checkpoint`, { method: 'POST' })).status).toBe(405);
  });

  it('auditIntegrity gives each chain its last signed checkpoint and whether the stored chain reaches it', async () => {
    const r = await gw.graphql(INTEGRITY, {}, { token: auditor });
    const chain = r.body.data.auditIntegrity.chains.find((c: { chainId: string }) => c.chainId === gw.app.audit.chainId);
    expect(chain).toMatchObject({ ok: true, reachesCheckpoint: true, lastCheckpoint: { seq: chain.lastSeq } });
    // the tail this gateway wrote, deleted together with its checkpoint: the gateway's own memory still knows it
    const last = chain.lastSeq as number;
    await gw.app.audit.sql.transaction(async (tx) => {
      for (const t of ['access_log', 'access_log_checkpoints']) await tx.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
      await tx.query('DELETE FROM access_log WHERE chain_id = $1 AND seq = $2', [gw.app.audit.chainId, last]);
      await tx.query('DELETE FROM access_log_checkpoints WHERE chain_id = $1 AND seq = $2', [gw.app.audit.chainId, last]);
      for (const t of ['access_log', 'access_log_checkpoints']) await tx.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
    });
    const after = await gw.graphql(INTEGRITY, {}, { token: auditor });
    expect(after.body.data.auditIntegrity.ok).toBe(false);
    const broken = after.body.data.auditIntegrity.chains.find((c: { chainId: string }) => c.chainId === gw.app.audit.chainId);
    expect(broken).toMatchObject({ ok: false, reachesCheckpoint: false, lastCheckpoint: { seq: last } });
  });

  it('a search of the log by ID number is itself an entry, once per page read, without the number', async () => {
    const count = async () =>
      Number(
        (
          await gw.app.audit.sql.query<{ n: string }>(
            `SELECT count(*)::text AS n FROM access_log WHERE action = 'SEARCH_LOG' AND actor_subject = 'auditor-1'`,
          )
        ).rows[0]!.n,
      );
    const before = await count();
    const first = await gw.graphql(SEARCH, { filter: { idNumber: child } }, { token: auditor });
    expect(first.body.errors).toBeUndefined();
    expect(await count()).toBe(before + 1);
    // the next page is a read of the same person's log too (a cursor proves no earlier search)
    await gw.graphql(SEARCH, { filter: { idNumber: child }, after: first.body.data.accessLogs.pageInfo.endCursor }, { token: auditor });
    expect(await count()).toBe(before + 2);
    // aliases in one request: each search is recorded
    await gw.graphql(
      `query A($f: AccessLogFilter) { a: accessLogs(filter: $f, first: 1) { edges { cursor } } b: accessLogs(filter: $f, first: 1) { edges { cursor } } }`,
      { f: { idNumber: child } },
      { token: auditor },
    );
    expect(await count()).toBe(before + 4);
    // a search that names no person is not an act on a person
    await gw.graphql(SEARCH, { filter: { action: 'READ' } }, { token: auditor });
    // a malformed ID number is refused, and nothing is recorded
    const bad = await gw.graphql(SEARCH, { filter: { idNumber: `${child.slice(0, 17)}X` } }, { token: auditor });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await count()).toBe(before + 4);
    const rows = await gw.app.audit.sql.query<Record<string, unknown>>(`SELECT * FROM access_log WHERE action = 'SEARCH_LOG'`);
    expect(rows.rows.every((r) => r.subject_hash === gw.app.subjectHash(child))).toBe(true);
    expect(JSON.stringify(rows.rows)).not.toContain(child);
  });

  it('a cache eviction is an entry, recorded before anything is evicted', async () => {
    const res = await gw.graphql(
      `mutation E($id: String!) { evictPersonCache(idNumber: $id) { evicted } }`,
      { id: child },
      { token: admin },
    );
    expect(res.body.errors).toBeUndefined();
    const rows = await gw.app.audit.sql.query<Record<string, unknown>>(`SELECT * FROM access_log WHERE action = 'EVICT_CACHE'`);
    expect(rows.rows).toEqual([
      expect.objectContaining({
        actor_subject: 'operator-1',
        actor_role: 'admin',
        subject_hash: gw.app.subjectHash(child),
        outcome: 'ALLOWED',
      }),
    ]);
    expect(JSON.stringify(rows.rows)).not.toContain(child);
  });
});

describe('the signing key at start-up', () => {
  const keySchema = isolationName('audit_signing_key');
  afterAll(() => adminQuery(`DROP SCHEMA IF EXISTS ${keySchema} CASCADE`).catch(() => {}));
  const env = (dir: string, extra: Record<string, string> = {}) =>
    loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, MOCKS: 'on', DATABASE_URL, DATABASE_SCHEMA: keySchema, ...extra });

  it('a development key is generated into DATA_DIR, readable by its owner only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-key-'));
    try {
      const app = await createApp(env(dir));
      await app.close();
      expect(statSync(join(dir, 'audit-signing-key.pem')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a key that cannot be read, or is no Ed25519 key, stops start-up with one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-key-'));
    try {
      const start = (key: string) => createApp(env(dir, { AUDIT_SIGNING_KEY: key }));
      await expect(start(join(dir, 'missing.pem'))).rejects.toThrow(/^AUDIT_SIGNING_KEY file .*missing\.pem cannot be read \(ENOENT\)$/);
      const rsa = join(dir, 'rsa.pem');
      writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
      await expect(start(rsa)).rejects.toThrow(/is not an Ed25519 key/);
      await expect(start('-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----')).rejects.toThrow(/is not a PEM private key/);
      expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('files', () => {
  afterAll(() => removeTemplate());

  it('the embedded store and DATA_DIR are readable by their owner only', async () => {
    const env = await preparedStoreEnv('embedded', 'modes');
    try {
      const sql = await openDatabase({ dataDir: env.DATA_DIR });
      await sql.close();
      const loose: string[] = [];
      const walk = (p: string) => {
        const st = lstatSync(p);
        if ((st.mode & 0o077) !== 0) loose.push(`${p} ${(st.mode & 0o777).toString(8)}`);
        if (st.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
      };
      walk(env.DATA_DIR);
      expect(loose).toEqual([]);
      expect(lstatSync(join(env.DATA_DIR, 'pglite', 'PG_VERSION')).mode & 0o777).toBe(0o600);
    } finally {
      await removeStore(env);
    }
  }, 120_000);
});
