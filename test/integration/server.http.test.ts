// The gateway's HTTP surface outside GraphQL answers errors in GraphQL's own shape, so a client
// parses one shape whatever went wrong: `{ "errors": [{ "message", "extensions": { "code" } }] }`.
// And a misspelt field: "Did you mean …?" helps a developer, and is a map of the schema for
// anyone in production, where it is hidden.
import { generateKeyPair, exportSPKI, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolationName, productionEnv, startTestGateway, type TestGateway } from '../support/gateway';
import { adminQuery } from './audit.harness';

let gw: TestGateway;
let token: string;
beforeAll(async () => {
  gw = await startTestGateway();
  token = await gw.token({ role: 'county_platform', county: '370811' });
});
afterAll(async () => {
  await gw?.close();
});

/** A body in the one error shape: exactly `errors`, each a message and a code. */
function expectErrorShape(body: unknown, code: string): void {
  expect(body).toEqual({ errors: [{ message: expect.any(String), extensions: expect.objectContaining({ code }) }] });
  const [error] = (body as { errors: { message: string }[] }).errors;
  expect(error!.message.length).toBeGreaterThan(10);
}

describe('errors outside GraphQL', () => {
  it.each(['/', '/graphq', '/graphql/', '/console-missing', '/healthz/x', '/..%2fetc%2fpasswd'])(
    'GET %s: 404 NOT_FOUND in the GraphQL error shape',
    async (path) => {
      const res = await fetch(`${gw.url}${path}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expectErrorShape(await res.json(), 'NOT_FOUND');
    },
  );

  it('a method a route does not answer: 405 with Allow, in the same shape', async () => {
    for (const [path, method, allow] of [
      ['/graphql', 'PUT', 'POST, GET'],
      ['/metrics', 'POST', 'GET'],
      ['/healthz', 'DELETE', 'GET, HEAD'],
    ] as const) {
      const res = await fetch(`${gw.url}${path}`, { method });
      expect({ path, status: res.status, allow: res.headers.get('allow') }).toEqual({ path, status: 405, allow });
      expectErrorShape(await res.json(), 'BAD_REQUEST');
    }
  });

  it('a body that is not JSON: 400 BAD_REQUEST in the same shape', async () => {
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{"query": ',
    });
    expect(res.status).toBe(400);
    expectErrorShape(await res.json(), 'BAD_REQUEST');
  });

  it('the routes that exist still answer', async () => {
    expect(await (await fetch(`${gw.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${gw.url}/healthz`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${gw.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${gw.url}/readyz`)).status).toBe(200);
  });
});

describe('"Did you mean" for a misspelt field', () => {
  it('in development: suggested', async () => {
    const res = await gw.graphql(`{ peopel { idNumber } }`, {}, { token });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors?.[0].message).toMatch(/Did you mean "people"/);
  });

  describe('in production', () => {
    const schema = isolationName('server_production');
    let prod: TestGateway;
    let prodToken: string;
    beforeAll(async () => {
      const { publicKey, privateKey } = await generateKeyPair('ES256');
      prod = await startTestGateway({ isolation: schema, env: productionEnv(schema, await exportSPKI(publicKey)) });
      prodToken = await new SignJWT({ role: 'county_platform', county: '370811' })
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject('test-production')
        .setIssuer(prod.config.jwt.issuer)
        .setAudience(prod.config.jwt.audience)
        .setExpirationTime('10m')
        .sign(privateKey);
    });
    afterAll(async () => {
      await prod?.close();
      await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    });

    it('hidden: the error names neither a suggestion nor the real field', async () => {
      const res = await prod.graphql(`{ peopel { idNumber } }`, {}, { token: prodToken });
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(JSON.stringify(res.body)).not.toMatch(/Did you mean|people/);
    });

    it('a 404 in production has the same shape', async () => {
      const res = await fetch(`${prod.url}/nowhere`);
      expect(res.status).toBe(404);
      expectErrorShape(await res.json(), 'NOT_FOUND');
    });
  });
});
