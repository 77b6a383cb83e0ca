// Bad tokens over HTTP: each is a 401 with UNAUTHENTICATED and the same message, so a caller
// learns nothing about which check failed; no GraphQL runs and no department is called. The
// operator does learn it: the log names the check (never the token, never an ID number), and a
// development gateway says it in `extensions.reason`, which production never does.
import { SignJWT, UnsecuredJWT, generateKeyPair, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_KEY_ALG, DEV_KEY_ID, ensureDevKeys } from '../../src/auth/devKeys';
import { capturedLogger, isolationName, productionEnv, startTestGateway, type TestGateway } from '../support/gateway';
import { adminQuery } from './audit.harness';
import { totalCalls } from './auth.support';

let gw: TestGateway;
let publicKeyPem: string;
let signingKey: Awaited<ReturnType<typeof importPKCS8>>;
const QUERY = `{ __typename }`;
const now = () => Math.floor(Date.now() / 1000);
/** the development gateway's log lines, parsed and as written */
const { logger: devLogger, lines: logLines, text: logText } = capturedLogger();

beforeAll(async () => {
  gw = await startTestGateway({ overrides: { logger: devLogger } });
  const keys = await ensureDevKeys(gw.config.dataDir);
  publicKeyPem = keys.publicKeyPem;
  signingKey = await importPKCS8(keys.privateKeyPem, DEV_KEY_ALG);
});
afterAll(async () => {
  await gw?.close();
});

/** A token signed with the gateway's own development key; every claim overridable. */
function signed(claims: Record<string, unknown>, opts: { header?: Record<string, unknown>; key?: unknown } = {}) {
  const base: Record<string, unknown> = {
    sub: 'test-subject',
    iss: gw.config.jwt.issuer,
    aud: gw.config.jwt.audience,
    iat: now(),
    exp: now() + 600,
    role: 'county_platform',
    county: '370811',
  };
  const payload = Object.fromEntries(Object.entries({ ...base, ...claims }).filter(([, v]) => v !== undefined));
  return new SignJWT(payload).setProtectedHeader({ alg: DEV_KEY_ALG, kid: DEV_KEY_ID, ...opts.header }).sign(opts.key ?? signingKey);
}

async function call(authorization: string | undefined, target: TestGateway = gw) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await fetch(`${target.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: QUERY }) });
  return { status: res.status, wwwAuthenticate: res.headers.get('www-authenticate'), text: await res.text() };
}

const MESSAGE = 'Authentication required: send a valid bearer token.';
const EXPECTED_PRODUCTION_BODY = JSON.stringify({ errors: [{ message: MESSAGE, extensions: { code: 'UNAUTHENTICATED' } }] });

describe('a token the gateway accepts (the control)', () => {
  it('answers 200', async () => {
    const res = await call(`Bearer ${await signed({})}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ data: { __typename: 'Query' } });
  });

  it('a token 20 s expired or 20 s early still passes: within the clock tolerance', async () => {
    expect((await call(`Bearer ${await signed({ exp: now() - 20 })}`)).status).toBe(200);
    expect((await call(`Bearer ${await signed({ nbf: now() + 20 })}`)).status).toBe(200);
  });
});

/** Each refused token: how it is made, the reason the operator is told, and the log level. */
const REFUSED: [label: string, authorization: () => Promise<string | undefined>, reason: string, level: 'info' | 'warn'][] = [
  ['no token', async () => undefined, 'no bearer token', 'info'],
  ['not a bearer token', async () => `Basic ${Buffer.from('user:pass').toString('base64')}`, 'authorization is not a bearer token', 'warn'],
  ['malformed token', async () => 'Bearer not.a.jwt', 'malformed token', 'warn'],
  [
    'alg none',
    async () =>
      `Bearer ${new UnsecuredJWT({ role: 'county_platform', county: '370811' })
        .setSubject('test-subject')
        .setIssuer(gw.config.jwt.issuer)
        .setAudience(gw.config.jwt.audience)
        .setExpirationTime('10m')
        .encode()}`,
    'algorithm not allowed',
    'warn',
  ],
  [
    'HS256 signed with the public key PEM as the secret',
    async () =>
      `Bearer ${await new SignJWT({ role: 'county_platform', county: '370811' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('test-subject')
        .setIssuer(gw.config.jwt.issuer)
        .setAudience(gw.config.jwt.audience)
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode(publicKeyPem))}`,
    'algorithm not allowed',
    'warn',
  ],
  [
    'signed by another key',
    async () => `Bearer ${await signed({}, { key: (await generateKeyPair('ES256')).privateKey })}`,
    'bad signature',
    'warn',
  ],
  ['wrong issuer', async () => `Bearer ${await signed({ iss: 'https://evil.example' })}`, 'wrong issuer', 'warn'],
  ['wrong audience', async () => `Bearer ${await signed({ aud: 'another-service' })}`, 'wrong audience', 'warn'],
  ['expired', async () => `Bearer ${await signed({ iat: now() - 7200, exp: now() - 3600 })}`, 'expired', 'info'],
  ['no expiry', async () => `Bearer ${await signed({ exp: undefined })}`, 'missing claim exp', 'warn'],
  ['not yet valid (nbf)', async () => `Bearer ${await signed({ nbf: now() + 3600 })}`, 'not yet valid (nbf)', 'warn'],
  ['issued in the future (iat)', async () => `Bearer ${await signed({ iat: now() + 3600 })}`, 'issued in the future (iat)', 'warn'],
  [
    'another kind of token (typ logout+jwt)',
    async () => `Bearer ${await signed({}, { header: { typ: 'logout+jwt' } })}`,
    'not an access token (typ)',
    'warn',
  ],
  ['unknown role', async () => `Bearer ${await signed({ role: 'superuser' })}`, 'unknown role', 'warn'],
  [
    'county role without a county',
    async () => `Bearer ${await signed({ role: 'school_reviewer', county: undefined })}`,
    'missing claim county (required for school_reviewer)',
    'warn',
  ],
  [
    'county not in Jining',
    async () => `Bearer ${await signed({ role: 'county_platform', county: '110101' })}`,
    'county is not a county code of Jining',
    'warn',
  ],
  [
    'applicant without an ID number',
    async () => `Bearer ${await signed({ role: 'applicant', county: undefined })}`,
    'missing claim idNumber (required for applicant)',
    'warn',
  ],
  [
    'applicant whose ID number fails its check digit',
    async () => `Bearer ${await signed({ role: 'applicant', county: undefined, idNumber: '370811201903150010' })}`,
    'idNumber is not a valid resident ID number',
    'warn',
  ],
  ['no subject', async () => `Bearer ${await signed({ sub: undefined })}`, 'missing claim sub', 'warn'],
  // a long-lived token is a long-lived key: 13 h is over the 12 h default
  [
    'valid for 13 h (exp - iat)',
    async () => `Bearer ${await signed({ iat: now(), exp: now() + 13 * 3600 })}`,
    'lifetime over JWT_MAX_LIFETIME_SEC (exp - iat)',
    'warn',
  ],
  [
    'valid for 13 h more, without iat',
    async () => `Bearer ${await signed({ iat: undefined, exp: now() + 13 * 3600 })}`,
    'lifetime over JWT_MAX_LIFETIME_SEC (exp - iat)',
    'warn',
  ],
  // "clerk-1\u202enimda" shows as "clerk-1admin" in a log viewer or the console
  [
    'subject with a right-to-left override',
    async () => `Bearer ${await signed({ sub: 'clerk-1\u202enimda' })}`,
    'missing or unprintable subject (sub)',
    'warn',
  ],
  [
    'subject with a newline and an escape sequence (a forged log line)',
    async () => `Bearer ${await signed({ sub: 'clerk-1\n{"msg":"ok"}\u001b[2K' })}`,
    'missing or unprintable subject (sub)',
    'warn',
  ],
];

describe('401 UNAUTHENTICATED, the same message for every failed check', () => {
  it.each(REFUSED)('%s: the reason is logged and, in development, answered', async (_label, authorization, reason, level) => {
    gw.mock.reset();
    const header = await authorization();
    logLines.splice(0);
    logText.splice(0);
    const res = await call(header);
    expect(res.status).toBe(401);
    expect(res.wwwAuthenticate).toBe('Bearer');
    expect(JSON.parse(res.text)).toEqual({ errors: [{ message: MESSAGE, extensions: { code: 'UNAUTHENTICATED', reason } }] });
    expect(totalCalls(gw.stats())).toBe(0);

    const refused = logLines.filter((l) => l.msg === 'token refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ reason, level: level === 'info' ? 30 : 40 });
    expect(refused[0]!.requestId).toEqual(expect.any(String));
    // the token never reaches the log, nor any part of it
    const token = header?.replace(/^\S+ /, '');
    for (const part of token?.split('.').filter((p) => p.length > 8) ?? []) expect(logText.join('')).not.toContain(part);
    expect(logText.join('')).not.toContain('370811201903150010');
  });
});

describe('in production', () => {
  const schema = isolationName('tokens_production');
  let prod: TestGateway;

  const { logger, lines: prodLog } = capturedLogger();

  beforeAll(async () => {
    prod = await startTestGateway({ isolation: schema, env: productionEnv(schema, publicKeyPem), overrides: { logger } });
  }, 120_000);
  afterAll(async () => {
    await prod?.close();
    await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

  it('the departments over http:// on the test network (ALLOW_HTTP_ON_INTERNAL_NETWORK=1): one warning at start, naming them', () => {
    const warnings = prodLog.filter((l) => String(l.msg).startsWith('ALLOW_HTTP_ON_INTERNAL_NETWORK'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 40, settings: expect.arrayContaining(['POLICE_URL', 'HEALTH_URL']) });
  });

  it('answers every failed check with exactly the same body: no reason', async () => {
    expect((await call(`Bearer ${await signed({})}`, prod)).status).toBe(200);
    for (const [label, authorization] of REFUSED) {
      const res = await call(await authorization(), prod);
      expect({ label, status: res.status, text: res.text }).toEqual({ label, status: 401, text: EXPECTED_PRODUCTION_BODY });
    }
  });
});
