// The cost limit as an auditor and an abuser meet it, over HTTP: a page of 100 (or 200)
// access-log entries with every field is answered, however `first` is written; the same page
// asked many times in one request, two families of 50, or a fragment nest is refused before
// anything runs.
import { registerApplicationFor } from '../support/applications';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRecord } from '../../src/audit/types';
import { ALL_EVIDENCE_FIELDS, DATABASE_URL, isolationName, PEOPLE_QUERY, startTestGateway, type TestGateway } from '../support/gateway';

const ENTRY_FIELDS =
  'seq chainId at action requestId actorSubject actorRole actorCounty applicationId countyCode subjectHash department evidence fields outcome source reason hash prevHash';
const PAGE = (first: string) =>
  `accessLogs(first: ${first}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${ENTRY_FIELDS} } } }`;

describe('the cost limit: an auditor page passes, abuse does not', () => {
  let gw: TestGateway;
  let auditor: string;
  let platform: string;
  let family: { ids: string[]; purpose: { applicationId: string; countyCode: string } };

  beforeAll(async () => {
    gw = await startTestGateway({ isolation: isolationName('cost'), env: { DATABASE_URL } });
    auditor = await gw.token({ role: 'auditor', sub: 'auditor-cost' });
    const s = gw.scenarios.find((x) => x.key === 'full-evidence')!;
    platform = await gw.token({ role: 'county_platform', county: s.countyCode, sub: 'platform-cost' });
    family = {
      ids: [s.child.idNumber, ...s.guardians.map((g) => g.idNumber)],
      purpose: await registerApplicationFor(gw, platform, s, { applicationId: 'APP-COST' }),
    };
    // 250 entries to page through
    const at = new Date().toISOString();
    const entry = (i: number): AccessRecord => ({
      at,
      requestId: `seed-${i}`,
      actorSubject: 'platform-seed',
      actorRole: 'county_platform',
      actorCounty: s.countyCode,
      applicationId: 'APP-SEED',
      countyCode: s.countyCode,
      idNumber: s.child.idNumber,
      department: 'police',
      evidence: 'household',
      fields: ['name'],
      outcome: 'ALLOWED',
      source: 'DEPARTMENT',
      reason: 'statutory duty',
    });
    await gw.app.audit.record(Array.from({ length: 250 }, (_, i) => entry(i)));
  }, 60_000);
  afterAll(async () => gw?.close());

  const codes = (body: { errors?: { extensions?: { code?: string } }[] }) => (body.errors ?? []).map((e) => e.extensions?.code);

  it('a page of 100 entries with every field, first written literally: answered in full', async () => {
    // the 250 written above, and whatever the gateway recorded itself since (a refusal is an entry too)
    const stored = Number((await gw.app.audit.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM access_log')).rows[0]!.n);
    expect(stored).toBeGreaterThanOrEqual(250);
    const res = await gw.graphql(`{ ${PAGE('100')} }`, {}, { token: auditor });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.accessLogs.edges).toHaveLength(100);
    expect(res.body.data.accessLogs.totalCount).toBe(250 + 1); // the seeded entries and the application's registration
    expect(res.body.data.accessLogs.edges[0].node.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the same with first as a variable, 100 and 200: answered in full', async () => {
    for (const first of [100, 200]) {
      const res = await gw.graphql(`query Page($first: Int) { ${PAGE('$first')} }`, { first }, { token: auditor });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.accessLogs.edges).toHaveLength(first);
    }
  });

  it('ten pages of 100 in one request by aliases: QUERY_TOO_COMPLEX, nothing read', async () => {
    const q = `{ ${Array.from({ length: 10 }, (_, i) => `p${i}: ${PAGE('100')}`).join(' ')} }`;
    const res = await gw.graphql(q, {}, { token: auditor });
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0]?.message).not.toMatch(/\d/);
  });

  it('five pages of 200 with first hidden in a variable: still counted, still refused', async () => {
    const q = `query Pages($n: Int) { ${Array.from({ length: 5 }, (_, i) => `p${i}: ${PAGE('$n')}`).join(' ')} }`;
    expect(codes((await gw.graphql(q, { n: 200 }, { token: auditor })).body)).toEqual(['QUERY_TOO_COMPLEX']);
    // the same five pages of 10 are a fair question
    const small = await gw.graphql(q, { n: 10 }, { token: auditor });
    expect(small.body.errors).toBeUndefined();
    expect(small.body.data.p4.edges).toHaveLength(10);
  });

  it('a cost remembered for a query with small variables is not reused when the same query asks for more', async () => {
    // the cost is remembered per cached document: a small first run must not let a large one through
    const q = `query Remembered($n: Int) { ${Array.from({ length: 5 }, (_, i) => `p${i}: ${PAGE('$n')}`).join(' ')} }`;
    for (let i = 0; i < 2; i++) {
      const small = await gw.graphql(q, { n: 10 }, { token: auditor });
      expect(small.body.errors).toBeUndefined();
      expect(codes((await gw.graphql(q, { n: 200 }, { token: auditor })).body)).toEqual(['QUERY_TOO_COMPLEX']);
    }
    const twice = `query TwoLists($ids: [String!]!, $purpose: Purpose!) { a: people(idNumbers: $ids, purpose: $purpose) { ${ALL_EVIDENCE_FIELDS} } b: people(idNumbers: $ids, purpose: $purpose) { ${ALL_EVIDENCE_FIELDS} } }`;
    const few = await gw.graphql(twice, { ids: family.ids, purpose: family.purpose }, { token: platform });
    expect(few.body.errors).toBeUndefined();
    gw.mock.reset();
    const fifty = Array.from({ length: 50 }, (_, i) => family.ids[i % family.ids.length]);
    const many = await gw.graphql(twice, { ids: fifty, purpose: family.purpose }, { token: platform });
    expect(codes(many.body)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(Object.values(gw.stats()).every((s) => s.requests === 0)).toBe(true);
  });

  it('five pages behind one fragment spread five times: refused as the same five pages', async () => {
    const q = `query { ${Array.from({ length: 5 }, (_, i) => `p${i}: accessLogs(first: 200) { ...Page }`).join(' ')} }
      fragment Page on AccessLogConnection { edges { node { ${ENTRY_FIELDS} } } }`;
    expect(codes((await gw.graphql(q, {}, { token: auditor })).body)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('a family of 3 with every field is answered; two families of 50 in one request are refused before any department is called', async () => {
    const ok = await gw.graphql(PEOPLE_QUERY, family, { token: platform });
    expect(ok.body.errors).toBeUndefined();
    gw.mock.reset();
    const fifty = Array.from({ length: 50 }, (_, i) => family.ids[i % family.ids.length]);
    const twice = `query Two($ids: [String!]!, $purpose: Purpose!) { a: people(idNumbers: $ids, purpose: $purpose) { ${ALL_EVIDENCE_FIELDS} } b: people(idNumbers: $ids, purpose: $purpose) { ${ALL_EVIDENCE_FIELDS} } }`;
    const res = await gw.graphql(twice, { ids: fifty, purpose: family.purpose }, { token: platform });
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(Object.values(gw.stats()).every((s) => s.requests === 0)).toBe(true);
  });

  it('fragments spread twice at each of 20 levels (2^20 copies): refused at once', async () => {
    const frags = Array.from(
      { length: 20 },
      (_, i) => `fragment F${i} on AccessLogEntry { seq ${i < 19 ? `...F${i + 1} ...F${i + 1}` : ''} }`,
    );
    const q = `{ accessLogs(first: 1) { edges { node { ...F0 } } } } ${frags.join(' ')}`;
    const started = performance.now();
    const res = await gw.graphql(q, {}, { token: auditor });
    expect(codes(res.body)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
