// `npm start`: the mock departments (outside production) and the gateway, on embedded
// defaults. Prints where both listen and how to get a token.
import { createApp } from './app';
import { loadConfig, loadConfigOrExit } from './config';
import { startGateway } from './server';

async function main(): Promise<void> {
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
    mocks = await startMockServer({ port: config.mock.port, dataset, builtin: !config.mock.dataPath, latencyMs: config.mock.latencyMs });
    // MOCK_PORT=0 picks a free port: the departments' default URLs must name the real one
    const port = new URL(mocks.url).port;
    if (String(config.mock.port) !== port) config = loadConfig({ ...process.env, MOCK_PORT: port });
  }

  let app;
  try {
    app = await createApp(config);
  } catch (err) {
    console.error(`start-up failed: ${err instanceof Error ? err.message : String(err)}`);
    await mocks?.close();
    process.exit(1);
  }
  const gateway = await startGateway(app, { port: config.port, host: config.host });

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

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal, drainMs: config.shutdownDrainMs }, 'shutting down');
    // a last resort if closing the stores hangs: the drain itself is bounded in gateway.stop
    setTimeout(() => {
      app.logger.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, config.shutdownDrainMs + 10_000).unref();
    try {
      await gateway.stop(); // stop accepting, finish in-flight requests (bounded by SHUTDOWN_DRAIN_MS)
      await app.close(); // flush the audit queue, close Redis and the database
      await mocks?.close();
    } catch (err) {
      app.logger.error({ err: { type: err instanceof Error ? err.name : typeof err } }, 'shutdown failed');
      process.exit(1);
    }
    app.logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
