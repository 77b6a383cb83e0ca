// Scenario storage: access-log bytes per family query, indexes included: the size of the
// access-log tables (pg_total_relation_size) before and after N family queries, over N. On
// PostgreSQL read while the gateway runs; on the embedded store (which one process holds at a
// time) read with the gateway stopped, by the memory scenario, which starts that gateway anyway.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { familyBody, postGraphql, round, type Child } from '../common';
import { DATABASE_URL, log, mint, ourGateway, registerFamilies, row, runId, save, stop, take } from '../harness';
import type { Scenario } from '../../mocks/data/families';

export const N = Number(process.env.BENCH_STORAGE_QUERIES ?? 200);
const TARGET_BYTES = 4096;
// the access log's tables: entries, chain heads, archive marks, checkpoints
const SIZE_SQL = `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint AS bytes, count(*)::int AS tables
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'r' AND n.nspname = $1 AND (c.relname LIKE 'access_log%' OR c.relname LIKE 'audit%' OR c.relname LIKE '%checkpoint%')`;
const ENTRIES_SQL = (schema: string) => `SELECT count(*)::int AS n FROM "${schema}".access_log`;

/** N family queries, 8 at a time (their applications registered beforehand); returns how many answered without errors. */
export async function ask(g: Child, families: Scenario[]): Promise<number> {
  let ok = 0;
  const queue = [...families];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        const r = await postGraphql(g.url, familyBody(s), await mint.county(s.countyCode));
        if (r.status === 200 && !r.json?.errors) ok++;
      }
    }),
  );
  return ok;
}

async function postgres(): Promise<{ bytesPerQuery: number; entriesPerQuery: number; queries: number }> {
  const schema = `${runId}_storage`;
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const size = async () => {
    const { rows } = await db.query<{ bytes: string }>(SIZE_SQL, [schema]);
    const { rows: e } = await db.query<{ n: number }>(ENTRIES_SQL(schema));
    return { bytes: Number(rows[0]!.bytes), entries: e[0]!.n };
  };
  const g = await ourGateway('storage', { DATABASE_SCHEMA: schema });
  try {
    const [first, families] = [take(1), take(N)];
    // registrations are entries too, one per application and not per query: done before the first reading
    await registerFamilies([...first, ...families], g);
    await ask(g, first); // the tables exist and hold a first page
    // every entry is committed before its answer leaves, so sizes read between answers are complete
    const before = await size();
    const queries = await ask(g, families);
    const after = await size();
    return { bytesPerQuery: (after.bytes - before.bytes) / queries, entriesPerQuery: (after.entries - before.entries) / queries, queries };
  } finally {
    await stop(g);
    await db.end();
  }
}

/** Every PGlite store under a DATA_DIR (the gateway may keep one or several). */
function pgliteDirs(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (existsSync(join(dir, 'PG_VERSION'))) return void found.push(dir);
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) walk(join(dir, e.name));
  };
  walk(root);
  return found;
}

/** The access log's size in the embedded stores under a DATA_DIR (the gateway must be stopped). */
export async function embeddedSize(dataDir: string): Promise<{ bytes: number; entries: number }> {
  const { PGlite } = await import('@electric-sql/pglite');
  let bytes = 0;
  let entries = 0;
  for (const d of pgliteDirs(dataDir)) {
    const db = new PGlite(d);
    const schemas = await db.query<{ nspname: string }>(
      `SELECT DISTINCT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'access_log'`,
    );
    for (const { nspname } of schemas.rows) {
      bytes += Number((await db.query<{ bytes: string }>(SIZE_SQL, [nspname])).rows[0]!.bytes);
      entries += (await db.query<{ n: number }>(ENTRIES_SQL(nspname))).rows[0]!.n;
    }
    await db.close();
  }
  return { bytes, entries };
}

/** A storage row, the same for both stores. */
export function storageRow(store: string, r: { bytesPerQuery: number; entriesPerQuery: number; queries: number }): void {
  row(
    'storage',
    `access log per family query, indexes included (${store})`,
    `${round(r.bytesPerQuery / 1024, 1)} KB (${round(r.entriesPerQuery, 1)} entries, ${round(r.bytesPerQuery / r.entriesPerQuery, 0)} B each; ${r.queries} queries)`,
    '<= 4 KB',
    r.bytesPerQuery <= TARGET_BYTES,
  );
}

export async function run(): Promise<void> {
  log(`storage: access-log bytes per family query on PostgreSQL (${N} queries; the embedded store's is measured in the memory scenario)`);
  const onPg = await postgres();
  storageRow('PostgreSQL', onPg);
  save('storage-postgres', { ...onPg, targetBytesPerQuery: TARGET_BYTES });
}
