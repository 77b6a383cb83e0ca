// Bad tokens over HTTP: each is a 401 with UNAUTHENTICATED and exactly the same body, so a
// caller learns nothing about which check failed; no GraphQL runs and no department is called.
import { SignJWT, UnsecuredJWT, generateKeyPair, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_KEY_ALG, DEV_KEY_ID, ensureDevKeys } from '../../src/auth/devKeys';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { totalCalls } from './auth.support';

let gw: TestGateway;
let publicKeyPem: string;
let signingKey: Awaited<ReturnType<typeof importPKCS8>>;
const QUERY = `{ __typename }`;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  gw = await startTestGateway();
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

async function call(authorization: string | undefined) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await fetch(`${gw.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: QUERY }) });
  return { status: res.status, wwwAuthenticate: res.headers.get('www-authenticate'), text: await res.text() };
}

const EXPECTED_BODY = JSON.stringify({
  errors: [{ message: 'Authentication required: send a valid bearer token.', extensions: { code: 'UNAUTHENTICATED' } }],
});

async function expectRefused(authorization: string | undefined) {
  gw.mock.reset();
  const res = await call(authorization);
  expect(res.status).toBe(401);
  expect(res.wwwAuthenticate).toBe('Bearer');
  expect(res.text).toBe(EXPECTED_BODY);
  expect(totalCalls(gw.stats())).toBe(0);
}

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

describe('401 UNAUTHENTICATED with an identical body', () => {
  it('no token', async () => {
    await expectRefused(undefined);
  });

  it('not a bearer token', async () => {
    await expectRefused(`Basic ${Buffer.from('user:pass').toString('base64')}`);
  });

  it('malformed token', async () => {
    await expectRefused('Bearer not.a.jwt');
  });

  it('alg none', async () => {
    const token = new UnsecuredJWT({ role: 'county_platform', county: '370811' })
      .setSubject('test-subject')
      .setIssuer(gw.config.jwt.issuer)
      .setAudience(gw.config.jwt.audience)
      .setExpirationTime('10m')
      .encode();
    await expectRefused(`Bearer ${token}`);
  });

  it('HS256 signed with the public key PEM as the secret', async () => {
    const token = await new SignJWT({ role: 'county_platform', county: '370811' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('test-subject')
      .setIssuer(gw.config.jwt.issuer)
      .setAudience(gw.config.jwt.audience)
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(publicKeyPem));
    await expectRefused(`Bearer ${token}`);
  });

  it('signed by another key', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    await expectRefused(`Bearer ${await signed({}, { key: privateKey })}`);
  });

  it('wrong issuer', async () => {
    await expectRefused(`Bearer ${await signed({ iss: 'https://evil.example' })}`);
  });

  it('wrong audience', async () => {
    await expectRefused(`Bearer ${await signed({ aud: 'another-service' })}`);
  });

  it('expired', async () => {
    await expectRefused(`Bearer ${await signed({ iat: now() - 7200, exp: now() - 3600 })}`);
  });

  it('no expiry', async () => {
    await expectRefused(`Bearer ${await signed({ exp: undefined })}`);
  });

  it('not yet valid (nbf)', async () => {
    await expectRefused(`Bearer ${await signed({ nbf: now() + 3600 })}`);
  });

  it('issued in the future (iat)', async () => {
    await expectRefused(`Bearer ${await signed({ iat: now() + 3600 })}`);
  });

  it('another kind of token (typ logout+jwt)', async () => {
    await expectRefused(`Bearer ${await signed({}, { header: { typ: 'logout+jwt' } })}`);
  });

  it('unknown role', async () => {
    await expectRefused(`Bearer ${await signed({ role: 'superuser' })}`);
  });

  it('county role without a county', async () => {
    await expectRefused(`Bearer ${await signed({ role: 'school_reviewer', county: undefined })}`);
  });

  it('county not in Jining', async () => {
    await expectRefused(`Bearer ${await signed({ role: 'county_platform', county: '110101' })}`);
  });

  it('applicant without an ID number', async () => {
    await expectRefused(`Bearer ${await signed({ role: 'applicant', county: undefined })}`);
  });

  it('applicant whose ID number fails its check digit', async () => {
    await expectRefused(`Bearer ${await signed({ role: 'applicant', county: undefined, idNumber: '370811201903150010' })}`);
  });

  it('no subject', async () => {
    await expectRefused(`Bearer ${await signed({ sub: undefined })}`);
  });
});
