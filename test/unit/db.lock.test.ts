// The embedded store's lock, as operators meet it: a second gateway on the same DATA_DIR is
// refused; a crashed one (kill -9) does not keep the store locked; a lock file left behind that
// names a live process (a reused PID, common in containers) does not either.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/index';
import { DatabaseInUseError, lockPathFor, lockStore } from '../../src/db/lock';
import { ROOT } from '../support/process';

const dirs: string[] = [];
function freshDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'store-lock-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Another process holding the lock of `dir` until it is killed; resolves once it holds it. */
async function holder(dir: string): Promise<ChildProcessWithoutNullStreams> {
  const code = `import { lockStore } from './src/db/lock.ts';
await lockStore(${JSON.stringify(dir)});
console.log('locked');
setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('locked')) resolve();
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => reject(new Error(`lock holder exited (${code}): ${err}`)));
  });
  return child;
}

function killed(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

// opening the embedded store takes seconds, more on a loaded machine
describe('embedded store lock', { timeout: 90_000 }, () => {
  it('refuses a second process while the first holds the store, and frees it when the first crashes', async () => {
    const dir = join(freshDir(), 'pglite');
    const child = await holder(dir);
    await expect(lockStore(dir)).rejects.toThrow(DatabaseInUseError);
    await expect(lockStore(dir)).rejects.toThrow(/in use by another process/);

    await killed(child);
    // the crashed holder left its socket file: nobody answers on it, so it is provably stale
    expect(existsSync(lockPathFor(dir))).toBe(true);
    const release = await lockStore(dir);
    await release();
    expect(existsSync(lockPathFor(dir))).toBe(false);
  });

  it('is not fooled by a lock file naming a live process (a reused PID)', async () => {
    const dataDir = freshDir();
    // what the former PID-file lock left after a crash; PID 1 is always alive
    writeFileSync(lockPathFor(join(dataDir, 'pglite')), '1\n');
    const sql = await openDatabase({ dataDir });
    await sql.query('SELECT 1');
    await sql.close();
  });

  it('refuses a second open in the same process, and allows it after close', async () => {
    const dataDir = freshDir();
    const first = await openDatabase({ dataDir });
    await expect(openDatabase({ dataDir })).rejects.toThrow(/already open in this process/);
    await first.close();
    const again = await openDatabase({ dataDir });
    await again.query('SELECT 1');
    await again.close();
  });

  it('names a deep directory by a hash in the temporary directory (socket paths are short)', () => {
    const deep = join('/', 'x'.repeat(200), 'pglite');
    expect(lockPathFor(deep).startsWith(tmpdir())).toBe(true);
    expect(Buffer.byteLength(lockPathFor(deep))).toBeLessThanOrEqual(100);
    expect(lockPathFor('/data/pglite')).toBe('/data/pglite.lock');
  });
});
