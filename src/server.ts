// Apollo Server 5 on Node's own HTTP server: four routes need no framework, and owning
// the request loop lets us authenticate before GraphQL runs, cap body size, and write one
// log line per request with what it cost.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import type { App } from './app';
import { createConsole, type Console } from './console/index';
import { createIde, type Ide } from './console/ide';
import { buildContext, type GatewayContext } from './context';
import { errorCodeOf, RateLimitedError, UnauthenticatedError } from './errors';
import { queryProtection, QUERY_TOO_COMPLEX_MESSAGE, TOKEN_LIMIT_MESSAGE } from './resilience/armor';
import { createRateLimiter } from './resilience/redisRateLimit';
import type { RateLimiter } from './resilience/subjectRateLimit';

/** Larger bodies are refused before parsing: no legitimate query comes near it. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface Gateway {
  url: string;
  server: Server;
  apollo: ApolloServer<GatewayContext>;
  /** stop accepting, let in-flight requests finish (cut after drainMs, default SHUTDOWN_DRAIN_MS), stop Apollo */
  stop(drainMs?: number): Promise<void>;
}

/** Per-server state the request loop reads. */
interface ServerState {
  limiter: RateLimiter;
  draining: boolean;
  /** the auditor console at /console */
  console: Console;
  /** the GraphQL IDE at GET /graphql (text/html); undefined in production */
  ide: Ide | undefined;
}

/** Messages graphql-js writes with the offending value in them ("got invalid value …"). */
const ECHOED_VALUE = /(got invalid value|Expected value of type "[^"]+", found|cannot represent[^:]*:?)\s.*?(;|$)/gis;

/** Apollo's own request-level codes, passed through as they are (their messages are graphql-js's). */
const APOLLO_CODES_PASSED = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'BAD_USER_INPUT']);

/** Only our own codes, no stack, no echoed values; anything unexpected becomes a plain internal error. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // graphql-js's own token limit is a parse error carrying the limit: answered as the others are
  if (TOKEN_LIMIT_MESSAGE.test(formatted.message)) {
    return { message: QUERY_TOO_COMPLEX_MESSAGE, extensions: { code: 'QUERY_TOO_COMPLEX' } };
  }
  const apolloCode = formatted.extensions?.code;
  const known = errorCodeOf(error) ?? (typeof apolloCode === 'string' && APOLLO_CODES_PASSED.has(apolloCode) ? apolloCode : undefined);
  if (!known || known === 'INTERNAL_SERVER_ERROR') {
    return {
      message: 'Internal error; quote the requestId to the operator.',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  const extensions: Record<string, unknown> = { code: known };
  for (const key of ['department', 'argumentName', 'retryAfterSeconds'] as const) {
    if (formatted.extensions?.[key] !== undefined) extensions[key] = formatted.extensions[key];
  }
  const message = formatted.message.replace(ECHOED_VALUE, (_m, lead: string, end: string) => `${lead.split(' ')[0]} invalid value${end}`);
  return { message, locations: formatted.locations, path: formatted.path, extensions };
}

function requestLogPlugin(app: App): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async didEncounterErrors(rc) {
          for (const err of rc.errors) {
            const code = errorCodeOf(err) ?? (err.extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
            app.metrics.errors.inc({ code });
            if (!errorCodeOf(err) && !err.extensions?.code?.toString().startsWith('GRAPHQL_')) {
              // the unknown error's own message may hold data: log its class and path only
              rc.contextValue.logger.error(
                { err: { type: err.originalError?.name ?? err.name, path: err.path?.join('.') } },
                'unexpected error',
              );
            }
          }
        },
        async willSendResponse(rc: GraphQLRequestContextWillSendResponse<GatewayContext>) {
          const ms = performance.now() - started;
          const errors = rc.errors ?? (rc.response.body.kind === 'single' ? rc.response.body.singleResult.errors : undefined) ?? [];
          const outcome = errors.length === 0 ? 'ok' : 'errors';
          app.metrics.requests.inc({ outcome });
          app.metrics.requestDuration.observe(ms / 1000);
          const { viewer, evidence } = rc.contextValue;
          rc.contextValue.logger.info(
            {
              role: viewer.role,
              county: viewer.county,
              operationName: rc.operationName ?? null,
              durationMs: Math.round(ms),
              outcome,
              errorCodes: [
                ...new Set(errors.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'INTERNAL_SERVER_ERROR'))),
              ],
              departmentsCalled: [...evidence.departmentsCalled],
              cacheHits: evidence.cacheHits,
            },
            'request',
          );
        },
      };
    },
  };
}

export async function startGateway(
  app: App,
  opts: {
    port: number;
    host: string;
    plugins?: ApolloServerPlugin<GatewayContext>[];
    /** query protection; off only to measure its cost */ armor?: boolean;
  },
): Promise<Gateway> {
  const protection =
    opts.armor === false ? undefined : queryProtection(undefined, (rule) => app.logger.info({ rule }, 'query refused as too complex'));
  const apollo = new ApolloServer<GatewayContext>({
    schema: app.schema,
    introspection: !app.config.production,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    allowBatchedHttpRequests: false,
    formatError,
    validationRules: protection?.validationRules ?? [],
    ...(protection ? { parseOptions: protection.parseOptions } : {}),
    // cache-control hints are never used (responses are per caller): its per-field hook is pure cost
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's own landing page loads from a CDN: the IDE is ours (src/console/ide.ts)
      ApolloServerPluginLandingPageDisabled(),
      requestLogPlugin(app),
      ...(protection?.plugins ?? []),
      ...(opts.plugins ?? []),
    ],
  });
  const state: ServerState = {
    limiter: createRateLimiter(app.config, app.logger),
    draining: false,
    console: createConsole(app),
    ide: createIde(app),
  };
  await apollo.start();

  const server = createServer((req, res) => {
    handle(app, apollo, state, req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host}:${port}`;

  return {
    url,
    server,
    apollo,
    async stop(drainMs = app.config.shutdownDrainMs) {
      // stop accepting, let in-flight requests finish, then drop idle keep-alive sockets;
      // whatever is still running after drainMs is cut so shutdown is bounded
      state.draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // a keep-alive socket goes idle when its last response is written: close it then, not at keepAliveTimeout
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      sweep.unref();
      const cut = setTimeout(() => {
        app.logger.warn({ drainMs }, 'drain timeout: closing connections with requests in flight');
        server.closeAllConnections();
      }, drainMs);
      cut.unref();
      await closed;
      clearTimeout(cut);
      clearInterval(sweep);
      await Promise.allSettled([apollo.stop(), state.limiter.close()]);
    },
  };
}

async function handle(
  app: App,
  apollo: ApolloServer<GatewayContext>,
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://gateway.local');
  // a keep-alive client learns with this answer that the connection ends with it
  if (state.draining) res.setHeader('connection', 'close');
  if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
  if (url.pathname === '/readyz') return readiness(app, state, res);
  if (url.pathname === '/metrics' && req.method === 'GET') {
    res.writeHead(200, { 'content-type': app.metrics.registry.contentType });
    res.end(await app.metrics.registry.metrics());
    return;
  }
  if (await state.console.handle(req, res, url)) return;
  if (state.ide && (await state.ide.handle(req, res, url))) return;
  // the IDE is absent in production: a browser asking for it gets the unknown path's answer
  if (!state.ide && url.pathname === '/graphql' && req.method === 'GET' && url.search === '' && /text\/html/.test(req.headers.accept ?? ''))
    return sendJson(res, 404, { error: 'not found' });
  if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'not found' });
  if (req.method !== 'POST' && req.method !== 'GET') {
    res.setHeader('allow', 'GET, POST');
    return sendJson(res, 405, { errors: [{ message: 'Use POST (or GET for queries).', extensions: { code: 'BAD_REQUEST' } }] });
  }

  const requestId = validRequestId(req.headers['x-request-id']) ?? randomUUID();
  res.setHeader('x-request-id', requestId);

  const body = await readBody(req);
  if (body === 'too_large') {
    app.metrics.errors.inc({ code: 'QUERY_TOO_COMPLEX' });
    return sendJson(res, 413, { errors: [{ message: 'The request body is too large.', extensions: { code: 'QUERY_TOO_COMPLEX' } }] });
  }

  let viewer;
  try {
    const auth = req.headers.authorization ?? '';
    const m = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(auth);
    if (!m?.[1]) throw new UnauthenticatedError();
    viewer = await app.tokens.verify(m[1]);
  } catch {
    app.metrics.errors.inc({ code: 'UNAUTHENTICATED' });
    res.setHeader('www-authenticate', 'Bearer');
    return sendJson(res, 401, { errors: [{ message: new UnauthenticatedError().message, extensions: { code: 'UNAUTHENTICATED' } }] });
  }

  // per-client rate limit, by token subject, before any GraphQL work
  const decision = await state.limiter.take(viewer.sub);
  if (!decision.allowed) {
    app.metrics.errors.inc({ code: 'RATE_LIMITED' });
    const err = new RateLimitedError(decision.retryAfterSeconds);
    res.setHeader('retry-after', String(decision.retryAfterSeconds));
    return sendJson(res, 429, {
      errors: [{ message: err.message, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: decision.retryAfterSeconds } }],
    });
  }

  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  }
  let parsedBody: unknown;
  if (req.method === 'POST' && body.length > 0) {
    try {
      parsedBody = JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, { errors: [{ message: 'The body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    }
  }
  const fresh = /^(1|true)$/i.test(String(req.headers['x-evidence-fresh'] ?? ''));
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method, headers, search: url.search, body: parsedBody },
    context: async () => buildContext(app, viewer, requestId, { fresh }),
  });
  for (const [k, v] of result.headers) res.setHeader(k, v);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
  } else {
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

/**
 * 503 naming each dependency that does not answer (CONTRACT.md): the cache, the audit store,
 * and each department whose breaker is open (it is failing fast; its fields answer null).
 * A half-open breaker is probing and not listed as failing. While draining, the gateway
 * itself is listed so a load balancer stops sending it work.
 */
async function readiness(app: App, state: ServerState, res: ServerResponse): Promise<void> {
  const failing: Record<string, string> = {};
  if (state.draining) failing.gateway = 'shutting down';
  if (!app.cache.healthy()) failing.cache = 'unreachable (serving uncached)';
  if (!app.audit.healthy()) failing.audit = 'unreachable (personal data withheld)';
  const breakers = app.guards.states();
  for (const [department, s] of Object.entries(breakers)) {
    if (s === 'open') failing[department] = 'circuit open (failing fast, probing again after BREAKER_RESET_MS)';
  }
  if (Object.keys(failing).length) return sendJson(res, 503, { status: 'unavailable', failing, breakers });
  return sendJson(res, 200, { status: 'ready', cache: app.cache.backend, breakers });
}

function validRequestId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(value) ? value : undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? 'too_large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
