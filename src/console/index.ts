// The auditor console at /console: server-rendered pages over the audit service. Sign-in goes
// through the identity platform (OpenID Connect) or, outside production, a development page;
// either way the browser gets one httpOnly, SameSite=Strict cookie naming a server-side session
// (src/auth/consoleSessions.ts) and never a token.
//
// CSRF: every state-changing request is a POST that must carry the session's own token (a
// hidden form field) and an Origin header naming this gateway; the SameSite=Strict cookie is
// not even sent on a request another site starts. GET requests change nothing except the
// access log's record of what was read.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../app';
import { accessLogEntry } from '../audit/queries';
import { accessAlerts, DEFAULT_THRESHOLDS } from '../audit/alerts';
import { applicationActivity } from '../audit/activity';
import type { AccessLogFilterInput, IntegrityReport } from '../audit/index';
import { createConsoleSessionStore, SESSION_MAX_MS, SIGN_IN_TTL_MS, type ConsoleSession } from '../auth/consoleSessions';
import { ROLES, type Role } from '../auth/viewer';
import { isJiningCounty } from '../codes/regions';
import { BadUserInputError } from '../errors';
import { streamCsv } from './csv';
import type { Html } from './html';
import { createOidcSignIn, type OidcSignIn } from './oidc';
import {
  alertsPage,
  applicationPage,
  BASE,
  continuePage,
  entryPage,
  integrityPage,
  notFoundPage,
  refusedPage,
  searchPage,
  signInPage,
  storeDownPage,
  timelinePage,
  type EntryPage,
} from './pages';
import { parseBeijingTime, parseSearch, searchQuery, type FormField } from './search';

/** An auditor's page: 100 entries, as the issue of auditors asked. */
export const CONSOLE_PAGE_SIZE = 100;
const MAX_FORM_BYTES = 16 * 1024;

const staticFile = (name: string, type: string) => ({ type, body: readFileSync(new URL(`./static/${name}`, import.meta.url)) });
const STATIC: Record<string, { type: string; body: Buffer }> = {
  'console.css': staticFile('console.css', 'text/css; charset=utf-8'),
  'console.js': staticFile('console.js', 'text/javascript; charset=utf-8'),
};

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  // the console's URLs carry subject hashes: no other site learns them through a Referer
  // (same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on our own forms)
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
};

export interface Console {
  /** answers a request under /console; false when the path is not the console's */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

export interface ConsoleOptions {
  /** injected clock for session expiry (tests) */
  now?: () => number;
}

/** A path segment decoded, or null when it is not valid percent-encoding */
function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly page: Html,
  ) {
    super(`console ${status}`);
  }
}

export function createConsole(app: App, opts: ConsoleOptions = {}): Console {
  const sessions = createConsoleSessionStore(app.sql, opts.now);
  const development = !app.config.production;
  const oidc: OidcSignIn | undefined = app.config.consoleOidc ? createOidcSignIn(app.config.consoleOidc) : undefined;
  const cookieName = app.config.production ? '__Host-console_session' : 'console_session';
  const secure = app.config.production ? '; Secure' : '';
  const sessionCookie = (value: string, maxAgeSec: number) =>
    `${cookieName}=${value}; Path=${app.config.production ? '/' : BASE}; HttpOnly; SameSite=Strict${secure}; Max-Age=${maxAgeSec}`;
  const signInCookie = (value: string, maxAgeSec: number) =>
    // Lax, not Strict: it must come back on the identity platform's cross-site redirect to the callback
    `console_oidc=${value}; Path=${BASE}/oidc; HttpOnly; SameSite=Lax${secure}; Max-Age=${maxAgeSec}`;
  let lastIntegrity: IntegrityReport | null = null;
  let verifying = false;

  function send(res: ServerResponse, status: number, page: Html, headers: Record<string, string | string[]> = {}): void {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS, ...headers });
    res.end(page.value);
  }
  function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
    res.writeHead(303, { location, ...SECURITY_HEADERS, ...headers });
    res.end();
  }

  /** Origin must name this gateway: a form posted from anywhere else is refused. */
  function sameOrigin(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (typeof origin !== 'string') return false;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }

  async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
    const type = String(req.headers['content-type'] ?? '');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > MAX_FORM_BYTES) throw new HttpError(413, notFoundPage(null, '表单过大 The form is too large.'));
      chunks.push(c);
    }
    if (!type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams();
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  }

  function cookie(req: IncomingMessage, name: string): string | undefined {
    for (const part of String(req.headers.cookie ?? '').split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k === name) return v.join('=');
    }
    return undefined;
  }

  async function currentSession(req: IncomingMessage): Promise<{ id: string; session: ConsoleSession } | null> {
    const id = cookie(req, cookieName);
    if (!id) return null;
    const session = await sessions.get(id);
    return session ? { id, session } : null;
  }

  /** A POST from a signed-in auditor's own page: its session token and our Origin. */
  function checkPost(req: IncomingMessage, form: URLSearchParams, session: ConsoleSession): void {
    if (!sameOrigin(req) || form.get('csrf') !== session.csrf)
      throw new HttpError(
        403,
        notFoundPage(
          session,
          '请求未通过来源校验，请从审计台页面重新提交。The request did not come from this console’s own page; submit it again from the console.',
        ),
      );
  }

  async function startSession(
    res: ServerResponse,
    identity: { subject: string; role: Role; county: string | null; displayName: string | null; via: ConsoleSession['via'] },
    then: 'redirect' | 'continue',
  ): Promise<void> {
    const { id } = await sessions.create(identity);
    const headers = { 'set-cookie': sessionCookie(id, Math.floor(SESSION_MAX_MS / 1000)) };
    app.logger.info({ role: identity.role, via: identity.via }, 'console sign-in');
    if (then === 'redirect') redirect(res, BASE, headers);
    else send(res, 200, continuePage(BASE), { 'set-cookie': [headers['set-cookie'], signInCookie('', 0)] });
  }

  /** A page of the log; a page about a person is recorded as a search by the audit service, as GraphQL's is. */
  async function page(
    filter: AccessLogFilterInput,
    after: string | null,
    by: { session: ConsoleSession; requestId: string },
  ): Promise<EntryPage> {
    const p = await app.audit.searchAccessLogs(actor(by.session, by.requestId), filter, { first: CONSOLE_PAGE_SIZE, after });
    return {
      entries: p.edges.map((e) => e.node),
      total: await p.totalCount(),
      endCursor: p.pageInfo.endCursor,
      hasNextPage: p.pageInfo.hasNextPage,
      isFirst: !after,
    };
  }

  const actor = (session: ConsoleSession, requestId: string) => ({
    subject: session.subject,
    role: session.role,
    county: session.county,
    requestId,
  });

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';

    const asset = /^\/console\/static\/([a-z.]+)$/.exec(path);
    if (asset) {
      const file = STATIC[asset[1]!];
      if (!file) throw new HttpError(404, notFoundPage(null, '没有这个文件 No such file.'));
      res.writeHead(200, { 'content-type': file.type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' });
      res.end(file.body);
      return;
    }

    // ---------------------------------------------------------------- signing in and out
    if (path === `${BASE}/sign-in` && method === 'GET') {
      return send(res, 200, signInPage({ oidc: !!oidc, development }));
    }
    // absent in production: not refused, not there
    if (path === `${BASE}/dev-sign-in` && !development) throw new HttpError(404, notFoundPage(null, '没有这个页面 There is no such page.'));
    if (path === `${BASE}/dev-sign-in`) {
      if (method !== 'POST') return redirect(res, `${BASE}/sign-in`);
      const form = await readForm(req);
      if (!sameOrigin(req))
        throw new HttpError(403, signInPage({ oidc: !!oidc, development, error: '来源校验失败 The form did not come from this console.' }));
      const subject = (form.get('subject') ?? '').trim();
      const role = form.get('role') ?? '';
      const county = (form.get('county') ?? '').trim() || null;
      if (!/^[\x21-\x7e]{1,100}$/.test(subject) || !(ROLES as readonly string[]).includes(role))
        return send(res, 400, signInPage({ oidc: !!oidc, development, error: '用户标识或角色无效 The subject or role is not valid.' }));
      if (county !== null && !isJiningCounty(county))
        return send(res, 400, signInPage({ oidc: !!oidc, development, error: '县区代码无效 The county code is not a Jining county.' }));
      if (role !== 'auditor') return send(res, 403, refusedPage(role));
      return startSession(
        res,
        { subject, role: 'auditor', county: null, displayName: `${subject}（开发 dev）`, via: 'development' },
        'redirect',
      );
    }
    if (path === `${BASE}/oidc/start` && oidc) {
      const target = await oidc.start(async (pending) => sessions.beginSignIn(pending));
      const state = target.searchParams.get('state') ?? '';
      return redirect(res, target.toString(), { 'set-cookie': signInCookie(state, Math.floor(SIGN_IN_TTL_MS / 1000)) });
    }
    if (path === `${BASE}/oidc/callback` && oidc) {
      const state = url.searchParams.get('state') ?? '';
      const fail = (why: string) => send(res, 400, signInPage({ oidc: true, development, error: why }));
      if (url.searchParams.get('error')) return fail('身份认证平台拒绝了登录 The identity platform refused the sign-in.');
      // the state must be the one this browser was given: a callback planted from elsewhere is refused
      if (!state || cookie(req, 'console_oidc') !== state)
        return fail('登录已过期或来源不符，请重新登录 The sign-in expired or did not start here; sign in again.');
      const pending = await sessions.takeSignIn(state);
      if (!pending) return fail('登录已过期，请重新登录 The sign-in expired; sign in again.');
      let identity;
      try {
        identity = await oidc.finish(url.search, { ...pending, state });
      } catch (err) {
        app.logger.warn({ err: { type: err instanceof Error ? err.name : typeof err } }, 'console sign-in refused');
        return fail('身份认证未通过 The identity platform’s answer did not verify; sign in again.');
      }
      if (identity.role !== 'auditor')
        return send(res, 403, refusedPage(identity.role ?? '（无 none）'), { 'set-cookie': signInCookie('', 0) });
      return startSession(
        res,
        { subject: identity.subject, role: 'auditor', county: null, displayName: identity.displayName, via: 'oidc' },
        'continue',
      );
    }

    const current = await currentSession(req);
    if (path === `${BASE}/sign-out` && method === 'POST') {
      const form = await readForm(req);
      if (current) {
        checkPost(req, form, current.session);
        await sessions.end(current.id);
      }
      return redirect(res, `${BASE}/sign-in`, { 'set-cookie': sessionCookie('', 0) });
    }

    // ---------------------------------------------------------------- everything else needs an auditor
    if (!current) {
      if (method === 'GET') return redirect(res, `${BASE}/sign-in`);
      return send(res, 401, signInPage({ oidc: !!oidc, development, error: '请先登录 Sign in first.' }));
    }
    const { session } = current;
    if (session.role !== 'auditor') return send(res, 403, refusedPage(session.role));

    if (path === BASE && method === 'GET') return send(res, 200, searchPage(session, null, null));

    if (path === `${BASE}/search` && method === 'POST') {
      const form = await readForm(req);
      checkPost(req, form, session);
      const search = parseSearch(form, app.subjectHash, true);
      if (Object.keys(search.errors).length > 0) return send(res, 200, searchPage(session, search, null));
      // the search by a person is recorded when its page is read (GET below), before any result is shown
      return redirect(res, `${BASE}/search?${searchQuery(search.values)}`);
    }
    if (path === `${BASE}/search` && method === 'GET') {
      const search = parseSearch(url.searchParams, app.subjectHash, false);
      if (Object.keys(search.errors).length > 0) return send(res, 200, searchPage(session, search, null));
      return send(res, 200, searchPage(session, search, await page(search.filter, url.searchParams.get('after'), { session, requestId })));
    }

    const entry = /^\/console\/entry\/([^/]+)\/(\d{1,15})$/.exec(path);
    if (entry && method === 'GET') {
      const chainId = decoded(entry[1]!);
      const e = chainId === null ? null : await accessLogEntry(app.audit.sql, chainId, Number(entry[2]));
      if (!e) throw new HttpError(404, notFoundPage(session, '没有这条记录 There is no such entry.'));
      return send(res, 200, entryPage(session, e));
    }

    const person = /^\/console\/person\/([0-9a-f]{64})$/.exec(path);
    if (person && method === 'GET') {
      return send(
        res,
        200,
        timelinePage(session, person[1]!, await page({ subjectHash: person[1]! }, url.searchParams.get('after'), { session, requestId })),
      );
    }

    const application = /^\/console\/application\/(\d{6})\/([^/]{1,200})$/.exec(path);
    if (application && method === 'GET') {
      const countyCode = application[1]!;
      const applicationId = decoded(application[2]!);
      if (applicationId === null || !isJiningCounty(countyCode) || applicationId.length > 64)
        throw new HttpError(404, notFoundPage(session, '申请编号或县区代码无效 Not a valid application.'));
      const activity = await applicationActivity(app.audit.sql, applicationId, countyCode);
      const reads = await page({ applicationId, countyCode }, url.searchParams.get('after'), { session, requestId });
      // the registered record beside its reads: members by hash and kind, status, expiry
      const record = await app.applications.get(applicationId, countyCode);
      return send(res, 200, applicationPage(session, { applicationId, countyCode }, activity, reads, record, app.now()));
    }

    if (path === `${BASE}/integrity` && method === 'GET') return send(res, 200, integrityPage(session, lastIntegrity, verifying));
    if (path === `${BASE}/integrity/verify` && method === 'POST') {
      checkPost(req, await readForm(req), session);
      verifying = true;
      try {
        lastIntegrity = await app.audit.integrity();
      } finally {
        verifying = false;
      }
      return redirect(res, `${BASE}/integrity`);
    }

    if (path === `${BASE}/alerts` && method === 'GET') {
      const errors: Partial<Record<FormField, string>> = {};
      const now = Date.now();
      const fromText = url.searchParams.get('from')?.trim() ?? '';
      const toText = url.searchParams.get('to')?.trim() ?? '';
      const from = fromText ? parseBeijingTime(fromText, false) : new Date(now - 24 * 3600_000).toISOString();
      const to = toText ? parseBeijingTime(toText, true) : new Date(now + 60_000).toISOString();
      if (!from) errors.from = '起始时间格式不正确：应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM From must be YYYY-MM-DD or YYYY-MM-DD HH:MM.';
      if (!to) errors.to = '截止时间格式不正确：应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM To must be YYYY-MM-DD or YYYY-MM-DD HH:MM.';
      const window = { from: from ?? new Date(now - 24 * 3600_000).toISOString(), to: to ?? new Date(now).toISOString() };
      const alerts = await accessAlerts(app.audit.sql, window, DEFAULT_THRESHOLDS);
      return send(res, 200, alertsPage(session, alerts, { from: fromText, to: toText }, errors));
    }

    if (path === `${BASE}/export.csv` && method === 'POST') {
      const form = await readForm(req);
      checkPost(req, form, session);
      const search = parseSearch(new URLSearchParams(form.get('q') ?? ''), app.subjectHash, false);
      if (Object.keys(search.errors).length > 0) return send(res, 200, searchPage(session, search, null));
      // the export is recorded before its first line leaves, like any read of the log
      await app.audit.recordAct({
        action: 'EXPORT_LOG',
        by: actor(session, requestId),
        subjectHash: search.filter.subjectHash ?? null,
        reason: `console CSV export: ${JSON.stringify(search.values)}`,
      });
      const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="access-log-${stamp}Z.csv"`,
      });
      try {
        const rows = await streamCsv(res, app.audit, search.filter);
        app.logger.info({ requestId, rows }, 'console export');
        res.end();
      } catch (err) {
        // the header is gone: cut the download so it shows as failed rather than complete
        app.logger.error({ requestId, err: { type: err instanceof Error ? err.name : typeof err } }, 'console export failed');
        res.destroy();
      }
      return;
    }

    throw new HttpError(404, notFoundPage(session, '没有这个页面 There is no such page.'));
  }

  return {
    async handle(req, res, url) {
      if (url.pathname !== BASE && !url.pathname.startsWith(`${BASE}/`)) return false;
      const requestId = randomUUID();
      res.setHeader('x-request-id', requestId);
      try {
        await route(req, res, url, requestId);
      } catch (err) {
        if (res.headersSent) {
          res.destroy();
        } else if (err instanceof HttpError) {
          send(res, err.status, err.page);
        } else if (err instanceof BadUserInputError) {
          send(res, 400, notFoundPage(null, `${err.message}`));
        } else {
          // the database did not answer (or something unexpected): say so, never an empty table
          app.logger.error({ requestId, err: { type: err instanceof Error ? err.name : typeof err } }, 'console: audit store unavailable');
          send(res, 503, storeDownPage(null, requestId));
        }
      }
      return true;
    },
  };
}
