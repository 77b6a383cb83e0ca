// The process lifecycle on its own, with a stand-in process and timer: what stops in which
// order, what exit code a signal ends in, and what a second signal does.
import { EventEmitter } from 'node:events';
import { createServer } from 'node:net';
import type { Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createLifecycle, listen, ListenError, type ProcessLike } from '../../src/lifecycle';

function fakeProcess() {
  const events = new EventEmitter();
  const exits: number[] = [];
  let exited!: (code: number) => void;
  const exit = new Promise<number>((resolve) => (exited = resolve));
  const proc: ProcessLike & { send(signal: NodeJS.Signals): void } = {
    on: (signal, listener) => events.on(signal, listener),
    exit: (code) => {
      exits.push(code);
      exited(code);
    },
    send: (signal) => void events.emit(signal),
  };
  return { proc, exits, exit };
}

const quiet = { info() {}, warn() {}, error() {} };
/** a timer that fires only when the test says so */
function manualTimer() {
  const pending: (() => void)[] = [];
  return { setTimer: (fn: () => void) => (pending.push(fn), {}), fire: () => pending.splice(0).forEach((fn) => fn()) };
}

describe('createLifecycle', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s stops every part, last started first, and exits 0', async (signal) => {
    const { proc, exit } = fakeProcess();
    const order: string[] = [];
    const lifecycle = createLifecycle({ logger: quiet, deadlineMs: 1000, process: proc });
    for (const name of ['mocks', 'stores', 'gateway']) lifecycle.started(name, async () => void order.push(name));
    lifecycle.handleSignals();
    proc.send(signal);
    expect(await exit).toBe(0);
    expect(order).toEqual(['gateway', 'stores', 'mocks']);
  });

  it('a part that fails to stop: the others still stop, and the exit code is 1', async () => {
    const { proc, exit } = fakeProcess();
    const order: string[] = [];
    const lifecycle = createLifecycle({ logger: quiet, deadlineMs: 1000, process: proc });
    lifecycle.started('mocks', async () => void order.push('mocks'));
    lifecycle.started('stores', () => Promise.reject(new Error('disk gone')));
    lifecycle.started('gateway', async () => void order.push('gateway'));
    lifecycle.handleSignals();
    proc.send('SIGTERM');
    expect(await exit).toBe(1);
    expect(order).toEqual(['gateway', 'mocks']);
  });

  it('a second SIGTERM does not stop anything twice', async () => {
    const { proc, exits, exit } = fakeProcess();
    let stops = 0;
    let release!: () => void;
    const lifecycle = createLifecycle({ logger: quiet, deadlineMs: 1000, process: proc });
    lifecycle.started('gateway', () => {
      stops++;
      return new Promise<void>((resolve) => (release = resolve));
    });
    lifecycle.handleSignals();
    proc.send('SIGTERM');
    proc.send('SIGTERM');
    release();
    expect(await exit).toBe(0);
    expect({ stops, exits }).toEqual({ stops: 1, exits: [0] });
  });

  it('a second Ctrl-C leaves at once with 130, without waiting for the parts', async () => {
    const { proc, exits } = fakeProcess();
    const lifecycle = createLifecycle({ logger: quiet, deadlineMs: 1000, process: proc });
    lifecycle.started('gateway', () => new Promise<void>(() => {}));
    lifecycle.handleSignals();
    proc.send('SIGINT');
    proc.send('SIGINT');
    expect(exits).toEqual([130]);
  });

  it('a part that never stops: exit 1 at the deadline', async () => {
    const { proc, exit } = fakeProcess();
    const timer = manualTimer();
    const lifecycle = createLifecycle({ logger: quiet, deadlineMs: 1000, process: proc, setTimer: timer.setTimer });
    lifecycle.started('gateway', () => new Promise<void>(() => {}));
    void lifecycle.shutdown('test');
    timer.fire();
    expect(await exit).toBe(1);
  });

  it('shutdown after a failed start exits with the code it is given', async () => {
    const { proc, exit } = fakeProcess();
    let stopped = false;
    const lifecycle = createLifecycle({ logger: quiet, deadlineMs: 1000, process: proc });
    lifecycle.started('mocks', async () => void (stopped = true));
    await lifecycle.shutdown('start-up failed', 1);
    expect(await exit).toBe(1);
    expect(stopped).toBe(true);
  });
});

describe('listen', () => {
  it('a port in use is one line naming the port and the setting that chose it', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    try {
      const second = createServer() as unknown as Server;
      const failure = await listen(second, port, '127.0.0.1', { what: 'gateway', portSetting: 'PORT', hostSetting: 'HOST' }).catch(
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(ListenError);
      expect((failure as ListenError).message).toBe(
        `gateway: port ${port} on 127.0.0.1 is already in use; stop what holds it or choose another with PORT=…`,
      );
      expect((failure as ListenError).message).not.toContain('\n');
    } finally {
      holder.close();
    }
  });
});
