// Signing in to the console over HTTP, as a browser would step through it: production's OpenID
// Connect flow against a provider on loopback (PKCE, state bound to the browser, single use),
// what production leaves out (the development sign-in page and the IDE), and the CSRF rules
// for both. Cookies are carried by hand so every Set-Cookie attribute can be checked.
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleSessionStore } from '../../src/auth/consoleSessions';
import { DEPARTMENT_ENV } from '../../src/config';
import { DEPARTMENTS } from '../../src/evidence/kinds';
import { DATABASE_URL, isolationName, startTestGateway, type TestGateway } from '../support/gateway';
import { startOidcProvider, type TestOidcProvider } from '../support/oidcProvider';
import { freePort } from '../support/process';

const cookiesOf = (res: Response) => res.headers.getSetCookie();
const valueOf = (setCookie: string[], name: string) =>
  setCookie
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]
    ?.slice(name.length + 1);

describe('production: OpenID Connect sign-in, and nothing of development', () => {
  let gw: TestGateway;
  let idp: TestOidcProvider;
  const SESSION = '__Host-console_session';

  beforeAll(async () => {
    const port = await freePort();
    const redirect = `http://127.0.0.1:${port}/console/oidc/callback`;
    idp = await startOidcProvider({ redirectUri: redirect });
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    gw = await startTestGateway({
      port,
      isolation: isolationName('console_oidc'),
      env: {
        NODE_ENV: 'production',
        AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        DATABASE_URL,
        JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        DEPARTMENT_APP_KEY: 'test-app',
        ...Object.fromEntries(DEPARTMENTS.map((d) => [`${DEPARTMENT_ENV[d]}_APP_SECRET`, `secret-${d}`])),
        CONSOLE_OIDC_ISSUER: idp.issuer,
        CONSOLE_OIDC_CLIENT_ID: idp.clientId,
        CONSOLE_OIDC_CLIENT_SECRET: idp.clientSecret,
        CONSOLE_OIDC_REDIRECT_URL: redirect,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await idp?.close();
  });

  /** start -> provider -> callback; returns the callback's response and the transaction cookie */
  async function throughProvider(): Promise<{ callback: Response; callbackUrl: string; oidcCookie: string }> {
    const start = await fetch(`${gw.url}/console/oidc/start`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    const oidcCookie = valueOf(cookiesOf(start), 'console_oidc')!;
    expect(cookiesOf(start).find((c) => c.startsWith('console_oidc='))).toMatch(/HttpOnly; SameSite=Lax; Secure/);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBe(oidcCookie);
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const back = await fetch(authorize, { redirect: 'manual' });
    const callbackUrl = back.headers.get('location')!;
    const callback = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie: `console_oidc=${oidcCookie}` } });
    return { callback, callbackUrl, oidcCookie };
  }

  it('an auditor signs in through the identity platform: PKCE, an httpOnly SameSite=Strict Secure session, then the console', async () => {
    idp.nextUser = { sub: 'auditor-wang', role: 'auditor', name: '审计员演乙' };
    const { callback } = await throughProvider();
    expect(callback.status).toBe(200);
    const set = cookiesOf(callback);
    const session = set.find((c) => c.startsWith(`${SESSION}=`))!;
    expect(session).toMatch(/; Path=\/; HttpOnly; SameSite=Strict; Secure; Max-Age=\d+/);
    // the code was redeemed with the verifier behind the challenge (the provider checked it)
    expect(idp.tokenRequests.at(-1)?.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    const home = await fetch(`${gw.url}/console`, { headers: { cookie: `${SESSION}=${valueOf(set, SESSION)}` } });
    expect(home.status).toBe(200);
    const page = await home.text();
    expect(page).toContain('检索访问日志');
    expect(page).toContain('审计员演乙');
  });

  it('the same callback replayed is refused: a sign-in is used once', async () => {
    idp.nextUser = { sub: 'auditor-wang', role: 'auditor' };
    const { callback, callbackUrl, oidcCookie } = await throughProvider();
    expect(callback.status).toBe(200);
    const again = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie: `console_oidc=${oidcCookie}` } });
    expect(again.status).toBe(400);
    expect(valueOf(cookiesOf(again), SESSION)).toBeUndefined();
  });

  it('a callback planted in another browser (no matching state cookie) is refused: no login CSRF', async () => {
    idp.nextUser = { sub: 'attacker', role: 'auditor' };
    const start = await fetch(`${gw.url}/console/oidc/start`, { redirect: 'manual' });
    const back = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const victim = await fetch(back.headers.get('location')!, { redirect: 'manual' });
    expect(victim.status).toBe(400);
    expect(await victim.text()).toContain('did not start here');
    expect(valueOf(cookiesOf(victim), SESSION)).toBeUndefined();
  });

  it('a county platform account is refused with a page that says so, and gets no session', async () => {
    idp.nextUser = { sub: 'platform-qufu', role: 'county_platform', county: '370881' };
    const { callback } = await throughProvider();
    expect(callback.status).toBe(403);
    expect(await callback.text()).toContain('not auditor');
    expect(valueOf(cookiesOf(callback), SESSION)).toBeUndefined();
  });

  it('the development sign-in and the IDE are absent: 404, the gateway’s JSON shape for the IDE', async () => {
    const dev = await fetch(`${gw.url}/console/dev-sign-in`, {
      method: 'POST',
      headers: { origin: gw.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'subject=x&role=auditor',
      redirect: 'manual',
    });
    expect(dev.status).toBe(404);
    expect(valueOf(cookiesOf(dev), SESSION)).toBeUndefined();
    const signIn = await (await fetch(`${gw.url}/console/sign-in`)).text();
    expect(signIn).not.toContain('dev-sign-in');
    expect(signIn).toContain('/console/oidc/start');

    const ide = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(ide.status).toBe(404);
    expect(ide.headers.get('content-type')).toMatch(/application\/json/);
    // the very answer an unknown path gets
    const unknown = await fetch(`${gw.url}/no-such-path`);
    expect(await ide.json()).toEqual(await unknown.json());
    for (const path of ['/graphql/ide/graphiql.js', '/graphql/ide/examples.json'])
      expect((await fetch(`${gw.url}${path}`)).status).toBe(404);
    const mint = await fetch(`${gw.url}/graphql/ide/token`, { method: 'POST', headers: { origin: gw.url }, body: '{"role":"admin"}' });
    expect(mint.status).toBe(404);
  });
});

describe('development: the sign-in page, CSRF, and the IDE token minter', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({ isolation: isolationName('console_dev'), env: { DATABASE_URL } });
  }, 60_000);
  afterAll(async () => gw?.close());

  const form = (body: Record<string, string>, origin: string | null, cookie?: string) =>
    fetch(`${gw.url}/console/dev-sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(origin ? { origin } : {}),
        ...(cookie ? { cookie } : {}),
      },
      body: new URLSearchParams(body).toString(),
    });

  async function signedIn(): Promise<{ cookie: string; csrf: string }> {
    const res = await form({ subject: 'auditor-zhao', role: 'auditor' }, gw.url);
    expect(res.status).toBe(303);
    const cookie = `console_session=${valueOf(cookiesOf(res), 'console_session')}`;
    const page = await (await fetch(`${gw.url}/console`, { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    return { cookie, csrf };
  }

  it('a sign-in form posted from another site, or with no Origin, makes no session', async () => {
    for (const origin of ['https://evil.example', null]) {
      const res = await form({ subject: 'auditor-zhao', role: 'auditor' }, origin);
      expect(res.status).toBe(403);
      expect(valueOf(cookiesOf(res), 'console_session')).toBeUndefined();
    }
  });

  it('a state-changing POST without the session’s token, or from another origin, is refused and records nothing', async () => {
    const { cookie, csrf } = await signedIn();
    const before = await (await gw.app.audit.accessLogs({ action: 'EXPORT_LOG' }, { first: 10 })).totalCount();
    const post = (body: Record<string, string>, origin: string) =>
      fetch(`${gw.url}/console/export.csv`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin, cookie },
        body: new URLSearchParams(body).toString(),
      });
    expect((await post({ q: '' }, gw.url)).status).toBe(403);
    expect((await post({ q: '', csrf: 'x'.repeat(43) }, gw.url)).status).toBe(403);
    expect((await post({ q: '', csrf }, 'https://evil.example')).status).toBe(403);
    expect(await (await gw.app.audit.accessLogs({ action: 'EXPORT_LOG' }, { first: 10 })).totalCount()).toBe(before);
    const ok = await post({ q: 'outcome=DENIED', csrf }, gw.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    await ok.text();
    expect(await (await gw.app.audit.accessLogs({ action: 'EXPORT_LOG' }, { first: 10 })).totalCount()).toBe(before! + 1);
  });

  it('a forged or signed-out session cookie gets the sign-in page; sign-out ends the session on the server', async () => {
    for (const cookie of ['console_session=' + 'A'.repeat(43), 'console_session=../../etc', '']) {
      const res = await fetch(`${gw.url}/console/search?outcome=ALLOWED`, { redirect: 'manual', headers: { cookie } });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/console/sign-in');
    }
    const { cookie, csrf } = await signedIn();
    const out = await fetch(`${gw.url}/console/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: gw.url, cookie },
      body: `csrf=${encodeURIComponent(csrf)}`,
    });
    expect(out.status).toBe(303);
    // the old cookie, replayed: the server forgot the session
    const replay = await fetch(`${gw.url}/console`, { redirect: 'manual', headers: { cookie } });
    expect(replay.headers.get('location')).toBe('/console/sign-in');
  });

  it('a malformed or unknown path under the console is "not found", never "the store is down"', async () => {
    const { cookie } = await signedIn();
    for (const path of ['/console/entry/%E0%A4%A/1', '/console/application/370811/%ZZ', '/console/entry/nochain/99', '/console/nothing']) {
      const res = await fetch(`${gw.url}${path}`, { headers: { cookie } });
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('未找到');
    }
  });

  it('a session lapses after 30 idle minutes, and 8 hours after sign-in however busy (injected clock)', async () => {
    let now = Date.now();
    const store = createConsoleSessionStore(gw.app.sql, () => now);
    const who = { subject: 'auditor-clock', role: 'auditor' as const, county: null, displayName: null, via: 'development' as const };
    const idle = await store.create(who);
    now += 29 * 60_000;
    expect(await store.get(idle.id)).not.toBeNull();
    now += 29 * 60_000; // 58 minutes in, but only 29 since the last request
    expect(await store.get(idle.id)).not.toBeNull();
    now += 31 * 60_000;
    expect(await store.get(idle.id)).toBeNull();

    const busy = await store.create(who);
    const started = now;
    while (now - started < 8 * 3600_000 - 20 * 60_000) {
      now += 20 * 60_000;
      expect(await store.get(busy.id)).not.toBeNull();
    }
    now = started + 8 * 3600_000 + 1000;
    expect(await store.get(busy.id)).toBeNull();
  });

  it('the session table holds a hash of the cookie, never the cookie', async () => {
    const { cookie } = await signedIn();
    const id = cookie.split('=')[1]!;
    const { rows } = await gw.app.sql.query<{ id_hash: string }>('SELECT id_hash FROM console_session');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.id_hash === id)).toBe(false);
  });

  it('GET /graphql as a page is the IDE; the minter refuses other origins and bad claims, and its token works', async () => {
    const page = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/graphql/ide/graphiql.js');
    // a GraphQL GET by an API client is still GraphQL
    const api = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json' } });
    expect(api.status).toBe(401);

    const mint = (body: unknown, origin = gw.url) =>
      fetch(`${gw.url}/graphql/ide/token`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await mint({ role: 'auditor' }, 'https://evil.example')).status).toBe(403);
    const noCounty = await mint({ role: 'county_platform' });
    expect(noCounty.status).toBe(400);
    expect(await noCounty.json()).toMatchObject({ field: 'county' });
    const noId = await mint({ role: 'applicant' });
    expect(await noId.json()).toMatchObject({ field: 'idNumber' });
    const ok = await mint({ role: 'auditor' });
    expect(ok.status).toBe(200);
    const { token } = (await ok.json()) as { token: string };
    const r = await gw.graphql('{ auditIntegrity { ok } }', {}, { token });
    expect(r.body.data?.auditIntegrity.ok).toBe(true);
  });
});
