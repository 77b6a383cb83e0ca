// The mock departments require signed calls as the real ones do. The benchmark's mock server
// may let a generic gateway (which cannot sign) call under /peer/; `npm start`'s and
// `npm run mocks`' departments must not, whatever path a caller dresses an unsigned call in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBuiltinDataset } from '../../mocks/data/families';
import { startMockServer, type MockServer } from '../../mocks/server';

const body = (ids: string[]) => JSON.stringify({ sfzhList: ids });
const headers = { 'content-type': 'application/json', 'x-timestamp': String(Date.now()), 'x-nonce': 'feedfacecafebeef' };

describe('unsigned calls to the mock departments', () => {
  let plain: MockServer;
  let bench: MockServer;
  let id: string;

  beforeAll(async () => {
    const { dataset, scenarios } = buildBuiltinDataset();
    id = scenarios[0]!.child.idNumber;
    plain = await startMockServer({ port: 0, dataset, builtin: true });
    bench = await startMockServer({
      port: 0,
      dataset,
      builtin: false,
      verifySignatures: (request) => !new URL(request.url).pathname.startsWith('/peer/'),
    });
  });
  afterAll(async () => {
    await plain?.close();
    await bench?.close();
  });

  it("are refused by npm start's departments, under any path prefix", async () => {
    for (const path of ['/police/v1/hjxx/batch', '/peer/police/v1/hjxx/batch', '/x/peer/police/v1/hjxx/batch']) {
      const res = await fetch(`${plain.url}${path}`, { method: 'POST', headers, body: body([id]) });
      expect(res.status, path).toBe(401);
    }
  });

  it("are answered under /peer/ only where the bench's server allows it", async () => {
    const peer = await fetch(`${bench.url}/peer/police/v1/hjxx/batch`, { method: 'POST', headers, body: body([id]) });
    expect(peer.status).toBe(200);
    const answer = (await peer.json()) as { code?: string };
    expect(answer.code).toBe('0000');
    const signedPath = await fetch(`${bench.url}/police/v1/hjxx/batch`, { method: 'POST', headers, body: body([id]) });
    expect(signedPath.status).toBe(401);
    expect(bench.mock.stats.police.requests).toBe(2);
  });
});

describe('the mock server routes a call to its department', () => {
  it("answers each department's endpoints, the control endpoints and a 404, under any prefix", async () => {
    const { dataset, scenarios } = buildBuiltinDataset();
    const server = await startMockServer({ port: 0, dataset, builtin: true, verifySignatures: false });
    try {
      const child = scenarios[0]!.child.idNumber;
      const post = (path: string, payload: unknown) =>
        fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
      // a department that answers goes through its own handlers: its counter moves, no other's
      for (const prefix of ['', '/peer']) {
        const police = await post(`${prefix}/police/v1/hjxx/batch`, { sfzhList: [child] });
        expect(police.status).toBe(200);
        const health = await fetch(
          `${server.url}${prefix}/health/birth-certificates?parentIdNumber=${scenarios[0]!.guardians[0]!.idNumber}`,
        );
        expect(health.status).toBe(200);
      }
      expect(server.mock.stats.police.requests).toBe(2);
      expect(server.mock.stats.health.requests).toBe(2);
      expect(server.mock.stats.housing.requests).toBe(0);
      expect((await fetch(`${server.url}/__mock/stats`)).status).toBe(200);
      expect((await fetch(`${server.url}/police/no-such-endpoint`)).status).toBe(404);
      expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
