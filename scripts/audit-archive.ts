// `npm run audit:archive -- --older-than 400d --out FILE`: moves access-log entries older than
// the cut to FILE (JSON lines, per chain a header with the head hash at the cut), fsyncs it,
// and deletes exactly those rows in the same transaction through audit_archive_chain() (the
// only DELETE the append-only trigger lets through). On PostgreSQL run it as a member of
// enrollment_audit_archiver. Uses the gateway's configuration (DATABASE_URL or DATA_DIR,
// DATABASE_SCHEMA). With the embedded store, stop the gateway first: the store is one process's.
import { parseArgs } from 'node:util';
import { archiveAccessLog, parseAge } from '../src/audit/archive';
import { describeStore } from '../src/db/index';
import { openGatewayDatabase } from '../src/stores';
import { ConfigError, loadConfig } from '../src/config';
import type { Sql } from '../src/db/index';

const USAGE = 'usage: npm run audit:archive -- --older-than 400d --out FILE';
const { values } = parseArgs({ options: { 'older-than': { type: 'string' }, out: { type: 'string' } } });
if (!values['older-than'] || !values.out) {
  console.error(USAGE);
  process.exit(2);
}

let config;
let ageMs: number;
try {
  config = loadConfig();
  ageMs = parseAge(values['older-than']);
} catch (err) {
  console.error(`${err instanceof ConfigError ? 'configuration: ' : ''}${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  process.exit(2);
}

let sql: Sql | undefined;
let code = 0;
try {
  sql = await openGatewayDatabase(config, { statementTimeoutMs: 0 });
  const cut = new Date(Date.now() - ageMs);
  const result = await archiveAccessLog(sql, { cut, out: values.out });
  if (!result.file) {
    console.log(`nothing older than ${cut.toISOString()}: no file written`);
  } else {
    for (const c of result.chains)
      console.log(`chain ${c.chainId}: seq ${c.firstSeq}..${c.lastSeq} (${c.entries} entries), head ${c.headHash}`);
    console.log(`archived ${result.entries} entries older than ${cut.toISOString()} to ${result.file} (sha256 ${result.sha256})`);
  }
} catch (err) {
  console.error(`audit:archive (${describeStore(config)}): ${err instanceof Error ? err.message : String(err)}`);
  code = 1;
} finally {
  await sql?.close().catch(() => {});
}
process.exit(code);
