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

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'enrollment-gateway' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export type { Logger };
