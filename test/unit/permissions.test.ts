// Nothing is exposed by omission: every field of the built schema has an explicit rule, no
// root field is simply allowed, a field nobody named is denied at run time, and the county
// consent policy file is checked at start-up.
import type { ApplicationStore } from '../../src/applications/store';
import type { SubjectBudgets } from '../../src/resilience/subjectBudget';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { allow } from 'graphql-shield';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResolvers } from '../../resolvers/index';
import { applySecurity, securityOf } from '../../src/auth/index';
import type { ConsentStore } from '../../src/auth/consentStore';
import { CountyConsentPolicy, CountyPolicyError, loadCountyConsentPolicy, parseCountyConsentPolicy } from '../../src/auth/countyPolicy';
import { ruleTree, securityMiddleware, stableKey, unnamedFields } from '../../src/auth/permissions';
import type { Viewer } from '../../src/auth/viewer';
import { makeSubjectHasher } from '../../src/evidence/subjectHash';
import { buildExecutableSchema, loadTypeDefs } from '../../src/schema';
import { applyMiddleware } from 'graphql-middleware';

const noConsents: ConsentStore = {
  grant: async () => {
    throw new Error('unused');
  },
  revoke: async () => null,
  listBySubject: async () => [],
  activeGranters: async () => new Set(),
  close: async () => {},
};

// these tests check which fields are guarded, never a read: nothing here may reach applications or budgets
const unused = (): never => {
  throw new Error('not used by these tests');
};
const unusedApplications: ApplicationStore = { get: unused, insert: unused, close: unused, addDerivedMember: unused };
const unusedBudgets: SubjectBudgets = { admitPerson: unused, takeRegistration: unused, close: async () => {} };
const unusedAccess = { applications: unusedApplications, budgets: unusedBudgets, now: () => new Date() };

let schema: GraphQLSchema;

beforeAll(() => {
  // exactly what createApp builds (src/app.ts)
  schema = applySecurity(buildExecutableSchema(buildResolvers()), {
    config: { databaseUrl: undefined, dataDir: '/nonexistent-unused', databaseSchema: undefined },
    subjectHash: makeSubjectHasher('k'),
    consents: noConsents,
    applications: unusedApplications,
    budgets: unusedBudgets,
  });
});
afterAll(async () => {
  await securityOf(schema)?.close();
});

describe('every field of the built schema has an explicit rule', () => {
  it('walks every object type and field (introspection aside) and finds each in the rule tree', () => {
    const tree = securityOf(schema)!.rules;
    let fields = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.keys(type.getFields())) {
        fields++;
        expect(
          tree[type.name]?.[field],
          `${type.name}.${field} has no rule: decide who may see it in src/auth/permissions.ts`,
        ).toBeDefined();
      }
    }
    expect(fields).toBeGreaterThan(150);
    expect(unnamedFields(tree, schema)).toEqual([]);
  });

  it('no root field is simply allowed: each decides who may call it', () => {
    const tree = securityOf(schema)!.rules;
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      if (!root) continue;
      for (const field of Object.keys(root.getFields())) {
        expect(tree[root.name]?.[field], `${root.name}.${field}`).not.toBe(allow);
      }
    }
  });

  it('every Person field is guarded per person (not allowed outright)', () => {
    const tree = securityOf(schema)!.rules;
    const person = schema.getType('Person');
    if (!isObjectType(person)) throw new Error('no Person');
    for (const field of Object.keys(person.getFields()))
      expect((tree.Person?.[field] as { name?: string } | undefined)?.name).toBe('personVisible');
  });

  it('the schema keeps its @pii marks through the security layers', async () => {
    const { piiFields } = await import('../../src/auth/masking');
    expect(piiFields(schema).get('HouseholdRegistration.idNumber')).toBe('ID_NUMBER');
    expect(piiFields(schema).get('Person.idNumber')).toBe('ID_NUMBER');
  });
});

describe('deny by default at run time', () => {
  const viewer = (role: Viewer['role']): { viewer: Viewer } => ({ viewer: { sub: 's', role, county: null, idNumber: null } });

  it('a field no rule names is FORBIDDEN to every role, leaf fields of unnamed types included', async () => {
    const sdl = [...loadTypeDefs(), 'extend type Query { secret: String  box: Box }  type Box { inside: String }'];
    // the gateway's SDL is a federation subgraph's (@link, @key), so it is built as one
    const raw = buildSubgraphSchema({
      typeDefs: parse(sdl.join('\n')),
      resolvers: { Query: { secret: () => 'leaked', box: () => ({ inside: 'leaked' }) } },
    });
    const secured = applyMiddleware(
      raw,
      securityMiddleware(
        ruleTree({ consents: noConsents, policy: new CountyConsentPolicy(), subjectHash: makeSubjectHasher('k'), ...unusedAccess }),
      ),
    );
    for (const role of ['county_platform', 'school_reviewer', 'help_desk', 'applicant', 'auditor', 'admin'] as const) {
      const r = await graphql({ schema: secured, source: '{ secret box { inside } }', contextValue: viewer(role) });
      expect(r.data).toEqual({ secret: null, box: null });
      expect(r.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(JSON.stringify(r)).not.toContain('leaked');
    }
  });

  it('the rule tree may name fields a schema does not have yet (they are left out, not fatal)', () => {
    const tree = ruleTree({
      consents: noConsents,
      policy: new CountyConsentPolicy(),
      subjectHash: makeSubjectHasher('k'),
      ...unusedAccess,
    });
    expect(tree.Mutation?.grantConsent).toBeDefined();
    const small = makeExecutableSchema({ typeDefs: 'type Query { person: String }' });
    expect(() => applyMiddleware(small, securityMiddleware(tree))).not.toThrow();
  });

  it('strict rules key on a stable rendering of parent and arguments', () => {
    expect(stableKey({ parent: undefined, args: { b: 1, a: [2, { d: 1, c: 2 }] } })).toBe(
      stableKey({ args: { a: [2, { c: 2, d: 1 }], b: 1 } }),
    );
    expect(stableKey({ args: { a: 1 } })).not.toBe(stableKey({ args: { a: 2 } }));
  });
});

describe('county consent policy', () => {
  it('the shipped file is valid and names every county of Jining', () => {
    const policy = loadCountyConsentPolicy();
    expect(Object.keys(policy.entries())).toHaveLength(14);
    expect(policy.policyOf('370811')).toBe('statutory');
  });

  it('a county the file does not name reads on statutory duty', () => {
    expect(new CountyConsentPolicy({ '370811': 'consent' }).policyOf('370812')).toBe('statutory');
    expect(new CountyConsentPolicy({ '370811': 'consent' }).policyOf('370811')).toBe('consent');
  });

  it('refuses at start-up a file with an unknown county, an unknown setting, or not an object', () => {
    expect(() => parseCountyConsentPolicy({ '110101': 'statutory' })).toThrow(CountyPolicyError);
    expect(() => parseCountyConsentPolicy({ '370811': 'maybe' })).toThrow(/statutory" or "consent/);
    expect(() => parseCountyConsentPolicy(['370811'])).toThrow(CountyPolicyError);
    expect(() => loadCountyConsentPolicy('/nonexistent/policy.json')).toThrow(/cannot read/);
  });
});
