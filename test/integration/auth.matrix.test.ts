// The matrix the issue asks for: every role x every one of the eleven kinds of evidence x
// unmasked / masked / denied, over HTTP against the built-in family that has all eleven
// ('full-evidence'). The county platform's answer is the reference: unmasked roles must get it
// exactly, masked roles every @pii field masked by its kind and every other field unchanged,
// denied roles nothing, with FORBIDDEN and no department called.
import { isListType, isNonNullType, isObjectType, type GraphQLOutputType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASKERS } from '../../src/auth/masking';
import type { Role } from '../../src/auth/viewer';
import { EVIDENCE, EVIDENCE_NAMES, type EvidenceName } from '../../src/evidence/kinds';
import type { PiiKind } from '../../src/generated/graphql';
import { piiFields } from '../../src/auth/masking';
import { PEOPLE_QUERY, startTestGateway, type TestGateway } from '../support/gateway';
import { family, FRESH, totalCalls } from './auth.support';
import { registerApplicationFor } from '../support/applications';
import type { Purpose } from '../../src/evidence/reader';

type Expectation = 'unmasked' | 'masked' | 'denied';
const MATRIX: Record<Role, Expectation> = {
  county_platform: 'unmasked',
  applicant: 'unmasked',
  school_reviewer: 'masked',
  help_desk: 'masked',
  auditor: 'denied',
  admin: 'denied',
};

let gw: TestGateway;
let pii: Map<string, PiiKind>;
/** role -> person ID -> that person's answer */
const answers = new Map<Role, Map<string, any>>();
const denials = new Map<Role, { body: any; calls: number }>();
let ids: string[];
let reference: Map<string, any>;

let purpose: Purpose;

async function family3(role: Role, token: string, personIds: string[], countyCode: string) {
  const res = await gw.graphql(PEOPLE_QUERY, { ids: personIds, purpose: { ...purpose, countyCode } }, { token });
  return res;
}

beforeAll(async () => {
  gw = await startTestGateway();
  pii = piiFields(gw.app.schema);
  const f = family(gw, 'full-evidence');
  ids = [f.child.idNumber, f.father, f.mother];
  purpose = await registerApplicationFor(gw, await gw.token({ role: 'county_platform', county: f.countyCode }), f);

  for (const role of Object.keys(MATRIX) as Role[]) {
    const byId = new Map<string, any>();
    if (role === 'applicant') {
      // each parent signs in and reads themselves and their child; together they cover all eleven
      for (const parent of [f.father, f.mother]) {
        const token = await gw.token({ role, idNumber: parent, sub: `applicant-${parent.slice(-4)}` });
        const res = await family3(role, token, [parent, f.child.idNumber], f.countyCode);
        expect(res.body.errors).toBeUndefined();
        res.body.data.people.forEach((p: any, i: number) => byId.set([parent, f.child.idNumber][i]!, p));
      }
    } else if (MATRIX[role] === 'denied') {
      gw.mock.reset();
      const token = await gw.token({ role });
      const res = await gw.graphql(PEOPLE_QUERY, { ids, purpose }, { token, headers: FRESH });
      denials.set(role, { body: res.body, calls: totalCalls(gw.stats()) });
    } else {
      const token = await gw.token({ role, county: f.countyCode });
      const res = await family3(role, token, ids, f.countyCode);
      expect(res.body.errors).toBeUndefined();
      res.body.data.people.forEach((p: any, i: number) => byId.set(ids[i]!, p));
    }
    answers.set(role, byId);
  }
  reference = answers.get('county_platform')!;
});

afterAll(async () => {
  await gw?.close();
});

const typeOf = (schema: GraphQLSchema, name: string) => {
  const t = schema.getType(name);
  if (!isObjectType(t)) throw new Error(name);
  return t;
};
const unwrap = (t: GraphQLOutputType): GraphQLOutputType => (isNonNullType(t) || isListType(t) ? unwrap(t.ofType as GraphQLOutputType) : t);

/** Walks a record by its GraphQL type: each @pii field masked (or not), everything else equal. */
function compare(actual: any, ref: any, typeName: string, expectation: 'masked' | 'unmasked', seen: { pii: number; changed: number }) {
  if (ref === null || ref === undefined) {
    expect(actual).toBe(ref);
    return;
  }
  if (Array.isArray(ref)) {
    expect(actual).toHaveLength(ref.length);
    ref.forEach((r, i) => compare(actual[i], r, typeName, expectation, seen));
    return;
  }
  const type = typeOf(gw.app.schema, typeName);
  for (const [field, value] of Object.entries(ref)) {
    if (field === 'provenance') {
      expect(actual.provenance.department).toBe((value as any).department);
      continue;
    }
    const kind = pii.get(`${typeName}.${field}`);
    const inner = unwrap(type.getFields()[field]!.type);
    if (kind) {
      seen.pii++;
      const want = expectation === 'masked' && typeof value === 'string' ? MASKERS[kind](value) : value;
      if (want !== value) seen.changed++;
      expect(actual[field], `${typeName}.${field}`).toEqual(want);
    } else if (isObjectType(inner)) {
      compare(actual[field], value, inner.name, expectation, seen);
    } else {
      expect(actual[field], `${typeName}.${field}`).toEqual(value);
    }
  }
}

/** The records of one kind of evidence in one person's answer. */
function recordsOf(person: any, name: EvidenceName): any[] {
  const v = person?.[name];
  return v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
}

describe.each(Object.keys(MATRIX) as Role[])('%s', (role) => {
  const expectation = MATRIX[role];

  it.each(EVIDENCE_NAMES)(`%s is ${expectation}`, (name) => {
    const typeName = EVIDENCE[name].typeName;
    if (expectation === 'denied') {
      const { body, calls } = denials.get(role)!;
      expect(body.data).toBeNull();
      expect(body.errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
      expect(JSON.stringify(body)).not.toContain(typeName);
      expect(calls).toBe(0);
      return;
    }
    const mine = answers.get(role)!;
    const seen = { pii: 0, changed: 0 };
    let records = 0;
    for (const [id, person] of mine) {
      const ref = recordsOf(reference.get(id), name);
      const got = recordsOf(person, name);
      records += ref.length;
      expect(got).toHaveLength(ref.length);
      ref.forEach((r, i) => compare(got[i], r, typeName, expectation, seen));
    }
    // the family has a record of every kind, each with personal data in it
    expect(records, `no ${typeName} record to check`).toBeGreaterThan(0);
    expect(seen.pii).toBeGreaterThan(0);
    if (expectation === 'masked') expect(seen.changed).toBe(seen.pii);
    else expect(seen.changed).toBe(0);
  });

  if (expectation !== 'denied') {
    it(`Person.idNumber is ${expectation}`, () => {
      for (const [id, person] of answers.get(role)!) {
        expect(person.idNumber).toBe(expectation === 'masked' ? MASKERS.ID_NUMBER(id) : id);
      }
    });
  }
});

describe('the masks themselves, as a clerk sees them', () => {
  it('an ID number keeps its first 6 and last 4; a name its surname, a compound one whole', () => {
    const f = family(gw, 'full-evidence');
    const reviewer = answers.get('school_reviewer')!;
    const child = reviewer.get(f.child.idNumber);
    expect(child.idNumber).toBe(`${f.child.idNumber.slice(0, 6)}********${f.child.idNumber.slice(-4)}`);
    expect(child.household.name).toBe('颜**');
    expect(child.household.birthDate).toBe(f.child.birthDate);
  });
});
