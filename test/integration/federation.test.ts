// The gateway as a Federation 2 subgraph: composed with the mock student registry
// (mocks/studentRegistry) by @apollo/composition, served by a real router (Hive Gateway,
// mocks/studentRegistry/router.mjs) in this process, and attacked on the entity path `_entities`, directly and through the router. Every
// read through `_entities` must carry its purpose in the key and meet the rules of person(...):
// the decision, the cap, masking and the access log; a refusal calls no department.
import { composeServices } from '@apollo/composition';
import { buildSchema, isObjectType, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber, maskName } from '../../src/auth/masking';
import { ENTITY_DENIAL } from '../../src/auth/entities';
import type { Purpose } from '../../src/evidence/reader';
import { makeSubjectHasher } from '../../src/evidence/subjectHash';
import { loadTypeDefsDocument } from '../../src/schema';
import type { Scenario } from '../../mocks/data/families/builder';
import { FAMILY_CLASS, LARGE_CLASS, SCHOOL, buildStudents, type StudentRecord } from '../../mocks/studentRegistry/data';
import { STUDENT_REGISTRY_SDL, startStudentRegistry, type StudentRegistryServer } from '../../mocks/studentRegistry/server';
import { startRouter, type Router } from '../../mocks/studentRegistry/router.mjs';
import { composeSupergraph } from '../../mocks/studentRegistry/supergraph';
import { ALL_EVIDENCE_FIELDS, DATABASE_URL, REDIS_URL, isolationName, startTestGateway, type TestGateway } from '../support/gateway';
import { applicationFor } from '../support/applications';
import { adminQuery } from './audit.harness';

const subjectHash = makeSubjectHasher('test-subject-hash-key');

/**
 * The one place this file makes a purpose: the family's application, registered with its members
 * by the family's county platform on first use (reads are bound to registered applications).
 */
function purposeFor(gw: TestGateway, family: Scenario, label: string): Promise<Purpose> {
  return applicationFor(gw, family, `APP-fed-${label}`);
}

const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Person { idNumber purpose { applicationId countyCode } household { name regionCode } } }
}`;

const STUDENT = `query Student($studentNumber: ID!, $purpose: Purpose!) {
  student(studentNumber: $studentNumber, purpose: $purpose) {
    studentNumber schoolName className
    person { idNumber purpose { applicationId countyCode } household { name regionCode } }
  }
}`;

const ROSTER = `query Roster($schoolCode: String!, $className: String!, $purpose: Purpose!) {
  classRoster(schoolCode: $schoolCode, className: $className, purpose: $purpose) { studentNumber person { household { name } } }
}`;

const ENTRY = 'actorSubject actorRole applicationId countyCode subjectHash evidence department fields outcome reason';

const rep = (idNumber: string, purpose: Purpose | undefined) => ({ __typename: 'Person', idNumber, ...(purpose ? { purpose } : {}) });

let gw: TestGateway;
let schema = '';
let registry: StudentRegistryServer;
let router: Router;
let routerUrl = '';
let supergraphSdl = '';
let students: StudentRecord[];
let family: Scenario;
let auditor: string;

beforeAll(async () => {
  schema = isolationName('federation');
  gw = await startTestGateway({ isolation: schema, env: { DATABASE_URL, REDIS_URL } });
  family = gw.scenarios[0]!;
  students = buildStudents(gw.scenarios);
  registry = await startStudentRegistry(students);
  supergraphSdl = composeSupergraph({ gateway: `${gw.url}/graphql`, studentRegistry: registry.url });
  router = await startRouter(supergraphSdl);
  routerUrl = router.url;
  auditor = await gw.token({ role: 'auditor', sub: 'fed-auditor' });
}, 120_000);

afterAll(async () => {
  await router?.stop();
  await registry?.stop();
  await gw?.close();
  await adminQuery(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
});

async function throughRouter(query: string, variables: Record<string, unknown>, token: string) {
  const res = await fetch(routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}

/** The access log entries of one caller, as an auditor finds them. */
async function entriesOf(sub: string): Promise<Record<string, any>[]> {
  const r = await gw.graphql(
    `query Logs($filter: AccessLogFilter) { accessLogs(filter: $filter, first: 200) { edges { node { ${ENTRY} } } } }`,
    { filter: { actorSubject: sub } },
    { token: auditor },
  );
  expect(r.body.errors).toBeUndefined();
  return (r.body.data.accessLogs.edges as { node: Record<string, any> }[]).map((e) => e.node);
}

const departmentCalls = () => Object.values(gw.stats()).reduce((n, s) => n + s.requests, 0);
const studentOf = (idNumber: string) => students.find((s) => s.idNumber === idNumber)!;

describe('composition', () => {
  it('composes the gateway and the student registry; Person is an entity keyed by ID number and purpose', () => {
    const result = composeServices([
      { name: 'gateway', typeDefs: loadTypeDefsDocument(), url: 'http://gateway.test/graphql' },
      { name: 'studentRegistry', typeDefs: STUDENT_REGISTRY_SDL, url: 'http://registry.test/' },
    ]);
    expect(result.errors).toBeUndefined();
    const api = buildSchema(result.supergraphSdl!, { assumeValidSDL: true });
    const student = api.getType('Student');
    if (!isObjectType(student)) throw new Error('no Student');
    expect(String(student.getFields().person!.type)).toBe('Person!');
    expect(result.supergraphSdl).toContain('@join__type(graph: GATEWAY, key: "idNumber purpose { applicationId countyCode }")');
    expect(result.supergraphSdl).toContain(
      '@join__type(graph: STUDENTREGISTRY, key: "idNumber purpose { applicationId countyCode }", resolvable: false)',
    );
  });

  it('a registry that refers to Person without the purpose in its key does not compose', () => {
    const sdl = STUDENT_REGISTRY_SDL.loc!.source.body.replace(
      'type Person @key(fields: "idNumber purpose { applicationId countyCode }", resolvable: false) {\n  idNumber: String!\n  purpose: ReadPurpose!\n}',
      'type Person @key(fields: "idNumber", resolvable: false) {\n  idNumber: String!\n}',
    );
    expect(sdl).not.toBe(STUDENT_REGISTRY_SDL.loc!.source.body);
    const result = composeServices([
      { name: 'gateway', typeDefs: loadTypeDefsDocument(), url: 'http://gateway.test/graphql' },
      { name: 'studentRegistry', typeDefs: parse(sdl), url: 'http://registry.test/' },
    ]);
    // the gateway cannot resolve a Person from an ID number alone: no path, no supergraph
    expect(result.errors?.length).toBeGreaterThan(0);
  });

  it('_service answers the subgraph SDL with the Person key', async () => {
    const token = await gw.token({ role: 'county_platform', county: family.countyCode });
    const r = await gw.graphql('{ _service { sdl } }', {}, { token });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data._service.sdl).toMatch(/type Person\s+@key\(fields: "idNumber purpose \{ applicationId countyCode \}"\)/);
  });

  it('asked for a federated trace (ftv1), the gateway gives none: no per-field timings or error texts to any caller', async () => {
    const token = await gw.token({ role: 'county_platform', county: family.countyCode });
    const purpose = await purposeFor(gw, family, 'trace');
    const r = await gw.graphql(
      ENTITIES,
      { representations: [rep(family.child.idNumber, purpose), rep(family.child.idNumber, undefined)] },
      { token, headers: { 'apollo-federation-include-trace': 'ftv1' } },
    );
    expect(r.body.data).toBeDefined();
    expect(JSON.stringify((r.body as { extensions?: unknown }).extensions ?? {})).not.toContain('ftv1');
  });
});

describe('through the router, across both subgraphs', () => {
  it("a school reviewer gets the registry's fields with the gateway's masked evidence, recorded for the purpose", async () => {
    const sub = 'fed-reviewer-1';
    const token = await gw.token({ role: 'school_reviewer', county: family.countyCode, sub });
    const purpose = await purposeFor(gw, family, 'reviewer');
    const s = studentOf(family.child.idNumber);
    const r = await throughRouter(STUDENT, { studentNumber: s.studentNumber, purpose }, token);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.student).toEqual({
      studentNumber: s.studentNumber,
      schoolName: SCHOOL.name,
      className: FAMILY_CLASS,
      person: {
        // a key field comes from the registry's own record (the router already has it); what
        // the gateway answers is masked for this role (next test)
        idNumber: family.child.idNumber,
        purpose,
        household: { name: maskName(family.child.name), regionCode: expect.stringMatching(/^\d{6}$/) },
      },
    });
    const entries = await entriesOf(sub);
    expect(entries).toContainEqual(
      expect.objectContaining({
        actorRole: 'school_reviewer',
        applicationId: purpose.applicationId,
        countyCode: purpose.countyCode,
        subjectHash: subjectHash(family.child.idNumber),
        evidence: 'household',
        fields: ['name', 'regionCode'],
        outcome: 'ALLOWED',
      }),
    );
  });

  it("the gateway's own answer for the reviewer masks the ID number, as person(...) does", async () => {
    const token = await gw.token({ role: 'school_reviewer', county: family.countyCode, sub: 'fed-reviewer-direct' });
    const purpose = await purposeFor(gw, family, 'reviewer-direct');
    const r = await gw.graphql(ENTITIES, { representations: [rep(family.child.idNumber, purpose)] }, { token });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data._entities).toEqual([
      {
        idNumber: maskIdNumber(family.child.idNumber),
        purpose,
        household: { name: maskName(family.child.name), regionCode: expect.stringMatching(/^\d{6}$/) },
      },
    ]);
  });

  it('a county platform reads the same person unmasked', async () => {
    const token = await gw.token({ role: 'county_platform', county: family.countyCode, sub: 'fed-platform-1' });
    const purpose = await purposeFor(gw, family, 'platform');
    const r = await throughRouter(STUDENT, { studentNumber: studentOf(family.child.idNumber).studentNumber, purpose }, token);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.student.person.idNumber).toBe(family.child.idNumber);
    expect(r.body.data.student.person.household.name).toBe(family.child.name);
  });

  it("a purpose of another county is refused through the router: the registry's fields stay, the person is FORBIDDEN, no department called", async () => {
    const sub = 'fed-reviewer-other-county';
    const token = await gw.token({ role: 'school_reviewer', county: family.countyCode, sub });
    const other = family.countyCode === '370812' ? '370811' : '370812';
    const purpose = { ...(await purposeFor(gw, family, 'other-county')), countyCode: other };
    const before = departmentCalls();
    const r = await throughRouter(STUDENT, { studentNumber: studentOf(family.child.idNumber).studentNumber, purpose }, token);
    // the registry's own fields stay; the gateway's evidence does not come
    expect(r.body.data?.student?.className).toBe(FAMILY_CLASS);
    expect(r.body.data?.student?.person?.household ?? null).toBeNull();
    expect(r.body.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    expect(JSON.stringify(r.body)).not.toContain(family.child.name);
    expect(departmentCalls()).toBe(before);
    expect(await entriesOf(sub)).toContainEqual(
      expect.objectContaining({ outcome: 'DENIED', countyCode: other, subjectHash: subjectHash(family.child.idNumber) }),
    );
  });

  it('a class larger than the person cap is refused as a whole and recorded; no department called', async () => {
    const sub = 'fed-reviewer-large-class';
    const token = await gw.token({ role: 'school_reviewer', county: family.countyCode, sub });
    const purpose = await purposeFor(gw, family, 'large-class');
    const before = departmentCalls();
    const r = await throughRouter(ROSTER, { schoolCode: SCHOOL.code, className: LARGE_CLASS, purpose }, token);
    expect(r.body.errors?.map((e) => e.extensions?.code)).toContain('BAD_USER_INPUT');
    expect(JSON.stringify(r.body)).not.toMatch(/"household":\{"name"/);
    expect(departmentCalls()).toBe(before);
    const denied = (await entriesOf(sub)).filter((e) => e.outcome === 'DENIED');
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((e) => e.reason === ENTITY_DENIAL.cap)).toBe(true);
  });
});

describe('_entities, called directly (the way around a router)', () => {
  it('a representation without its purpose is refused, recorded, and no department is called', async () => {
    const sub = 'fed-direct-no-purpose';
    const token = await gw.token({ role: 'county_platform', county: family.countyCode, sub });
    const before = departmentCalls();
    const r = await gw.graphql(ENTITIES, { representations: [rep(family.child.idNumber, undefined)] }, { token });
    expect(r.body.data?._entities ?? null).toBeNull();
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'representations[0].purpose' });
    expect(r.body.errors?.[0]?.message).toContain('purpose');
    expect(JSON.stringify(r.body)).not.toContain(family.child.idNumber);
    expect(departmentCalls()).toBe(before);
    expect(await entriesOf(sub)).toEqual([
      expect.objectContaining({
        outcome: 'DENIED',
        reason: ENTITY_DENIAL.purpose,
        subjectHash: subjectHash(family.child.idNumber),
        applicationId: null,
      }),
    ]);
  });

  const purposeX = { applicationId: 'APP-x', countyCode: '370811' };
  it.each<[string, (id: string) => unknown, string, string]>([
    [
      'an unknown typename',
      (id) => ({ __typename: 'Student', idNumber: id, purpose: purposeX }),
      'representations[0].__typename',
      ENTITY_DENIAL.type,
    ],
    ['no typename', (id) => ({ idNumber: id, purpose: purposeX }), 'representations[0].__typename', ENTITY_DENIAL.type],
    ['a missing ID number', () => ({ __typename: 'Person', purpose: purposeX }), 'representations[0].idNumber', ENTITY_DENIAL.idNumber],
    [
      'an ID number failing its check digit',
      (id) => rep(`${id.slice(0, 17)}${id.endsWith('0') ? '1' : '0'}`, purposeX),
      'representations[0].idNumber',
      ENTITY_DENIAL.idNumber,
    ],
    [
      'a purpose without its county',
      (id) => ({ __typename: 'Person', idNumber: id, purpose: { applicationId: 'APP-x' } }),
      'representations[0].purpose',
      ENTITY_DENIAL.purpose,
    ],
    [
      'a purpose as a string',
      (id) => ({ __typename: 'Person', idNumber: id, purpose: 'APP-x/370811' }),
      'representations[0].purpose',
      ENTITY_DENIAL.purpose,
    ],
    [
      'a county outside Jining',
      (id) => rep(id, { applicationId: 'APP-x', countyCode: '999999' }),
      'representations[0].purpose.countyCode',
      ENTITY_DENIAL.purpose,
    ],
  ])('%s is BAD_USER_INPUT naming the key field, recorded, no department called', async (label, given, argumentName, reason) => {
    const sub = `fed-direct-${label.replace(/\W+/g, '-')}`;
    const token = await gw.token({ role: 'county_platform', county: family.countyCode, sub });
    const representation = given(family.child.idNumber);
    const before = departmentCalls();
    const r = await gw.graphql(ENTITIES, { representations: [representation] }, { token });
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
    expect(r.body.errors?.[0]?.message).not.toContain('999999');
    expect(departmentCalls()).toBe(before);
    expect(await entriesOf(sub)).toEqual([expect.objectContaining({ outcome: 'DENIED', reason })]);
  });

  it('a purpose of another county: that person is null with FORBIDDEN, the others in the batch are answered; the denial is recorded', async () => {
    const sub = 'fed-direct-mixed';
    const token = await gw.token({ role: 'county_platform', county: family.countyCode, sub });
    const purpose = await purposeFor(gw, family, 'mixed');
    const other = { ...purpose, countyCode: family.countyCode === '370812' ? '370811' : '370812' };
    const guardian = family.guardians[0]!;
    const r = await gw.graphql(
      ENTITIES,
      { representations: [rep(family.child.idNumber, purpose), rep(guardian.idNumber, other)] },
      { token },
    );
    expect(r.body.data._entities[0]).toMatchObject({ idNumber: family.child.idNumber, purpose, household: { name: family.child.name } });
    expect(r.body.data._entities[1]).toBeNull();
    expect(r.body.errors).toEqual([
      expect.objectContaining({ path: ['_entities', 1], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
    const entries = await entriesOf(sub);
    expect(entries).toContainEqual(
      expect.objectContaining({ outcome: 'DENIED', countyCode: other.countyCode, subjectHash: subjectHash(guardian.idNumber) }),
    );
    expect(entries.filter((e) => e.outcome === 'ALLOWED').every((e) => e.subjectHash === subjectHash(family.child.idNumber))).toBe(true);
  });

  it("an applicant cannot reach a stranger's child through _entities (not a member of their family): refused and recorded", async () => {
    const stranger = gw.scenarios.find((s) => s.child.idNumber !== family.child.idNumber && s.countyCode === family.countyCode)!;
    const parent = family.guardians[0]!;
    const sub = 'fed-applicant';
    const token = await gw.token({ role: 'applicant', idNumber: parent.idNumber, sub });
    const purpose = await purposeFor(gw, family, 'applicant');
    const r = await gw.graphql(ENTITIES, { representations: [rep(stranger.child.idNumber, purpose)] }, { token });
    expect(r.body.data?._entities ?? null).toBeNull();
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(r.body)).not.toContain(stranger.child.name);
    expect(await entriesOf(sub)).toContainEqual(
      expect.objectContaining({
        outcome: 'DENIED',
        subjectHash: subjectHash(stranger.child.idNumber),
        applicationId: purpose.applicationId,
      }),
    );
  });

  it('an auditor (who never reads a person) is refused on the entity path too, and recorded', async () => {
    const sub = 'fed-auditor-entities';
    const token = await gw.token({ role: 'auditor', sub });
    const purpose = await purposeFor(gw, family, 'auditor');
    const before = departmentCalls();
    const r = await gw.graphql(ENTITIES, { representations: [rep(family.child.idNumber, purpose)] }, { token });
    expect(r.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(departmentCalls()).toBe(before);
    expect(await entriesOf(sub)).toEqual([expect.objectContaining({ outcome: 'DENIED', subjectHash: subjectHash(family.child.idNumber) })]);
  });

  it('past the cap through aliases and a fragment (30 + 21 representations): both refused, recorded, no department called', async () => {
    const sub = 'fed-direct-aliases';
    const token = await gw.token({ role: 'county_platform', county: family.countyCode, sub });
    const purpose = await purposeFor(gw, family, 'aliases');
    const large = students.filter((s) => s.className === LARGE_CLASS);
    const a = large.slice(0, 30).map((s) => rep(s.idNumber, purpose));
    const b = large.slice(30, 51).map((s) => rep(s.idNumber, purpose));
    const query = `query Split($a: [_Any!]!, $b: [_Any!]!) {
      first: _entities(representations: $a) { ... on Person { household { name } } }
      ...Rest
    }
    fragment Rest on Query { second: _entities(representations: $b) { ... on Person { household { name } } } }`;
    const before = departmentCalls();
    const r = await gw.graphql(query, { a, b }, { token });
    // _entities is a non-null list, so the refusal takes the whole answer with it
    expect(r.body.data ?? null).toBeNull();
    expect(r.body.errors?.length).toBeGreaterThan(0);
    expect(r.body.errors?.every((e) => e.extensions?.code === 'BAD_USER_INPUT')).toBe(true);
    expect(departmentCalls()).toBe(before);
    const entries = await entriesOf(sub);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.outcome === 'DENIED' && e.reason === ENTITY_DENIAL.cap)).toBe(true);
  });

  it('two batches of 50 representations with every evidence field cost as two families of 50: QUERY_TOO_COMPLEX, nothing read', async () => {
    const token = await gw.token({ role: 'county_platform', county: family.countyCode, sub: 'fed-direct-cost' });
    const purpose = await purposeFor(gw, family, 'cost');
    const fifty = students
      .filter((s) => s.className === LARGE_CLASS)
      .slice(0, 50)
      .map((s) => rep(s.idNumber, purpose));
    const query = `query Two($a: [_Any!]!) {
      a: _entities(representations: $a) { ... on Person { ${ALL_EVIDENCE_FIELDS} } }
      b: _entities(representations: $a) { ... on Person { ${ALL_EVIDENCE_FIELDS} } }
    }`;
    const before = departmentCalls();
    const r = await gw.graphql(query, { a: fifty }, { token });
    expect(r.status).toBe(400);
    expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(departmentCalls()).toBe(before);
  });

  it('within the cap, the same split is answered (the cap counts persons, not fields)', async () => {
    const token = await gw.token({ role: 'county_platform', county: family.countyCode, sub: 'fed-direct-within' });
    const purpose = await purposeFor(gw, family, 'within');
    const query = `query Split($a: [_Any!]!, $b: [_Any!]!) {
      first: _entities(representations: $a) { ... on Person { idNumber } }
      second: _entities(representations: $b) { ... on Person { idNumber } }
    }`;
    const [guardian] = family.guardians;
    const r = await gw.graphql(query, { a: [rep(family.child.idNumber, purpose)], b: [rep(guardian!.idNumber, purpose)] }, { token });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toEqual({ first: [{ idNumber: family.child.idNumber }], second: [{ idNumber: guardian!.idNumber }] });
  });

  it('fields smuggled into a representation are not evidence: the answer comes from the department', async () => {
    const token = await gw.token({ role: 'county_platform', county: family.countyCode, sub: 'fed-direct-smuggle' });
    const purpose = await purposeFor(gw, family, 'smuggle');
    const forged = { ...rep(family.child.idNumber, purpose), household: { name: 'FORGED', regionCode: '000000' } };
    const r = await gw.graphql(ENTITIES, { representations: [forged] }, { token });
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data._entities[0].household.name).toBe(family.child.name);
  });
});
