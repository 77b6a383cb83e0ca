// Sealing of cache values: AES-256-GCM with a random IV, the key id in the value, and the
// entry's context as additional data; key rotation by configuration.
import { describe, expect, it } from 'vitest';
import { evidenceCacheKey, evidenceKeyPattern, personCacheKeys } from '../../src/evidence/cache/keys';
import { CacheKeyError, DEFAULT_KEY_ID, parseSealingKeys, Sealer } from '../../src/evidence/cache/seal';
import { EVIDENCE_NAMES } from '../../src/evidence/kinds';

const k = (byte: number) => Buffer.alloc(32, byte).toString('base64');

describe('parseSealingKeys', () => {
  it('reads `id:key[,id:key…]` in order (the first seals) and a bare key as one default id', () => {
    const keys = parseSealingKeys(`new:${k(1)}, old:${k(2)}`);
    expect(keys.map((x) => x.id)).toEqual(['new', 'old']);
    expect(keys[0]!.key).toEqual(Buffer.alloc(32, 1));
    expect(parseSealingKeys(k(3))).toEqual([{ id: DEFAULT_KEY_ID, key: Buffer.alloc(32, 3) }]);
    expect(parseSealingKeys(`u:${Buffer.alloc(32, 0xfb).toString('base64url')}`)[0]!.key).toEqual(Buffer.alloc(32, 0xfb));
  });

  it('refuses short keys, bad ids, duplicates and nothing at all, without echoing key material', () => {
    const secret = Buffer.alloc(16, 9).toString('base64');
    const cases = ['', ' , ', `a:${secret}`, `a.b:${k(1)}`, `a:${k(1)},a:${k(2)}`, `a:not base64!!`];
    for (const spec of cases) {
      expect(() => parseSealingKeys(spec)).toThrow(CacheKeyError);
      try {
        parseSealingKeys(spec);
      } catch (err) {
        expect((err as Error).message).not.toContain(secret);
      }
    }
  });
});

describe('Sealer', () => {
  const sealer = new Sealer(parseSealingKeys(`a1:${k(1)}`));

  it('round-trips, with a fresh IV each time and the key id in the clear', () => {
    const one = sealer.seal('{"r":[]}', 'marriages:abc');
    const two = sealer.seal('{"r":[]}', 'marriages:abc');
    expect(one).not.toBe(two);
    expect(one).toMatch(/^v1\.a1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(sealer.open(one, 'marriages:abc')).toBe('{"r":[]}');
    expect(sealer.open(two, 'marriages:abc')).toBe('{"r":[]}');
  });

  it('binds the value to its context: another evidence or person does not open', () => {
    const v = sealer.seal('secret', 'marriages:abc');
    expect(sealer.open(v, 'marriages:abd')).toBeUndefined();
    expect(sealer.open(v, 'household:abc')).toBeUndefined();
  });

  it('opens nothing tampered or malformed', () => {
    const v = sealer.seal('secret', 'ctx');
    const parts = v.split('.');
    for (let i = 2; i < 5; i++) {
      const p = [...parts];
      p[i] = (p[i]![0] === 'A' ? 'B' : 'A') + p[i]!.slice(1);
      expect(sealer.open(p.join('.'), 'ctx')).toBeUndefined();
    }
    for (const bad of ['', 'v1', 'v2.a1.x.y.z', `${v}.extra`, v.replace('v1.a1.', 'v1.zz.'), parts.slice(0, 4).join('.') + '.']) {
      expect(sealer.open(bad, 'ctx')).toBeUndefined();
    }
  });

  it('rotates: [new, old] opens both and seals with new; [new] alone does not open old', () => {
    const old = new Sealer(parseSealingKeys(`old:${k(2)}`));
    const rotated = new Sealer(parseSealingKeys(`new:${k(3)},old:${k(2)}`));
    const retired = new Sealer(parseSealingKeys(`new:${k(3)}`));
    const fromOld = old.seal('x', 'c');
    const fromNew = rotated.seal('y', 'c');
    expect(fromNew.startsWith('v1.new.')).toBe(true);
    expect(rotated.open(fromOld, 'c')).toBe('x');
    expect(retired.open(fromNew, 'c')).toBe('y');
    expect(retired.open(fromOld, 'c')).toBeUndefined();
    // a key with the same id but other material does not open either
    expect(new Sealer(parseSealingKeys(`old:${k(4)}`)).open(fromOld, 'c')).toBeUndefined();
  });
});

describe('cache keys', () => {
  it('are prefix + ev:v1:<evidence>:<subject hash>', () => {
    expect(evidenceCacheKey('gw1:', 'household', 'ab12')).toBe('gw1:ev:v1:household:ab12');
    expect(personCacheKeys('', 'ab12')).toEqual(EVIDENCE_NAMES.map((n) => `ev:v1:${n}:ab12`));
    expect(evidenceKeyPattern('a*b:')).toBe('a\\*b:ev:v1:*');
  });
});
