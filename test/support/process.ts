// The gateway as an operator starts it: `tsx src/main.ts` in its own process, found by the
// lines it prints. For e2e tests that need a real process (start-up, shutdown, kill -9).
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

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
  exited: Promise<number | null>;
}

/** Starts `tsx src/main.ts` with this environment and waits for the line naming the gateway's URL. */
export async function startGatewayProcess(
  env: Record<string, string>,
  opts: { expectMocks?: boolean; timeoutMs?: number } = {},
): Promise<GatewayProcess> {
  // node itself with tsx as a loader (not the tsx wrapper): a signal reaches the gateway, not a parent of it
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = Date.now();
  const expectMocks = opts.expectMocks ?? true;
  for (;;) {
    const gw = /gateway\s+(http:\/\/\S+)\/graphql/.exec(out);
    const mocks = /mock departments\s+(http:\/\/\S+)/.exec(out);
    if (gw?.[1] && (mocks?.[1] || !expectMocks)) {
      return { child, graphqlUrl: `${gw[1]}/graphql`, baseUrl: gw[1], mockUrl: mocks?.[1], stdout: () => out, stderr: () => err, exited };
    }
    if (child.exitCode !== null) throw new Error(`gateway exited early (${child.exitCode}): ${err.slice(-500)}`);
    if (Date.now() - started > (opts.timeoutMs ?? 45_000)) throw new Error(`gateway did not start: ${out.slice(-500)} ${err.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
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
