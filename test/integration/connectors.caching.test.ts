// A county platform asks for a person's social insurance while the department's pages do not
// add up to the total it announced. The field is DEPARTMENT_UNAVAILABLE, nothing is cached:
// the next request asks the department again and gets the whole history, which is then cached.
// The department here is a real HTTP server on loopback, the gateway the real one with Redis.
import { registerApplicationFor } from '../support/applications';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolationName, REDIS_URL, startTestGateway, type TestGateway } from '../support/gateway';

const QUERY = `query SI($id: String!, $purpose: Purpose!) {
  person(idNumber: $id, purpose: $purpose) { socialInsurance { period insuranceType provenance { fromCache } } }
}`;

/** A history of three months in pages of two; while `partial`, page 2 comes back empty. */
const department = { partial: true, pagesAsked: 0 };

function paymentsServer(): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { aac002List, pageNum } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { aac002List: string[]; pageNum: number };
      department.pagesAsked += 1;
      const months = pageNum === 1 ? ['202503', '202502'] : department.partial ? [] : ['202501'];
      const list = months.map((aae002) => ({
        aac002: aac002List[0],
        aac003: '张演九',
        aab004: '济宁样例物流有限公司',
        aae002,
        aae140: '110',
        aab301: '370881',
      }));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ code: '0', msg: '成功', data: { total: 3, pageNum, pageSize: 2, list } }));
    });
  });
}

let server: Server;
let gw: TestGateway;
let token: string;
let prefix: string;

beforeAll(async () => {
  server = paymentsServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  gw = await startTestGateway({
    isolation: isolationName('connectors_caching'),
    env: { REDIS_URL, HUMAN_RESOURCES_URL: `http://127.0.0.1:${port}/humanResources-stand-in` },
  });
  prefix = gw.config.cacheKeyPrefix;
  token = await gw.token({ role: 'county_platform', county: '370881', sub: 'platform-370881' });
  // the insured person is read as a guardian of an application registered for the purpose
  await registerApplicationFor(
    gw,
    token,
    {
      countyCode: '370881',
      child: { idNumber: '370881201903150015', name: '测试子' },
      guardians: [{ idNumber: '370881197506300738', name: '测试父', relation: 'FATHER' }],
    },
    { applicationId: 'APP-SI-1' },
  );
});

afterAll(async () => {
  // everything the gateway kept under this test's prefix: the cache's entries, rate-limit counters
  const raw = new Redis(REDIS_URL);
  for await (const keys of raw.scanStream({ match: `${prefix}*`, count: 1000 }) as AsyncIterable<string[]>) {
    if (keys.length) await raw.del(...keys);
  }
  await raw.quit();
  await gw?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe('a social-insurance history whose pages do not add up', () => {
  const variables = { id: '370881197506300738', purpose: { applicationId: 'APP-SI-1', countyCode: '370881' } };

  it('is DEPARTMENT_UNAVAILABLE for that field, never a shorter history', async () => {
    const { status, body } = await gw.graphql(QUERY, variables, { token });
    expect(status).toBe(200);
    expect(body.data?.person).toEqual({ socialInsurance: null });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', department: 'humanResources' });
    expect(body.errors![0].path).toEqual(['person', 'socialInsurance']);
    expect(department.pagesAsked).toBe(2);
  });

  it('is not cached: the next request asks the department again and gets the whole history, which is cached', async () => {
    department.partial = false;
    const next = await gw.graphql(QUERY, variables, { token });
    expect(next.body.errors).toBeUndefined();
    expect(department.pagesAsked).toBe(4);
    expect(next.body.data.person.socialInsurance).toEqual(
      ['2025-03', '2025-02', '2025-01'].map((period) => ({ period, insuranceType: 'PENSION', provenance: { fromCache: false } })),
    );

    // the whole history is cached as usual: the first answer would have been, had it been taken as whole
    const warm = await gw.graphql(QUERY, variables, { token });
    expect(department.pagesAsked).toBe(4);
    expect(warm.body.data.person.socialInsurance.map((p: any) => p.provenance.fromCache)).toEqual([true, true, true]);
  });
});
