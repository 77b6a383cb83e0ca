// Child process for bench/armor-cost.ts: the gateway as src/main.ts builds it (ordinary
// environment, loadConfig), with query protection switched off when BENCH_ARMOR=off, which
// no configuration can do. Prints `ready <url>`.
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { startGateway } from '../src/server';

const config = loadConfig(process.env);
const app = await createApp(config);
const gateway = await startGateway(app, { port: config.port, host: config.host, armor: process.env.BENCH_ARMOR !== 'off' });
console.log(`ready ${gateway.url}`);
const stop = async () => {
  await gateway.stop(1000);
  await app.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
