// verifyApplication over HTTP, as a county platform calls it: every built-in family verifies
// to the category, age eligibility and zero proof its scenario states, and one verification
// costs each department API at most one call (health, which has no batch endpoint, one per
// guardian). Cold = the x-evidence-fresh header (cache reads bypassed); warm = the same
// verification again through the cache.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildBuiltinDataset, type Scenario } from '../../mocks/data/families';
import { DEPARTMENTS, type Department } from '../../src/evidence/kinds';
import { startTestGateway, type TestGateway } from '../support/gateway';

/** Scenario keys are known once the data set is built; tests are declared before the gateway starts. */
const SCENARIO_KEYS = buildBuiltinDataset().scenarios.map((s) => s.key);

const VERIFY = `query Verify($input: ApplicationInput!) {
  verifyApplication(input: $input) {
    applicationId category zeroProof ageEligible missingEvidence
    checks { name status department detail }
    points { total items { item score evidence detail } }
    registryDraft { name idNumber gender birthDate ethnicity nativePlace householdAddress householdRegionCode householdType birthCertificateNumber
      guardians { name idNumber relation verifiedBy } }
  }
}`;

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => gw?.close());
beforeEach(() => gw.mock.reset());

const scenario = (key: string): Scenario => {
  const s = gw.scenarios.find((x) => x.key === key);
  if (!s) throw new Error(`no scenario ${key}`);
  return s;
};

function inputOf(s: Scenario, patch: Record<string, unknown> = {}) {
  return {
    applicationId: `APP-${s.key}`,
    countyCode: s.countyCode,
    schoolYear: s.schoolYear,
    stage: s.stage,
    child: { idNumber: s.child.idNumber, name: s.child.name },
    guardians: s.guardians,
    priorityGroup: s.priorityGroup ?? false,
    ...patch,
  };
}

async function verify(s: Scenario, opts: { fresh?: boolean; patch?: Record<string, unknown> } = {}) {
  const token = await gw.token({ role: 'county_platform', county: s.countyCode, sub: `platform-${s.countyCode}` });
  const headers: Record<string, string> = opts.fresh === false ? {} : { 'x-evidence-fresh': '1' };
  return gw.graphql(VERIFY, { input: inputOf(s, opts.patch) }, { token, headers });
}

/** Department calls (attempts) per operation, from the gateway's own metrics. */
async function operationCalls(): Promise<Map<string, number>> {
  const metric = await gw.app.metrics.departmentCalls.get();
  const out = new Map<string, number>();
  for (const v of metric.values) {
    const key = `${v.labels.department}:${v.labels.operation}`;
    out.set(key, (out.get(key) ?? 0) + v.value);
  }
  return out;
}
function delta(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of after) if (v - (before.get(k) ?? 0) > 0) out[k] = v - (before.get(k) ?? 0);
  return out;
}
const total = (stats: Record<Department, { requests: number }>) => DEPARTMENTS.reduce((n, d) => n + stats[d].requests, 0);

const measured: { key: string; cold: Record<string, number>; warm: Record<string, number> }[] = [];

describe('every built-in scenario, over HTTP', () => {
  it('has scenarios to verify', () => {
    expect(gw.scenarios.length).toBeGreaterThanOrEqual(15);
  });

  // one test per scenario, so a failure names the family
  for (const key of SCENARIO_KEYS) {
    it(`${key}: category, age, zero proof; at most one call per department API`, async () => {
      const s = scenario(key);
      const before = await operationCalls();
      const { status, body } = await verify(s);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const v = body.data.verifyApplication;
      const summary = { category: v.category, ageEligible: v.ageEligible, zeroProof: v.zeroProof };
      expect(summary, JSON.stringify(v.checks, null, 1)).toEqual({
        category: s.expectedCategory,
        ageEligible: s.expectedAgeEligible,
        zeroProof: s.expectedZeroProof,
      });
      expect(v.applicationId).toBe(`APP-${key}`);
      if (v.zeroProof) expect(v.missingEvidence).toEqual([]);

      // cold: each department API at most once; health once per guardian
      const cold = delta(before, await operationCalls());
      const stats = gw.stats();
      for (const [op, n] of Object.entries(cold)) {
        if (op === 'health:birthCertificates.byParent') expect(n, op).toBe(s.guardians.length);
        else expect(n, op).toBe(1);
      }
      expect(stats.health.requests).toBe(s.guardians.length);
      expect(stats.police.requests).toBeLessThanOrEqual(2);
      expect(stats.civilAffairs.requests).toBeLessThanOrEqual(1);
      expect(stats.naturalResources.requests).toBeLessThanOrEqual(1);
      expect(stats.housing.requests).toBeLessThanOrEqual(3);
      expect(stats.humanResources.requests).toBeLessThanOrEqual(1);
      expect(stats.marketRegulation.requests).toBeLessThanOrEqual(2);

      // warm: the same verification again, through the cache
      gw.mock.reset();
      const again = await verify(s, { fresh: false });
      expect(again.body.data.verifyApplication.category).toBe(v.category);
      const warmStats = gw.stats();
      expect(total(warmStats)).toBeLessThanOrEqual(total(stats));
      if (gw.app.cache.backend !== 'none') expect(total(warmStats), 'warm: no department call').toBe(0);
      measured.push({
        key,
        cold: Object.fromEntries(DEPARTMENTS.map((d) => [d, stats[d].requests])),
        warm: Object.fromEntries(DEPARTMENTS.map((d) => [d, warmStats[d].requests])),
      });
    });
  }

  afterAll(() => {
    if (measured.length === 0) return;
    const rows = measured.map(
      (m) =>
        `${m.key.padEnd(44)} cold ${DEPARTMENTS.map((d) => m.cold[d]).join(' ')}  = ${Object.values(m.cold).reduce((a, b) => a + b, 0)}   warm ${Object.values(m.warm).reduce((a, b) => a + b, 0)}`,
    );
    console.log(
      `department calls per verifyApplication (${DEPARTMENTS.join(' ')}), cache backend ${gw.app.cache.backend}\n${rows.join('\n')}`,
    );
  });
});

describe('what a clerk sees', () => {
  it('the address check shows the normalized addresses it compared, and no ID number or name', async () => {
    const s = scenario('household-and-property');
    const { body } = await verify(s);
    const v = body.data.verifyApplication;
    const address = v.checks.find((c: any) => c.name === 'address.match');
    expect(address.status).toBe('PASSED');
    expect(address.detail).toContain('"测试路18号3-502"');
    const text = JSON.stringify(v.checks);
    for (const p of [s.child, ...s.guardians]) {
      expect(text).not.toContain(p.idNumber);
      expect(text).not.toContain(p.name);
    }
  });

  it('returns the registry draft (预建籍) from the register and the birth certificate', async () => {
    const s = scenario('household-and-property');
    const { body } = await verify(s);
    const d = body.data.verifyApplication.registryDraft;
    expect(d).toMatchObject({
      name: s.child.name,
      idNumber: s.child.idNumber,
      gender: 'MALE',
      birthDate: s.child.birthDate,
      ethnicity: '汉族',
      householdRegionCode: '370811',
      householdType: 'FAMILY',
    });
    expect(d.birthCertificateNumber).toMatch(/^[A-Z]370\d{6}$/);
    expect(d.householdAddress).toContain('测试路十八号');
    expect(d.guardians).toEqual([
      { name: s.guardians[0]!.name, idNumber: s.guardians[0]!.idNumber, relation: 'FATHER', verifiedBy: '出生医学证明' },
      { name: s.guardians[1]!.name, idNumber: s.guardians[1]!.idNumber, relation: 'MOTHER', verifiedBy: '出生医学证明' },
    ]);
  });

  it('has no registry draft for a child no register knows', async () => {
    const { body } = await verify(scenario('unknown-person'));
    expect(body.data.verifyApplication.registryDraft).toBeNull();
    expect(body.data.verifyApplication.missingEvidence).toEqual([]);
  });

  it('scores points for a migrant family in a county that uses them (金乡县), reading the points evidence once', async () => {
    const s = scenario('migrant-worker');
    const before = await operationCalls();
    const { body } = await verify(s);
    const v = body.data.verifyApplication;
    expect(v.category).toBe('MIGRANT_WORKER_CHILD');
    expect(v.points.items.map((i: any) => i.item)).toEqual(['HOUSEHOLD_TYPE', 'RESIDENCE', 'EMPLOYMENT', 'PROPERTY_TYPE']);
    const employment = v.points.items.find((i: any) => i.item === 'EMPLOYMENT');
    // social insurance 2023-09..2025-06 paid in 370828: 22 months at 1 point
    expect(employment).toMatchObject({ score: 22, evidence: ['SOCIAL_INSURANCE_PAYMENT'] });
    expect(v.points.items.find((i: any) => i.item === 'HOUSEHOLD_TYPE').score).toBe(10);
    expect(v.points.total).toBe(32);
    const calls = delta(before, await operationCalls());
    expect(calls['humanResources:socialInsurance.payments']).toBe(1);
    for (const [op, n] of Object.entries(calls)) if (!op.startsWith('health:')) expect(n, op).toBe(1);
  });

  it('finds a step-parent who is not named as a guardian with one more properties call', async () => {
    // only the mother applies; her current husband owns the home where the child is registered
    const s = scenario('remarried-step-parent-home');
    const before = await operationCalls();
    // another application than the one naming both (an application verified is the one registered)
    const { body } = await verify(s, { patch: { applicationId: 'APP-mother-alone', guardians: [s.guardians[0]] } });
    const v = body.data.verifyApplication;
    expect(v.category).toBe('HOUSEHOLD_AND_PROPERTY');
    expect(v.zeroProof).toBe(true);
    expect(v.checks.find((c: any) => c.name === 'guardians[0].spouse')).toMatchObject({ status: 'PASSED', department: 'civilAffairs' });
    const calls = delta(before, await operationCalls());
    expect(calls['naturalResources:bdc.query']).toBe(2);
    expect(calls['housing:saleContracts.query']).toBe(2);
    expect(calls['health:birthCertificates.byParent']).toBe(1);
  });
});

describe('input', () => {
  it('bad input is refused before any department is called', async () => {
    const s = scenario('household-and-property');
    const bad = s.guardians[1]!.idNumber.slice(0, 17) + (s.guardians[1]!.idNumber.endsWith('1') ? '2' : '1');
    const { body } = await verify(s, { patch: { guardians: [s.guardians[0], { ...s.guardians[1], idNumber: bad }] } });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.guardians[1].idNumber' });
    expect(JSON.stringify(body.errors)).not.toContain(bad);
    expect(gw.stats()).toEqual(Object.fromEntries(DEPARTMENTS.map((d) => [d, { requests: 0, ids: 0 }])));
  });
});

// A name on the application that the household register contradicts (docs/verification.md,
// rule 6): the check says so, nothing drawn from that record decides, and where the decision
// rests on it the result is not zero-proof and the household register is what the family
// clears up. A contradiction the decision does not rest on is shown and changes nothing.
/** The same fictional name with its last character changed: what a typo on a form looks like. */
const misspelt = (name: string) => name.slice(0, -1) + (name.endsWith('样') ? '测' : '样');

type Verified = {
  category: string;
  zeroProof: boolean;
  missingEvidence: string[];
  checks: { name: string; status: string; department: string | null; detail: string }[];
  registryDraft: unknown;
};
async function verified(s: Scenario, patch: Record<string, unknown> = {}): Promise<Verified> {
  const { status, body } = await verify(s, { patch });
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  return body.data.verifyApplication;
}
const check = (v: Verified, name: string) => v.checks.find((c) => c.name === name);

describe("the child's name differs from the household register's", () => {
  it('is not zero-proof, names the contradiction, and draws no parent link from that register', async () => {
    // the same family verifies to HOUSEHOLD_AND_PROPERTY, zero proof, with its own names
    const s = scenario('household-and-property');
    const v = await verified(s, { child: { idNumber: s.child.idNumber, name: misspelt(s.child.name) } });
    expect(check(v, 'child.identity')).toMatchObject({ status: 'FAILED', department: 'police' });
    expect(v.zeroProof).toBe(false);
    expect(v.missingEvidence).toContain('HOUSEHOLD_REGISTRATION');
    // the father heads the household in which that record is a son: not a link while the record's subject is unconfirmed
    for (const i of [0, 1]) {
      const rel = check(v, `guardians[${i}].relationship`)!;
      expect(rel.status, rel.detail).not.toBe('PASSED');
      expect(rel.detail).not.toMatch(/heads the child's household/);
    }
    // so neither the household nor the home can decide the category
    expect(v.category).toBe('UNDETERMINED');
    expect(check(v, 'household.inCounty')!.status).not.toBe('PASSED');
    expect(v.registryDraft).toBeNull();
    expect(JSON.stringify(v.checks)).not.toContain(s.child.name.slice(0, -1));
  });

  it('spacing alone is no contradiction', async () => {
    const s = scenario('household-and-property');
    const spaced = `${s.child.name.slice(0, 1)} ${s.child.name.slice(1)}`;
    const v = await verified(s, { child: { idNumber: s.child.idNumber, name: spaced } });
    expect(check(v, 'child.identity')!.status).toBe('PASSED');
    expect(v).toMatchObject({ category: 'HOUSEHOLD_AND_PROPERTY', zeroProof: true, missingEvidence: [] });
  });
});

describe("a guardian's name differs from the household register's", () => {
  it('where the category rests on that guardian: not zero-proof, the register named as missing', async () => {
    // the only home is the father's; the household is in another county
    const s = scenario('property-only');
    const owner = s.guardians.findIndex((g) => g.relation === 'FATHER');
    const guardians = s.guardians.map((g, i) => (i === owner ? { ...g, name: misspelt(g.name) } : g));
    const v = await verified(s, { guardians });
    expect(check(v, `guardians[${owner}].identity`)).toMatchObject({ status: 'FAILED', department: 'police' });
    expect(check(v, `guardians[${owner}].relationship`)!.status).toBe('UNAVAILABLE');
    expect(check(v, `guardians[${owner}].relationship`)!.detail).toMatch(/another name/);
    expect(v.category).not.toBe('PROPERTY_ONLY');
    expect(v.zeroProof).toBe(false);
    expect(v.missingEvidence).toContain('HOUSEHOLD_REGISTRATION');
  });

  it('where it decides nothing: shown, and the result is unchanged', async () => {
    // the father alone makes HOUSEHOLD_AND_PROPERTY (birth certificate, register head, the title)
    const s = scenario('household-and-property');
    const guardians = s.guardians.map((g) => (g.relation === 'MOTHER' ? { ...g, name: misspelt(g.name) } : g));
    const mother = guardians.findIndex((g) => g.relation === 'MOTHER');
    const v = await verified(s, { guardians });
    expect(check(v, `guardians[${mother}].identity`)).toMatchObject({ status: 'FAILED', department: 'police' });
    expect(check(v, `guardians[${1 - mother}].identity`)!.status).toBe('PASSED');
    expect(v).toMatchObject({ category: 'HOUSEHOLD_AND_PROPERTY', zeroProof: true, missingEvidence: [] });
  });

  it('the same names as the register: every identity check passes', async () => {
    const s = scenario('household-and-property');
    const v = await verified(s);
    expect(v.checks.filter((c) => c.name.endsWith('.identity')).map((c) => [c.name, c.status])).toEqual([
      ['child.identity', 'PASSED'],
      ['guardians[0].identity', 'PASSED'],
      ['guardians[1].identity', 'PASSED'],
    ]);
  });
});

// (a failed health batch can leave a sibling per-parent call retrying into the next test:
// keep these last)
describe('a department that cannot answer', () => {
  it('police down: the register checks are UNAVAILABLE, the category falls back and the family uploads the household register', async () => {
    gw.mock.setFault('police', { down: true });
    const { status, body } = await verify(scenario('household-and-property'));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const v = body.data.verifyApplication;
    expect(v.checks.find((c: any) => c.name === 'household.inCounty')).toMatchObject({ status: 'UNAVAILABLE', department: 'police' });
    expect(v).toMatchObject({
      category: 'PROPERTY_ONLY',
      zeroProof: false,
      missingEvidence: ['HOUSEHOLD_REGISTRATION'],
      registryDraft: null,
    });
  });

  it('natural resources down: HOUSEHOLD_ONLY until the title is photographed', async () => {
    gw.mock.setFault('naturalResources', { down: true });
    const { body } = await verify(scenario('household-and-property'));
    const v = body.data.verifyApplication;
    expect(v.checks.find((c: any) => c.name === 'property.title')).toMatchObject({ status: 'UNAVAILABLE', department: 'naturalResources' });
    expect(v).toMatchObject({ category: 'HOUSEHOLD_ONLY', zeroProof: false, missingEvidence: ['PROPERTY_CERTIFICATE'] });
  });

  it('health down: parents still verified through the register and the marriage; nothing missing', async () => {
    gw.mock.setFault('health', { down: true });
    const { body } = await verify(scenario('household-and-property'));
    const v = body.data.verifyApplication;
    expect(v).toMatchObject({ category: 'HOUSEHOLD_AND_PROPERTY', zeroProof: true, missingEvidence: [] });
    expect(v.checks.find((c: any) => c.name === 'guardians[1].relationship')).toMatchObject({
      status: 'PASSED',
      department: 'civilAffairs',
    });
  });
});
