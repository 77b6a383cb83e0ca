// `npm run audit:verify`: walks every audit chain in the configured store (DATABASE_URL, or the
// embedded store under DATA_DIR; DATABASE_SCHEMA honoured) and prints `ok N entries`, or the
// first broken link (chain, seq, what is wrong) and exits 1. Exit 2: the store, a key or a file
// given cannot be read. Read-only: it never migrates or writes. --verbose adds one line per chain.
//
//   --public-key FILE  the audit public key(s) checkpoints must verify with (GET /audit/public-key;
//                      repeatable; a file may hold several). Default: the gateway's own key
//                      (AUDIT_SIGNING_KEY or the development key in DATA_DIR) and AUDIT_RETIRED_PUBLIC_KEYS.
//   --expect FILE      checkpoints pinned outside the database (GET /audit/checkpoint's JSON, or the
//                      operational log's "audit checkpoint" lines): the store must still reach each.
//   --archive-dir DIR  where the archive files are; default: the path each archive row recorded.
import { readFileSync } from 'node:fs';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { parseArgs } from 'node:util';
import { checkArchiveFiles } from '../src/audit/archive';
import { describeStore } from '../src/audit/index';
import {
  loadRetiredKeys,
  loadSigningKey,
  parsePinned,
  parsePublicKeys,
  publicKeyMap,
  SigningKeyError,
  type Checkpoint,
} from '../src/audit/signing';
import { firstProblem, verifyAccessLog } from '../src/audit/verify';
import { loadConfigOrExit } from '../src/config';
import { openDatabase, type Sql } from '../src/db/index';

const { values } = parseArgs({
  options: {
    verbose: { type: 'boolean', default: false },
    'public-key': { type: 'string', multiple: true },
    expect: { type: 'string' },
    'archive-dir': { type: 'string' },
  },
});

const config = loadConfigOrExit();

function fail(message: string): never {
  console.error(`audit:verify: ${message}`);
  process.exit(2);
}

function read(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    fail(`${what} ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

let keys: KeyObject[] = [];
let pinned: Checkpoint[] = [];
try {
  if (values['public-key']?.length) {
    for (const path of values['public-key']) {
      const found = parsePublicKeys(read(path, '--public-key'));
      if (found.length === 0) fail(`--public-key ${path} holds no PEM public key`);
      keys.push(...found);
    }
  } else {
    try {
      keys = [
        createPublicKey(
          loadSigningKey({ setting: config.audit.signingKey, dataDir: config.dataDir, production: config.production, generate: false }),
        ),
        ...loadRetiredKeys(config.audit.retiredPublicKeys),
      ];
    } catch (err) {
      if (!(err instanceof SigningKeyError) || config.audit.signingKey) throw err;
      keys = []; // no key here at all: checkpoints are checked against the chain, not their signatures
    }
  }
  if (values.expect) pinned = parsePinned(read(values.expect, '--expect'));
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}

let sql: Sql | undefined;
let code = 0;
try {
  sql = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema, max: 2 });
  const present = await sql.query<{ present: boolean }>(`SELECT to_regclass('access_log') IS NOT NULL AS present`);
  if (!present.rows[0]?.present) {
    if (pinned.length > 0) {
      console.log(`broken: chain ${pinned[0]!.chainId} at seq 1: the store holds no access log, but checkpoints were pinned`);
      code = 1;
    } else console.log('ok 0 entries (no access log yet)');
  } else {
    const report = await verifyAccessLog(sql, { keys: keys.length ? publicKeyMap(keys) : undefined, pinned });
    // an archive row is trusted only with its file
    for (const p of await checkArchiveFiles(sql, values['archive-dir'])) {
      const c = report.chains.find((x) => x.chainId === p.chainId);
      if (c && (c.ok || (c.firstBrokenSeq ?? Infinity) > p.seq)) Object.assign(c, { ok: false, firstBrokenSeq: p.seq, problem: p.problem });
    }
    const broken = firstProblem(report);
    if (values.verbose) {
      for (const c of report.chains) {
        console.log(
          `${c.ok ? 'ok    ' : 'BROKEN'} ${c.chainId} entries=${c.entries} archived=${c.archivedEntries} lastSeq=${c.lastSeq} lastHash=${c.lastHash} checkpoint=${c.lastCheckpoint ? c.lastCheckpoint.seq : 'none'}`,
        );
      }
    }
    if (broken) {
      console.log(`broken: chain ${broken.chainId} at seq ${broken.firstBrokenSeq}: ${broken.problem}`);
      code = 1;
    } else {
      console.log(
        `ok ${report.entries} entries${report.archivedEntries ? ` (${report.archivedEntries} archived)` : ''} in ${report.chains.length} chain${report.chains.length === 1 ? '' : 's'}${keys.length ? '' : ' (signatures not checked: no public key; pass --public-key)'}${pinned.length ? `, ${pinned.length} pinned checkpoint${pinned.length === 1 ? '' : 's'} reached` : ''}`,
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
