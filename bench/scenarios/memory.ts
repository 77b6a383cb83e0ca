// Scenario memory: the gateway on the embedded store, as `npm start` sets it up (PGlite under
// DATA_DIR, in-process cache, no PostgreSQL or Redis), compiled: RSS idle after a first start
// on a new store and its start-up peak, peak through 50 and 200 clients, RSS idle after a second
// start on the same store; and `npm start`'s own process (node --import tsx src/main.ts) idle,
// for what the TypeScript loader costs; and the access log's bytes per family query on this store.
// PostgreSQL + Redis figures come from the overhead scenario.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { round, startChild } from '../common';
import { ask, embeddedSize, N, storageRow } from './storage';
import {
  familyRequests,
  gatewayEnv,
  registerFamilies,
  idleRssMb,
  load,
  log,
  ourGateway,
  peakRssMb,
  row,
  save,
  stop,
  take,
  track,
} from '../harness';
import { freePort } from '../../test/support/process';

// no PostgreSQL, no Redis; the run's identity key stays, so the bench's tokens are accepted
const EMBEDDED_UNSET = ['DATABASE_URL', 'DATABASE_SCHEMA', 'REDIS_URL', 'CACHE_KEY_PREFIX'];

export async function run(): Promise<void> {
  log('memory: the embedded store (npm start set-up), compiled and under tsx');
  const storeDir = mkdtempSync(join(tmpdir(), 'gateway-bench-embedded-'));
  // development: production refuses to run without PostgreSQL; the bench's dev keys sign tokens
  const env = { NODE_ENV: 'development', DATA_DIR: storeDir, MOCKS: 'off' };
  try {
    const first = await ourGateway('embedded', env, [], EMBEDDED_UNSET);
    const firstStartPeak = peakRssMb(first.pid);
    const firstIdle = await idleRssMb(first.pid);
    // the embedded store is the gateway's own: the applications are registered through it (which
    // asks its departments, so some of the household data is in its cache before the runs)
    const requests = await familyRequests(take(2200), false, first);
    const r50 = await load(first, 50, requests.slice(0, 1100), undefined, 'embedded');
    const r200 = await load(first, 200, requests.slice(1100), undefined, 'embedded');
    const afterIdle = await idleRssMb(first.pid);
    // the storage reading's families, registered now: a registration is an entry of its own, once per application
    const storageFamilies = take(N);
    await registerFamilies(storageFamilies, first);
    await stop(first, 30_000);
    const before = await embeddedSize(storeDir);

    const second = await ourGateway('embedded', env, [], EMBEDDED_UNSET);
    const secondStartPeak = peakRssMb(second.pid);
    const secondIdle = await idleRssMb(second.pid);
    // access-log storage on the embedded store: N family queries between two readings
    const queries = await ask(second, storageFamilies);
    await stop(second, 30_000);
    const after = await embeddedSize(storeDir);
    const storage = {
      bytesPerQuery: (after.bytes - before.bytes) / queries,
      entriesPerQuery: (after.entries - before.entries) / queries,
      queries,
    };
    storageRow('embedded store', storage);

    // `npm start` itself: tsx transpiling at run time, same store
    const port = await freePort();
    const dev = await track(
      startChild(
        join('src', 'main.ts'),
        { ...gatewayEnv('embedded', { ...env, PORT: String(port) }), ...Object.fromEntries(EMBEDDED_UNSET.map((k) => [k, undefined])) },
        {
          readyUrl: `http://127.0.0.1:${port}`,
          quietStdout: true,
        },
      ),
    );
    const tsxIdle = await idleRssMb(dev.pid);
    await stop(dev, 30_000);

    row(
      'memory',
      'embedded store, first start on a new store: peak during start-up / idle after',
      `${round(firstStartPeak, 0)} / ${round(firstIdle, 0)} MB`,
      '',
      undefined,
    );
    row(
      'memory',
      'embedded store: peak (VmHWM) through 50 / through 200 clients',
      `${r50.peakRssMb} / ${r200.peakRssMb} MB (idle after: ${round(afterIdle, 0)} MB)`,
      '',
      undefined,
    );
    row(
      'memory',
      'embedded store, second start: peak during start-up / idle after',
      `${round(secondStartPeak, 0)} / ${round(secondIdle, 0)} MB`,
      '',
      undefined,
    );
    row('memory', 'embedded store idle: compiled ÷ npm start (tsx)', `${round(secondIdle, 0)} vs ${round(tsxIdle, 0)} MB`, '', undefined);
    save('memory-embedded', {
      firstStart: { startupPeakMb: firstStartPeak, idleMb: firstIdle },
      load: { through50: r50, through200: r200, idleAfterMb: afterIdle },
      secondStart: { startupPeakMb: secondStartPeak, idleMb: secondIdle },
      npmStartTsxIdleMb: tsxIdle,
      storage,
    });
  } finally {
    rmSync(storeDir, { recursive: true, force: true });
  }
}
