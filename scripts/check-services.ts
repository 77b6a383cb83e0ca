// Run before the tests: they need real Redis and PostgreSQL. One line says which is
// missing and how to start it, instead of a hundred timeouts.
import net from 'node:net';

const checks = [
  {
    name: 'Redis',
    env: 'REDIS_URL',
    url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    start: 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
  },
  {
    name: 'PostgreSQL',
    env: 'DATABASE_URL',
    url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    start: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  },
];

function reachable(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port) }, () => {
      socket.end();
      resolve(true);
    });
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
  });
}

let failed = false;
for (const c of checks) {
  if (!(await reachable(c.url))) {
    const u = new URL(c.url);
    console.error(`${c.name} is not reachable at ${u.hostname}:${u.port} (${c.env}); start it with: ${c.start}`);
    failed = true;
  }
}
if (failed) process.exit(1);
