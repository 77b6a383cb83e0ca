// Apollo Server 5 on Node's own HTTP server: a handful of routes need no framework, and owning
// the request loop lets us authenticate before GraphQL runs, cap body size, and write one
// log line per request with what it cost. Every error answer, GraphQL or not, has one shape:
// `{ "errors": [{ "message", "extensions": { "code" } }] }`.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type GraphQLRequestContextWillSendResponse } from '@apollo/server';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { App } from './app';
import { createConsole, type Console } from './console/index';
import { createIde, type Ide } from './console/ide';
import { buildContext, type GatewayContext } from './context';
import { schemaNamesOf, withoutCallerText } from './errorMessages';
import { errorCodeOf, RateLimitedError, UnauthenticatedError } from './errors';
import { listen } from './lifecycle';
import { personCapPlugin } from './auth/personCap';
import { queryProtection, QUERY_TOO_COMPLEX_MESSAGE, TOKEN_LIMIT_MESSAGE } from './resilience/armor';
import { createRateLimiter } from './resilience/redisRateLimit';
import type { RateLimiter } from './resilience/subjectRateLimit';

/** Larger bodies are refused before parsing: no legitimate query comes near it. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface Gateway {
  url: string;
  server: Server;
  apollo: ApolloServer<GatewayContext>;
  /**
   * stop accepting, let in-flight requests finish (cut after drainMs, default SHUTDOWN_DRAIN_MS),
   * stop Apollo; a second call waits for the first
   */
  stop(drainMs?: number): Promise<void>;
}

/** A route beside /graphql: the methods it answers and its handler. */
export interface Route {
  methods: readonly string[];
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> | void;
}

/** Per-server state the request loop reads. */
interface ServerState {
  limiter: RateLimiter;
  draining: boolean;
  routes: ReadonlyMap<string, Route>;
  /** the auditor console: every path under /console */
  console: Console;
  /** the GraphQL IDE at GET /graphql (text/html) and /graphql/ide/*; undefined in production */
  ide: Ide | undefined;
}

/** Apollo's own request-level codes, passed through as they are (their messages are graphql-js's). */
const APOLLO_CODES_PASSED = new Set([
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  // an operationName the document does not hold (an IDE sends the last one it saw)
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Only our own codes, no stack, nothing the caller sent; anything unexpected becomes a plain internal error. */
export function errorFormatter(schema: GraphQLSchema): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  const schemaNames = schemaNamesOf(schema);
  return (formatted, error) => formatError(formatted, error, schemaNames);
}

function formatError(formatted: GraphQLFormattedError, error: unknown, schemaNames: ReadonlySet<string>): GraphQLFormattedError {
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
  const message = withoutCallerText(formatted.message, schemaNames);
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
    /** more routes beside the built-in ones, by path */
    routes?: Record<string, Route>;
  },
): Promise<Gateway> {
  const protection =
    opts.armor === false
      ? undefined
      : queryProtection(undefined, (rule) => app.logger.info({ rule }, 'query refused as too complex'), {
          hideSuggestions: app.config.production,
        });
  const apollo = new ApolloServer<GatewayContext>({
    schema: app.schema,
    introspection: !app.config.production,
    includeStacktraceInErrorResponses: false,
    // "Did you mean …?" names fields a caller did not know: a help in development, a map in production
    hideSchemaDetailsFromClientErrors: app.config.production,
    // signals are the process's lifecycle's (src/lifecycle.ts): Apollo stopping itself on
    // SIGTERM first left the gateway's own stop waiting forever
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: false,
    formatError: errorFormatter(app.schema),
    validationRules: protection?.validationRules ?? [],
    ...(protection ? { parseOptions: protection.parseOptions } : {}),
    // cache-control hints are never used (responses are per caller): its per-field hook is pure cost
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's own landing page loads from a CDN: the IDE is ours (src/console/ide.ts)
      ApolloServerPluginLandingPageDisabled(),
      // a subgraph would otherwise answer a router's "apollo-federation-include-trace: ftv1" with
      // per-field timings and error texts in extensions: any caller could ask for them
      ApolloServerPluginInlineTraceDisabled(),
      requestLogPlugin(app),
      // not part of query protection: it bounds whose data one request reads, armor or not
      personCapPlugin(() => app.logger.info({ rule: 'persons' }, 'query refused: too many persons')),
      ...(protection?.plugins ?? []),
      ...(opts.plugins ?? []),
    ],
  });
  const state: ServerState = {
    limiter: createRateLimiter(app.config, app.logger),
    draining: false,
    routes: new Map(),
    console: createConsole(app),
    ide: createIde(app),
  };
  state.routes = new Map(Object.entries({ ...builtinRoutes(app, apollo, state), ...opts.routes }));
  await apollo.start();

  const server = createServer((req, res) => {
    route(state, req, res).catch(() => {
      if (!res.headersSent) sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal error.');
      else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  try {
    await listen(server, opts.port, opts.host, { what: 'gateway', portSetting: 'PORT', hostSetting: 'HOST' });
  } catch (err) {
    await Promise.allSettled([apollo.stop(), state.limiter.close()]);
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host}:${port}`;

  let stopped: Promise<void> | undefined;
  return {
    url,
    server,
    apollo,
    stop(drainMs = app.config.shutdownDrainMs) {
      stopped ??= drain(app, apollo, state, server, drainMs);
      return stopped;
    },
  };
}

/** Stop accepting, let in-flight requests finish, then drop idle keep-alive sockets; whatever is
 * still running after drainMs is cut so shutdown is bounded. */
async function drain(app: App, apollo: ApolloServer<GatewayContext>, state: ServerState, server: Server, drainMs: number): Promise<void> {
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
}

function builtinRoutes(app: App, apollo: ApolloServer<GatewayContext>, state: ServerState): Record<string, Route> {
  return {
    '/healthz': { methods: ['GET', 'HEAD'], handle: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    '/readyz': { methods: ['GET', 'HEAD'], handle: (_req, res) => readiness(app, state, res) },
    '/metrics': {
      methods: ['GET'],
      async handle(_req, res) {
        res.writeHead(200, { 'content-type': app.metrics.registry.contentType });
        res.end(await app.metrics.registry.metrics());
      },
    },
    '/graphql': { methods: ['POST', 'GET'], handle: (req, res, url) => graphql(app, apollo, state, req, res, url) },
    // the access log's signing key and latest checkpoints, public as a CT log's signed tree heads:
    // an outside monitor pins them and later runs `npm run audit:verify -- --expect` against them
    '/audit/public-key': {
      methods: ['GET'],
      handle: (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/x-pem-file; charset=utf-8', 'cache-control': 'no-store' });
        res.end(app.audit.publicKeysPem());
      },
    },
    '/audit/checkpoint': {
      methods: ['GET'],
      async handle(_req, res) {
        let checkpoints;
        try {
          checkpoints = await app.audit.latestCheckpoints();
        } catch {
          return sendError(res, 503, 'AUDIT_UNAVAILABLE', 'The access log cannot be read now; try again later.');
        }
        res.setHeader('cache-control', 'no-store');
        sendJson(res, 200, { algorithm: 'Ed25519', checkpoints });
      },
    },
  };
}

async function route(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://gateway.local');
  // a keep-alive client learns with this answer that the connection ends with it
  if (state.draining) res.setHeader('connection', 'close');
  // the console and the IDE own whole subtrees (/console/..., /graphql/ide/...) and GET /graphql as a page
  if (await state.console.handle(req, res, url)) return;
  if (state.ide && (await state.ide.handle(req, res, url))) return;
  const found = state.routes.get(url.pathname);
  const notFound = () => sendError(res, 404, 'NOT_FOUND', `No such endpoint: ${[...state.routes.keys()].join(', ')} are served here.`);
  // the IDE is absent in production: a browser asking for it gets the unknown path's answer
  if (!state.ide && url.pathname === '/graphql' && req.method === 'GET' && url.search === '' && /text\/html/.test(req.headers.accept ?? ''))
    return notFound();
  if (!found) return notFound();
  if (!found.methods.includes(req.method ?? '')) {
    res.setHeader('allow', found.methods.join(', '));
    return sendError(res, 405, 'BAD_REQUEST', `Use ${found.methods.join(' or ')} on ${url.pathname}.`);
  }
  return found.handle(req, res, url);
}

async function graphql(
  app: App,
  apollo: ApolloServer<GatewayContext>,
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  // the access log's request id is always the gateway's own: a caller choosing it could file its
  // reads under another request's id. A caller's own id is kept beside it, for correlation only.
  const requestId = randomUUID();
  res.setHeader('x-request-id', requestId);
  const correlationId = correlationIdOf(req.headers['x-request-id']);
  if (correlationId) res.setHeader('x-correlation-id', correlationId);

  const body = await readBody(req);
  if (body === 'too_large') {
    app.metrics.errors.inc({ code: 'QUERY_TOO_COMPLEX' });
    return refuseLargeBody(req, res);
  }

  let viewer;
  try {
    const auth = req.headers.authorization;
    const m = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(auth ?? '');
    if (!m?.[1]) throw new UnauthenticatedError(auth ? 'authorization is not a bearer token' : 'no bearer token');
    viewer = await app.tokens.verify(m[1]);
  } catch (err) {
    const refused = err instanceof UnauthenticatedError ? err : new UnauthenticatedError('token check failed');
    app.metrics.errors.inc({ code: 'UNAUTHENTICATED' });
    // routine (a token ran out, a client forgot it) at info; a forged, misdirected or misissued one at warn
    const routine = refused.reason === 'expired' || refused.reason === 'no bearer token';
    app.logger[routine ? 'info' : 'warn']({ requestId, correlationId, reason: refused.reason }, 'token refused');
    res.setHeader('www-authenticate', 'Bearer');
    // every failure answers alike; a developer (never production) is also told which check it was
    return sendError(res, 401, 'UNAUTHENTICATED', refused.message, app.config.production ? {} : { reason: refused.reason });
  }

  // per-client rate limit, by token subject, before any GraphQL work
  const decision = await state.limiter.take(viewer.sub);
  if (!decision.allowed) {
    app.metrics.errors.inc({ code: 'RATE_LIMITED' });
    const err = new RateLimitedError(decision.retryAfterSeconds);
    res.setHeader('retry-after', String(decision.retryAfterSeconds));
    return sendError(res, 429, 'RATE_LIMITED', err.message, { retryAfterSeconds: decision.retryAfterSeconds });
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
      return sendError(res, 400, 'BAD_REQUEST', 'The body is not valid JSON.');
    }
  }
  const fresh = /^(1|true)$/i.test(String(req.headers['x-evidence-fresh'] ?? ''));
  const result = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body: parsedBody },
    context: async () => buildContext(app, viewer, requestId, { fresh, correlationId }),
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
 * 503 naming each dependency that does not answer (docs/contract.md, "HTTP"): the cache, the audit store,
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

/** A caller's x-request-id, if it is a plain token (anything else is dropped, never repeated back). */
function correlationIdOf(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(value) ? value : undefined;
}

/**
 * The body, or 'too_large' as soon as it is known to be over MAX_BODY_BYTES: from its declared
 * length before any of it is read, or once what arrived passes the cap. The rest is never read.
 */
function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  if (Number(req.headers['content-length']) > MAX_BODY_BYTES) return Promise.resolve('too_large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(c);
      req.off('data', onData);
      req.pause();
      resolve('too_large');
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** How long a refused upload's connection stays half-open for the 413 to be read before it is cut. */
const REFUSED_BODY_LINGER_MS = 1000;

/**
 * 413, and the connection closes: reading on would let one client stream gigabytes into a
 * request already refused. The answer goes out first and the socket is half-closed so the
 * client can read it; what the client still sends is never read, and the socket is cut soon after.
 */
function refuseLargeBody(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  res.once('finish', () => {
    req.socket.end();
    setTimeout(() => req.socket.destroy(), REFUSED_BODY_LINGER_MS).unref();
  });
  sendError(res, 413, 'QUERY_TOO_COMPLEX', 'The request body is too large.');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** An error answered outside GraphQL, in the shape GraphQL's errors have. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  sendJson(res, status, { errors: [{ message, extensions: { code, ...extensions } }] });
}
