// The executable schema: the SDL in schema/ (one file per domain) plus resolvers.
// The SDL files are read at start-up so the .graphql files stay the single source
// that both codegen and the server use.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
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

/** The schema with the given resolvers; the Date and DateTime scalars are always included. */
export function buildExecutableSchema(resolvers: Resolvers | Resolvers[] = []): GraphQLSchema {
  const list = Array.isArray(resolvers) ? resolvers : [resolvers];
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    resolvers: [scalarResolvers, ...list],
  });
}
