// Cached values are sealed (AES-256-GCM), so whoever reads the Redis keyspace (an operator,
// a backup, a replica) sees no personal data. A sealed value names the key that sealed it,
// so keys rotate without a flush: the first configured key seals, every configured key
// opens, and an entry sealed with a key no longer configured is simply a miss.
//
// Layout (one ASCII string, safe in logs and in `redis-cli`):
//   v1.<keyId>.<iv>.<tag>.<ciphertext>        iv, tag, ciphertext base64url; iv 12 random bytes
// The additional authenticated data is "v1.<keyId>." plus the entry's context (evidence name
// and subject hash): a value copied under another person's or another evidence's key, or
// relabelled with another key id, fails to open.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { pooledRandomBytes } from '../../randomPool';

export const SEAL_VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
/** the id a key gets when CACHE_ENCRYPTION_KEY is a bare base64 key with no `id:` */
export const DEFAULT_KEY_ID = 'k0';

export interface SealingKey {
  id: string;
  key: Buffer;
}

export class CacheKeyError extends Error {}

/**
 * Parses CACHE_ENCRYPTION_KEY: `id:base64key[,id:base64key…]` (the first seals, all open),
 * or one bare base64 key. Each key is 32 bytes. Throws CacheKeyError naming the entry by
 * position, never echoing key material.
 */
export function parseSealingKeys(spec: string): SealingKey[] {
  const parts = spec
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) throw new CacheKeyError('CACHE_ENCRYPTION_KEY is empty');
  const keys: SealingKey[] = [];
  parts.forEach((part, i) => {
    const colon = part.indexOf(':');
    const id = colon < 0 ? DEFAULT_KEY_ID : part.slice(0, colon);
    const material = colon < 0 ? part : part.slice(colon + 1);
    if (!KEY_ID.test(id)) throw new CacheKeyError(`CACHE_ENCRYPTION_KEY entry ${i + 1}: the key id must be 1 to 32 of A-Z a-z 0-9 _ -`);
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(material)) {
      throw new CacheKeyError(`CACHE_ENCRYPTION_KEY entry ${i + 1} (id ${id}): the key must be 32 bytes in base64`);
    }
    if (keys.some((k) => k.id === id)) throw new CacheKeyError(`CACHE_ENCRYPTION_KEY entry ${i + 1}: key id ${id} appears twice`);
    keys.push({ id, key });
  });
  return keys;
}

/** Seals and opens cache values with the configured keys (the first one seals). */
export class Sealer {
  private readonly sealing: SealingKey;
  private readonly byId: Map<string, Buffer>;

  constructor(keys: readonly SealingKey[]) {
    const first = keys[0];
    if (!first) throw new CacheKeyError('at least one cache encryption key is required');
    this.sealing = first;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  get sealingKeyId(): string {
    return this.sealing.id;
  }

  seal(plaintext: string, context: string): string {
    const { id, key } = this.sealing;
    const iv = pooledRandomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(id, context));
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return `${SEAL_VERSION}.${id}.${iv.toString('base64url')}.${tag.toString('base64url')}.${ct.toString('base64url')}`;
  }

  /** The plaintext, or undefined when the value is malformed, tampered, moved, or sealed with a key not configured. */
  open(sealed: string, context: string): string | undefined {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== SEAL_VERSION) return undefined;
    const [, id, ivText, tagText, ctText] = parts as [string, string, string, string, string];
    const key = this.byId.get(id);
    if (!key) return undefined;
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(id, context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(ctText, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}

function aad(keyId: string, context: string): Buffer {
  return Buffer.from(`${SEAL_VERSION}.${keyId}.${context}`, 'utf8');
}
