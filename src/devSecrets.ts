// Development secrets for the cache seal and the subject hash, generated once into DATA_DIR
// so a restarted gateway can still read its cache and correlate its own access log.
// Production must configure both (config.ts refuses to start otherwise).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DevSecrets {
  subjectHashKey: string;
  cacheEncryptionKey: string;
}

export function ensureDevSecrets(dataDir: string): DevSecrets {
  const path = join(dataDir, 'dev-secrets.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as DevSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: DevSecrets = {
    subjectHashKey: randomBytes(32).toString('base64'),
    cacheEncryptionKey: `dev1:${randomBytes(32).toString('base64')}`,
  };
  writeFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
