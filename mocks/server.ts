// The mock departments as a real HTTP server (`npm run mocks`, and inside `npm start`):
// the very handlers the tests intercept in process, answered over a socket through msw's
// getResponse, so what a developer pokes at by hand is what the tests test.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type HttpHandler } from 'msw';
import type { Dataset } from '../src/evidence/records';
import { listen } from '../src/lifecycle';
import { builtinScenarioSummaries } from './data/families';
import { MockDepartments, type MockOptions } from './departments';
import { departmentHandlers } from './handlers/index';

export interface MockServer {
  url: string;
  mock: MockDepartments;
  server: Server;
  close(): Promise<void>;
}

export async function startMockServer(
  opts: { port: number; host?: string; dataset: Dataset; builtin: boolean } & MockOptions,
): Promise<MockServer> {
  const mock = new MockDepartments(opts.dataset, opts);
  // built once, as the data set was: the same school year's families for as long as it runs
  const summaries = opts.builtin ? builtinScenarioSummaries() : [];
  const handlers: HttpHandler[] = departmentHandlers(mock, () => summaries);
  const handlersFor = byPathSegment(handlers);
  const host = opts.host ?? '127.0.0.1';

  const server = createServer(async (req, res) => {
    try {
      const request = await toFetchRequest(req, res, host);
      const response =
        (await getResponse(handlersFor(req.url ?? '/'), request)) ?? Response.json({ error: 'no such endpoint' }, { status: 404 });
      res.statusCode = response.status;
      response.headers.forEach((value, key) => res.setHeader(key, value));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch {
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    }
  });
  server.keepAliveTimeout = 30_000;
  await listen(server, opts.port, host, { what: 'mock departments', portSetting: 'MOCK_PORT', hostSetting: 'MOCK_HOST' });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    mock,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The handlers a path can match, by the department (or `__mock`) segment of their paths: msw
 * tries its handlers one by one, each parsing the request, so trying them all cost a police call
 * 575 µs of CPU against 326 µs for police's own (a timing script). Every handler's path is a
 * wildcard, then its segment, then the rest; a path naming no known segment is tried against all.
 */
function byPathSegment(handlers: HttpHandler[]): (url: string) => HttpHandler[] {
  const groups = new Map<string, HttpHandler[]>();
  for (const h of handlers) {
    const segment = /^\*\/([^/]+)\//.exec(String(h.info.path))?.[1];
    if (!segment) return () => handlers;
    groups.set(segment, [...(groups.get(segment) ?? []), h]);
  }
  return (url) => {
    for (const part of url.split('?', 1)[0]!.split('/')) {
      const group = groups.get(part);
      if (group) return group;
    }
    return handlers;
  };
}

async function toFetchRequest(req: IncomingMessage, res: ServerResponse, host: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  // a caller that hangs up mid-answer aborts the handler's wait (latency faults); listening on
  // the response, not the keep-alive socket, adds one listener per request and drops it after
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return new Request(`http://${req.headers.host ?? host}${req.url ?? '/'}`, {
    method: req.method,
    headers,
    body: body && req.method !== 'GET' && req.method !== 'HEAD' ? body : undefined,
    signal: controller.signal,
  });
}
