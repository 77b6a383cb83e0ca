// Production sign-in: OpenID Connect authorization code flow with PKCE (S256), state and nonce,
// through openid-client, against the province's identity platform. What the console keeps
// from it: the ID token's verified `sub`, `role`, `county` and `name` claims.
import * as client from 'openid-client';
import type { ConsoleOidcConfig } from '../config';

export interface OidcIdentity {
  subject: string;
  role: string | null;
  county: string | null;
  displayName: string | null;
}

export interface OidcSignIn {
  /** where to send the browser, and what to keep until it comes back */
  start(state: (pending: { codeVerifier: string; nonce: string }) => Promise<string>): Promise<URL>;
  /** the identity behind the callback; throws on anything the library or we refuse */
  finish(callbackQuery: string, pending: { codeVerifier: string; nonce: string; state: string }): Promise<OidcIdentity>;
}

/** Plain http is only for an identity platform on this machine (a test's, a developer's). */
function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

export function createOidcSignIn(config: ConsoleOidcConfig): OidcSignIn {
  const issuer = new URL(config.issuer);
  let discovered: Promise<client.Configuration> | undefined;
  // discovery is retried on the next sign-in if the platform did not answer this time
  const configuration = () =>
    (discovered ??= client
      .discovery(issuer, config.clientId, config.clientSecret, undefined, {
        execute: issuer.protocol === 'http:' && isLoopback(issuer) ? [client.allowInsecureRequests] : [],
      })
      .catch((err: unknown) => {
        discovered = undefined;
        throw err;
      }));

  return {
    async start(remember) {
      const c = await configuration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const nonce = client.randomNonce();
      const state = await remember({ codeVerifier, nonce });
      return client.buildAuthorizationUrl(c, {
        redirect_uri: config.redirectUrl,
        scope: 'openid profile',
        response_type: 'code',
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
    },
    async finish(callbackQuery, pending) {
      const c = await configuration();
      const current = new URL(config.redirectUrl);
      current.search = callbackQuery;
      const tokens = await client.authorizationCodeGrant(c, current, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedNonce: pending.nonce,
        expectedState: pending.state,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims?.sub) throw new Error('the identity platform sent no subject');
      const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : null);
      return { subject: claims.sub, role: str(claims.role), county: str(claims.county), displayName: str(claims.name) };
    },
  };
}
