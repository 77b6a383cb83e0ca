// The consent store on the embedded database (PGlite, in memory): migrations run twice
// harmlessly; grant is idempotent while live; revoke stamps, and history stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_MIGRATIONS, createSqlConsentStore, type ConsentStore } from '../../src/auth/consentStore';
import { openDatabase, type Sql } from '../../src/db/index';
import { migrate } from '../../src/db/migrate';

let sql: Sql;
let store: ConsentStore;

beforeAll(async () => {
  sql = await openDatabase({});
  await migrate(sql, [CONSENT_MIGRATIONS]);
  expect(await migrate(sql, [CONSENT_MIGRATIONS])).toEqual([]); // idempotent
  store = createSqlConsentStore(sql);
});
afterAll(async () => {
  await sql?.close();
});

describe('consent store', () => {
  it('records the migration once', async () => {
    const { rows } = await sql.query<{ version: number }>(`SELECT version FROM schema_migrations WHERE component = 'consent'`);
    expect(rows.map((r) => Number(r.version)).sort()).toEqual(CONSENT_MIGRATIONS.migrations.map((m) => m.version));
  });

  it('grant is idempotent while live; activeGranters names the granting subject', async () => {
    const a = await store.grant('h-father', 'APP-1', '370811');
    const b = await store.grant('h-father', 'APP-1', '370811');
    expect(a).toEqual(b);
    expect(a).toMatchObject({ applicationId: 'APP-1', countyCode: '370811', revokedAt: null, active: true });
    expect(await store.activeGranters('APP-1', '370811')).toEqual(new Set(['h-father']));
    expect(await store.activeGranters('APP-1', '370812')).toEqual(new Set());
  });

  it('revoke stamps the live consent; granting again makes a new row; the history stays', async () => {
    const revoked = await store.revoke('h-father', 'APP-1');
    expect(revoked).toMatchObject({ active: false, applicationId: 'APP-1' });
    expect(revoked!.revokedAt).not.toBeNull();
    expect(await store.activeGranters('APP-1', '370811')).toEqual(new Set());
    // revoking again answers the last (already revoked) consent
    expect((await store.revoke('h-father', 'APP-1'))?.active).toBe(false);
    await store.grant('h-father', 'APP-1', '370811');
    const list = await store.listBySubject('h-father');
    expect(list.map((c) => c.active)).toEqual([true, false]);
  });

  it('revoking a consent that never existed answers null', async () => {
    expect(await store.revoke('h-nobody', 'APP-9')).toBeNull();
  });

  it('stores no ID number: only the subject hash it was given', async () => {
    const { rows } = await sql.query<Record<string, unknown>>('SELECT * FROM consent');
    expect(Object.keys(rows[0]!).sort()).toEqual(['application_id', 'county_code', 'granted_at', 'id', 'revoked_at', 'subject_hash']);
  });
});
