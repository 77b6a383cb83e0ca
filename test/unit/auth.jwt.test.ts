// Token claims to Viewer: every way a signed token can still be unacceptable is the same
// UnauthenticatedError (the HTTP tests in test/integration/auth.tokens.test.ts cover signing).
import { describe, expect, it, vi } from 'vitest';
import { viewerFromClaims } from '../../src/auth/jwt';
import { makeIdNumber } from '../../src/codes/idNumber';
import { UnauthenticatedError } from '../../src/errors';

const VALID_ID = makeIdNumber('370811', '1986-04-12', 123);

describe('viewerFromClaims', () => {
  it('a county role keeps its county; other roles never carry one', () => {
    expect(viewerFromClaims({ sub: 'p', role: 'county_platform', county: '370811' })).toEqual({
      sub: 'p',
      role: 'county_platform',
      county: '370811',
      idNumber: null,
    });
    expect(viewerFromClaims({ sub: 'a', role: 'auditor', county: '370811' })).toEqual({
      sub: 'a',
      role: 'auditor',
      county: null,
      idNumber: null,
    });
  });

  it('an applicant carries their checked ID number (a lower-case x is normalized)', () => {
    const lower = VALID_ID.endsWith('X') ? VALID_ID.slice(0, 17) + 'x' : VALID_ID;
    expect(viewerFromClaims({ sub: 'r', role: 'applicant', idNumber: lower })).toEqual({
      sub: 'r',
      role: 'applicant',
      county: null,
      idNumber: VALID_ID,
    });
  });

  it('an ID number on any other role is dropped', () => {
    expect(viewerFromClaims({ sub: 'c', role: 'help_desk', county: '370812', idNumber: VALID_ID }).idNumber).toBeNull();
  });

  const refused: [string, Record<string, unknown>][] = [
    ['unknown role', { sub: 's', role: 'root' }],
    ['role not a string', { sub: 's', role: ['admin'] }],
    ['county role without county', { sub: 's', role: 'school_reviewer' }],
    ['county role with a county outside Jining', { sub: 's', role: 'help_desk', county: '110101' }],
    ['county role with the city code', { sub: 's', role: 'county_platform', county: '370800' }],
    ['applicant without ID number', { sub: 's', role: 'applicant' }],
    [
      'applicant with a bad check digit',
      { sub: 's', role: 'applicant', idNumber: VALID_ID.slice(0, 17) + (VALID_ID.endsWith('1') ? '2' : '1') },
    ],
    ['no subject', { role: 'admin' }],
    ['empty subject', { sub: '', role: 'admin' }],
    ['subject with a control character', { sub: 'a\nb', role: 'admin' }],
    ['subject too long', { sub: 'x'.repeat(300), role: 'admin' }],
  ];
  it.each(refused)('%s: UnauthenticatedError', (_label, claims) => {
    expect(() => viewerFromClaims(claims)).toThrow(UnauthenticatedError);
  });
});

describe('a verified token is remembered, never past its expiry', () => {
  it('answers the same viewer again, and refuses the token once it has expired', async () => {
    const { SignJWT, exportSPKI, generateKeyPair } = await import('jose');
    const { createTokenVerifier } = await import('../../src/auth/jwt');
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwt = {
      jwksUrl: undefined,
      publicKeyPem: await exportSPKI(publicKey),
      issuer: 'https://idp.test',
      audience: 'gw',
      clockToleranceSec: 0,
    };
    const verifier = await createTokenVerifier(jwt);
    const exp = Math.floor(Date.now() / 1000) + 10; // well inside the 60 s memory: expiry must cut it short
    const token = await new SignJWT({ role: 'auditor' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('aud-1')
      .setIssuer(jwt.issuer)
      .setAudience(jwt.audience)
      .setExpirationTime(exp)
      .sign(privateKey);

    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toBe(first); // from memory: the very same frozen viewer
    expect(Object.isFrozen(first)).toBe(true);

    // the clock moves past exp (jose and the memory both read Date)
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(exp * 1000 + 50);
      await expect(verifier.verify(token)).rejects.toThrow(UnauthenticatedError);
    } finally {
      vi.useRealTimers();
    }
  });
});
