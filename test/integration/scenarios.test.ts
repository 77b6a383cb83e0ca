// GET /__mock/scenarios as a developer uses it on the first day: pick a family, read who is in
// it and in what role, and send its ready ApplicationInput to verifyApplication. Every family's
// input is valid and verifies to what the listing says it should.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../mocks/data/families';
import { validateIdNumber } from '../../src/codes/idNumber';
import { countyName } from '../../src/codes/regions';
import { DEPARTMENT_HOST, startTestGateway, type TestGateway } from '../support/gateway';

const VERIFY = `query Verify($input: ApplicationInput!) {
  verifyApplication(input: $input) { applicationId category zeroProof ageEligible missingEvidence }
}`;

let gw: TestGateway;
let listing: ScenarioSummary[];
beforeAll(async () => {
  gw = await startTestGateway();
  // the same handler `npm start` serves on the mock port, here intercepted in process
  listing = (await (await fetch(`${DEPARTMENT_HOST}/__mock/scenarios`)).json()) as ScenarioSummary[];
});
afterAll(async () => gw?.close());

describe('GET /__mock/scenarios', () => {
  it('lists every named family with its county, its members and their roles', () => {
    expect(listing.map((s) => s.key)).toEqual(gw.scenarios.map((s) => s.key));
    for (const s of listing) {
      expect(s.description.length, s.key).toBeGreaterThan(20);
      expect(s.countyName, s.key).toBe(countyName(s.countyCode));
      expect(s.members[0], s.key).toMatchObject({ role: 'child', onApplication: true, idNumber: s.applicationInput.child.idNumber });
      for (const m of s.members) {
        expect(validateIdNumber(m.idNumber).ok, `${s.key} ${m.role}`).toBe(true);
        expect(m.name, `${s.key} ${m.role}`).toMatch(/[测样演]/);
        expect(m.role, s.key).toMatch(/^(child|father|mother|step-father|mother's ex-husband|guardian|father \(.*\))$/);
      }
      // the application's people are the members on it, in the same order
      const onIt = s.members.filter((m) => m.onApplication).map((m) => m.idNumber);
      expect(onIt, s.key).toEqual([s.applicationInput.child.idNumber, ...s.applicationInput.guardians.map((g) => g.idNumber)]);
      expect(s.idNumbers, s.key).toEqual({ child: onIt[0], guardians: onIt.slice(1) });
    }
  });

  it('says who a step-parent is, and names the parent the application leaves out', () => {
    const s = listing.find((x) => x.key === 'remarried-step-parent-home')!;
    expect(s.members.map((m) => [m.role, m.onApplication])).toEqual([
      ['child', true],
      ['mother', true],
      ['step-father', true],
      ['father (divorced; not on the application)', false],
    ]);
    expect(s.applicationInput.guardians.map((g) => g.relation)).toEqual(['MOTHER', 'OTHER']);
    const ex = listing.find((x) => x.key === 'divorced-ex-spouse-home')!;
    expect(ex.members.map((m) => m.role)).toEqual(['child', 'mother', "mother's ex-husband"]);
  });

  it('is empty for another data set (MOCK_DATA): its families are not the built-in ones', async () => {
    const { controlHandlers } = await import('../../mocks/handlers/control');
    const { getResponse } = await import('msw');
    const res = await getResponse(
      controlHandlers(gw.mock, () => []),
      new Request('http://mock.test/__mock/scenarios'),
    );
    expect(await res!.json()).toEqual([]);
  });
});

describe('each applicationInput, sent as it is', () => {
  it('verifies with no error to the category, zero proof and age eligibility the listing states', async () => {
    const outcomes: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const s of listing) {
      const token = await gw.token({ role: 'county_platform', county: s.countyCode, sub: `platform-${s.countyCode}` });
      const res = await gw.graphql(VERIFY, { input: s.applicationInput }, { token });
      expect(res.body.errors, s.key).toBeUndefined();
      const v = res.body.data.verifyApplication;
      outcomes[s.key] = { applicationId: v.applicationId, category: v.category, zeroProof: v.zeroProof, ageEligible: v.ageEligible };
      expected[s.key] = { applicationId: s.applicationInput.applicationId, ...s.expected };
    }
    expect(outcomes).toEqual(expected);
  }, 60_000);
});
