// Nonces and IVs come from a pooled CSPRNG buffer: every slice must be fresh, across refills too.
import { describe, expect, it } from 'vitest';
import { pooledRandomBytes } from '../../src/randomPool';

describe('pooledRandomBytes', () => {
  it('hands out slices of the asked length that never repeat, across many refills of the pool', () => {
    const seen = new Set<string>();
    // 12-byte slices (an IV, a nonce) over about 30 pools of 4 KiB
    for (let i = 0; i < 10_000; i++) {
      const b = pooledRandomBytes(12);
      expect(b.length).toBe(12);
      seen.add(b.toString('hex'));
    }
    expect(seen.size).toBe(10_000);
  });

  it('leaves bytes already handed out as they were when the pool is refilled', () => {
    const first = pooledRandomBytes(16);
    const copy = Buffer.from(first);
    for (let i = 0; i < 1000; i++) pooledRandomBytes(64);
    expect(first.equals(copy)).toBe(true);
  });

  it('draws a request larger than the pool directly', () => {
    const big = pooledRandomBytes(10_000);
    expect(big.length).toBe(10_000);
    expect(new Set(big).size).toBeGreaterThan(200);
  });
});
