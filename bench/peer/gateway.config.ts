// Hive Gateway's configuration for the benchmark peer (loaded by `hive-gateway -c`).
//   PEER_RESPONSE_CACHE=on  its response cache (in memory, no expiry within a run, one shared
//                           session: the peer knows no callers), for the warm comparison
import InMemoryLRUCache from '@graphql-mesh/cache-inmemory-lru';

const responseCache = process.env.PEER_RESPONSE_CACHE === 'on';

// a plain object, not defineConfig: the gateway's type declarations bring a newer @types/node
// whose globals (fetch's Response) would change the types of the whole project
export const gatewayConfig = {
  // the default in-memory cache keeps 1,000 keys; a cached response takes one key per type in
  // it (about 40 for a family), so it would hold some 25 families: room for the run's instead
  ...(responseCache ? { cache: new InMemoryLRUCache({ max: 200_000 }), responseCaching: { session: () => null } } : {}),
  // as an operator would run it in front of departments: no IDE page, errors masked
  graphiql: false,
  landingPage: false,
  maskedErrors: true,
};
