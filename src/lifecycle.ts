// The process's lifecycle, in one place: what was started is stopped in reverse order, on
// SIGTERM or SIGINT (Ctrl-C) or when start-up fails half-way, and the process exits 0 only
// when every part stopped cleanly. Nothing else installs signal handlers (Apollo Server's own
// are turned off in server.ts: two owners of one signal stop the same server twice).
import type { Server } from 'node:http';
import type { Logger } from './observability/logger';

export type Stop = () => Promise<void>;

/** What the lifecycle needs from the process; tests pass their own. */
export interface ProcessLike {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  exit(code: number): void;
}

export interface Lifecycle {
  /** a part that has started; parts stop last-started first (the gateway before its stores) */
  started(name: string, stop: Stop): void;
  /** SIGTERM and SIGINT stop every part and exit: 0 when all stopped, 1 otherwise */
  handleSignals(): void;
  /** stops every part, then exits with `code` (raised to 1 when a part fails to stop) */
  shutdown(reason: string, code?: number): Promise<void>;
}

export interface LifecycleOptions {
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** a last resort: exit 1 when stopping takes longer than this (the drain is bounded on its own) */
  deadlineMs: number;
  process?: ProcessLike;
  setTimer?: (fn: () => void, ms: number) => { unref?(): unknown };
}

export function createLifecycle(opts: LifecycleOptions): Lifecycle {
  const proc: ProcessLike = opts.process ?? process;
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const parts: { name: string; stop: Stop }[] = [];
  let stopping: Promise<void> | undefined;

  const lifecycle: Lifecycle = {
    started(name, stop) {
      parts.push({ name, stop });
    },
    handleSignals() {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        proc.on(signal, () => {
          if (stopping) {
            // a second Ctrl-C is someone who will not wait: leave now, and say it was not clean
            if (signal === 'SIGINT') {
              opts.logger.warn({ signal }, 'second interrupt: exiting without finishing shutdown');
              proc.exit(130);
            }
            return;
          }
          void lifecycle.shutdown(signal);
        });
      }
    },
    shutdown(reason, code = 0) {
      stopping ??= (async () => {
        opts.logger.info({ reason }, 'shutting down');
        const deadline = setTimer(() => {
          opts.logger.error({ deadlineMs: opts.deadlineMs }, 'shutdown did not finish in time; exiting');
          proc.exit(1);
        }, opts.deadlineMs);
        deadline.unref?.();
        let exitCode = code;
        for (const part of parts.splice(0).reverse()) {
          try {
            await part.stop();
          } catch (err) {
            // the error's message may name a path or a host, never personal data; its class is enough
            opts.logger.error({ part: part.name, err: { type: err instanceof Error ? err.name : typeof err } }, 'a part failed to stop');
            exitCode = 1;
          }
        }
        opts.logger.info({ exitCode }, 'stopped');
        proc.exit(exitCode);
      })();
      return stopping;
    },
  };
  return lifecycle;
}

/** Why a listener could not open, as one line an operator can act on. */
export class ListenError extends Error {
  constructor(
    message: string,
    readonly errno: string | undefined,
  ) {
    super(message);
    this.name = 'ListenError';
  }
}

/** Whose listener it is, and the variables that chose its port and host. */
export interface ListenerName {
  what: string;
  portSetting: string;
  hostSetting: string;
}

/** `server.listen` as a promise whose failure is one line naming the setting to change. */
export function listen(server: Server, port: number, host: string, name: ListenerName): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(new ListenError(listenFailure(err, port, host, name), err.code));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function listenFailure(err: NodeJS.ErrnoException, port: number, host: string, { what, portSetting, hostSetting }: ListenerName): string {
  switch (err.code) {
    case 'EADDRINUSE':
      return `${what}: port ${port} on ${host} is already in use; stop what holds it or choose another with ${portSetting}=…`;
    case 'EACCES':
      return `${what}: not allowed to listen on port ${port} on ${host}; choose a port above 1023 with ${portSetting}=…`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `${what}: ${host} is not an address of this machine; set ${hostSetting} to one of its addresses`;
    default:
      return `${what}: cannot listen on ${host}:${port} (${err.code ?? err.message})`;
  }
}
