// The embedded store is one process's: PGlite has no lock of its own, and a second process
// opening the same directory corrupts it. The lock is a Unix socket this process listens on,
// so it dies with the process: nothing has to decide whether a PID in a file is still the
// owner (after a crash, a reused PID made the old lock look alive). A socket file left by a
// dead process refuses connections, which proves it stale; it is then replaced.
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The embedded store is open in another process (or already in this one). */
export class DatabaseInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseInUseError';
  }
}

/** Directories this process holds: a second open here would corrupt the first as surely. */
const heldHere = new Set<string>();

/** Unix socket paths are at most 107 bytes; a deep directory gets a hashed name in the temp dir. */
const MAX_SOCKET_PATH = 100;

export function lockPathFor(dir: string): string {
  const beside = `${dir}.lock`;
  if (Buffer.byteLength(beside) <= MAX_SOCKET_PATH) return beside;
  const digest = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return join(tmpdir(), `enrollment-store-${digest}.lock`);
}

function listen(path: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      // holding the lock must not keep the process alive
      server.unref();
      resolve(server);
    });
  });
}

/** Whether a process answers on the socket (ECONNREFUSED / ENOENT: nobody does). */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Takes the lock of an embedded store directory; resolves to its release. */
export async function lockStore(dir: string): Promise<() => Promise<void>> {
  if (heldHere.has(dir)) throw new DatabaseInUseError(`the embedded store at ${dir} is already open in this process`);
  const path = lockPathFor(dir);
  let server: Server;
  try {
    server = await listen(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    if (await answers(path)) {
      throw new DatabaseInUseError(`the embedded store at ${dir} is in use by another process; stop it first (or set DATABASE_URL)`);
    }
    // left by a process that is gone: provably stale
    rmSync(path, { force: true });
    try {
      server = await listen(path);
    } catch (again) {
      // another process won the same race just now
      if ((again as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw new DatabaseInUseError(`the embedded store at ${dir} is in use by another process; stop it first (or set DATABASE_URL)`);
      throw again;
    }
  }
  heldHere.add(dir);
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    heldHere.delete(dir);
    // closing a listening Unix socket removes its file
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
