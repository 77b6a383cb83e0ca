// The audit store on real PostgreSQL (a schema per test) and on the embedded store (a data
// directory per test): the same suite against both. Migrations, append-only enforcement, the
// hash chain, group commit and its failure paths, tampering found by auditIntegrity and by
// `npm run audit:verify`, and retention through the archive step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { archiveAccessLog, verifyArchiveLines } from '../../src/audit/archive';
import { GENESIS_HASH, canonical, entryHash } from '../../src/audit/canonical';
import { openAuditStore, toUnchained } from '../../src/audit/index';
import { AUDIT_MIGRATIONS, DB_ROLES } from '../../src/audit/migrations';
import { migrate } from '../../src/db/migrate';
import { ChainWriter } from '../../src/audit/writer';
import { openDatabase, type Sql } from '../../src/db/index';
import { waitFor } from '../support/waitFor';
import {
  SOME_ID,
  STORES,
  access,
  adminQuery,
  configFor,
  preparedStoreEnv,
  removeStore,
  removeTemplate,
  faulty,
  openService,
  runScript,
  signerFor,
  subjectHash,
  type OpenService,
  type StoreEnv,
} from './audit.harness';
import { DATABASE_URL } from '../support/gateway';

const DAY = 86_400_000;

describe.each(STORES)('audit store on %s', (store) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!().catch(() => {});
  });

  afterAll(() => removeTemplate());

  async function env(label: string): Promise<StoreEnv> {
    const e = await preparedStoreEnv(store, label);
    cleanups.push(() => removeStore(e));
    return e;
  }

  async function service(label: string, writer?: Parameters<typeof openService>[1]): Promise<OpenService> {
    const s = await openService(await env(label), writer);
    cleanups.push(() => s.service.close());
    return s;
  }

  async function count(sql: Sql, where = 'true', params: unknown[] = []): Promise<number> {
    const r = await sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM access_log WHERE ${where}`, params);
    return Number(r.rows[0]!.n);
  }

  it('migrates once, idempotently, when two start at the same time', async () => {
    const e = await env('migrate');
    const open = () => openDatabase({ databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR, schema: e.DATABASE_SCHEMA });
    const a = await open();
    // the embedded store is one process's: its "second gateway" is a second caller on the same store
    const b = store === 'postgres' ? await open() : a;
    try {
      const [ra, rb] = await Promise.all([migrate(a, [AUDIT_MIGRATIONS]), migrate(b, [AUDIT_MIGRATIONS])]);
      const all = AUDIT_MIGRATIONS.migrations.map((m) => `audit:${m.version}`);
      expect([...ra, ...rb].sort()).toEqual([...all].sort());
      expect(await migrate(a, [AUDIT_MIGRATIONS])).toEqual([]);
      const { rows } = await a.query<{ component: string; version: number }>(
        'SELECT component, version FROM schema_migrations ORDER BY component, version',
      );
      expect(rows.map((r) => `${r.component}:${Number(r.version)}`)).toEqual(all);
    } finally {
      await a.close();
      if (b !== a) await b.close();
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the log, even to its owner', async () => {
    const { service: s } = await service('append_only');
    await s.record([access()]);
    await expect(s.sql.query(`UPDATE access_log SET reason = 'x'`)).rejects.toMatchObject({ code: '42501' });
    await expect(s.sql.query('DELETE FROM access_log')).rejects.toMatchObject({ code: '42501' });
    await expect(s.sql.query('TRUNCATE access_log')).rejects.toMatchObject({ code: '42501' });
    // a session flag alone does not open the archive path: only rows an archive record covers
    await expect(
      s.sql.transaction(async (tx) => {
        await tx.query(`SELECT set_config('audit.archiving', 'on', true)`);
        await tx.query('DELETE FROM access_log');
      }),
    ).rejects.toMatchObject({ code: '42501' });
    // nor does a temporary table posing as the archive record (the functions pin their search_path)
    await expect(
      s.sql.transaction(async (tx) => {
        await tx.query('CREATE TEMP TABLE access_log_archive (chain_id text, first_seq bigint, last_seq bigint) ON COMMIT DROP');
        await tx.query(`INSERT INTO access_log_archive VALUES ($1, 1, 100)`, [s.chainId]);
        await tx.query(`SELECT set_config('audit.archiving', 'on', true)`);
        await tx.query('DELETE FROM access_log');
      }),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(s.sql.query('DELETE FROM access_log_chains')).rejects.toMatchObject({ code: '42501' });
    await expect(s.sql.query('TRUNCATE access_log_archive')).rejects.toMatchObject({ code: '42501' });
    expect(await count(s.sql)).toBe(1);
  });

  it.runIf(store === 'postgres')('grants the gateway role only INSERT and SELECT, and not the archive function', async () => {
    const o = await service('roles');
    const s = o.service;
    await s.record([access()]);
    const asWriter = (stmt: string) =>
      s.sql.transaction(async (tx) => {
        await tx.query(`SET LOCAL ROLE ${DB_ROLES.writer}`);
        return tx.query(stmt);
      });
    await expect(asWriter('SELECT count(*) FROM access_log')).resolves.toBeTruthy();
    await expect(asWriter(`UPDATE access_log SET reason = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(asWriter('DELETE FROM access_log')).rejects.toThrow(/permission denied/);
    await expect(asWriter('TRUNCATE access_log')).rejects.toThrow(/permission denied/);
    await expect(asWriter(`SELECT audit_archive_chain('x', 1, 1, 'h', now(), 'f', 's')`)).rejects.toThrow(/permission denied/);

    // production: a login role that is a member of the writer role starts (nothing to migrate) and writes
    await adminQuery(
      `DO $$ BEGIN CREATE ROLE enrollment_gateway_test LOGIN IN ROLE ${DB_ROLES.writer}; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    );
    const asRole = { ...o.env, DATABASE_URL: DATABASE_URL.replace('postgres@', 'enrollment_gateway_test@') };
    const gw = await openService(asRole);
    try {
      await gw.service.record([access()]);
      await expect(gw.service.sql.query('DELETE FROM access_log')).rejects.toThrow(/permission denied/);
      expect((await gw.service.integrity()).ok).toBe(true);
    } finally {
      await gw.service.close();
    }
    // ...but cannot apply migrations: one line says what to run
    const fresh = await env('roles_fresh');
    await adminQuery(`CREATE SCHEMA ${fresh.DATABASE_SCHEMA}; GRANT USAGE ON SCHEMA ${fresh.DATABASE_SCHEMA} TO ${DB_ROLES.writer}`);
    await expect(openService({ ...fresh, DATABASE_URL: asRole.DATABASE_URL })).rejects.toThrow(/npm run audit:migrate/);
  });

  it('chains entries: seq without gaps, hash = SHA-256(prevHash || canonical(entry)), no ID number stored', async () => {
    const { service: s } = await service('chain');
    await s.record([access(), access({ outcome: 'DENIED', source: null, reason: 'purpose outside the county' })]);
    await s.record([access({ idNumber: null, department: null, evidence: null, fields: [] })]);
    const { rows } = await s.sql.query<Record<string, unknown>>(`SELECT *, seq::text AS seq_text FROM access_log ORDER BY seq`);
    expect(rows.map((r) => Number(r.seq_text))).toEqual([1, 2, 3]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[0]!.subject_hash).toBe(subjectHash(SOME_ID));
    expect(rows[2]!.subject_hash).toBeNull();
    expect(JSON.stringify(rows)).not.toContain(SOME_ID);
    const page = await s.accessLogs({}, { first: 10 });
    const first = page.edges.at(-1)!.node;
    expect(first.seq).toBe(1);
    expect(first.hash).toBe(entryHash(GENESIS_HASH, first));
    expect(canonical(first)).toMatch(new RegExp(`^\\{"v":2,"chainId":"${s.chainId}","seq":1,"at":"[^"]+","action":"READ",`));
    expect((await s.integrity()).ok).toBe(true);
  });

  it('records acts other than reads, filters by them, and refuses an unknown act', async () => {
    const { service: s } = await service('actions');
    await s.record([access(), access({ action: 'EVICT_CACHE', department: null, evidence: null, fields: [] })]);
    const evictions = await s.accessLogs({ action: 'EVICT_CACHE' }, { first: 10 });
    expect(evictions.edges.map((e) => e.node.action)).toEqual(['EVICT_CACHE']);
    expect((await s.accessLogs({ action: 'READ' }, { first: 10 })).edges).toHaveLength(1);
    await expect(s.accessLogs({ action: 'DROP' as never }, { first: 10 })).rejects.toThrow(/filter.action/);
    await expect(s.record([access({ action: 'DROP' as never })])).rejects.toThrow(/unknown action/);
    expect((await s.integrity()).ok).toBe(true);
  });

  it('group-commits: 300 concurrent records share a handful of transactions', async () => {
    const { service: s, metrics } = await service('group');
    const before = s.commits();
    await Promise.all(Array.from({ length: 300 }, () => s.record([access()])));
    const commits = s.commits() - before;
    expect(commits).toBeGreaterThanOrEqual(1);
    expect(commits).toBeLessThanOrEqual(3);
    expect((await metrics.auditCommits.get()).values.find((v) => v.labels.outcome === 'ok')?.value).toBe(s.commits());
    expect((await metrics.auditQueueDepth.get()).values[0]?.value).toBe(0);
    expect(await count(s.sql)).toBe(300);
    const report = await s.integrity();
    expect(report).toMatchObject({ ok: true, entries: 300 });
    expect(report.chains).toEqual([expect.objectContaining({ chainId: s.chainId, entries: 300, lastSeq: 300, ok: true })]);
  });

  it('a flush of more than a thousand entries (several INSERTs) commits whole: reads lists once, its checkpoint at the last seq', async () => {
    const { service: s } = await service('big');
    const before = s.commits();
    const reads = (n: number) => [{ evidence: 'household' as const, fields: ['address', `f${n % 3}`] }];
    await Promise.all(Array.from({ length: 2500 }, (_, i) => s.record([access({ reads: reads(i), department: 'police' })])));
    expect(s.commits() - before).toBeLessThanOrEqual(3);
    expect(await count(s.sql)).toBe(2500);
    const lists = await s.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM access_log_reads');
    expect(Number(lists.rows[0]!.n)).toBe(3);
    const cps = await s.sql.query<{ seq: string }>('SELECT seq::text AS seq FROM access_log_checkpoints ORDER BY seq');
    expect(cps.rows.map((r) => Number(r.seq)).at(-1)).toBe(2500);
    expect(await s.integrity()).toMatchObject({ ok: true, entries: 2500 });
  });

  it('while a flush runs, new entries queue for the next one', async () => {
    const e = await env('queue');
    const sql = await openAuditStore(configFor(e));
    cleanups.push(() => sql.close());
    const store_ = faulty(sql);
    const w = new ChainWriter(store_, undefined, undefined, { flushTimeoutMs: 10_000, signer: signerFor(e) });
    store_.mode = 'stall';
    const first = w.append([toRow()]);
    await waitFor(() => store_.stalled === 1, { what: 'the first flush to be held' });
    store_.mode = 'ok';
    const later = Array.from({ length: 50 }, () => w.append([toRow()]));
    store_.release();
    await Promise.all([first, ...later]);
    expect(w.commits).toBe(2);
    expect(w.head().seq).toBe(51);
    await w.close();
  });

  it('a failed flush rejects its batch and marks the store unhealthy; the chain resumes from the last commit', async () => {
    const e = await env('fail');
    const sql = await openAuditStore(configFor(e));
    cleanups.push(() => sql.close());
    const f = faulty(sql);
    const w = new ChainWriter(f, undefined, undefined, { probeIntervalMs: 60_000, signer: signerFor(e) });
    await w.append([toRow(), toRow()]);
    const head = w.head();
    f.mode = 'fail';
    await expect(w.append([toRow()])).rejects.toThrow(/could not be written/);
    expect(w.healthy()).toBe(false);
    expect(w.head()).toEqual(head);
    // the reply was lost but the COMMIT landed: the next flush continues after it, no fork
    f.mode = 'failAfterCommit';
    await expect(w.append([toRow()])).rejects.toThrow();
    f.mode = 'ok';
    await w.append([toRow()]);
    expect(w.healthy()).toBe(true);
    expect(w.head().seq).toBe(4);
    const report = await verify(sql);
    expect(report).toMatchObject({ ok: true, entries: 4 });
    await w.close();
  });

  it('a flush that hangs fails after its timeout; a late commit is continued, not forked', async () => {
    const e = await env('hang');
    const sql = await openAuditStore(configFor(e));
    cleanups.push(() => sql.close());
    const f = faulty(sql);
    const w = new ChainWriter(f, undefined, undefined, { flushTimeoutMs: 300, probeIntervalMs: 60_000, signer: signerFor(e) });
    await w.append([toRow()]);
    f.mode = 'stall';
    const started = Date.now();
    await expect(w.append([toRow(), toRow()])).rejects.toThrow(/could not be written/);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(w.healthy()).toBe(false);
    f.mode = 'ok';
    f.release(); // the stalled work now runs (embedded: it commits late; PostgreSQL: its connection was dropped)
    await waitFor(() => f.unsettled === 0, { what: 'the stalled flush to land or fail' });
    await w.append([toRow()]);
    expect(w.healthy()).toBe(true);
    const report = await verify(sql);
    expect(report.ok).toBe(true);
    expect(report.entries).toBe(store === 'embedded' ? 4 : 2);
    await w.close();
  });

  it.runIf(store === 'postgres')('a flush blocked in the database fails after its timeout and the writer recovers', async () => {
    const { service: s, env: e } = await service('blocked', { flushTimeoutMs: 400, probeIntervalMs: 100 });
    await s.record([access()]);
    const pg = await import('pg');
    const admin = new pg.default.Client({ connectionString: e.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query('BEGIN');
      await admin.query(`LOCK TABLE ${e.DATABASE_SCHEMA}.access_log IN ACCESS EXCLUSIVE MODE`);
      await expect(s.record([access()])).rejects.toThrow();
      expect(s.healthy()).toBe(false);
      await admin.query('ROLLBACK');
    } finally {
      await admin.end();
    }
    await s.record([access()]);
    expect(s.healthy()).toBe(true);
    expect(await s.integrity()).toMatchObject({ ok: true, entries: 2 });
  });

  it('close() commits what is queued before it closes', async () => {
    const e = await env('close');
    const first = await openService(e);
    const pending = Array.from({ length: 40 }, () => first.service.record([access()]));
    await first.service.close();
    await expect(Promise.all(pending)).resolves.toBeDefined();
    await expect(first.service.record([access()])).rejects.toThrow(/closed/);
    const again = await openService(e);
    cleanups.push(() => again.service.close());
    expect(await count(again.service.sql)).toBe(40);
  });

  it('gives each instance its own chain: two writers on one store never wait for each other', async () => {
    const e = await env('two');
    const a = await openService(e);
    cleanups.push(() => a.service.close());
    // the embedded store is one process's: a second instance is a second writer on it
    const b = store === 'postgres' ? (await openService(e)).service : null;
    if (b) cleanups.push(() => b.close());
    const w2 = b ?? null;
    const second = w2 ? (rows: ReturnType<typeof access>[]) => w2.record(rows) : makeSecondWriter(a.service.sql, e);
    await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a.service.record([access()]) : second([access()]))));
    const report = await a.service.integrity();
    expect(report.ok).toBe(true);
    expect(report.chains).toHaveLength(2);
    expect(report.chains.map((c) => c.entries).sort()).toEqual([25, 25]);
  });

  function makeSecondWriter(sql: Sql, e: StoreEnv) {
    const w = new ChainWriter(sql, undefined, undefined, { signer: signerFor(e) });
    cleanups.push(() => w.close());
    return async (rows: ReturnType<typeof access>[]) => w.append(rows.map((r) => toRow(r)));
  }

  describe('tampering is found by auditIntegrity and by npm run audit:verify', () => {
    async function seeded(label: string, n = 10): Promise<OpenService> {
      const s = await service(label);
      for (let i = 0; i < n; i++) await s.service.record([access({ applicationId: `APP-${i + 1}` })]);
      return s;
    }

    async function asSuperuser(s: OpenService, stmt: string, params: unknown[] = []): Promise<void> {
      await s.service.sql.transaction(async (tx) => {
        await tx.query('ALTER TABLE access_log DISABLE TRIGGER access_log_append_only');
        await tx.query(stmt, params);
        await tx.query('ALTER TABLE access_log ENABLE TRIGGER access_log_append_only');
      });
    }

    async function verifyScript(s: OpenService) {
      // the embedded store is one process's: the script runs once the gateway has stopped
      if (store === 'embedded') await s.service.close();
      return runScript('audit-verify.ts', s.env);
    }

    it('passes an untouched log', async () => {
      const s = await seeded('clean');
      expect(await s.service.integrity()).toMatchObject({ ok: true, entries: 10 });
      const r = await verifyScript(s);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^ok 10 entries/);
      expect(r.code).toBe(0);
    });

    it('finds an act rewritten: an export recorded as a plain read', async () => {
      const s = await seeded('act');
      await s.service.record([access({ action: 'EXPORT_LOG', department: null, evidence: null, fields: [] })]);
      await asSuperuser(s, `UPDATE access_log SET action = 'READ' WHERE seq = 11`);
      const report = await s.service.integrity();
      expect(report.chains[0]).toMatchObject({ ok: false, firstBrokenSeq: 11, problem: expect.stringMatching(/does not match its hash/) });
    });

    it('finds an UPDATE made by a superuser with the trigger disabled', async () => {
      const s = await seeded('update');
      await asSuperuser(s, `UPDATE access_log SET application_id = 'APP-FORGED' WHERE seq = 4`);
      const report = await s.service.integrity();
      expect(report.ok).toBe(false);
      expect(report.chains[0]).toMatchObject({
        chainId: s.service.chainId,
        ok: false,
        firstBrokenSeq: 4,
        problem: expect.stringMatching(/does not match its hash/),
      });
      const r = await verifyScript(s);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`broken: chain ${s.service.chainId} at seq 4:`);
    });

    it("finds an UPDATE that also recomputes the edited row's hash", async () => {
      const s = await seeded('rehash');
      const page = await s.service.accessLogs({}, { first: 200 });
      const e5 = page.edges.find((x) => x.node.seq === 5)!.node;
      const forged = { ...e5, applicationId: 'APP-FORGED' };
      await asSuperuser(s, 'UPDATE access_log SET application_id = $1, hash = $2 WHERE seq = 5', [
        'APP-FORGED',
        entryHash(forged.prevHash, forged),
      ]);
      const report = await s.service.integrity();
      // the link from 6 breaks, but the checkpoint signed at 5 names the edited entry itself
      expect(report.chains[0]).toMatchObject({
        ok: false,
        firstBrokenSeq: 5,
        problem: expect.stringMatching(/does not reach the signed checkpoint at seq 5/),
      });
      expect((await verifyScript(s)).code).toBe(1);
    });

    it('finds a DELETE of a middle row', async () => {
      const s = await seeded('delete');
      await asSuperuser(s, 'DELETE FROM access_log WHERE seq = 6');
      const report = await s.service.integrity();
      expect(report.chains[0]).toMatchObject({ ok: false, firstBrokenSeq: 6, problem: expect.stringMatching(/entry 6 missing/) });
      const r = await verifyScript(s);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/at seq 6: entry 6 missing/);
    });

    it('finds two rows whose contents were swapped', async () => {
      const s = await seeded('swap');
      const cols =
        'at, request_id, actor_subject, actor_role, actor_county, application_id, county_code, subject_hash, department, evidence, fields, outcome, source, reason, prev_hash, hash';
      const set = cols
        .split(', ')
        .map((c) => `${c} = o.${c}`)
        .join(', ');
      await asSuperuser(
        s,
        `UPDATE access_log a SET ${set} FROM access_log o
          WHERE a.chain_id = o.chain_id AND ((a.seq = 3 AND o.seq = 7) OR (a.seq = 7 AND o.seq = 3))`,
      );
      const apps = (await s.service.sql.query<{ application_id: string }>('SELECT application_id FROM access_log ORDER BY seq')).rows.map(
        (r) => r.application_id,
      );
      expect(apps[2]).toBe('APP-7'); // the swap happened
      const report = await s.service.integrity();
      expect(report.chains[0]).toMatchObject({ ok: false, firstBrokenSeq: 3 });
      const r = await verifyScript(s);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('at seq 3:');
    });

    it('finds a chain deleted whole', async () => {
      const s = await seeded('whole', 3);
      await asSuperuser(s, 'DELETE FROM access_log');
      const report = await s.service.integrity();
      expect(report.chains[0]).toMatchObject({
        ok: false,
        firstBrokenSeq: 1,
        problem: expect.stringMatching(/none of its entries remain/),
      });
    });
  });

  describe('retention: the archive step', () => {
    it('archives what is older than the cut per chain, deletes exactly those rows, and the chain still verifies', async () => {
      const s = await service('archive');
      const old = (d: number) => new Date(Date.now() - d * DAY).toISOString();
      for (let i = 0; i < 12; i++) await s.service.record([access({ at: old(500 - i), applicationId: `OLD-${i}` })]);
      await s.service.record([access({ at: old(10), applicationId: 'NEW-0' })]);
      // older again, but after a newer entry: it stays, so what remains still starts a chain
      await s.service.record([access({ at: old(450), applicationId: 'OLD-LATE' })]);
      await s.service.record([access({ applicationId: 'NEW-1' })]);
      const before = await s.service.integrity();
      const head12 = (await s.service.accessLogs({ applicationId: 'OLD-11' })).edges[0]!.node.hash;

      const out = join(s.env.DATA_DIR, 'archive-1.jsonl');
      const result = await archiveAccessLog(s.service.sql, { cut: new Date(Date.now() - 400 * DAY), out });
      expect(result).toMatchObject({
        file: out,
        entries: 12,
        chains: [{ chainId: s.service.chainId, firstSeq: 1, lastSeq: 12, headHash: head12, prevHash: GENESIS_HASH }],
      });

      const lines = readFileSync(out, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(13);
      expect(JSON.parse(lines[0]!)).toMatchObject({
        type: 'chain',
        chainId: s.service.chainId,
        firstSeq: 1,
        lastSeq: 12,
        headHash: head12,
      });
      expect(verifyArchiveLines(lines)).toMatchObject({ ok: true, chains: [{ headHash: head12, entries: 12 }] });
      expect(readFileSync(out, 'utf8')).not.toContain(SOME_ID);

      expect(await count(s.service.sql)).toBe(3);
      const after = await s.service.integrity();
      expect(after).toMatchObject({ ok: true, entries: 3, archivedEntries: 12 });
      expect(after.chains[0]).toMatchObject({ lastSeq: before.chains[0]!.lastSeq, lastHash: before.chains[0]!.lastHash });
      // the chain goes on after an archive
      await s.service.record([access()]);
      expect(await s.service.integrity()).toMatchObject({ ok: true, entries: 4 });

      // nothing older left: no file, nothing deleted
      const again = await archiveAccessLog(s.service.sql, {
        cut: new Date(Date.now() - 400 * DAY),
        out: join(s.env.DATA_DIR, 'archive-2.jsonl'),
      });
      expect(again).toMatchObject({ file: undefined, entries: 0 });

      // deleting the first remaining entry now is found against the archived head
      await s.service.sql.transaction(async (tx) => {
        await tx.query('ALTER TABLE access_log DISABLE TRIGGER access_log_append_only');
        await tx.query('DELETE FROM access_log WHERE seq = 13');
        await tx.query('ALTER TABLE access_log ENABLE TRIGGER access_log_append_only');
      });
      expect((await s.service.integrity()).chains[0]).toMatchObject({ ok: false, firstBrokenSeq: 13 });
    });

    it('refuses to archive a tampered stretch, and leaves no file', async () => {
      const s = await service('archive_tampered');
      for (let i = 0; i < 5; i++) await s.service.record([access({ at: new Date(Date.now() - 500 * DAY).toISOString() })]);
      await s.service.sql.transaction(async (tx) => {
        await tx.query('ALTER TABLE access_log DISABLE TRIGGER access_log_append_only');
        await tx.query(`UPDATE access_log SET reason = 'edited' WHERE seq = 2`);
        await tx.query('ALTER TABLE access_log ENABLE TRIGGER access_log_append_only');
      });
      const out = join(s.env.DATA_DIR, 'archive.jsonl');
      await expect(archiveAccessLog(s.service.sql, { cut: new Date(Date.now() - 400 * DAY), out })).rejects.toThrow(/broken at seq 2/);
      expect(() => readFileSync(out)).toThrow();
      expect(await count(s.service.sql)).toBe(5);
    });

    it('npm run audit:archive -- --older-than 400d --out FILE, then audit:verify still passes', async () => {
      const s = await service('archive_script');
      for (let i = 0; i < 4; i++) await s.service.record([access({ at: new Date(Date.now() - 401 * DAY).toISOString() })]);
      await s.service.record([access()]);
      if (store === 'embedded') await s.service.close();
      const out = join(s.env.DATA_DIR, 'cut.jsonl');
      const r = await runScript('audit-archive.ts', s.env, ['--older-than', '400d', '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/archived 4 entries/);
      expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(5);
      const v = await runScript('audit-verify.ts', s.env);
      expect(v.stdout).toMatch(/^ok 1 entries \(4 archived\)/);
      expect(v.code).toBe(0);
      const bad = await runScript('audit-archive.ts', s.env, ['--older-than', 'a year', '--out', out]);
      expect(bad.code).toBe(2);
    });
  });

  async function verify(sql: Sql) {
    const { verifyAccessLog } = await import('../../src/audit/verify');
    return verifyAccessLog(sql);
  }
});

function toRow(r = access()) {
  return toUnchained(r, subjectHash);
}
