// `npm run mocks`: the mock departments alone, on MOCK_PORT (default 4010).
import { datasetFromEnv, DatasetError } from '../mocks/data/load';
import { startMockServer, type MockServer } from '../mocks/server';
import { createLifecycle, ListenError } from '../src/lifecycle';
import { createLogger } from '../src/observability/logger';

const port = Number(process.env.MOCK_PORT ?? 4010);
let mocks: MockServer;
try {
  mocks = await startMockServer({
    port,
    host: process.env.MOCK_HOST ?? '127.0.0.1',
    dataset: datasetFromEnv(),
    builtin: !process.env.MOCK_DATA,
    latencyMs: Number(process.env.MOCK_LATENCY_MS ?? 0),
  });
} catch (err) {
  // one line (a port in use, a data set that breaks the format), not a stack trace
  if (!(err instanceof ListenError || err instanceof DatasetError)) throw err;
  console.error(err.message);
  process.exit(err instanceof DatasetError ? 2 : 1);
}
console.log(`mock departments   ${mocks.url}`);
console.log(`families           ${mocks.url}/__mock/scenarios`);
console.log(`calls so far       ${mocks.url}/__mock/stats`);
const lifecycle = createLifecycle({ logger: createLogger(process.env.LOG_LEVEL ?? 'info'), deadlineMs: 5000 });
lifecycle.started('mock departments', () => mocks.close());
lifecycle.handleSignals();
