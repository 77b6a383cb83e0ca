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

const fileIn = (dataDir: string) => join(dataDir, 'dev-secrets.json');

/** The development secrets a development gateway left in DATA_DIR, if any (production refuses them). */
export function existingDevSecrets(dataDir: string): DevSecrets | undefined {
  const path = fileIn(dataDir);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as DevSecrets) : undefined;
}

export function ensureDevSecrets(dataDir: string): DevSecrets {
  const existing = existingDevSecrets(dataDir);
  if (existing) return existing;
  const path = fileIn(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const secrets: DevSecrets = {
    subjectHashKey: randomBytes(32).toString('base64'),
    cacheEncryptionKey: `dev1:${randomBytes(32).toString('base64')}`,
  };
  writeFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
