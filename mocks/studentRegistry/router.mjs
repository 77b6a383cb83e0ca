// A real router for the mock supergraph: Hive Gateway's runtime on a Node HTTP server. Plain
// JavaScript with its own declaration (router.d.mts) so the project's type-check does not take
// in Hive Gateway's DOM typings. Who asks travels as the caller's own token (the Authorization
// header is forwarded to every subgraph); why is in the Person key itself.
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';

export async function startRouter(supergraphSdl, port = 0) {
  const runtime = createGatewayRuntime({
    supergraph: supergraphSdl,
    logging: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
    },
  });
  const server = createServer(runtime);
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/graphql`,
    async stop() {
      await new Promise((resolve) => server.close(() => resolve()));
      await runtime.dispose();
    },
  };
}
