// Raw department payloads for the connector tests: test/fixtures/<department>/*.json, each a
// list of exchanges (what the connector must ask, what the department answers) written in the
// department's own language as its connectors/<department>/openapi.yaml defines it. Served
// through msw, they test a connector's mapping against the department's payload itself, not
// against the mock's rendering of the same mapping (a mistake made on both sides passes that).
import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { expect, it } from 'vitest';
import type { SetupServer } from 'msw/node';
import { DEV_APP_KEY, devDepartmentSecret } from '../../connectors/devCredentials';
import { verifySignature } from '../../connectors/signing';
import type { Department } from '../../src/evidence/kinds';

export const FIXTURES_DIR = new URL('../fixtures/', import.meta.url);

export interface FixtureRequest {
  method: 'GET' | 'POST';
  /** the path as the department's document names it, without the department's prefix */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

export interface Exchange {
  request: FixtureRequest;
  response: { status: number; headers?: Record<string, string>; body: unknown };
}

export interface Fixture {
  description: string;
  exchanges: Exchange[];
}

export function fixtureNames(department: Department): string[] {
  return readdirSync(new URL(`${department}/`, FIXTURES_DIR))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export function loadFixture(department: Department, name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`${department}/${name}.json`, FIXTURES_DIR), 'utf8')) as Fixture;
}

export interface ServedFixture {
  handlers: HttpHandler[];
  /** how many times each exchange was answered, in the fixture's order */
  served: number[];
  /** requests no exchange matched (answered 400, never retried): a test expects none */
  unmatched: FixtureRequest[];
}

/**
 * msw handlers that answer each exchange's request, and only it: the signature must verify,
 * and the method, path, query and body must equal the fixture's (so the fixture also says
 * exactly what the connector asks: which ID numbers, in which spelling, which page).
 */
export function serveFixture(department: Department, fixture: Fixture): ServedFixture {
  const served = fixture.exchanges.map(() => 0);
  const unmatched: FixtureRequest[] = [];
  const routes = new Map<string, FixtureRequest['method']>();
  for (const { request } of fixture.exchanges) routes.set(`${request.method} ${request.path}`, request.method);

  const handlers = [...routes].map(([route, method]) => {
    const path = route.slice(method.length + 1);
    const answer = async ({ request }: { request: Request }) => {
      const url = new URL(request.url);
      const text = method === 'GET' ? '' : await request.text();
      const signed = verifySignature({
        method,
        pathWithQuery: url.pathname + url.search,
        body: text,
        headers: request.headers,
        secretFor: (appKey) => (appKey === DEV_APP_KEY ? devDepartmentSecret(department) : undefined),
      });
      if (!signed.ok) return HttpResponse.json({ error: 'signature', reason: signed.reason }, { status: 401 });
      const asked: FixtureRequest = { method, path };
      if (url.search) asked.query = Object.fromEntries(url.searchParams);
      if (text) asked.body = JSON.parse(text);
      const i = fixture.exchanges.findIndex(({ request: r }) => isDeepStrictEqual(r, asked));
      if (i < 0) {
        unmatched.push(asked);
        return HttpResponse.json({ error: 'no exchange in the fixture for this request' }, { status: 400 });
      }
      served[i]! += 1;
      const { status, headers, body } = fixture.exchanges[i]!.response;
      return HttpResponse.json(body as Record<string, unknown>, { status, headers });
    };
    const pattern = `*/${department}${path}`;
    return method === 'GET' ? http.get(pattern, answer) : http.post(pattern, answer);
  });
  return { handlers, served, unmatched };
}

/** Serves one fixture for the rest of the test (msw's runtime handlers are reset after each test). */
export function useFixture(server: SetupServer, department: Department, name: string): ServedFixture {
  const served = serveFixture(department, loadFixture(department, name));
  server.use(...served.handlers);
  return served;
}

/**
 * The questions every connector must answer alike for an ID number whose check character is X
 * (GB 11643: upper case, though people and some registers write x): asked with x, the
 * department is asked with X and the answer comes back under the x that was asked; asked both
 * ways in one batch, the department is asked once and both spellings get the same records.
 * `fixture` answers the request for `idNumber` alone.
 */
export function itAnswersEitherSpellingOfX<R>(o: {
  server: SetupServer;
  department: Department;
  fixture: string;
  idNumber: string;
  fetch: (idNumbers: string[]) => Promise<Map<string, R[]>>;
  expected: R[];
}): void {
  if (!/^\d{17}X$/.test(o.idNumber)) throw new Error('itAnswersEitherSpellingOfX: the ID number must end in X');
  const lower = `${o.idNumber.slice(0, 17)}x`;

  it('asks with X for a person asked with x, and answers under the x that was asked', async () => {
    const fixture = useFixture(o.server, o.department, o.fixture);
    const result = await o.fetch([lower]);
    expect(fixture.unmatched).toEqual([]);
    expect(fixture.served.reduce((a, b) => a + b, 0)).toBe(1);
    expect([...result.keys()]).toEqual([lower]);
    expect(result.get(lower)).toStrictEqual(o.expected);
  });

  it('asks once for one person asked as x and as X in one batch, and answers both spellings alike', async () => {
    const fixture = useFixture(o.server, o.department, o.fixture);
    const result = await o.fetch([lower, o.idNumber]);
    expect(fixture.unmatched).toEqual([]);
    expect(fixture.served.reduce((a, b) => a + b, 0)).toBe(1);
    expect([...result.keys()]).toEqual([lower, o.idNumber]);
    expect(result.get(lower)).toStrictEqual(o.expected);
    expect(result.get(o.idNumber)).toStrictEqual(o.expected);
  });
}
