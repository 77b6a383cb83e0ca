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
    ['subject too long in characters though short in UTF-16 per character', { sub: '审'.repeat(257), role: 'admin' }],
    // what an auditor reads must be what was sent: "admin\u202e1-tset" shows as "admintest-1"
    ['subject with a right-to-left override (U+202E)', { sub: 'admin\u202e1-tset', role: 'admin' }],
    ['subject with a left-to-right mark (U+200E)', { sub: 'a\u200eb', role: 'admin' }],
    ['subject with a bidirectional isolate (U+2066)', { sub: '\u2066a\u2069', role: 'admin' }],
    ['subject with an Arabic letter mark (U+061C)', { sub: 'a\u061cb', role: 'admin' }],
    ['subject with a zero-width space (U+200B)', { sub: 'ad\u200bmin', role: 'admin' }],
    ['subject with a zero-width joiner (U+200D)', { sub: 'ad\u200dmin', role: 'admin' }],
    ['subject with a byte-order mark (U+FEFF)', { sub: '\ufeffadmin', role: 'admin' }],
    ['subject with a C1 control (U+0085)', { sub: 'a\u0085b', role: 'admin' }],
    ['subject with a NUL', { sub: 'a\u0000b', role: 'admin' }],
    ['subject with an escape sequence', { sub: '\u001b[31mred', role: 'admin' }],
    ['subject with a tab', { sub: 'a\tb', role: 'admin' }],
    ['subject with a line separator (U+2028)', { sub: 'a\u2028b', role: 'admin' }],
    ['subject with a no-break space (U+00A0)', { sub: 'a\u00a0b', role: 'admin' }],
    ['subject with a private-use character', { sub: 'a\ue000', role: 'admin' }],
    ['subject with a lone surrogate', { sub: 'a\ud800', role: 'admin' }],
    ['subject starting with a space', { sub: ' admin', role: 'admin' }],
    ['subject ending with a space', { sub: 'admin ', role: 'admin' }],
  ];
  it.each(refused)('%s: UnauthenticatedError', (_label, claims) => {
    expect(() => viewerFromClaims(claims)).toThrow(UnauthenticatedError);
  });

  it.each([
    ['an e-mail address', 'clerk@370811.gov.cn'],
    ['a Chinese name with a department', '任城区 教育局 王老师'],
    ['a URN', 'urn:jining:idp:user:4711'],
    ['256 characters', 'x'.repeat(256)],
    ['a letter with a combining mark', 'e\u0301cole'],
  ])('a subject that is %s: accepted as it is', (_label, sub) => {
    expect(viewerFromClaims({ sub, role: 'admin' }).sub).toBe(sub);
  });
});

/** A verifier with its own key pair, and a signer of an auditor's token with the times given. */
async function verifierWithKey(clockToleranceSec: number) {
  const { SignJWT, exportSPKI, generateKeyPair } = await import('jose');
  const { createTokenVerifier } = await import('../../src/auth/jwt');
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwt = {
    jwksUrl: undefined,
    publicKeyPem: await exportSPKI(publicKey),
    issuer: 'https://idp.test',
    audience: 'gw',
    clockToleranceSec,
    maxLifetimeSec: 12 * 3600,
  };
  const verifier = await createTokenVerifier(jwt);
  const sign = (times: { iat?: number; exp: number }) => {
    const t = new SignJWT({ role: 'auditor' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('aud-1')
      .setIssuer(jwt.issuer)
      .setAudience(jwt.audience)
      .setExpirationTime(times.exp);
    if (times.iat !== undefined) t.setIssuedAt(times.iat);
    return t.sign(privateKey);
  };
  return { verifier, sign };
}

describe('a maximum lifetime (JWT_MAX_LIFETIME_SEC)', () => {
  const HOUR = 3600;
  async function setup() {
    const { verifier, sign } = await verifierWithKey(30);
    const now = Math.floor(Date.now() / 1000);
    const reasonOf = (token: string) =>
      verifier.verify(token).then(
        () => 'accepted',
        (err: unknown) => (err instanceof UnauthenticatedError ? err.reason : `unexpected ${String(err)}`),
      );
    return { now, sign, reasonOf };
  }

  it('a 13 h token (exp - iat) is refused, whatever is left of it; a 12 h one is accepted', async () => {
    const { now, sign, reasonOf } = await setup();
    expect(await reasonOf(await sign({ iat: now, exp: now + 13 * HOUR }))).toBe('lifetime over JWT_MAX_LIFETIME_SEC (exp - iat)');
    // issued 12 h 30 min ago for 13 h: 30 minutes left, still a 13 h token
    expect(await reasonOf(await sign({ iat: now - 12.5 * HOUR, exp: now + 0.5 * HOUR }))).toBe(
      'lifetime over JWT_MAX_LIFETIME_SEC (exp - iat)',
    );
    expect(await reasonOf(await sign({ iat: now, exp: now + 12 * HOUR }))).toBe('accepted');
  });

  it('without iat, the time left counts: 13 h left is refused, 11 h left is accepted', async () => {
    const { now, sign, reasonOf } = await setup();
    expect(await reasonOf(await sign({ exp: now + 13 * HOUR }))).toBe('lifetime over JWT_MAX_LIFETIME_SEC (exp - iat)');
    expect(await reasonOf(await sign({ exp: now + 11 * HOUR }))).toBe('accepted');
  });

  it('a token that claims to be issued in the future to shorten exp - iat is refused for its iat', async () => {
    const { now, sign, reasonOf } = await setup();
    expect(await reasonOf(await sign({ iat: now + 2 * HOUR, exp: now + 13 * HOUR }))).toBe('issued in the future (iat)');
  });
});

describe('a verified token is remembered, never past its expiry', () => {
  it('answers the same viewer again, and refuses the token once it has expired', async () => {
    const { verifier, sign } = await verifierWithKey(0);
    const exp = Math.floor(Date.now() / 1000) + 10; // well inside the 60 s memory: expiry must cut it short
    const token = await sign({ exp });

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
