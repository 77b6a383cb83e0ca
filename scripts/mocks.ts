// `npm run mocks`: the mock departments alone, on MOCK_PORT (default 4010).
import { datasetFromEnv } from '../mocks/data/load';
import { startMockServer } from '../mocks/server';

const port = Number(process.env.MOCK_PORT ?? 4010);
const mocks = await startMockServer({
  port,
  host: process.env.MOCK_HOST ?? '127.0.0.1',
  dataset: datasetFromEnv(),
  builtin: !process.env.MOCK_DATA,
  latencyMs: Number(process.env.MOCK_LATENCY_MS ?? 0),
});
console.log(`mock departments   ${mocks.url}`);
console.log(`families           ${mocks.url}/__mock/scenarios`);
console.log(`calls so far       ${mocks.url}/__mock/stats`);
const stop = () => void mocks.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
