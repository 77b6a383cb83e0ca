// Development identity keys: generated into DATA_DIR on first start so `npm start` and
// `npm run token` work with no identity platform at hand. Production refuses them (config.ts).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';

export const DEV_KEY_ALG = 'ES256';
export const DEV_KEY_ID = 'dev-es256';

export interface DevKeys {
  privateKeyPem: string;
  publicKeyPem: string;
}

export async function ensureDevKeys(dataDir: string): Promise<DevKeys> {
  const dir = join(dataDir, 'dev-keys');
  const privPath = join(dir, 'private.pem');
  const pubPath = join(dir, 'public.pem');
  if (existsSync(privPath) && existsSync(pubPath)) {
    return { privateKeyPem: readFileSync(privPath, 'utf8'), publicKeyPem: readFileSync(pubPath, 'utf8') };
  }
  mkdirSync(dir, { recursive: true });
  const { privateKey, publicKey } = await generateKeyPair(DEV_KEY_ALG, { extractable: true });
  const keys = { privateKeyPem: await exportPKCS8(privateKey), publicKeyPem: await exportSPKI(publicKey) };
  writeFileSync(privPath, keys.privateKeyPem, { mode: 0o600 });
  writeFileSync(pubPath, keys.publicKeyPem);
  return keys;
}
