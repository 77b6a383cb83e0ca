// The access log files each entry under the request that made it. The request id is the
// gateway's own: a caller that could choose it could file its reads under another request's id
// (muddying an auditor's "what did request X read") or make two requests look like one. A
// caller's x-request-id is kept only as a correlation id: logged, answered as x-correlation-id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Purpose } from '../../src/evidence/reader';
import { applicationFor } from '../support/applications';
import { PERSON_QUERY, capturedLogger, startTestGateway, type TestGateway } from '../support/gateway';

let gw: TestGateway;
let platform: string;
let child: string;
let guardian: string;
let purpose: Purpose;
const { logger, lines: logLines } = capturedLogger();

beforeAll(async () => {
  gw = await startTestGateway({ overrides: { logger } });
  const s = gw.scenarios[0]!;
  purpose = await applicationFor(gw, s, 'APP-REQID-1');
  child = s.child.idNumber;
  guardian = s.guardians[0]!.idNumber;
  platform = await gw.token({ role: 'county_platform', county: s.countyCode });
}, 60_000);
afterAll(async () => {
  await gw?.close();
});

const entriesOf = async (requestId: string) =>
  (await gw.app.audit.sql.query<{ subject_hash: string }>('SELECT subject_hash FROM access_log WHERE request_id = $1', [requestId])).rows;

const read = (id: string, headers: Record<string, string> = {}) => gw.graphql(PERSON_QUERY, { id, purpose }, { token: platform, headers });

describe('the request id', () => {
  it("a forged x-request-id naming another request's id: its reads are filed under a fresh id of the gateway's", async () => {
    const first = await read(child);
    expect(first.body.errors).toBeUndefined();
    expect(first.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const firstEntries = await entriesOf(first.requestId);
    expect(firstEntries.length).toBeGreaterThan(0);
    expect(new Set(firstEntries.map((e) => e.subject_hash))).toEqual(new Set([gw.app.subjectHash(child)]));

    // the attacker reads the guardian, claiming the first request's id
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${platform}`, 'x-request-id': first.requestId },
      body: JSON.stringify({ query: PERSON_QUERY, variables: { id: guardian, purpose } }),
    });
    expect(res.status).toBe(200);
    const forgedRequestId = res.headers.get('x-request-id')!;
    expect(forgedRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(forgedRequestId).not.toBe(first.requestId);
    expect(res.headers.get('x-correlation-id')).toBe(first.requestId);

    // the first request's entries are exactly what they were; the second's are under its own id
    expect(await entriesOf(first.requestId)).toEqual(firstEntries);
    const secondEntries = await entriesOf(forgedRequestId);
    expect(secondEntries.length).toBeGreaterThan(0);
    expect(new Set(secondEntries.map((e) => e.subject_hash))).toEqual(new Set([gw.app.subjectHash(guardian)]));
  });

  it('two requests sending the same x-request-id get two request ids', async () => {
    const a = await read(child, { 'x-request-id': 'client-trace-0001' });
    const b = await read(child, { 'x-request-id': 'client-trace-0001' });
    expect(a.requestId).not.toBe(b.requestId);
    expect((await entriesOf('client-trace-0001')).length).toBe(0);
  });

  it("the caller's id is in the gateway's log line beside the gateway's own", async () => {
    logLines.splice(0);
    const r = await read(child, { 'x-request-id': 'client-trace-0002' });
    const line = logLines.find((l) => l.msg === 'request');
    expect(line).toMatchObject({ requestId: r.requestId, correlationId: 'client-trace-0002' });
  });

  it.each([
    ['a line break (a forged log line)', 'abc12345\r\nx-admin: 1'],
    ['a quote and markup', 'abc12345"<script>'],
    ['too long', 'a'.repeat(65)],
    ['too short', 'abc'],
  ])('an x-request-id with %s: dropped, never repeated back', async (_label, value) => {
    const headers = new Headers({ 'content-type': 'application/json', authorization: `Bearer ${platform}` });
    let sent = true;
    try {
      headers.set('x-request-id', value);
    } catch {
      sent = false; // fetch itself refuses a header value with a line break
    }
    const res = await fetch(`${gw.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-correlation-id')).toBeNull();
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    if (sent) expect(JSON.stringify([...res.headers])).not.toContain(value);
  });
});
