// Child process: the gateway as src/main.ts builds it, but with the layers a benchmark must
// switch off that configuration cannot (AppOverrides, or the schema swapped before start):
//   BENCH_NAIVE=1       naive resolvers, one department call per field per person, no cache
//   BENCH_AUTH=off      the schema without applySecurity (no graphql-shield, no masking)
//   BENCH_AUDIT=noop    a recorder that records nothing (instead of group commit to PostgreSQL)
//   BENCH_CACHE=none    NoCache
//   BENCH_ARMOR=off     no query limits (startGateway's armor option)
// Everything else is the ordinary environment (loadConfig). Prints `ready <url> <flags>`.
import { createEvidenceFetchers } from '../connectors/index';
import { buildResolvers } from '../resolvers/index';
import { createApp, type AppOverrides } from '../src/app';
import type { AuditService } from '../src/audit/index';
import { applySecurity, securityOf } from '../src/auth/index';
import { loadConfig } from '../src/config';
import { NoCache } from '../src/evidence/cache/types';
import { buildExecutableSchema } from '../src/schema';
import { startGateway } from '../src/server';
import { naiveSchema, oneCallPerId } from './naive';

const env = process.env;
const config = loadConfig(env);
const overrides: AppOverrides = {};
const naive = env.BENCH_NAIVE === '1';
if (naive) {
  overrides.fetchers = oneCallPerId(createEvidenceFetchers(config.departments));
  overrides.cache = new NoCache();
}
if (env.BENCH_CACHE === 'none') overrides.cache = new NoCache();
if (env.BENCH_AUDIT === 'noop') {
  const noop: Partial<AuditService> = {
    chainId: 'bench-noop',
    async record() {},
    healthy: () => true,
    async close() {},
    commits: () => 0,
  };
  overrides.audit = noop as AuditService;
}

const app = await createApp(config, overrides);
// Whether applySecurity is in place: the schema it secures is registered.
const securityActive = securityOf(app.schema) !== undefined;
if (naive)
  app.schema =
    env.BENCH_AUTH === 'off'
      ? naiveSchema()
      : applySecurity(naiveSchema(), {
          config,
          subjectHash: app.subjectHash,
          applications: app.applications,
          budgets: app.budgets,
          now: () => app.now(),
        });
else if (env.BENCH_AUTH === 'off') app.schema = buildExecutableSchema(buildResolvers());

const gateway = await startGateway(app, { port: config.port, host: config.host, armor: env.BENCH_ARMOR !== 'off' });
console.log(`ready ${gateway.url} ${JSON.stringify({ securityActive })}`);

const stop = async () => {
  await gateway.stop();
  await app.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
