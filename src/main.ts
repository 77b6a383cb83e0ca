// `npm start`: the mock departments (outside production) and the gateway, on embedded
// defaults. Prints where both listen and how to get a token.
import { createApp } from './app';
import { loadConfig, loadConfigOrExit } from './config';
import { createLifecycle, ListenError } from './lifecycle';
import { createLogger } from './observability/logger';
import { startGateway } from './server';

async function main(): Promise<void> {
  // everything the gateway writes under DATA_DIR (keys, the embedded store) is its owner's only
  process.umask(0o077);
  let config = loadConfigOrExit();

  let mocks: { url: string; close(): Promise<void> } | undefined;
  if (config.mock.enabled) {
    const { startMockServer } = await import('../mocks/server');
    const { datasetFromEnv, DatasetError } = await import('../mocks/data/load');
    let dataset;
    try {
      dataset = datasetFromEnv();
    } catch (err) {
      if (err instanceof DatasetError) {
        console.error(err.message);
        process.exit(2);
      }
      throw err;
    }
    try {
      mocks = await startMockServer({ port: config.mock.port, dataset, builtin: !config.mock.dataPath, latencyMs: config.mock.latencyMs });
    } catch (err) {
      if (!(err instanceof ListenError)) throw err;
      console.error(err.message);
      process.exit(1);
    }
    // MOCK_PORT=0 picks a free port: the departments' default URLs must name the real one
    const port = new URL(mocks.url).port;
    if (String(config.mock.port) !== port) config = loadConfig({ ...process.env, MOCK_PORT: port });
  }

  // everything started from here on is stopped by the lifecycle: on a signal, or when a later
  // part cannot start (a port in use must not leave the audit store locked or the mocks up)
  const logger = createLogger(config.logLevel);
  const lifecycle = createLifecycle({ logger, deadlineMs: config.shutdownDrainMs + 10_000 });
  if (mocks) lifecycle.started('mock departments', () => mocks.close());
  lifecycle.handleSignals();

  let app;
  try {
    app = await createApp(config, { logger });
  } catch (err) {
    console.error(`start-up failed: ${err instanceof Error ? err.message : String(err)}`);
    return lifecycle.shutdown('start-up failed', 1);
  }
  lifecycle.started('gateway stores', () => app.close());
  let gateway;
  try {
    gateway = await startGateway(app, { port: config.port, host: config.host });
  } catch (err) {
    if (!(err instanceof ListenError)) throw err;
    console.error(err.message);
    return lifecycle.shutdown('start-up failed', 1);
  }
  // stop accepting, finish in-flight requests (bounded by SHUTDOWN_DRAIN_MS), before the stores close
  lifecycle.started('gateway', () => gateway.stop());

  console.log(`gateway            ${gateway.url}/graphql`);
  console.log(`auditor console    ${gateway.url}/console`);
  if (!config.production) console.log(`GraphQL IDE        ${gateway.url}/graphql  (open it in a browser)`);
  if (mocks) {
    console.log(`mock departments   ${mocks.url}  (families: ${mocks.url}/__mock/scenarios)`);
    console.log('a token            npm run token -- --role county_platform --county 370811');
    console.log(
      `try it             curl -s ${gateway.url}/graphql -H "authorization: Bearer $(npm run -s token -- --role county_platform --county 370811)" -H 'content-type: application/json' -d '{"query":"{ __typename }"}'`,
    );
  }
}

void main();
