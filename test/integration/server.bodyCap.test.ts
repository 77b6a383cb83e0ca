// A body over the cap (256 KB) is answered 413 QUERY_TOO_COMPLEX and the connection closes:
// the gateway stops reading instead of swallowing whatever a client streams at it. Spoken over a
// raw socket, so the test sees what a client sees: the answer, then the socket ending while the
// client still has most of its body to send.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/server';
import { startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
let token: string;
beforeAll(async () => {
  gw = await startTestGateway();
  token = await gw.token({ role: 'county_platform', county: '370811' });
}, 60_000);
afterAll(async () => {
  await gw?.close();
});

/** What a client streaming `total` bytes of body saw: the answer, and how much it could write. */
async function upload(opts: { total: number; chunked: boolean }): Promise<{ answer: string; written: number }> {
  const { port, hostname } = new URL(gw.url);
  const socket: Socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let answer = '';
  socket.on('data', (c: Buffer) => (answer += c.toString()));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {}); // EPIPE / ECONNRESET: the gateway cut the upload, as it should
  socket.write(
    [
      'POST /graphql HTTP/1.1',
      `Host: ${hostname}:${port}`,
      'Content-Type: application/json',
      `Authorization: Bearer ${token}`,
      opts.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${opts.total}`,
      '',
      '',
    ].join('\r\n'),
  );
  const piece = Buffer.alloc(64 * 1024, 'x');
  let queued = 0;
  while (queued < opts.total && !socket.destroyed && socket.writable) {
    const frame = opts.chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece;
    queued += piece.length;
    // wait for the kernel to take it: a server that stops reading stops this loop (until the cut)
    if (!socket.write(frame)) await new Promise<void>((resolve) => socket.once('drain', resolve).once('close', resolve));
  }
  await closed;
  return { answer, written: socket.bytesWritten };
}

describe('a body over the cap', () => {
  const TOTAL = 64 * 1024 * 1024;

  it('with its length declared: 413 before any of it is read, and the connection closes', async () => {
    const { answer, written } = await upload({ total: TOTAL, chunked: false });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer).toContain(
      JSON.stringify({ errors: [{ message: 'The request body is too large.', extensions: { code: 'QUERY_TOO_COMPLEX' } }] }),
    );
    // the socket ended long before the client's 64 MB were through
    expect(written).toBeLessThan(TOTAL / 4);
  });

  it('chunked, with no length: 413 once the cap is passed, and the connection closes', async () => {
    const { answer, written } = await upload({ total: TOTAL, chunked: true });
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(written).toBeGreaterThan(MAX_BODY_BYTES);
    expect(written).toBeLessThan(TOTAL / 4);
  });

  it('the gateway keeps serving afterwards', async () => {
    expect((await gw.graphql('{ __typename }', {}, { token })).body).toEqual({ data: { __typename: 'Query' } });
  });
});
