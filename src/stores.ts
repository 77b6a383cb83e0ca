// The gateway's one database: every component that keeps tables (the access log, consents,
// and the applications) shares one handle and one migration run, so the embedded store is
// opened once and a production DBA applies one set of migrations (`npm run audit:migrate`).
import { APPLICATION_MIGRATIONS } from './applications/store';
import { AUDIT_MIGRATIONS } from './audit/migrations';
import { AuditStoreError } from './audit/writer';
import { CONSENT_MIGRATIONS } from './auth/consentStore';
import { CONSOLE_MIGRATIONS } from './auth/consoleSessions';
import { DatabaseUnreachableError, openMigratedDatabase, type Sql, type StoreConfig } from './db/index';
import type { MigrationSet } from './db/migrate';

/** Every component's migrations, in the order they apply (the access log first: it creates the roles). */
export const MIGRATION_SETS: readonly MigrationSet[] = [AUDIT_MIGRATIONS, CONSENT_MIGRATIONS, CONSOLE_MIGRATIONS, APPLICATION_MIGRATIONS];

/** Opens the configured database with every component's schema up to date. */
export async function openGatewayDatabase(config: StoreConfig, opts: { statementTimeoutMs?: number; max?: number } = {}): Promise<Sql> {
  try {
    return await openMigratedDatabase(config, MIGRATION_SETS, opts);
  } catch (err) {
    // without the access log no personal data is served: say it in the log's terms
    if (err instanceof DatabaseUnreachableError) throw new AuditStoreError(`audit store: ${err.message}`, { cause: err });
    throw err;
  }
}
