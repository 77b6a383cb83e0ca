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
import { readFileSync } from 'node:fs';
import { createPrefixTransform, defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';
import { parse } from 'yaml';
import { DEPARTMENTS } from '../../src/evidence/kinds';

const base = process.env.PEER_DEPARTMENTS_URL ?? 'http://127.0.0.1:4131/peer';
const ROOT = new URL('../../', import.meta.url).pathname;

function operationIds(department: string): string[] {
  const doc = parse(readFileSync(`${ROOT}connectors/${department}/openapi.yaml`, 'utf8')) as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  return Object.values(doc.paths).flatMap((ops) => Object.values(ops).flatMap((op) => (op.operationId ? [op.operationId] : [])));
}

export const composeConfig = defineConfig({
  subgraphs: DEPARTMENTS.map((d) => ({
    sourceHandler: loadOpenAPISubgraph(d, {
      source: `${ROOT}connectors/${d}/openapi.yaml`,
      endpoint: `${base}/${d}`,
      selectQueryOrMutationField: operationIds(d).map((fieldName) => ({ fieldName, type: 'query' as const })),
    }),
    transforms: [createPrefixTransform({ value: `${d}_`, includeRootOperations: true })],
  })),
});
