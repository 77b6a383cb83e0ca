// The executable schema: the SDL in schema/ (one file per domain) plus resolvers.
// The SDL files are read at start-up so the .graphql files stay the single source
// that both codegen and the server use. It is built as an Apollo Federation 2 subgraph
// (schema/federation.graphql links the spec): @apollo/subgraph adds `_service` and
// `_entities` and routes an entity reference to its type's __resolveReference.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { Kind, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { scalarResolvers } from '../resolvers/scalars';
import type { Resolvers } from './generated/graphql';

export const SCHEMA_DIR = fileURLToPath(new URL('../schema/', import.meta.url));

/** Every schema/*.graphql, in file-name order so the schema is built the same way each time. */
export function loadTypeDefs(): string[] {
  return readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(SCHEMA_DIR, f), 'utf8'));
}

/** Every schema/*.graphql as one document. */
export function loadTypeDefsDocument(): DocumentNode {
  return parse(loadTypeDefs().join('\n'));
}

const NO_TYPES: DocumentNode = { kind: Kind.DOCUMENT, definitions: [] };

/**
 * The subgraph schema with the given resolvers; the Date and DateTime scalars are always
 * included. Each resolver map is one module of buildSubgraphSchema (the SDL rides on the first),
 * which merges them as makeExecutableSchema merged a resolver list.
 */
export function buildExecutableSchema(resolvers: Resolvers | Resolvers[] = []): GraphQLSchema {
  const list = Array.isArray(resolvers) ? resolvers : [resolvers];
  return buildSubgraphSchema([
    { typeDefs: loadTypeDefsDocument(), resolvers: scalarResolvers as unknown as GraphQLResolverMap },
    ...list.map((r) => ({ typeDefs: NO_TYPES, resolvers: r as GraphQLResolverMap })),
  ]);
}
