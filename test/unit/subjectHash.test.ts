// The subject hash: the same person always hashes the same (x and X alike), another key or
// another person never does, and the ID number cannot be read back from it.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/codes/idNumber';
import { makeSubjectHasher } from '../../src/evidence/subjectHash';

describe('makeSubjectHasher', () => {
  const id = makeIdNumber('370811', '2019-03-04', 17);
  const other = makeIdNumber('370811', '2019-03-04', 19);

  it('is HMAC-SHA256 of the upper-cased ID number, the same on every call', () => {
    const hash = makeSubjectHasher('k1');
    const expected = createHmac('sha256', 'k1').update(id.toUpperCase()).digest('hex');
    expect(hash(id)).toBe(expected);
    expect(hash(id)).toBe(expected); // remembered: still the same
    expect(hash(id.toLowerCase())).toBe(expected);
  });

  it('differs by person and by key, and never contains the ID number', () => {
    const a = makeSubjectHasher('k1');
    const b = makeSubjectHasher('k2');
    expect(a(id)).not.toBe(a(other));
    expect(a(id)).not.toBe(b(id));
    expect(a(id)).toMatch(/^[0-9a-f]{64}$/);
    expect(a(id)).not.toContain(id.slice(0, 6));
  });
});
