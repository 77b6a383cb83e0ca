// Child process: the mock departments over HTTP at a fixed latency, serving a generated
// cohort (generateCohort) so every scenario has families enough to not repeat itself.
// Env: MOCK_PORT (0 = any), MOCK_LATENCY_MS, BENCH_COHORT. Prints `ready <url>`.
// <url>/<department>/… is signed as everywhere; <url>/peer/<department>/… is the same
// department answering unsigned calls (the peer's path).
import { generateCohort } from '../mocks/data/families';
import { startMockServer } from '../mocks/server';
import { COHORT_FAMILIES, COHORT_SEED } from './common';

const { dataset } = generateCohort(COHORT_FAMILIES, COHORT_SEED);
const server = await startMockServer({
  port: Number(process.env.MOCK_PORT ?? 0),
  dataset,
  builtin: false,
  latencyMs: Number(process.env.MOCK_LATENCY_MS ?? 40),
  // the July peak is the gateway's problem here, not the department's 429
  humanResourcesPerSecond: 1_000_000_000,
  // the generic gateway of the peer scenario cannot sign requests: under /peer/ (this bench
  // server only, never `npm start`'s or `npm run mocks`' departments) calls go unsigned
  verifySignatures: (request) => !new URL(request.url).pathname.startsWith('/peer/'),
});
console.log(`ready ${server.url}`);
const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
