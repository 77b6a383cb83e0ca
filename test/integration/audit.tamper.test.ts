// The tamper matrix (README, "The access log"): an attacker with write access to the store,
// the gateway stopped, then `npm run audit:verify` as an operator would run it. Every row is
// found (exit 1, naming the first bad seq) or, for the archiver, refused by the database itself.
// Run on PostgreSQL and on the embedded store.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { archiveAccessLog } from '../../src/audit/archive';
import { GENESIS_HASH, entryHash, type AccessLogEntry } from '../../src/audit/canonical';
import { DB_ROLES } from '../../src/audit/migrations';
import { createSigner } from '../../src/audit/signing';
import { ENTRY_SELECT, rowToEntry, type EntryRow } from '../../src/audit/verify';
import { openDatabase, type Sql } from '../../src/db/index';
import { STORES, access, openService, preparedStoreEnv, removeStore, removeTemplate, runScript, type OpenService } from './audit.harness';

const DAY = 86_400_000;
const ENTRIES = 60;
// each case writes 60 commits and runs the verify command as a process: slow on a shared machine
vi.setConfig({ testTimeout: 120_000 });

describe.each(STORES)('the tamper matrix on %s', (store) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!().catch(() => {});
  });
  afterAll(() => removeTemplate());

  /** A log of ENTRIES entries, each its own group commit (so each has its own checkpoint). */
  async function seeded(label: string, over: Parameters<typeof access>[0] = {}): Promise<OpenService> {
    const env = await preparedStoreEnv(store, label);
    cleanups.push(() => removeStore(env));
    const s = await openService(env);
    cleanups.push(() => s.service.close());
    for (let i = 0; i < ENTRIES; i++) await s.service.record([access({ applicationId: `APP-${i + 1}`, ...over })]);
    return s;
  }

  /** The gateway stops; the attacker opens the store with the owner's (or a superuser's) rights. */
  async function attacker(s: OpenService): Promise<Sql> {
    await s.service.close();
    const sql = await openDatabase({ databaseUrl: s.env.DATABASE_URL, dataDir: s.env.DATA_DIR, schema: s.env.DATABASE_SCHEMA });
    cleanups.push(() => sql.close());
    return sql;
  }

  /** Runs stmts with every append-only trigger off: what a superuser or the owner can do. */
  async function untriggered(sql: Sql, work: (tx: Sql) => Promise<void>): Promise<void> {
    const tables = ['access_log', 'access_log_checkpoints', 'access_log_archive'];
    await sql.transaction(async (tx) => {
      for (const t of tables) await tx.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
      await work(tx);
      for (const t of tables) await tx.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
    });
  }

  async function entries(sql: Sql): Promise<AccessLogEntry[]> {
    const { rows } = await sql.query<EntryRow>(`SELECT ${ENTRY_SELECT} FROM access_log ORDER BY access_log.seq`);
    return rows.map(rowToEntry);
  }

  /** Replaces the chain by `next`, renumbered from `from` and rehashed with plain SHA-256: no key needed. */
  async function rewrite(sql: Sql, next: AccessLogEntry[], from = 1, prev = GENESIS_HASH): Promise<void> {
    let seq = from - 1;
    let p = prev;
    const rehashed = next.map((e) => {
      seq += 1;
      const fields = { ...e, seq };
      const hash = entryHash(p, fields);
      const out = { ...fields, prevHash: p, hash };
      p = hash;
      return out;
    });
    await untriggered(sql, async (tx) => {
      await tx.query('DELETE FROM access_log');
      for (const e of rehashed) {
        await tx.query(
          `INSERT INTO access_log (chain_id, seq, format, at, action, request_id, actor_subject, actor_role, actor_county, application_id,
             county_code, subject_hash, department, evidence, fields, outcome, source, reason, prev_hash, hash)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20)`,
          [
            e.chainId,
            e.seq,
            e.format,
            e.at,
            e.action,
            e.requestId,
            e.actorSubject,
            e.actorRole,
            e.actorCounty,
            e.applicationId,
            e.countyCode,
            e.subjectHash,
            e.department,
            e.evidence,
            e.fields,
            e.outcome,
            e.source,
            e.reason,
            e.prevHash,
            e.hash,
          ],
        );
      }
    });
  }

  async function verify(s: OpenService, sql: Sql | undefined, args: string[] = []) {
    await sql?.close(); // the embedded store is one process's at a time
    const r = await runScript('audit-verify.ts', s.env, args);
    expect(r.stderr).toBe('');
    return r;
  }

  function expectBroken(r: { code: number | null; stdout: string }, chainId: string, seq: number) {
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toContain(`broken: chain ${chainId} at seq ${seq}:`);
    expect(r.code).toBe(1);
  }

  it('an untouched log passes, with its signatures checked', async () => {
    const s = await seeded('clean');
    await s.service.close();
    const r = await verify(s, undefined, []);
    expect(r.stdout).toMatch(new RegExp(`^ok ${ENTRIES} entries in 1 chain\\n$`));
    expect(r.code).toBe(0);
  });

  it('delete the last 50 entries: found at the first deleted seq', async () => {
    const s = await seeded('tail');
    const sql = await attacker(s);
    await untriggered(sql, (tx) => tx.query('DELETE FROM access_log WHERE seq > 10').then(() => undefined));
    expectBroken(await verify(s, sql), s.service.chainId, 11);
  });

  it('delete the last 50 entries and their checkpoints: found against a pinned checkpoint (--expect)', async () => {
    const s = await seeded('tail_pinned');
    const pinnedFile = join(s.env.DATA_DIR, 'pinned.json');
    // what an outside monitor pinned from GET /audit/checkpoint
    writeFileSync(pinnedFile, JSON.stringify({ checkpoints: await s.service.latestCheckpoints() }));
    const sql = await attacker(s);
    await untriggered(sql, async (tx) => {
      await tx.query('DELETE FROM access_log WHERE seq > 10');
      await tx.query('DELETE FROM access_log_checkpoints WHERE seq > 10');
    });
    await sql.close();
    // the store is consistent with itself now; only the pin outside it knows better
    expect((await verify(s, undefined)).code).toBe(0);
    expectBroken(await verify(s, undefined, ['--expect', pinnedFile]), s.service.chainId, 11);
  });

  it('edit entry 3 and recompute every later hash: found at seq 3', async () => {
    const s = await seeded('rehash_all');
    const sql = await attacker(s);
    const all = await entries(sql);
    all[2] = { ...all[2]!, applicationId: 'APP-FORGED' };
    await rewrite(sql, all);
    expectBroken(await verify(s, sql), s.service.chainId, 3);
  });

  it('delete entry 9, renumber and rehash: found at seq 9', async () => {
    const s = await seeded('renumber');
    const sql = await attacker(s);
    const all = await entries(sql);
    await rewrite(
      sql,
      all.filter((e) => e.seq !== 9),
    );
    expectBroken(await verify(s, sql), s.service.chainId, 9);
  });

  it('delete entries 1-10 and insert a fake archive row: found at seq 1 (the archive file is missing)', async () => {
    const s = await seeded('fake_archive');
    const sql = await attacker(s);
    const all = await entries(sql);
    const tenth = all[9]!;
    await untriggered(sql, async (tx) => {
      await tx.query('DELETE FROM access_log WHERE seq <= 10');
      await tx.query(
        `INSERT INTO access_log_archive (chain_id, first_seq, last_seq, prev_hash, head_hash, entries, cut, file, file_sha256)
         VALUES ($1, 1, 10, $2, $3, 10, now() - interval '400 days', '/var/archive/audit-2024.jsonl', $4)`,
        [s.service.chainId, GENESIS_HASH, tenth.hash, 'f'.repeat(64)],
      );
    });
    expectBroken(await verify(s, sql), s.service.chainId, 1);
    const dir = join(s.env.DATA_DIR, 'archives');
    mkdirSync(dir);
    const r = await verify(s, undefined, ['--archive-dir', dir]);
    expectBroken(r, s.service.chainId, 1);
    expect(r.stdout).toMatch(/archive file audit-2024.jsonl \(seq 1 to 10\) is missing/);
  });

  it('the archive function refuses entries younger than the minimum retention, whoever calls it', async () => {
    const s = await seeded('young');
    const head = (await entries(s.service.sql))[9]!.hash;
    const call = (tx: Sql) =>
      tx.query(`SELECT audit_archive_chain($1, 1, 10, $2, now(), '/tmp/x.jsonl', $3)`, [s.service.chainId, head, '0'.repeat(64)]);
    if (store === 'postgres') {
      await expect(
        s.service.sql.transaction(async (tx) => {
          await tx.query(`SET LOCAL ROLE ${DB_ROLES.archiver}`);
          await call(tx);
        }),
      ).rejects.toThrow(/younger than the minimum retention of 180 days/);
    }
    // the owner too: the rule is in the function, not in the script
    await expect(s.service.sql.transaction(call)).rejects.toThrow(/younger than the minimum retention of 180 days/);
    // and a cut claimed old while the entries are not changes nothing
    await expect(
      s.service.sql.transaction((tx) =>
        tx.query(`SELECT audit_archive_chain($1, 1, 10, $2, now() - interval '400 days', '/tmp/x.jsonl', $3)`, [
          s.service.chainId,
          head,
          '0'.repeat(64),
        ]),
      ),
    ).rejects.toThrow(/minimum retention/);
    expect((await s.service.integrity()).entries).toBe(ENTRIES);
  });

  it('already caught: an edited row, a deleted middle row, swapped rows', async () => {
    const s = await seeded('classic');
    const sql = await attacker(s);
    await untriggered(sql, (tx) => tx.query(`UPDATE access_log SET application_id = 'APP-FORGED' WHERE seq = 4`).then(() => undefined));
    expectBroken(await verify(s, sql), s.service.chainId, 4);

    const s2 = await seeded('classic_delete');
    const sql2 = await attacker(s2);
    await untriggered(sql2, (tx) => tx.query('DELETE FROM access_log WHERE seq = 6').then(() => undefined));
    expectBroken(await verify(s2, sql2), s2.service.chainId, 6);

    const s3 = await seeded('classic_swap');
    const sql3 = await attacker(s3);
    const cols = ['at', 'request_id', 'application_id', 'prev_hash', 'hash'];
    await untriggered(sql3, (tx) =>
      tx
        .query(
          `UPDATE access_log a SET ${cols.map((c) => `${c} = o.${c}`).join(', ')} FROM access_log o
            WHERE a.chain_id = o.chain_id AND ((a.seq = 3 AND o.seq = 7) OR (a.seq = 7 AND o.seq = 3))`,
        )
        .then(() => undefined),
    );
    expectBroken(await verify(s3, sql3), s3.service.chainId, 3);
  });

  describe('bad input to audit:verify, each named in one line', () => {
    it('a wrong public key, and a checkpoint pinned from another gateway', async () => {
      const s = await seeded('keys');
      await s.service.close();
      const other = createSigner(generateKeyPairSync('ed25519').privateKey);
      const wrongKey = join(s.env.DATA_DIR, 'other.pem');
      writeFileSync(wrongKey, other.publicKeyPem);
      const r = await verify(s, undefined, ['--public-key', wrongKey]);
      expectBroken(r, s.service.chainId, 1);
      expect(r.stdout).toContain(`not one of the audit public keys given`);

      const foreign = join(s.env.DATA_DIR, 'foreign.json');
      const forged = other.sign({ chainId: s.service.chainId, seq: ENTRIES + 5, hash: 'a'.repeat(64), at: '2026-01-01T00:00:00.000000Z' });
      writeFileSync(foreign, `${JSON.stringify({ msg: 'audit checkpoint', checkpoint: forged })}\n`);
      const p = await verify(s, undefined, ['--expect', foreign]);
      expect(p.code).toBe(1);
      expect(p.stdout).toMatch(/a pinned checkpoint at seq 65 is not valid: signed with key [0-9a-f]{16}, which is not one of/);

      const garbage = join(s.env.DATA_DIR, 'garbage.json');
      writeFileSync(garbage, '{"checkpoints": [{"chainId": 1}]}');
      const g = await runScript('audit-verify.ts', s.env, ['--expect', garbage]);
      expect(g.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^audit:verify: the file is not a checkpoint/)]);
      expect(g.code).toBe(2);
    });

    it('an archive file that was edited, and one that is missing', async () => {
      const env = await preparedStoreEnv(store, 'archive_files');
      cleanups.push(() => removeStore(env));
      const s = await openService(env);
      cleanups.push(() => s.service.close());
      for (let i = 0; i < 5; i++) await s.service.record([access({ at: new Date(Date.now() - (500 - i) * DAY).toISOString() })]);
      await s.service.record([access()]);
      const dir = join(env.DATA_DIR, 'archives');
      mkdirSync(dir);
      const out = join(dir, 'cut.jsonl');
      const result = await archiveAccessLog(s.service.sql, { cut: new Date(Date.now() - 400 * DAY), out });
      expect(result.entries).toBe(5);
      // the archive row carries the checkpoint signed at the cut
      const row = await s.service.sql.query<{ checkpoint_signature: string | null }>('SELECT checkpoint_signature FROM access_log_archive');
      expect(row.rows[0]!.checkpoint_signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
      await s.service.close();
      expect((await verify(s, undefined, ['--archive-dir', dir])).stdout).toMatch(/^ok 1 entries \(5 archived\)/);

      const text = readFileSync(out, 'utf8');
      writeFileSync(out, text.replace('platform-370811', 'platform-370812'));
      const edited = await verify(s, undefined, ['--archive-dir', dir]);
      expectBroken(edited, s.service.chainId, 1);
      expect(edited.stdout).toMatch(/archive file cut.jsonl \(seq 1 to 5\) was edited/);

      const missing = await verify(s, undefined, ['--archive-dir', join(env.DATA_DIR, 'elsewhere')]);
      expectBroken(missing, s.service.chainId, 1);
      expect(missing.stdout).toMatch(/archive file cut.jsonl \(seq 1 to 5\) is missing/);
    });
  });
});
