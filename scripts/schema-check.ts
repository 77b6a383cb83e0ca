// The committed printed schema (docs/schema.graphql) is the gateway's public contract as a
// subgraph: what a supergraph composes and a reviewer diffs. `--write` prints the built schema
// there (npm run codegen does); without it, the built schema must match the committed one, and
// every difference is named, breaking changes first (@graphql-inspector/core), so a change of
// the contract is never silent. Part of npm run codegen:check, which CI runs.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { parse } from 'graphql';
import { buildExecutableSchema } from '../src/schema';

export const SCHEMA_FILE = fileURLToPath(new URL('../docs/schema.graphql', import.meta.url));

/** The gateway's subgraph schema as Federation prints it. */
export function printedSchema(): string {
  return `${printSubgraphSchema(buildExecutableSchema())}\n`;
}

export interface SchemaChange {
  breaking: boolean;
  message: string;
}

/** What changed from one printed subgraph schema to another, breaking changes first. */
export async function schemaChanges(before: string, after: string): Promise<SchemaChange[]> {
  const changes = await diff(buildSubgraphSchema(parse(before)), buildSubgraphSchema(parse(after)));
  return changes
    .map((c) => ({ breaking: c.criticality.level === CriticalityLevel.Breaking, message: c.message }))
    .sort((a, b) => Number(b.breaking) - Number(a.breaking));
}

async function main(): Promise<void> {
  const built = printedSchema();
  if (process.argv.includes('--write')) {
    writeFileSync(SCHEMA_FILE, built);
    return;
  }
  const committed = readFileSync(SCHEMA_FILE, 'utf8');
  if (committed === built) return;
  const changes = await schemaChanges(committed, built);
  const lines = changes.map((c) => `  ${c.breaking ? 'BREAKING' : 'change  '} ${c.message}`);
  process.stderr.write(
    `docs/schema.graphql does not match the schema the gateway builds (run npm run codegen and commit it):\n${
      lines.length ? lines.join('\n') : '  (descriptions or order only)'
    }\n`,
  );
  process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
