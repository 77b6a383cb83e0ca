// Operational logs (diagnostics, not evidence: the access log is in src/audit). One line per
// request with who-in-general and how it went, never variables; `redact` covers every path
// that could carry an ID number or a name should one ever be logged by mistake.
import pino, { type Logger } from 'pino';

export const REDACT_PATHS = [
  'idNumber',
  '*.idNumber',
  'idNumbers',
  '*.idNumbers',
  'name',
  '*.name',
  'variables',
  '*.variables',
  'query',
  '*.query',
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  '*.authorization',
  'token',
  '*.token',
];

/**
 * Without a destination, stdout written asynchronously: a line is written at once when none is
 * in flight, and lines logged meanwhile leave together in the next write (pino's sync default
 * was one write system call per request line). pino flushes what is buffered when the process
 * exits; only a SIGKILL can lose the lines logged since the last write began.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'enrollment-gateway' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? (level === 'silent' ? undefined : pino.destination({ dest: 1, sync: false })),
  );
}

export type { Logger };
