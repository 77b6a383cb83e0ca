// `npm run audit:migrate`: applies the database's pending migrations (the access log, consents
// and every other component, src/stores.ts) and exits. The gateway migrates at start-up too; in
// production, where it connects as a member of enrollment_gateway_writer (no DDL rights), run
// this once per release as the schema owner.
import { loadConfigOrExit } from '../src/config';
import { describeStore } from '../src/db/index';
import { MIGRATION_SETS, openGatewayDatabase } from '../src/stores';

const config = loadConfigOrExit();
try {
  const sql = await openGatewayDatabase(config);
  await sql.close();
  const versions = MIGRATION_SETS.map((s) => `${s.component} ${Math.max(...s.migrations.map((m) => m.version))}`).join(', ');
  console.log(`database up to date (${describeStore(config)}; ${versions})`);
  process.exit(0);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
