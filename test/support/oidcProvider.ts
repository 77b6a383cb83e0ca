// A small OpenID Connect provider on loopback, standing in for the province's identity
// platform in tests: discovery, an authorization endpoint that signs in whoever the test says
// (no login form), a token endpoint that checks the client secret, the redirect URI and PKCE
// (S256), single-use codes, and ES256 ID tokens with the role and county claims.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface OidcUser {
  sub: string;
  role: string;
  county?: string;
  name?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** who the next authorization signs in */
  nextUser: OidcUser;
  /** what the token endpoint received, for assertions */
  tokenRequests: URLSearchParams[];
  close(): Promise<void>;
}

export async function startOidcProvider(opts: { redirectUri: string }): Promise<TestOidcProvider> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-oidc', alg: 'ES256', use: 'sig' };
  const codes = new Map<string, { challenge: string; nonce: string | null; redirectUri: string; user: OidcUser }>();
  const state: TestOidcProvider = {
    issuer: '',
    clientId: 'audit-console',
    clientSecret: randomBytes(16).toString('hex'),
    nextUser: { sub: 'auditor-oidc', role: 'auditor', name: '审计员测甲' },
    tokenRequests: [],
    close: async () => {},
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', state.issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: state.issuer,
        authorization_endpoint: `${state.issuer}/authorize`,
        token_endpoint: `${state.issuer}/token`,
        jwks_uri: `${state.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['ES256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== state.clientId || q.get('redirect_uri') !== opts.redirectUri || q.get('response_type') !== 'code')
        return json(400, { error: 'invalid_request' });
      if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge'))
        return json(400, { error: 'invalid_request', error_description: 'PKCE S256 required' });
      const code = randomBytes(16).toString('hex');
      codes.set(code, { challenge: q.get('code_challenge')!, nonce: q.get('nonce'), redirectUri: opts.redirectUri, user: state.nextUser });
      const back = new URL(opts.redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      back.searchParams.set('iss', state.issuer);
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        void (async () => {
          const body = new URLSearchParams(raw);
          state.tokenRequests.push(body);
          const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
          const [id, secret] = basic
            ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
            : [body.get('client_id'), body.get('client_secret')];
          if (id !== state.clientId || secret !== state.clientSecret) return json(401, { error: 'invalid_client' });
          const grant = codes.get(body.get('code') ?? '');
          codes.delete(body.get('code') ?? '');
          if (!grant || body.get('grant_type') !== 'authorization_code' || body.get('redirect_uri') !== grant.redirectUri)
            return json(400, { error: 'invalid_grant' });
          const verifier = body.get('code_verifier') ?? '';
          if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge)
            return json(400, { error: 'invalid_grant', error_description: 'PKCE' });
          const { sub, ...claims } = grant.user;
          const idToken = await new SignJWT({ ...claims, ...(grant.nonce ? { nonce: grant.nonce } : {}) })
            .setProtectedHeader({ alg: 'ES256', kid: 'test-oidc' })
            .setIssuer(state.issuer)
            .setAudience(state.clientId)
            .setSubject(sub)
            .setIssuedAt()
            .setExpirationTime('5m')
            .sign(privateKey);
          json(200, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
        })();
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
