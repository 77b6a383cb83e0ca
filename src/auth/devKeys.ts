// Development identity keys: generated into DATA_DIR on first start so `npm start` and
// `npm run token` work with no identity platform at hand. Production refuses them (config.ts).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, exportPKCS8, exportSPKI, generateKeyPair, importPKCS8 } from 'jose';

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

/** Claims a development token may carry (docs/contract.md, "Identity"). */
export interface DevClaims {
  role: string;
  county?: string;
  idNumber?: string;
}

/**
 * Signs development tokens with the key in DATA_DIR, for the issuer and audience the gateway
 * checks: the one way `npm run token`, the tests and the benchmarks mint them.
 */
export async function devTokenSigner(
  dataDir: string,
  jwt: { issuer: string; audience: string },
): Promise<(claims: DevClaims, opts: { sub: string; ttl?: string }) => Promise<string>> {
  const keys = await ensureDevKeys(dataDir);
  const key = await importPKCS8(keys.privateKeyPem, DEV_KEY_ALG);
  return (claims, opts) => {
    const payload: Record<string, string> = { role: claims.role };
    if (claims.county) payload.county = claims.county;
    if (claims.idNumber) payload.idNumber = claims.idNumber;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: DEV_KEY_ALG, kid: DEV_KEY_ID, typ: 'JWT' })
      .setSubject(opts.sub)
      .setIssuer(jwt.issuer)
      .setAudience(jwt.audience)
      .setIssuedAt()
      .setExpirationTime(opts.ttl ?? '1h')
      .sign(key);
  };
}
