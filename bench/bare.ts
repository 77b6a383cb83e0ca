// Child process: the ceiling for this stack (scenario 3). A bare node HTTP server that reads
// the body, parses it, runs graphql-js `execute` over a schema built from the same SDL, with
// resolvers answering from memory the very records the departments hold for the benchmark's
// families (fetched once at start-up through the gateway's own connectors). No Apollo, no
// auth, no cache, no audit, no logging: what "answered from memory" costs at most.
// Env: BENCH_BARE_IDS (comma-separated ID numbers), department *_URL, PORT. Prints `ready <url>`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execute, parse, validate, type DocumentNode } from 'graphql';
import { createEvidenceFetchers } from '../connectors/index';
import type { BatchFetch } from '../connectors/types';
import { loadConfig } from '../src/config';
import { EVIDENCE, EVIDENCE_NAMES, type EvidenceName } from '../src/evidence/kinds';
import { buildExecutableSchema } from '../src/schema';

const config = loadConfig(process.env);
const ids = (process.env.BENCH_BARE_IDS ?? '').split(',').filter(Boolean);
const fetchers = createEvidenceFetchers(config.departments);
const memory = new Map<EvidenceName, Map<string, unknown[]>>();
const retrievedAt = new Date().toISOString();
for (const name of EVIDENCE_NAMES) {
  const fetch = fetchers[name] as unknown as BatchFetch<Record<string, unknown>>;
  const byId = new Map<string, unknown[]>();
  for (let i = 0; i < ids.length; i += 50) {
    const part = await fetch(ids.slice(i, i + 50));
    const provenance = { department: EVIDENCE[name].department, retrievedAt, fromCache: true };
    for (const [id, rows] of part)
      byId.set(
        id,
        rows.map((r) => ({ ...r, provenance })),
      );
  }
  memory.set(name, byId);
}

const person: Record<string, unknown> = { idNumber: (p: { idNumber: string }) => p.idNumber };
for (const name of EVIDENCE_NAMES) {
  person[name] = (p: { idNumber: string }) => {
    const rows = memory.get(name)!.get(p.idNumber) ?? [];
    return name === 'household' ? (rows[0] ?? null) : rows;
  };
}
const schema = buildExecutableSchema([
  {
    Query: { people: (_r: unknown, a: { idNumbers: string[] }) => a.idNumbers.map((idNumber) => ({ idNumber })) },
    Person: person,
  } as never,
]);

// parsed and validated once per query text, as Apollo's document store does
const documents = new Map<string, DocumentNode>();
function documentFor(query: string): DocumentNode | Error {
  let doc = documents.get(query);
  if (!doc) {
    doc = parse(query);
    const errors = validate(schema, doc);
    if (errors.length) return new Error(errors[0]!.message);
    documents.set(query, doc);
  }
  return doc;
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
        const doc = documentFor(body.query);
        const result =
          doc instanceof Error
            ? { errors: [{ message: doc.message }] }
            : await execute({ schema, document: doc, variableValues: body.variables });
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(result));
      } catch {
        res.writeHead(400);
        res.end();
      }
    })();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(config.port, '127.0.0.1', () => {
  console.log(`ready http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
