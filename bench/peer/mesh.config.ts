// GraphQL Mesh compose: the seven departments' OpenAPI documents as one supergraph, served by
// Hive Gateway as the benchmark's generic-gateway peer (`npm run bench`, scenario peer).
// Generated at bench time into bench/results/peer/ (never committed): the departments'
// endpoint (the bench's mock server, on a port chosen per run) is written into it.
//   PEER_DEPARTMENTS_URL  base URL of the unsigned department path (…/peer); one folder each
//
// Each department's document names its own components (ErrorEnvelope, SignatureRejected, …)
// with shapes of its own, as separate APIs do: a prefix per department keeps them apart.
// The batch lookups are POST, which Mesh would make mutations; they read and change nothing,
// so they are query fields, as a generic gateway's response cache needs them to be.
//
// Mesh reads OpenAPI 3.1's `type: [string, 'null']` on a required property as non-null (it
// drops the 'null'), so a department's null (a co-owner's share under joint ownership, a
// licence with no founding date) became an error for the whole lookup. Mesh does read the
// equivalent `anyOf: [{type: string}, {type: 'null'}]` as nullable: the documents are fed to it
// rewritten that way (copies beside the supergraph), the committed documents stay as published.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createPrefixTransform, defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';
import { parse } from 'yaml';
import { DEPARTMENTS } from '../../src/evidence/kinds';

const base = process.env.PEER_DEPARTMENTS_URL ?? 'http://127.0.0.1:4131/peer';
const ROOT = new URL('../../', import.meta.url).pathname;

const OUT = `${ROOT}bench/results/peer/`;

interface Document {
  paths: Record<string, Record<string, { operationId?: string }>>;
}

/** `type: [T, 'null']` as `anyOf: [{ type: T, … }, { type: 'null' }]`, everywhere in a document. */
function nullableAsAnyOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableAsAnyOf);
  if (!node || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([k, v]) => [k, nullableAsAnyOf(v)] as const);
  const o = Object.fromEntries(entries) as Record<string, unknown>;
  if (!Array.isArray(o.type) || !o.type.includes('null')) return o;
  const { type, description, ...rest } = o as { type: string[]; description?: string };
  const types = type.filter((t) => t !== 'null');
  return { ...(description ? { description } : {}), anyOf: [{ ...rest, type: types.length === 1 ? types[0] : types }, { type: 'null' }] };
}

function prepared(department: string): { path: string; doc: Document } {
  const doc = parse(readFileSync(`${ROOT}connectors/${department}/openapi.yaml`, 'utf8')) as Document;
  mkdirSync(OUT, { recursive: true });
  const path = `${OUT}${department}.openapi.json`;
  writeFileSync(path, JSON.stringify(nullableAsAnyOf(doc), null, 2));
  return { path, doc };
}

function operationIds(doc: Document): string[] {
  return Object.values(doc.paths).flatMap((ops) => Object.values(ops).flatMap((op) => (op.operationId ? [op.operationId] : [])));
}

export const composeConfig = defineConfig({
  subgraphs: DEPARTMENTS.map((d) => {
    const { path, doc } = prepared(d);
    return {
      sourceHandler: loadOpenAPISubgraph(d, {
        source: path,
        endpoint: `${base}/${d}`,
        selectQueryOrMutationField: operationIds(doc).map((fieldName) => ({ fieldName, type: 'query' as const })),
      }),
      transforms: [createPrefixTransform({ value: `${d}_`, includeRootOperations: true })],
    };
  }),
});
