// The access log as a county platform's reads and an auditor's questions meet it, through a
// gateway over HTTP with the mock departments, on real PostgreSQL (a schema of its own) and on
// the embedded store: allowed, failed and denied reads become entries; the auditor's search,
// paging and integrity check; and AUDIT_UNAVAILABLE when the store cannot be written.
import { registerApplicationFor } from '../support/applications';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContext } from '../../src/context';
import { EVIDENCE_NAMES } from '../../src/evidence/kinds';
import { makeSubjectHasher } from '../../src/evidence/subjectHash';
import { DATABASE_URL, PEOPLE_QUERY, PERSON_QUERY, isolationName, startTestGateway, type TestGateway } from '../support/gateway';
import { STORES, adminQuery, type StoreName } from './audit.harness';

const subjectHash = makeSubjectHasher('test-subject-hash-key');

const ENTRY_FIELDS =
  'seq chainId at requestId actorSubject actorRole actorCounty applicationId countyCode subjectHash department evidence fields reads { department evidence fields } outcome source reason hash prevHash';
const ACCESS_LOGS = `query Logs($filter: AccessLogFilter, $first: Int, $after: String) {
  accessLogs(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${ENTRY_FIELDS} } } }
}`;
const INTEGRITY =
  '{ auditIntegrity { ok verifiedAt entries chains { chainId entries archivedEntries lastSeq lastHash ok firstBrokenSeq problem } } }';

/** The household fields PEOPLE_QUERY selects, as the access log names them. */
const HOUSEHOLD_FIELDS =
  'idNumber name gender birthDate ethnicity nativePlace regionCode regionName address issuingAuthority householdType householdNumber headOfHouseholdName relationToHeadCode relationToHeadName'
    .split(' ')
    .sort();

async function startOn(store: StoreName, label: string): Promise<{ gw: TestGateway; schema: string }> {
  const schema = isolationName(label);
  const gw = await startTestGateway({ isolation: schema, env: store === 'postgres' ? { DATABASE_URL } : {} });
  return { gw, schema };
}

async function stop(store: StoreName, gw: TestGateway | undefined, schema: string): Promise<void> {
  await gw?.close();
  if (store === 'postgres') await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
  if (gw) rmSync(gw.config.dataDir, { recursive: true, force: true });
}

describe.each(STORES)('the access log through the gateway, on %s', (store) => {
  let gw: TestGateway;
  let schema = '';
  let platform: string;
  let auditor: string;
  let family: { countyCode: string; child: string; guardians: string[]; names: string[] };
  const purpose = () => ({ applicationId: `APP-${store}-1`, countyCode: family.countyCode });
  let familyWindow: { from: string; to: string };
  // the gateway's own request ids (x-request-id of each answer): a caller's is only a correlation id
  const requests = { family: '', policeDown: '', denied: '' };

  beforeAll(async () => {
    ({ gw, schema } = await startOn(store, `audit_gw_${store}`));
    const s = gw.scenarios[0]!;
    family = {
      countyCode: s.countyCode,
      child: s.child.idNumber,
      guardians: s.guardians.map((g) => g.idNumber),
      names: [s.child.name, ...s.guardians.map((g) => g.name)],
    };
    platform = await gw.token({ role: 'county_platform', county: family.countyCode, sub: 'platform-a' });
    auditor = await gw.token({ role: 'auditor', sub: 'auditor-1' });
    await registerApplicationFor(gw, platform, s, { applicationId: purpose().applicationId });
  }, 60_000);
  afterAll(() => stop(store, gw, schema));

  const ids = () => [family.child, ...family.guardians];
  const logs = async (filter: Record<string, unknown>, first?: number, after?: string) => {
    const r = await gw.graphql(ACCESS_LOGS, { filter, first, after }, { token: auditor });
    return r.body;
  };
  const rows = async (requestId: string) => {
    // an entry's reads list is stored once per distinct list (access_log_reads), the entry keeps its key
    const r = await gw.app.audit.sql.query<Record<string, any>>(
      'SELECT a.*, r.reads AS reads_list FROM access_log a LEFT JOIN access_log_reads r ON r.key = a.reads_key WHERE a.request_id = $1 ORDER BY a.seq',
      [requestId],
    );
    return r.rows.map((e): Record<string, any> => ({
      ...e,
      reads: e.reads_list ? (JSON.parse(e.reads_list) as [string, string[]][]) : null,
    }));
  };

  it('records one entry per person per request, every kind read with its fields, before the answer', async () => {
    const commitsBefore = gw.app.audit.commits();
    const from = new Date().toISOString();
    const res = await gw.graphql(
      PEOPLE_QUERY,
      { ids: ids(), purpose: purpose() },
      { token: platform, headers: { 'x-request-id': `family-${store}-0001` } },
    );
    familyWindow = { from, to: new Date().toISOString() };
    requests.family = res.requestId;
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.people).toHaveLength(3);

    const entries = await rows(requests.family);
    expect(entries).toHaveLength(ids().length);
    for (const id of ids()) {
      const mine = entries.filter((e) => e.subject_hash === subjectHash(id));
      expect(mine).toHaveLength(1);
      // every kind, in the registry's order, and nothing else
      expect(mine[0]!.reads.map(([k]: [string]) => k)).toEqual([...EVIDENCE_NAMES]);
    }
    for (const e of entries) {
      expect(e).toMatchObject({
        format: 3,
        action: 'READ',
        outcome: 'ALLOWED',
        source: 'DEPARTMENT',
        actor_subject: 'platform-a',
        actor_role: 'county_platform',
        actor_county: family.countyCode,
        application_id: purpose().applicationId,
        county_code: family.countyCode,
        chain_id: gw.app.audit.chainId,
        // several departments: the column stays empty, the reads list names them
        department: null,
        evidence: null,
        fields: [],
      });
      for (const [, fields] of e.reads as [string, string[]][]) {
        expect(fields.length).toBeGreaterThan(0);
        expect(fields.some((f) => f.startsWith('provenance'))).toBe(false);
      }
      const byKind = new Map<string, string[]>(e.reads);
      expect(byKind.get('household')).toEqual(HOUSEHOLD_FIELDS);
      expect(byKind.get('properties')).toContain('coOwnership.coOwners.idNumber');
    }
    // the three persons read the same kinds and fields: one stored list
    expect(new Set(entries.map((e) => e.reads_key)).size).toBe(1);
    // one request, one transaction
    expect(gw.app.audit.commits() - commitsBefore).toBe(1);
    // the store never holds an ID number or a name
    const all = JSON.stringify([
      ...(await gw.app.audit.sql.query('SELECT * FROM access_log')).rows,
      ...(await gw.app.audit.sql.query('SELECT * FROM access_log_reads')).rows,
    ]);
    for (const id of ids()) expect(all).not.toContain(id);
    for (const name of family.names) expect(all).not.toContain(name);
  });

  it('records a read that failed because its department is down as ERROR, apart from the reads that succeeded', async () => {
    gw.mock.setFault('police', { down: true });
    try {
      const res = await gw.graphql(
        PERSON_QUERY,
        { id: family.child, purpose: purpose() },
        { token: platform, headers: { 'x-request-id': `police-down-${store}`, 'x-evidence-fresh': '1' } },
      );
      expect(res.body.errors?.map((e: any) => e.extensions.code)).toContain('DEPARTMENT_UNAVAILABLE');
      requests.policeDown = res.requestId;
      expect(res.body.data.person.household).toBeNull();
    } finally {
      gw.mock.reset();
    }
    const entries = await rows(requests.policeDown);
    expect(entries).toHaveLength(2);
    const failed = entries.find((e) => e.outcome === 'ERROR')!;
    expect(failed).toMatchObject({ department: 'police', source: null, reason: expect.stringMatching(/^department unavailable/) });
    expect(failed.reads.map(([k]: [string]) => k)).toEqual(['household', 'residencePermits']);
    const allowed = entries.find((e) => e.outcome === 'ALLOWED')!;
    expect(allowed.reads.map(([k]: [string]) => k)).toEqual(EVIDENCE_NAMES.filter((k) => k !== 'household' && k !== 'residencePermits'));
  });

  it('records denied reads: authorization refusing a purpose in another county, and recordDenied directly', async () => {
    const other = family.countyCode === '370811' ? '370812' : '370811';
    const res = await gw.graphql(
      PERSON_QUERY,
      { id: family.child, purpose: { applicationId: `APP-${store}-X`, countyCode: other } },
      { token: platform, headers: { 'x-request-id': `denied-${store}-01` } },
    );
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    requests.denied = res.requestId;
    const denied = await rows(requests.denied);
    expect(denied.length).toBeGreaterThanOrEqual(1);
    for (const e of denied)
      expect(e).toMatchObject({ outcome: 'DENIED', source: null, subject_hash: subjectHash(family.child), county_code: other });

    // the evidence layer's own entry point, as authorization calls it
    const ctx = buildContext(
      gw.app,
      { sub: 'clerk-9', role: 'school_reviewer', county: family.countyCode, idNumber: null },
      `denied-${store}-02`,
      { fresh: false },
    );
    await ctx.evidence.recordDenied(
      'household',
      family.guardians[0]!,
      { purpose: purpose(), fields: ['name', 'address'] },
      'evidence outside the role',
    );
    const [e] = await rows(`denied-${store}-02`);
    expect(e).toMatchObject({
      outcome: 'DENIED',
      evidence: 'household',
      department: 'police',
      fields: ['name', 'address'],
      reason: 'evidence outside the role',
      subject_hash: subjectHash(family.guardians[0]!),
    });
  });

  it('answers the auditor: filters by ID number (hashed first), application, outcome, time and request', async () => {
    const byChild = await logs({ idNumber: family.child }, 200);
    expect(byChild.errors).toBeUndefined();
    const childRows = await gw.app.audit.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM access_log WHERE subject_hash = $1', [
      subjectHash(family.child),
    ]);
    // the search by the child is itself an entry about the child, committed before its page was read
    const searches = await gw.app.audit.sql.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM access_log WHERE subject_hash = $1 AND action = 'SEARCH_LOG' AND actor_subject = 'auditor-1'`,
      [subjectHash(family.child)],
    );
    expect(Number(searches.rows[0]!.n)).toBe(1);
    expect(byChild.data.accessLogs.totalCount).toBe(Number(childRows.rows[0]!.n));
    expect(byChild.data.accessLogs.edges.length).toBe(Number(childRows.rows[0]!.n));
    for (const { node } of byChild.data.accessLogs.edges) expect(node.subjectHash).toBe(subjectHash(family.child));
    // the answer never carries the number it was asked with
    expect(JSON.stringify(byChild.data)).not.toContain(family.child);

    const byApp = await logs({ applicationId: purpose().applicationId, outcome: 'ERROR' });
    expect(byApp.data.accessLogs.edges).toHaveLength(1);
    const failed = byApp.data.accessLogs.edges[0].node;
    expect(failed.reads).toEqual([
      { department: 'police', evidence: 'household', fields: expect.arrayContaining(['name']) },
      { department: 'police', evidence: 'residencePermits', fields: expect.any(Array) },
    ]);
    // older clients still read evidence and fields: null and "evidence.field" when several kinds
    expect(failed.evidence).toBeNull();
    expect(failed.fields).toContain('household.name');
    expect(failed.department).toBe('police');

    const denied = await logs({ outcome: 'DENIED' });
    expect(denied.data.accessLogs.edges.map((e: any) => e.node.requestId).sort()).toEqual(expect.arrayContaining([`denied-${store}-02`]));

    const inWindow = await logs({ ...familyWindow }, 200);
    expect(inWindow.data.accessLogs.edges).toHaveLength(ids().length);
    expect(new Set(inWindow.data.accessLogs.edges.map((e: any) => e.node.requestId))).toEqual(new Set([requests.family]));

    // by department and by evidence kind: an entry that read several matches each of them
    const byRequest = await logs({ requestId: requests.policeDown, department: 'police' });
    expect(byRequest.data.accessLogs.edges.map((e: any) => e.node.outcome)).toEqual(['ERROR']);
    const byHousing = await logs({ requestId: requests.policeDown, department: 'housing' });
    expect(byHousing.data.accessLogs.edges.map((e: any) => e.node.outcome)).toEqual(['ALLOWED']);
    for (const k of EVIDENCE_NAMES) {
      const byKind = await logs({ ...familyWindow, evidence: k }, 200);
      expect(byKind.errors).toBeUndefined();
      expect(byKind.data.accessLogs.edges).toHaveLength(ids().length);
      for (const { node } of byKind.data.accessLogs.edges) expect(node.reads.map((r: any) => r.evidence)).toContain(k);
    }
    const familyByDepartment = await logs({ ...familyWindow, department: 'marketRegulation', idNumber: family.guardians[0] });
    expect(familyByDepartment.data.accessLogs.edges).toHaveLength(1);
    const kinds = await logs({ requestId: `denied-${store}-02`, evidence: 'properties' });
    expect(kinds.data.accessLogs.edges).toHaveLength(0);
    const deniedKind = await logs({ requestId: `denied-${store}-02`, evidence: 'household' });
    expect(deniedKind.data.accessLogs.edges.map((e: any) => e.node.reads)).toEqual([
      [{ department: 'police', evidence: 'household', fields: ['name', 'address'] }],
    ]);
    expect((await logs({ evidence: 'payslips' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const byActor = await logs({ actorSubject: 'clerk-9', actorRole: 'school_reviewer', countyCode: family.countyCode });
    expect(byActor.data.accessLogs.edges).toHaveLength(1);
  });

  it('pages newest first with an opaque cursor, without gaps or repeats', async () => {
    const total = Number((await gw.app.audit.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM access_log')).rows[0]!.n);
    const seen: any[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await logs({}, 7, after);
      expect(page.errors).toBeUndefined();
      const conn = page.data.accessLogs;
      expect(conn.edges.length).toBeLessThanOrEqual(7);
      seen.push(...conn.edges.map((e: any) => e.node));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((n) => `${n.chainId}/${n.seq}`)).size).toBe(total);
    for (let i = 1; i < seen.length; i++) expect(seen[i - 1].at >= seen[i].at).toBe(true);
    // default page size
    expect((await logs({})).data.accessLogs.edges).toHaveLength(Math.min(50, total));
  });

  it('refuses an impossible filter with BAD_USER_INPUT', async () => {
    const code = async (filter: Record<string, unknown>, first?: number, after?: string) =>
      (await logs(filter, first, after)).errors?.[0]?.extensions?.code;
    expect(await code({ department: 'tax' })).toBe('BAD_USER_INPUT');
    expect(await code({ from: 'yesterday' })).toBe('BAD_USER_INPUT');
    expect(await code({ to: '2025-02-30T00:00:00Z' })).toBe('BAD_USER_INPUT');
    expect(await code({ idNumber: '370811201801010013' })).toBe('BAD_USER_INPUT');
    expect(await code({ countyCode: '110101' })).toBe('BAD_USER_INPUT');
    expect(await code({}, 201)).toBe('BAD_USER_INPUT');
    expect(await code({}, 0)).toBe('BAD_USER_INPUT');
    expect(await code({}, 5, 'not-a-cursor')).toBe('BAD_USER_INPUT');
    // and the error never repeats the ID number it was given
    expect(JSON.stringify(await logs({ idNumber: '370811201801010013' }))).not.toContain('370811201801010013');
  });

  it('verifies every chain in auditIntegrity', async () => {
    const r = await gw.graphql(INTEGRITY, {}, { token: auditor });
    expect(r.body.errors).toBeUndefined();
    const total = Number((await gw.app.audit.sql.query<{ n: string }>('SELECT count(*)::text AS n FROM access_log')).rows[0]!.n);
    expect(r.body.data.auditIntegrity).toMatchObject({ ok: true, entries: total, verifiedAt: expect.any(String) });
    expect(r.body.data.auditIntegrity.chains).toEqual([
      expect.objectContaining({
        chainId: gw.app.audit.chainId,
        entries: total,
        archivedEntries: 0,
        lastSeq: total,
        ok: true,
        firstBrokenSeq: null,
        problem: null,
      }),
    ]);
    // a county platform may not ask
    const other = await gw.graphql(INTEGRITY, {}, { token: platform });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('records aliases of one kind as one read with every field either selected', async () => {
    const aliased = `query A($id: String!, $purpose: Purpose!) { person(idNumber: $id, purpose: $purpose) {
      a: household { name } b: household { address } ... on Person { c: household { gender } } } }`;
    const res = await gw.graphql(
      aliased,
      { id: family.child, purpose: purpose() },
      { token: platform, headers: { 'x-request-id': `alias-${store}` } },
    );
    expect(res.body.errors).toBeUndefined();
    const entries = await rows(res.requestId);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.reads).toEqual([['household', ['address', 'gender', 'name']]]);
    // one kind: department, evidence and fields read as before
    const r = await logs({ requestId: res.requestId });
    expect(r.data.accessLogs.edges[0].node).toMatchObject({
      department: 'police',
      evidence: 'household',
      fields: ['address', 'gender', 'name'],
    });
  });

  it('reports a rewritten reads list in auditIntegrity', async () => {
    const before = await gw.graphql(INTEGRITY, {}, { token: auditor });
    expect(before.body.data.auditIntegrity.ok).toBe(true);
    // an insider drops a sensitive kind from the list a family's entries point to
    const [target] = await rows(requests.family);
    const trimmed = JSON.stringify((target!.reads as [string, string[]][]).filter(([k]) => k !== 'properties'));
    await gw.app.audit.sql.transaction(async (tx) => {
      await tx.query('ALTER TABLE access_log_reads DISABLE TRIGGER access_log_reads_append_only');
      await tx.query('UPDATE access_log_reads SET reads = $1 WHERE key = $2', [trimmed, target!.reads_key]);
      await tx.query('ALTER TABLE access_log_reads ENABLE TRIGGER access_log_reads_append_only');
    });
    const r = await gw.graphql(INTEGRITY, {}, { token: auditor });
    expect(r.body.data.auditIntegrity.ok).toBe(false);
    expect(r.body.data.auditIntegrity.chains[0]).toMatchObject({
      firstBrokenSeq: Number(target!.seq),
      problem: expect.stringMatching(/does not match its hash/),
    });
    // and the list cannot be rewritten with the trigger on
    await expect(gw.app.audit.sql.query('UPDATE access_log_reads SET reads = $1', ['[]'])).rejects.toThrow(/append-only/);
    await expect(gw.app.audit.sql.query('DELETE FROM access_log_reads')).rejects.toThrow(/append-only/);
  });

  it('reports a tampered entry in auditIntegrity', async () => {
    await gw.app.audit.sql.transaction(async (tx) => {
      await tx.query('ALTER TABLE access_log DISABLE TRIGGER access_log_append_only');
      await tx.query(
        `UPDATE access_log SET outcome = 'ALLOWED', source = 'DEPARTMENT' WHERE seq = (SELECT min(seq) FROM access_log WHERE outcome = 'DENIED')`,
      );
      await tx.query('ALTER TABLE access_log ENABLE TRIGGER access_log_append_only');
    });
    const r = await gw.graphql(INTEGRITY, {}, { token: auditor });
    expect(r.body.data.auditIntegrity.ok).toBe(false);
    expect(r.body.data.auditIntegrity.chains[0]).toMatchObject({
      ok: false,
      firstBrokenSeq: expect.any(Number),
      problem: expect.stringMatching(/does not match its hash/),
    });
  });
});

describe.each(STORES)('AUDIT_UNAVAILABLE on %s: no record, no personal data', (store) => {
  let gw: TestGateway | undefined;
  let schema = '';
  afterAll(() => stop(store, gw, schema));

  it('withholds the data when the store cannot be written, and /readyz says so', async () => {
    ({ gw, schema } = await startOn(store, `audit_down_${store}`));
    const s = gw.scenarios[0]!;
    const token = await gw.token({ role: 'county_platform', county: s.countyCode });
    const purpose = await registerApplicationFor(gw, token, s, { applicationId: 'APP-DOWN' });
    // the store works first
    const ok = await gw.graphql(PERSON_QUERY, { id: s.child.idNumber, purpose }, { token });
    expect(ok.body.errors).toBeUndefined();
    expect((await fetch(`${gw.url}/readyz`)).status).toBe(200);

    // then it goes away: the schema dropped under the pool / the embedded store closed
    if (store === 'postgres') await adminQuery(`DROP SCHEMA ${schema} CASCADE`);
    else await gw.app.audit.sql.close();

    const evidenceOnly = `query One($id: String!, $purpose: Purpose!) { person(idNumber: $id, purpose: $purpose) {
      household { name idNumber address } properties { holderName holderIdNumber location } marriages { husbandName wifeName wifeIdNumber husbandIdNumber }
      birthCertificates { childName fatherName motherName fatherIdNumber motherIdNumber } socialInsurance { name employerName } } }`;
    // a guardian: the cache has not seen them, so the departments are called and answer
    const who = s.guardians[0]!;
    const res = await gw.graphql(evidenceOnly, { id: who.idNumber, purpose }, { token });
    expect(res.status).toBe(200);
    const person = res.body.data?.person;
    if (person) for (const v of Object.values(person)) expect(v).toBeNull();
    const codes = new Set(res.body.errors?.map((e: any) => e.extensions.code));
    expect(codes).toEqual(new Set(['AUDIT_UNAVAILABLE']));
    const body = JSON.stringify(res.body);
    for (const p of [s.child, ...s.guardians]) {
      expect(body).not.toContain(p.idNumber);
      expect(body).not.toContain(p.name);
    }

    // cached data is withheld the same way: the child was read (and cached) before
    const cached = await gw.graphql(evidenceOnly, { id: s.child.idNumber, purpose }, { token });
    expect(new Set(cached.body.errors?.map((e: any) => e.extensions.code))).toEqual(new Set(['AUDIT_UNAVAILABLE']));
    expect(JSON.stringify(cached.body)).not.toContain(s.child.name);

    expect(gw.app.audit.healthy()).toBe(false);
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { failing: Record<string, string> }).failing).toHaveProperty('audit');
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_audit_commits_total\{outcome="error"\} [1-9]/);
  });
});
