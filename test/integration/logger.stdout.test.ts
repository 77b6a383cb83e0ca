// The operational log is written to stdout asynchronously (src/observability/logger.ts): a
// process that logs a burst and exits at once, or throws, still leaves every line behind.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function run(ending: string): { status: number | null; lines: { msg: string; n: number }[] } {
  const code = `
import { createLogger } from './src/observability/logger.ts';
const logger = createLogger('info');
for (let n = 0; n < 5000; n++) logger.info({ n }, 'request');
${ending}`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { msg: string; n: number });
  return { status: r.status, lines };
}

describe('the operational log on stdout', () => {
  it('a burst logged just before process.exit() is all written, in order', () => {
    const { status, lines } = run('process.exit(0);');
    expect(status).toBe(0);
    expect(lines.map((l) => l.n)).toEqual(Array.from({ length: 5000 }, (_, n) => n));
  });

  it('a burst logged just before an uncaught exception is all written', () => {
    const { status, lines } = run("throw new Error('boom');");
    expect(status).not.toBe(0);
    expect(lines).toHaveLength(5000);
  });
});
