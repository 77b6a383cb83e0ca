// `npm run audit:verify`: walks every audit chain in the configured store (DATABASE_URL, or the
// embedded store under DATA_DIR; DATABASE_SCHEMA honoured) and prints `ok N entries`, or the
// first broken link (chain, seq, what is wrong) and exits 1. Exit 2: the store cannot be read.
// Read-only: it never migrates or writes. --verbose adds one line per chain.
import { parseArgs } from 'node:util';
import { describeStore } from '../src/audit/index';
import { firstProblem, verifyAccessLog } from '../src/audit/verify';
import { loadConfigOrExit } from '../src/config';
import { openDatabase, type Sql } from '../src/db/index';

const { values } = parseArgs({ options: { verbose: { type: 'boolean', default: false } } });

const config = loadConfigOrExit();

let sql: Sql | undefined;
let code = 0;
try {
  sql = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema, max: 2 });
  const present = await sql.query<{ present: boolean }>(`SELECT to_regclass('access_log') IS NOT NULL AS present`);
  if (!present.rows[0]?.present) {
    console.log('ok 0 entries (no access log yet)');
  } else {
    const report = await verifyAccessLog(sql);
    const broken = firstProblem(report);
    if (values.verbose) {
      for (const c of report.chains) {
        console.log(
          `${c.ok ? 'ok    ' : 'BROKEN'} ${c.chainId} entries=${c.entries} archived=${c.archivedEntries} lastSeq=${c.lastSeq} lastHash=${c.lastHash}`,
        );
      }
    }
    if (broken) {
      console.log(`broken: chain ${broken.chainId} at seq ${broken.firstBrokenSeq}: ${broken.problem}`);
      code = 1;
    } else {
      console.log(
        `ok ${report.entries} entries${report.archivedEntries ? ` (${report.archivedEntries} archived)` : ''} in ${report.chains.length} chain${report.chains.length === 1 ? '' : 's'}`,
      );
    }
  }
} catch (err) {
  console.error(`audit:verify: cannot read the ${describeStore(config)}: ${err instanceof Error ? err.message : String(err)}`);
  code = 2;
} finally {
  await sql?.close().catch(() => {});
}
process.exit(code);
