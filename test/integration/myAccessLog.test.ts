// myAccessLog over HTTP, on real PostgreSQL (a schema of its own), with the mock departments:
// a parent sees the reads of their own data and their child's (allowed, refused), told in
// Chinese, and nothing about anyone else — not a stranger, not the other parent's own record,
// not a child the departments do not link to them; other roles are refused; the look itself is
// recorded; paging and time windows; AUDIT_UNAVAILABLE when the store is gone.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildBuiltinDataset } from '../../mocks/data/families';
import { makeIdNumber } from '../../src/codes/idNumber';
import { makeSubjectHasher } from '../../src/evidence/subjectHash';
import type { MyAccessLogEntry } from '../../src/generated/graphql';
import { DATABASE_URL, isolationName, startTestGateway, type TestGateway } from '../support/gateway';
import { applicationFor } from '../support/applications';
import { adminQuery } from './audit.harness';
import { family, FRESH } from './auth.support';

const subjectHash = makeSubjectHasher('test-subject-hash-key');

const MY_LOG = `query Mine($first: Int, $after: String, $from: DateTime, $to: DateTime) {
  myAccessLog(first: $first, after: $after, from: $from, to: $to) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { sentence at subject childBirthDate organisation actorRole actorCountyCode applicationId action evidence evidenceName departmentName fields source outcome } }
  }
}`;
const READ_HOUSEHOLD = `query One($id: String!, $purpose: Purpose!) { person(idNumber: $id, purpose: $purpose) { household { name householdNumber } } }`;

type Node = MyAccessLogEntry;

let gw: TestGateway;
let schema: string;
/** a child born the same day in the same county as full-evidence's child, in another family */
let stranger: { idNumber: string; name: string };
let grandmother: string;
// the stranger's application names a guardian of its own, no one of the family
const strangersGuardian = { idNumber: makeIdNumber('370883', '1980-01-01', 777), name: '孔监护', relation: 'OTHER' as const };

beforeAll(async () => {
  const { dataset, scenarios } = buildBuiltinDataset();
  // household-and-property: the child was renamed after birth, so the certificate's name no
  // longer matches the register. The father heads the household the child is a son (21) in:
  // linked by the register. The mother is not the head: the departments do not link them.
  const hp = scenarios.find((x) => x.key === 'household-and-property')!;
  const hpFather = hp.guardians.find((g) => g.relation === 'FATHER')!.idNumber;
  dataset.birthCertificates.find((c) => c.fatherIdNumber === hpFather)!.childName = '王改名';

  const fe = scenarios.find((x) => x.key === 'full-evidence')!;
  const childRegister = dataset.households.find((h) => h.idNumber === fe.child.idNumber)!;
  const taken = new Set(dataset.households.map((h) => h.idNumber));
  let seq = 500;
  while (taken.has(makeIdNumber('370883', fe.child.birthDate, seq))) seq += 2;
  stranger = { idNumber: makeIdNumber('370883', fe.child.birthDate, seq), name: '孔陌生' };
  dataset.households.push({
    ...childRegister,
    idNumber: stranger.idNumber,
    name: stranger.name,
    householdNumber: '199999999',
    headOfHouseholdName: '孔户主',
  });

  // full-evidence's father, grown up, on his own mother's birth certificate: the departments
  // link them (childLink), but he is an adult, so his entries are not hers to see
  const feFather = fe.guardians.find((g) => g.relation === 'FATHER')!;
  grandmother = makeIdNumber(feFather.idNumber.slice(0, 6), '1960-05-05', 222);
  const fatherRegister = dataset.households.find((h) => h.idNumber === feFather.idNumber)!;
  dataset.birthCertificates.push({
    certificateNumber: 'G371999999',
    childName: fatherRegister.name,
    birthDate: fatherRegister.birthDate!,
    fatherName: null,
    fatherIdNumber: null,
    motherName: '颜祖母',
    motherIdNumber: grandmother,
  });

  schema = isolationName('my_access_log');
  gw = await startTestGateway({ isolation: schema, env: { DATABASE_URL }, dataset });
}, 60_000);
afterAll(async () => {
  await gw?.close();
  await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
});
beforeEach(() => gw.mock.reset());

/**
 * A county platform reads one person under an application registered (once, by the purpose
 * county's platform) for the full-evidence family, or for the stranger alone when it is them.
 */
async function platformReads(county: string, id: string, applicationId: string, purposeCounty = county) {
  const f = family(gw, 'full-evidence');
  const members =
    id === stranger.idNumber
      ? { key: 'stranger', countyCode: purposeCounty, schoolYear: f.schoolYear, child: stranger, guardians: [strangersGuardian] }
      : { ...f, countyCode: purposeCounty };
  const { countyCode } = await applicationFor(gw, members, applicationId);
  const token = await gw.token({ role: 'county_platform', county, sub: 'platform-clerk-wang-0042' });
  return gw.graphql(READ_HOUSEHOLD, { id, purpose: { applicationId, countyCode } }, { token, headers: FRESH });
}

async function look(idNumber: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}, query = MY_LOG) {
  const token = await gw.token({ role: 'applicant', idNumber, sub: `parent-${idNumber.slice(-4)}` });
  return gw.graphql<{
    myAccessLog: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: Node }[] };
  }>(query, variables, { token, headers });
}

async function allNodes(idNumber: string): Promise<Node[]> {
  const res = await look(idNumber, { first: 200 });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.myAccessLog.edges.map((e) => e.node);
}

/** Entries the parent should be shown, counted in the store itself: not a look, nor a look's reads. */
async function storedAbout(idNumbers: string[]): Promise<number> {
  const { rows } = await gw.app.sql.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM access_log WHERE subject_hash = ANY($1::text[]) AND action <> 'VIEW_OWN_LOG' AND county_code IS DISTINCT FROM '370800'`,
    [idNumbers.map(subjectHash)],
  );
  return Number(rows[0]!.n);
}

describe('a parent sees who read their family’s data', () => {
  it('their own and their child’s reads by a county platform, and a refused read, each in one sentence; nothing of the other parent or a stranger', async () => {
    const f = family(gw, 'full-evidence');
    expect((await platformReads(f.countyCode, f.father, 'APP-1')).body.errors).toBeUndefined();
    expect((await platformReads(f.countyCode, f.child.idNumber, 'APP-1')).body.errors).toBeUndefined();
    // a platform of another county (兖州区) asking for the child: refused, and recorded
    const refused = await platformReads('370812', f.child.idNumber, 'APP-1', f.countyCode);
    expect(refused.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    // the other parent's own record, and a stranger born the same day in the same county
    expect((await platformReads(f.countyCode, f.mother, 'APP-1')).body.errors).toBeUndefined();
    expect((await platformReads(f.countyCode, stranger.idNumber, 'APP-9')).body.errors).toBeUndefined();

    const res = await look(f.father);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const nodes = res.body.data!.myAccessLog.edges.map((e) => e.node);
    const sentences = nodes.map((n) => n.sentence);
    expect(sentences).toContain('邹城市招生平台为申请 APP-1 读取了您的户口本信息（来自公安部门）');
    expect(sentences).toContain(`邹城市招生平台为申请 APP-1 读取了您孩子（${f.child.birthDate} 出生）的户口本信息（来自公安部门）`);
    expect(sentences).toContain(
      `兖州区招生平台为申请 APP-1 请求读取您孩子（${f.child.birthDate} 出生）的户口本信息，被拒绝，未读取任何数据`,
    );

    const own = nodes.find((n) => n.subject === 'SELF' && n.applicationId === 'APP-1')!;
    expect(own).toMatchObject({
      organisation: '邹城市招生平台',
      actorRole: 'county_platform',
      actorCountyCode: f.countyCode,
      action: 'READ',
      evidence: 'household',
      evidenceName: '户口本',
      departmentName: '公安',
      source: 'DEPARTMENT',
      outcome: 'ALLOWED',
      childBirthDate: null,
    });
    expect(own.fields.sort()).toEqual(['householdNumber', 'name']);
    const denied = nodes.find((n) => n.outcome === 'DENIED')!;
    expect(denied).toMatchObject({ subject: 'CHILD', childBirthDate: f.child.birthDate, organisation: '兖州区招生平台', source: null });

    // exactly the father's and the child's entries: the mother's and the stranger's exist, and are not there
    expect(await storedAbout([f.mother])).toBeGreaterThan(0);
    expect(await storedAbout([stranger.idNumber])).toBeGreaterThan(0);
    expect(nodes).toHaveLength(await storedAbout([f.father, f.child.idNumber]));
    expect(nodes.every((n) => n.applicationId !== 'APP-9')).toBe(true);

    // never a clerk's subject, an ID number or a name
    const body = JSON.stringify(res.body);
    for (const secret of ['platform-clerk-wang-0042', f.father, f.mother, f.child.idNumber, f.child.name, stranger.idNumber, stranger.name])
      expect(body).not.toContain(secret);
    for (const g of f.guardians) expect(body).not.toContain(g.name);
  });

  it('the other parent sees the child’s entries too, and never the first parent’s own record', async () => {
    const f = family(gw, 'full-evidence');
    await platformReads(f.countyCode, f.father, 'APP-2');
    await platformReads(f.countyCode, f.child.idNumber, 'APP-2');
    const nodes = await allNodes(f.mother);
    const app2 = nodes.filter((n) => n.applicationId === 'APP-2' && n.action === 'READ');
    expect(app2.map((n) => n.subject)).toEqual(['CHILD']);
    expect(nodes).toHaveLength(await storedAbout([f.mother, f.child.idNumber]));
  });

  it('a read served from the cache says so', async () => {
    const f = family(gw, 'full-evidence');
    const token = await gw.token({ role: 'county_platform', county: f.countyCode });
    const purpose = await applicationFor(gw, f, 'APP-CACHE');
    await gw.graphql(READ_HOUSEHOLD, { id: f.father, purpose }, { token, headers: FRESH });
    await gw.graphql(READ_HOUSEHOLD, { id: f.father, purpose }, { token });
    const nodes = (await allNodes(f.father)).filter((n) => n.applicationId === 'APP-CACHE' && n.action === 'READ');
    expect(nodes.map((n) => n.source).sort()).toEqual(['CACHE', 'DEPARTMENT']);
    expect(nodes.find((n) => n.source === 'CACHE')!.sentence).toBe(
      '邹城市招生平台为申请 APP-CACHE 读取了您的户口本信息（来自网关缓存，原由公安部门提供）',
    );
  });

  it('the look is recorded (an auditor sees it), and is itself not listed to the parent', async () => {
    const f = family(gw, 'full-evidence');
    const res = await look(f.father, { first: 5 });
    expect(res.body.errors).toBeUndefined();
    const auditor = await gw.token({ role: 'auditor' });
    const logs = await gw.graphql(
      `query L($filter: AccessLogFilter) { accessLogs(filter: $filter, first: 200) { edges { node { action actorRole subjectHash outcome reason } } } }`,
      { filter: { action: 'VIEW_OWN_LOG', idNumber: f.father } },
      { token: auditor },
    );
    const looks = logs.body.data.accessLogs.edges.map((e: any) => e.node);
    expect(looks.length).toBeGreaterThan(0);
    expect(looks[0]).toMatchObject({ actorRole: 'applicant', subjectHash: subjectHash(f.father), outcome: 'ALLOWED' });
    expect(looks[0].reason).toMatch(/children linked: 1$/);
    const nodes = await allNodes(f.father);
    expect(nodes.some((n) => n.action === 'VIEW_OWN_LOG' || n.applicationId === 'VIEW_OWN_LOG')).toBe(false);
  });

  it('a purpose a caller chooses cannot pass for a look: a platform reading under application "VIEW_OWN_LOG" is shown', async () => {
    const f = family(gw, 'full-evidence');
    await platformReads(f.countyCode, f.child.idNumber, 'VIEW_OWN_LOG');
    const nodes = await allNodes(f.father);
    expect(nodes.some((n) => n.applicationId === 'VIEW_OWN_LOG' && n.subject === 'CHILD' && n.organisation === '邹城市招生平台')).toBe(
      true,
    );
  });
});

describe('what stays hidden, without saying whether it exists', () => {
  it('a stranger’s child born the same day in the same county: reading them changes nothing in the parent’s log', async () => {
    const f = family(gw, 'full-evidence');
    const before = await allNodes(f.father);
    expect((await platformReads(f.countyCode, stranger.idNumber, 'APP-S')).body.errors).toBeUndefined();
    const after = await allNodes(f.father);
    expect(after).toEqual(before);
  });

  it('a child the departments do not link to a parent (the mother, where the names differ and she is not the head): hidden from her, shown to the father', async () => {
    const f = family(gw, 'household-and-property');
    await platformReads(f.countyCode, f.child.idNumber, 'APP-R');
    const mother = await allNodes(f.mother);
    const father = await allNodes(f.father);
    expect(father.some((n) => n.applicationId === 'APP-R' && n.subject === 'CHILD')).toBe(true);
    expect(mother.filter((n) => n.subject === 'CHILD')).toEqual([]);
    // and her answer is the same as for a parent whose child was never read: her own entries only
    expect(mother).toHaveLength(await storedAbout([f.mother]));
  });
});

describe('another adult', () => {
  it('a grown-up son linked to his mother by her birth certificate: his entries are not shown to her', async () => {
    const f = family(gw, 'full-evidence');
    await platformReads(f.countyCode, f.father, 'APP-G');
    // the parent-child rule does link them: as an applicant she may read him
    const token = await gw.token({ role: 'applicant', idNumber: grandmother });
    const asParent = await gw.graphql(
      READ_HOUSEHOLD,
      { id: f.father, purpose: { applicationId: 'G-1', countyCode: f.countyCode } },
      { token },
    );
    expect(asParent.body.errors).toBeUndefined();
    expect(asParent.body.data.person.household).not.toBeNull();
    // yet her own log holds only her own entries
    const nodes = await allNodes(grandmother);
    expect(nodes.every((n) => n.subject === 'SELF')).toBe(true);
    expect(nodes).toHaveLength(await storedAbout([grandmother]));
    expect(nodes.some((n) => n.applicationId === 'APP-G')).toBe(false);
  });
});

describe('departments', () => {
  it('the health department down: DEPARTMENT_UNAVAILABLE, not a log that silently leaves the children out', async () => {
    const f = family(gw, 'full-evidence');
    gw.mock.setFault('health', { down: true, status: 503 });
    const res = await look(f.father, {}, FRESH);
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', department: 'health' });
  });

  it('aliased looks in one request share one search for the children: no more department calls or reads than one look', async () => {
    const f = family(gw, 'full-evidence');
    const lookReads = async () =>
      Number(
        (
          await gw.app.sql.query<{ n: string }>(
            `SELECT count(*)::text AS n FROM access_log WHERE action = 'READ' AND county_code = '370800'`,
          )
        ).rows[0]!.n,
      );
    let before = await lookReads();
    expect((await look(f.father, {}, FRESH)).body.errors).toBeUndefined();
    const one = { stats: gw.stats(), reads: (await lookReads()) - before };
    gw.mock.reset();
    before = await lookReads();
    const twice = await look(
      f.father,
      {},
      FRESH,
      `query { a: myAccessLog(first: 3) { edges { node { sentence } } } b: myAccessLog(first: 3) { edges { node { sentence } } } }`,
    );
    expect(twice.body.errors).toBeUndefined();
    const both = twice.body.data as unknown as { a: unknown; b: unknown };
    expect(both.a).toEqual(both.b);
    expect({ stats: gw.stats(), reads: (await lookReads()) - before }).toEqual(one);
    expect(one.stats.health.requests).toBeGreaterThan(0);
    expect(one.reads).toBeGreaterThan(0);
  });
});

describe('who may ask, and bad input', () => {
  it.each([
    ['county_platform', { county: '370883' }],
    ['school_reviewer', { county: '370883' }],
    ['help_desk', { county: '370883' }],
    ['auditor', {}],
    ['admin', {}],
  ] as const)('%s: FORBIDDEN, also under an alias, and no department is called', async (role, extra) => {
    const token = await gw.token({ role, ...extra });
    for (const q of [MY_LOG, `query { a: myAccessLog(first: 1) { edges { cursor } } b: myAccessLog { pageInfo { hasNextPage } } }`]) {
      const res = await gw.graphql(q, {}, { token });
      expect(res.body.data).toBeNull();
      expect(res.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
    expect(Object.values(gw.stats()).every((s) => s.requests === 0)).toBe(true);
  });

  it('without a token: UNAUTHENTICATED', async () => {
    const res = await gw.graphql(MY_LOG, {}, { token: null });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 201 }, 'first'],
    [{ after: 'not-a-cursor' }, 'after'],
    [{ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'from'],
  ])('%j: BAD_USER_INPUT naming %s, before any department is called', async (variables, argumentName) => {
    const f = family(gw, 'full-evidence');
    const res = await look(f.father, variables);
    expect(res.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
    expect(Object.values(gw.stats()).every((s) => s.requests === 0)).toBe(true);
  });

  it('a malformed time is refused by the DateTime scalar', async () => {
    const f = family(gw, 'full-evidence');
    const res = await look(f.father, { from: 'yesterday' });
    expect(res.body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('paging', () => {
  it('pages of 3 add up to the whole log, newest first, without repeats; from/to keep exactly the entries in the window', async () => {
    const f = family(gw, 'full-evidence');
    for (let i = 0; i < 4; i++) await platformReads(f.countyCode, f.child.idNumber, `APP-P${i}`);
    const whole = await allNodes(f.father);
    expect(whole.length).toBeGreaterThanOrEqual(7);
    const ats = whole.map((n) => n.at);
    expect([...ats].sort().reverse()).toEqual(ats);

    const paged: Node[] = [];
    let after: string | null = null;
    for (;;) {
      const res = await look(f.father, { first: 3, after });
      expect(res.body.errors).toBeUndefined();
      const page = res.body.data!.myAccessLog;
      expect(page.edges.length).toBeLessThanOrEqual(3);
      paged.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(whole);

    // a window: at or after the 6th newest, before the 2nd newest
    const from = whole[5]!.at;
    const to = whole[1]!.at;
    const windowed = await look(f.father, { first: 200, from, to });
    expect(windowed.body.errors).toBeUndefined();
    expect(windowed.body.data!.myAccessLog.edges.map((e) => e.node)).toEqual(whole.filter((n) => n.at >= from && n.at < to));
    // a window with paging continues inside the window
    const first = await look(f.father, { first: 2, from, to });
    const next = await look(f.father, { first: 200, from, to, after: first.body.data!.myAccessLog.pageInfo.endCursor });
    expect([...first.body.data!.myAccessLog.edges, ...next.body.data!.myAccessLog.edges].map((e) => e.node)).toEqual(
      whole.filter((n) => n.at >= from && n.at < to),
    );
  });
});

describe('an audit store that is gone', () => {
  let down: TestGateway | undefined;
  let downSchema = '';
  afterAll(async () => {
    await down?.close();
    await adminQuery(`DROP SCHEMA IF EXISTS ${downSchema} CASCADE`).catch(() => {});
  });

  it('AUDIT_UNAVAILABLE, and nothing of the log is shown', async () => {
    downSchema = isolationName('my_access_log_down');
    down = await startTestGateway({ isolation: downSchema, env: { DATABASE_URL } });
    const s = down.scenarios.find((x) => x.key === 'full-evidence')!;
    const father = s.guardians.find((g) => g.relation === 'FATHER')!.idNumber;
    const token = await down.token({ role: 'applicant', idNumber: father });
    expect((await down.graphql(MY_LOG, {}, { token })).body.errors).toBeUndefined();

    await adminQuery(`DROP SCHEMA ${downSchema} CASCADE`);
    const res = await down.graphql(MY_LOG, {}, { token });
    expect(res.status).toBe(200);
    expect(res.body.data).toBeNull();
    expect(res.body.errors?.map((e: any) => e.extensions.code)).toEqual(['AUDIT_UNAVAILABLE']);
    expect(JSON.stringify(res.body)).not.toContain(father);
  });
});

describe('on the embedded store', () => {
  let embedded: TestGateway | undefined;
  // a new embedded store takes a while on a loaded machine
  beforeAll(async () => {
    embedded = await startTestGateway();
  }, 90_000);
  afterAll(async () => embedded?.close());

  it('the same look: the child’s read by the county platform, in its sentence', async () => {
    if (!embedded) throw new Error('no embedded gateway');
    const s = embedded.scenarios.find((x) => x.key === 'full-evidence')!;
    const father = s.guardians.find((g) => g.relation === 'FATHER')!.idNumber;
    const platform = await embedded.token({ role: 'county_platform', county: s.countyCode });
    const read = await embedded.graphql(
      READ_HOUSEHOLD,
      { id: s.child.idNumber, purpose: await applicationFor(embedded, s, 'APP-E') },
      { token: platform },
    );
    expect(read.body.errors).toBeUndefined();
    const token = await embedded.token({ role: 'applicant', idNumber: father });
    const res = await embedded.graphql(MY_LOG, { first: 10 }, { token });
    expect(res.body.errors).toBeUndefined();
    // the registration names the father and the child (each an entry), then the child's read
    const sentences = res.body.data.myAccessLog.edges.map((e: { node: Node }) => e.node.sentence);
    expect(sentences[0]).toBe(`邹城市招生平台为申请 APP-E 读取了您孩子（${s.child.birthDate} 出生）的户口本信息（来自公安部门）`);
    expect(sentences).toContain(`邹城市招生平台登记了申请 APP-E，申请成员包括您孩子（${s.child.birthDate} 出生）`);
  });
});
