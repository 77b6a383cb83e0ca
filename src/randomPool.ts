// Random bytes from the CSPRNG, drawn 4 KiB at a time and handed out in slices: a cold family
// query takes 13 request nonces (connectors/signing.ts) and 33 cache IVs
// (src/evidence/cache/seal.ts), and one OpenSSL call each was 3% of its CPU in the bench's
// profile. Node's crypto.randomUUID pools its entropy the same way. A slice is never handed
// out twice: a used pool is dropped, not refilled in place, so no caller's bytes change later.
import { randomBytes } from 'node:crypto';

const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/** `n` fresh random bytes (a new buffer when `n` is larger than the pool). */
export function pooledRandomBytes(n: number): Buffer {
  if (n > POOL_BYTES) return randomBytes(n);
  if (offset + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const out = pool.subarray(offset, offset + n);
  offset += n;
  return out;
}
