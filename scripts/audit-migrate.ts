// `npm run audit:migrate`: applies the audit store's pending migrations and exits. The gateway
// migrates at start-up too; in production, where it connects as a member of
// enrollment_gateway_writer (no DDL rights), run this once per release as the schema owner.
import { describeStore, openAuditStore } from '../src/audit/index';
import { MIGRATIONS } from '../src/audit/migrations';
import { loadConfigOrExit } from '../src/config';

const config = loadConfigOrExit();
try {
  const sql = await openAuditStore(config);
  await sql.close();
  console.log(`audit store up to date (${describeStore(config)}, schema version ${Math.max(...MIGRATIONS.map((m) => m.version))})`);
  process.exit(0);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
