// Query protection keeps Apollo's document cache working: a query asked again is neither parsed
// nor validated again (armor's limits are validation rules, run once per document; our cost limit
// reads the cached document), and the cost limit still answers each request's own variables.
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { describe, expect, it } from 'vitest';
import { queryProtection } from '../../src/resilience/armor';

const schema = makeExecutableSchema({
  typeDefs: `
    type Query { accessLogs(first: Int): AccessLogConnection }
    type AccessLogConnection { edges: [AccessLogEdge] }
    type AccessLogEdge { node: Entry }
    type Entry { seq: Int }
  `,
  resolvers: { Query: { accessLogs: () => ({ edges: [] }) } },
});

describe("query protection and Apollo's document cache", () => {
  it('parses and validates a query once, and still refuses the same query asking for more', async () => {
    const seen = { parsed: 0, validated: 0 };
    const counting: ApolloServerPlugin = {
      async requestDidStart() {
        return {
          async parsingDidStart() {
            seen.parsed++;
          },
          async validationDidStart() {
            seen.validated++;
          },
        };
      },
    };
    const protection = queryProtection();
    const server = new ApolloServer({
      schema,
      validationRules: protection.validationRules,
      parseOptions: protection.parseOptions,
      plugins: [...protection.plugins, counting],
    });
    await server.start();
    try {
      const pages = `query Pages($n: Int) { ${Array.from({ length: 5 }, (_, i) => `p${i}: accessLogs(first: $n) { edges { node { seq } } }`).join(' ')} }`;
      const ask = async (n: number) => {
        const res = await server.executeOperation({ query: pages, variables: { n } });
        return res.body.kind === 'single' ? res.body.singleResult.errors?.map((e) => e.extensions?.code) : ['not single'];
      };
      expect(await ask(10)).toBeUndefined();
      expect(await ask(10)).toBeUndefined();
      expect(await ask(200)).toEqual(['QUERY_TOO_COMPLEX']);
      expect(await ask(10)).toBeUndefined();
      expect(seen).toEqual({ parsed: 1, validated: 1 });
    } finally {
      await server.stop();
    }
  });
});
