// The department's API document is the one source both sides answer to. Every raw payload
// kept as a fixture (test/fixtures/<department>/) must be what the document allows, request
// and answer alike, so a fixture cannot drift from the department it stands for; and the mock
// departments, which render the contract's records back into each department's language, must
// answer a family's questions only with payloads the document allows.
import { describe, expect, it } from 'vitest';
import { loadOpenApi, type OpenApiDocument } from '../../connectors/openapi';
import { buildBuiltinDataset, builtinScenarioSummaries } from '../../mocks/data/families';
import { departmentHandlers } from '../../mocks/handlers/index';
import { DEPARTMENTS, type Department } from '../../src/evidence/kinds';
import { departmentHttp, serveMockDepartments } from './connectors.harness';
import { fixtureNames, loadFixture, type Exchange } from './connectors.fixtures';

const documents = new Map(
  DEPARTMENTS.map((d) => [d, loadOpenApi(new URL(`../../connectors/${d}/openapi.yaml`, import.meta.url).href)] as const),
);

type Json = Record<string, any>;

/** JSON pointer escaping of one segment (RFC 6901) */
const seg = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');

interface Operation {
  method: 'GET' | 'POST';
  path: string;
  /** pointer of the request body's schema, when the operation takes one */
  body?: string;
  /** query parameters: name -> pointer of its schema, and whether it is required */
  query: Map<string, { schema: string; required: boolean }>;
  /** answer status -> pointer of its JSON schema */
  responses: Map<number, string>;
}

/** The node a JSON pointer names. */
function at(doc: Json, pointer: string): any {
  return pointer
    .split('/')
    .slice(1)
    .reduce((n: any, s) => n?.[s.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
}

/** Follows one local $ref (`#/components/...`) and returns the target's pointer. */
function deref(doc: Json, pointer: string): string {
  const node = at(doc, pointer);
  return typeof node?.$ref === 'string' ? (node.$ref as string).slice(1) : pointer;
}

function operationsOf(api: OpenApiDocument): Operation[] {
  const doc = api.document as Json;
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const method of ['get', 'post'] as const) {
      const op = (item as Json)[method] as Json | undefined;
      if (!op) continue;
      const base = `/paths/${seg(path)}/${method}`;
      const query = new Map<string, { schema: string; required: boolean }>();
      ((op.parameters ?? []) as Json[]).forEach((_, i) => {
        const pointer = deref(doc, `${base}/parameters/${i}`);
        const p = at(doc, pointer) as Json;
        if (p.in === 'query') query.set(p.name as string, { schema: `${pointer}/schema`, required: p.required === true });
      });
      const responses = new Map<number, string>();
      for (const status of Object.keys(op.responses as Json)) {
        responses.set(Number(status), `${deref(doc, `${base}/responses/${status}`)}/content/application~1json/schema`);
      }
      out.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        body: op.requestBody ? `${base}/requestBody/content/application~1json/schema` : undefined,
        query,
        responses,
      });
    }
  }
  return out;
}

/** The operation of the department's document that an exchange names; throws when there is none. */
function operationFor(department: Department, method: string, path: string): Operation {
  const op = operationsOf(documents.get(department)!).find((o) => o.method === method && o.path === path);
  if (!op) throw new Error(`${method} ${path} is not in the document`);
  return op;
}

/** Throws, naming the part at fault, when the request is not what the document allows. */
function checkRequest(department: Department, request: Exchange['request']): void {
  const api = documents.get(department)!;
  const op = operationFor(department, request.method, request.path);
  if (op.body) api.validatorAt(op.body, 'request body')(request.body);
  else if (request.body !== undefined) throw new Error('the operation takes no body');
  const query = request.query ?? {};
  for (const [name, value] of Object.entries(query)) {
    const param = op.query.get(name);
    if (!param) throw new Error(`query parameter ${name} is not in the document`);
    api.validatorAt(param.schema, `query parameter ${name}`)(value);
  }
  for (const [name, { required }] of op.query) if (required && !(name in query)) throw new Error(`query parameter ${name} is missing`);
}

/** Throws, naming the part at fault, when the exchange is not what the document allows. */
function checkExchange(department: Department, { request, response }: Exchange): void {
  checkRequest(department, request);
  const schema = operationFor(department, request.method, request.path).responses.get(response.status);
  if (!schema) throw new Error(`status ${response.status} is not an answer of ${request.method} ${request.path}`);
  documents.get(department)!.validatorAt(schema, `answer ${response.status}`)(response.body);
}

describe('raw department payloads kept as fixtures', () => {
  it('exist for every department', () => {
    for (const d of DEPARTMENTS) expect(fixtureNames(d).length, d).toBeGreaterThan(0);
  });

  for (const department of DEPARTMENTS) {
    it(`${department}: every exchange is what connectors/${department}/openapi.yaml allows`, () => {
      for (const name of fixtureNames(department)) {
        const fixture = loadFixture(department, name);
        expect(fixture.exchanges.length, name).toBeGreaterThan(0);
        fixture.exchanges.forEach((exchange, i) => {
          expect(() => checkExchange(department, exchange), `${name}, exchange ${i + 1}`).not.toThrow();
        });
      }
    });
  }

  it('a fixture that drifts from its document is caught, in the answer and in the request', () => {
    const good = loadFixture('police', 'households').exchanges[0]!;
    expect(() => checkExchange('police', good)).not.toThrow();
    const answer = structuredClone(good);
    (answer.response.body as Json).data.records[0].csrq = '1986-04-12';
    expect(() => checkExchange('police', answer)).toThrow(/answer 200 at \/data\/records\/0\/csrq/);
    const request = structuredClone(good);
    (request.request.body as Json).sfzhList = Array.from({ length: 21 }, () => '370811198604120111');
    expect(() => checkExchange('police', request)).toThrow(/request body/);
    const path = structuredClone(good);
    path.request.path = '/v1/hjxx/query';
    expect(() => checkExchange('police', path)).toThrow(/not in the document/);
  });
});

type Ask = { body?: unknown; query?: Record<string, string> };

/** How a family's questions are put to each operation of each document, and where its answer holds the records. */
const OPERATIONS: Record<string, { ask: (ids: string[]) => Ask[]; records: (answer: Json) => unknown[] }> = {
  'police POST /v1/hjxx/batch': { ask: (ids) => [{ body: { sfzhList: ids } }], records: (a) => a.data.records },
  'police POST /v1/jzz/batch': { ask: (ids) => [{ body: { sfzhList: ids } }], records: (a) => a.data.records },
  'civilAffairs POST /marriage/batch-query': {
    ask: (ids) => [{ body: { zjhmList: ids } }],
    records: (a) => a.result.flatMap((r: Json) => r.records),
  },
  'humanResources POST /si/v2/payments': {
    ask: (ids) => [{ body: { aac002List: ids, pageNum: 1, pageSize: 500 } }],
    records: (a) => a.data.list,
  },
  'naturalResources POST /api/bdc/query': { ask: (ids) => [{ body: { idNumbers: ids, pageNo: 1, pageSize: 50 } }], records: (a) => a.list },
  'housing POST /open/v2/sale_contracts/query': {
    ask: (ids) => [{ body: { cert_type: '111', cert_nos: ids } }],
    records: (a) => a.data.results.flatMap((r: Json) => r.records),
  },
  'housing POST /open/v2/lease_filings/query': {
    ask: (ids) => [{ body: { cert_type: '111', cert_nos: ids } }],
    records: (a) => a.data.results.flatMap((r: Json) => r.records),
  },
  'housing POST /open/v2/affordable_housing/query': {
    ask: (ids) => [{ body: { cert_type: '111', cert_nos: ids } }],
    records: (a) => a.data.results.flatMap((r: Json) => r.records),
  },
  'health GET /birth-certificates': { ask: (ids) => ids.map((parentIdNumber) => ({ query: { parentIdNumber } })), records: (a) => a.data },
  'marketRegulation POST /gsxx/gtgsh/query': { ask: (ids) => [{ body: { jyzsfzhList: ids } }], records: (a) => a.items },
  'marketRegulation POST /gsxx/qyfr/query': { ask: (ids) => [{ body: { fddbrsfzhList: ids } }], records: (a) => a.items },
};

describe("the mock departments' answers", () => {
  const { mock } = serveMockDepartments(buildBuiltinDataset().dataset, (m) => departmentHandlers(m));

  it('cover every operation of every document', () => {
    const published = DEPARTMENTS.flatMap((d) => operationsOf(documents.get(d)!).map((o) => `${d} ${o.method} ${o.path}`));
    expect(Object.keys(OPERATIONS).sort()).toEqual(published.sort());
  });

  it("validate against the department's document for every named family, and carry the family's records", async () => {
    const families = builtinScenarioSummaries();
    expect(families.length).toBeGreaterThan(10);
    // records seen per operation over all families: an operation that only ever answered empty lists proved little
    const seen = new Map<string, number>();
    for (const family of families) {
      const ids = [family.idNumbers.child, ...family.idNumbers.guardians];
      for (const department of DEPARTMENTS) {
        const api = documents.get(department)!;
        const http = departmentHttp(department);
        for (const op of operationsOf(api)) {
          const key = `${department} ${op.method} ${op.path}`;
          const { ask, records } = OPERATIONS[key]!;
          for (const question of ask(ids)) {
            checkRequest(department, { method: op.method, path: op.path, ...question });
            // a body the document does not allow fails this call as 'malformed'
            const answer = await http.call({
              operation: key,
              method: op.method,
              path: op.path,
              ...question,
              parse: api.validatorAt<Json>(op.responses.get(200)!, `${key} answer`),
            });
            seen.set(key, (seen.get(key) ?? 0) + records(answer).length);
          }
        }
      }
    }
    for (const key of Object.keys(OPERATIONS)) expect(seen.get(key), key).toBeGreaterThan(0);
    for (const d of DEPARTMENTS) expect(mock.stats[d].requests, d).toBeGreaterThan(0);
  });
});
