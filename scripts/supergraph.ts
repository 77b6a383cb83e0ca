// npm run supergraph [-- --gateway-url URL --registry-url URL]: prints the supergraph SDL of the
// gateway and the mock student registry (mocks/studentRegistry), composed with
// @apollo/composition, for a router to serve. A composition error is printed and exits 1.
import { parseArgs } from 'node:util';
import { composeSupergraph } from '../mocks/studentRegistry/supergraph';

const { values } = parseArgs({
  options: {
    'gateway-url': { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
    'registry-url': { type: 'string', default: 'http://127.0.0.1:4001/' },
  },
  strict: true,
});

try {
  process.stdout.write(composeSupergraph({ gateway: values['gateway-url'], studentRegistry: values['registry-url'] }));
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
