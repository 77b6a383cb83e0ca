// In production the gateway connects as a member of enrollment_gateway_writer, which may only
// INSERT and SELECT the access log. Consent needs more: a revoke is an UPDATE. This checks on
// real PostgreSQL that the restricted role can grant and revoke, and still cannot edit the log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqlConsentStore } from '../../src/auth/consentStore';
import { openMigratedDatabase, type Sql } from '../../src/db/index';
import { MIGRATION_SETS } from '../../src/stores';
import { DATABASE_URL, isolationName } from '../support/gateway';

const schema = isolationName('consent_role');
let sql: Sql;

beforeAll(async () => {
  sql = await openMigratedDatabase({ databaseUrl: DATABASE_URL, dataDir: '', databaseSchema: schema }, MIGRATION_SETS);
});
afterAll(async () => {
  await sql.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await sql.close();
});

describe('the gateway writer role', () => {
  it('grants and revokes a consent', async () => {
    await sql.transaction(async (tx) => {
      await tx.query('SET LOCAL ROLE enrollment_gateway_writer');
      const store = createSqlConsentStore(tx);
      const granted = await store.grant('h-parent', 'APP-role', '370811');
      expect(granted.active).toBe(true);
      const revoked = await store.revoke('h-parent', 'APP-role');
      expect(revoked?.active).toBe(false);
    });
  });

  it('still cannot update the access log', async () => {
    await expect(
      sql.transaction(async (tx) => {
        await tx.query('SET LOCAL ROLE enrollment_gateway_writer');
        await tx.query("UPDATE access_log SET reason = 'edited'");
      }),
    ).rejects.toThrow();
  });
});
