// Signed checkpoints: the gateway signs, with a key the database never holds, where each chain
// stood after each group commit (chain, last seq, last hash, time). Rewriting history in the
// store then needs the private key too: a rewritten entry no longer reaches the hash its
// checkpoint signed, and a fresh checkpoint cannot be forged. Ed25519 through node:crypto.
//
// Signed bytes (UTF-8), one field a line, no trailing newline:
//   jining-audit-checkpoint/1 \n chainId \n seq \n hash \n at \n keyId
// keyId: the first 16 hex digits of SHA-256 over the public key's SPKI DER form, so a verifier
// holding several public keys (rotation) knows which one a checkpoint names.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Checkpoint {
  chainId: string;
  seq: number;
  hash: string;
  /** canonical UTC time with microseconds, as canonicalTime() writes it */
  at: string;
  keyId: string;
  /** base64 Ed25519 signature over checkpointMessage() */
  signature: string;
}

export type UnsignedCheckpoint = Omit<Checkpoint, 'keyId' | 'signature'>;

export class SigningKeyError extends Error {}

const LABEL = 'jining-audit-checkpoint/1';

export function checkpointMessage(c: Omit<Checkpoint, 'signature'>): Buffer {
  return Buffer.from([LABEL, c.chainId, String(c.seq), c.hash, c.at, c.keyId].join('\n'), 'utf8');
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export interface CheckpointSigner {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
  sign(c: UnsignedCheckpoint): Checkpoint;
}

export function createSigner(privateKey: KeyObject): CheckpointSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new SigningKeyError('AUDIT_SIGNING_KEY must be an Ed25519 private key');
  const publicKey = createPublicKey(privateKey);
  const keyId = keyIdOf(publicKey);
  return {
    keyId,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign(c) {
      const unsigned = { ...c, keyId };
      return { ...unsigned, signature: sign(null, checkpointMessage(unsigned), privateKey).toString('base64') };
    },
  };
}

/** Public keys by key id: the current one and any retired ones (rotation). */
export type PublicKeys = ReadonlyMap<string, KeyObject>;

/** Every PEM public key in a text (a file may hold several, the current one first). */
export function parsePublicKeys(pemText: string): KeyObject[] {
  const blocks = pemText.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  return blocks.map((b) => {
    const k = createPublicKey(b);
    if (k.asymmetricKeyType !== 'ed25519') throw new SigningKeyError('an audit public key must be Ed25519');
    return k;
  });
}

export function publicKeyMap(keys: KeyObject[]): PublicKeys {
  return new Map(keys.map((k) => [keyIdOf(k), k]));
}

/** Why a checkpoint does not verify, or null when it does. */
export function checkpointProblem(c: Checkpoint, keys: PublicKeys): string | null {
  const key = keys.get(c.keyId);
  if (!key) return `signed with key ${c.keyId}, which is not one of the audit public keys given (another gateway's, or forged?)`;
  let good: boolean;
  try {
    good = verify(null, checkpointMessage(c), key, Buffer.from(c.signature, 'base64'));
  } catch {
    good = false;
  }
  return good ? null : `its signature does not verify with key ${c.keyId} (altered or forged)`;
}

export const DEV_SIGNING_KEY_FILE = 'audit-signing-key.pem';

/**
 * The gateway's signing key: AUDIT_SIGNING_KEY as PEM text or as a file path; unset outside
 * production, a key generated once into DATA_DIR (mode 0600). Throws SigningKeyError with one
 * line when the key cannot be read.
 */
export function loadSigningKey(opts: { setting: string | undefined; dataDir: string; production: boolean; generate?: boolean }): KeyObject {
  let pem: string;
  let where: string;
  if (opts.setting) {
    if (opts.setting.includes('-----BEGIN')) {
      pem = opts.setting;
      where = 'AUDIT_SIGNING_KEY';
    } else {
      where = `AUDIT_SIGNING_KEY file ${opts.setting}`;
      try {
        pem = readFileSync(opts.setting, 'utf8');
      } catch (err) {
        throw new SigningKeyError(`${where} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }
  } else {
    if (opts.production) throw new SigningKeyError('AUDIT_SIGNING_KEY must be set in production: the access log is signed with it');
    const path = join(opts.dataDir, DEV_SIGNING_KEY_FILE);
    where = `development signing key ${path}`;
    if (!existsSync(path)) {
      if (opts.generate === false) throw new SigningKeyError(`no audit signing key: AUDIT_SIGNING_KEY is unset and ${path} does not exist`);
      mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
      const { privateKey } = generateKeyPairSync('ed25519');
      writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    }
    chmodSync(path, 0o600);
    pem = readFileSync(path, 'utf8');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new SigningKeyError(`${where} is not a PEM private key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(`${where} is not an Ed25519 key`);
  return key;
}

/** Retired public keys (AUDIT_RETIRED_PUBLIC_KEYS: PEM file paths, comma-separated). */
export function loadRetiredKeys(paths: readonly string[]): KeyObject[] {
  return paths.flatMap((p) => {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch (err) {
      throw new SigningKeyError(`AUDIT_RETIRED_PUBLIC_KEYS file ${p} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    const keys = parsePublicKeys(text);
    if (keys.length === 0) throw new SigningKeyError(`AUDIT_RETIRED_PUBLIC_KEYS file ${p} holds no PEM public key`);
    return keys;
  });
}

/** Checkpoints pinned outside the database: GET /audit/checkpoint's JSON, or log lines holding them. */
export function parsePinned(text: string): Checkpoint[] {
  const out: Checkpoint[] = [];
  const take = (v: unknown, where: string) => {
    if (Array.isArray(v)) return v.forEach((x) => take(x, where));
    if (!v || typeof v !== 'object') throw new SigningKeyError(`${where} holds no checkpoint`);
    const o = v as Record<string, unknown>;
    if (o.checkpoints !== undefined) return take(o.checkpoints, where);
    if (o.checkpoint !== undefined) return take(o.checkpoint, where);
    const ok =
      typeof o.chainId === 'string' &&
      Number.isSafeInteger(o.seq) &&
      (o.seq as number) > 0 &&
      typeof o.hash === 'string' &&
      /^[0-9a-f]{64}$/.test(o.hash) &&
      typeof o.at === 'string' &&
      typeof o.keyId === 'string' &&
      typeof o.signature === 'string';
    if (!ok) throw new SigningKeyError(`${where} is not a checkpoint (chainId, seq, hash, at, keyId, signature)`);
    out.push({
      chainId: o.chainId as string,
      seq: o.seq as number,
      hash: o.hash as string,
      at: o.at as string,
      keyId: o.keyId as string,
      signature: o.signature as string,
    });
  };
  // one JSON document (what GET /audit/checkpoint answers), or JSON lines (the operational log)
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch {
    whole = undefined;
  }
  if (whole !== undefined) take(whole, 'the file');
  else
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch {
        throw new SigningKeyError(`line ${i + 1} is not JSON`);
      }
      take(v, `line ${i + 1}`);
    });
  return out;
}
