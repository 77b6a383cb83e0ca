// The gateway as an operator starts it: `tsx src/main.ts` in its own process, found by the
// lines it prints. For e2e tests that need a real process (start-up, shutdown, kill -9).
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './waitFor';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const TSX = join(ROOT, 'node_modules/.bin/tsx');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface GatewayProcess {
  child: ChildProcessWithoutNullStreams;
  graphqlUrl: string;
  /** http://host:port of the gateway (for /healthz, /readyz, /metrics) */
  baseUrl: string;
  mockUrl: string | undefined;
  stdout: () => string;
  stderr: () => string;
  /** the exit code, or the signal that ended it */
  exited: Promise<number | NodeJS.Signals | null>;
}

/**
 * Starts the gateway and waits for the line naming its URL: as `node --import tsx src/main.ts`
 * by default, or `via: 'npm'` as `npm start` itself, in a process group of its own so a test can
 * signal the group as a terminal's Ctrl-C does.
 */
export async function startGatewayProcess(
  env: Record<string, string>,
  opts: { expectMocks?: boolean; timeoutMs?: number; via?: 'node' | 'npm' } = {},
): Promise<GatewayProcess> {
  // node itself with tsx as a loader (not the tsx wrapper): a signal reaches the gateway, not a parent of it
  const child =
    opts.via === 'npm'
      ? spawn('npm', ['start'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'development', ...env }, detached: true })
      : spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
          cwd: ROOT,
          env: { ...process.env, NODE_ENV: 'development', ...env },
        });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const expectMocks = opts.expectMocks ?? true;
  const urls = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`gateway exited early (${child.exitCode}): ${err.slice(-500)}`);
      const gw = /gateway\s+(http:\/\/\S+)\/graphql/.exec(out);
      const mocks = /mock departments\s+(http:\/\/\S+)/.exec(out);
      return gw?.[1] && (mocks?.[1] || !expectMocks) ? { baseUrl: gw[1], mockUrl: mocks?.[1] } : undefined;
    },
    { timeoutMs: opts.timeoutMs ?? 45_000, intervalMs: 100, what: () => `the gateway to start: ${out.slice(-500)} ${err.slice(-500)}` },
  ).catch((e: unknown) => {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw e;
  });
  return { child, graphqlUrl: `${urls.baseUrl}/graphql`, ...urls, stdout: () => out, stderr: () => err, exited };
}

/** Whether this process could listen on the port now (nothing else holds it). */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/** `npm run token` as a user runs it, against the keys in DATA_DIR. */
export function mintToken(dataDir: string, args: string[]): string {
  const r = spawnSync(TSX, ['scripts/token.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`token: ${r.stderr}`);
  return r.stdout.trim();
}

/** Runs `tsx src/main.ts` expecting it to refuse to start; returns its exit code and output. */
export function runUntilExit(env: Record<string, string>, timeoutMs = 30_000): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
